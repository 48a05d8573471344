import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { requirePermission } from '#app/auth/session.server.ts'
import { fill, messages, translate } from '#app/i18n/i18n.ts'
import { getLang } from '#app/i18n/lang.server.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import { closeRoundByYear, closingOverview } from '#app/rounds/closing.server.ts'
import { closeRoundSchema } from '#app/rounds/schema.ts'
import { FieldErrors, FormErrors, Money, PageHeader, StatusBadge, TableScroll } from '#app/ui/components.tsx'
import { title } from '#app/ui/meta.ts'
import { redirectWithToast } from '#app/ui/toast.server.ts'
import { parseForm, orHttpError, replyOnDomainError } from '#app/web/errors.server.ts'
import type { ApplicationStatus } from '#app/generated/prisma/enums.ts'
import { Alert, SubmitButton, Table, Tbody, Td, Tfoot, Th, Thead, Tr } from '#app/ui/nlds.tsx'

export const meta = title((m) => m.titles.rounds)

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:round:any')
  const overview = await orHttpError(request, () => closingOverview(Number(params.year)))
  const lang = await getLang(request)
  const { verdict, ...rest } = overview
  return {
    ...rest,
    refusal: verdict.ok ? null : translate(lang, verdict.reason, verdict.params),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'manage:round:any')
  const year = Number(params.year)
  const formData = await request.formData()
  const submission = await parseForm(request, formData, { schema: closeRoundSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  return replyOnDomainError(request, submission, async () => {
    await closeRoundByYear(year, submission.value.reason, user.id)
    const m = messages(await getLang(request))
    return redirectWithToast(`/beheer/rondes/${year}/afsluiting`, fill(m.roundLifecycle.closed, { year }))
  })
}

export default function CloseRound() {
  const d = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const m = useMessages()
  const t = m.roundLifecycle
  const year = d.round.year
  const [form, fields] = useForm({
    id: 'close-round',
    lastResult: actionData?.result as SubmissionResult<string[]> | undefined,
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: closeRoundSchema }),
  })
  const carry = d.policy === 'CARRY_OVER_PER_AREA'
  const fate = (cents: number) =>
    cents === 0
      ? t.nothingToMove
      : !carry
        ? t.toMunicipality
        : d.nextYear
          ? fill(t.carriedTo, { year: d.nextYear })
          : t.noNextRound
  return (
    <>
      <PageHeader title={fill(t.closeTitle, { year })} />
      <p>
        <Link to="/beheer/rondes">{t.back}</Link> ·{' '}
        <Link to={`/beheer/rondes/${year}/afsluiting`}>{fill(t.standingLink, { year })}</Link>
      </p>
      <p>{t.closeIntro}</p>

      <section className="card stack" aria-labelledby="open-grants">
        <h2 id="open-grants">{t.openGrantsTitle}</h2>
        {d.grants.length === 0 ? (
          <p data-testid="no-open-grants">{t.openGrantsNone}</p>
        ) : (
          <>
            <p>{t.openGrantsIntro}</p>
            <TableScroll>
              <Table data-testid="open-grants">
                <Thead>
                  <Tr>
                    <Th scope="col">{t.foundation}</Th>
                    <Th scope="col">{t.reference}</Th>
                    <Th scope="col">{t.title}</Th>
                    <Th scope="col">{t.area}</Th>
                    <Th scope="col">{t.status}</Th>
                    <Th scope="col" className="num">
                      {t.committed}
                    </Th>
                    <Th scope="col" className="num">
                      {t.paid}
                    </Th>
                    <Th scope="col" className="num">
                      {t.open}
                    </Th>
                  </Tr>
                </Thead>
                <Tbody>
                  {d.grants.map((g) => (
                    <Tr key={g.applicationId}>
                      <Td>{g.foundation}</Td>
                      <Td>{g.reference}</Td>
                      <Td>{g.title}</Td>
                      <Td>{g.area}</Td>
                      <Td>
                        <StatusBadge status={g.status as ApplicationStatus} />
                      </Td>
                      <Td className="num">
                        <Money cents={g.committedCents} />
                      </Td>
                      <Td className="num">
                        <Money cents={g.paidCents} />
                      </Td>
                      <Td className="num">
                        <Money cents={g.openCents} />
                      </Td>
                    </Tr>
                  ))}
                </Tbody>
                <Tfoot>
                  <Tr>
                    <Th scope="row" colSpan={7}>
                      {t.total}
                    </Th>
                    <Td className="num">
                      <Money cents={d.openCents} />
                    </Td>
                  </Tr>
                </Tfoot>
              </Table>
            </TableScroll>
          </>
        )}
      </section>

      <section className="card stack" aria-labelledby="policy">
        <h2 id="policy">{t.policyTitle}</h2>
        <p data-testid="policy">
          {fill(t.policyIs, { policy: m.scenarios.unspentShort[d.policy] })} {t.policyChange}
        </p>
        {d.grants.length > 0 ? <p className="hint">{t.availableHint}</p> : null}
        <TableScroll>
          <Table data-testid="unspent-per-wijk">
            <Thead>
              <Tr>
                <Th scope="col">{t.area}</Th>
                <Th scope="col" className="num">
                  {t.available}
                </Th>
                <Th scope="col">{t.whatHappens}</Th>
              </Tr>
            </Thead>
            <Tbody>
              {d.wijken.map((w) => (
                <Tr key={w.code}>
                  <Th scope="row">{w.name}</Th>
                  <Td className="num">
                    <Money cents={w.availableCents} />
                  </Td>
                  <Td>{fate(w.availableCents)}</Td>
                </Tr>
              ))}
            </Tbody>
            <Tfoot>
              <Tr>
                <Th scope="row">{t.total}</Th>
                <Td className="num">
                  <Money cents={d.unspentCents} />
                </Td>
                <Td>{fate(d.unspentCents)}</Td>
              </Tr>
            </Tfoot>
          </Table>
        </TableScroll>
      </section>

      <section className="card stack" aria-labelledby="confirm">
        <h2 id="confirm">{t.confirmTitle}</h2>
        {d.refusal ? (
          <Alert type="error" role="alert" data-testid="refusal">
            <p>
              {t.cannotClose} {d.refusal}
            </p>
          </Alert>
        ) : null}
        {d.round.closed ? null : (
          <Form method="post" {...getFormProps(form)} className="stack">
            <FormErrors id={form.errorId} errors={form.errors} />
            <input type="hidden" name="intent" value="close" />
            <div className="field">
              <label htmlFor={fields.reason.id}>{t.reason}</label>
              <p className="hint">{fill(t.reasonHint, { year })}</p>
              <textarea {...getTextareaProps(fields.reason)} rows={3} />
              <FieldErrors id={fields.reason.errorId} errors={fields.reason.errors} />
            </div>
            <SubmitButton variant="danger" disabled={d.refusal !== null}>
              {fill(t.closeButton, { year })}
            </SubmitButton>
          </Form>
        )}
      </section>
    </>
  )
}

import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { requirePermission } from '#app/auth/session.server.ts'
import { fill, messages, translate } from '#app/i18n/i18n.ts'
import { getLang } from '#app/i18n/lang.server.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import { closeRoundByYear, closingOverview } from '#app/rounds/closing.server.ts'
import { closeRoundSchema } from '#app/rounds/schema.ts'
import { FieldErrors, FormErrors, Money, PageHeader, StatusBadge, TableScroll } from '#app/ui/components.tsx'
import { title } from '#app/ui/meta.ts'
import { redirectWithToast } from '#app/ui/toast.server.ts'
import { orHttpError, replyOnDomainError } from '#app/web/errors.server.ts'
import type { ApplicationStatus } from '#app/generated/prisma/enums.ts'

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
  const submission = parseWithZod(formData, { schema: closeRoundSchema })
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
  const busy = useNavigation().state !== 'idle'
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
              <table className="table" data-testid="open-grants">
                <thead>
                  <tr>
                    <th scope="col">{t.foundation}</th>
                    <th scope="col">{t.reference}</th>
                    <th scope="col">{t.title}</th>
                    <th scope="col">{t.area}</th>
                    <th scope="col">{t.status}</th>
                    <th scope="col" className="num">
                      {t.committed}
                    </th>
                    <th scope="col" className="num">
                      {t.paid}
                    </th>
                    <th scope="col" className="num">
                      {t.open}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {d.grants.map((g) => (
                    <tr key={g.applicationId}>
                      <td>{g.foundation}</td>
                      <td>{g.reference}</td>
                      <td>{g.title}</td>
                      <td>{g.area}</td>
                      <td>
                        <StatusBadge status={g.status as ApplicationStatus} />
                      </td>
                      <td className="num">
                        <Money cents={g.committedCents} />
                      </td>
                      <td className="num">
                        <Money cents={g.paidCents} />
                      </td>
                      <td className="num">
                        <Money cents={g.openCents} />
                      </td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row" colSpan={7}>
                      {t.total}
                    </th>
                    <td className="num">
                      <Money cents={d.openCents} />
                    </td>
                  </tr>
                </tfoot>
              </table>
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
          <table className="table" data-testid="unspent-per-wijk">
            <thead>
              <tr>
                <th scope="col">{t.area}</th>
                <th scope="col" className="num">
                  {t.available}
                </th>
                <th scope="col">{t.whatHappens}</th>
              </tr>
            </thead>
            <tbody>
              {d.wijken.map((w) => (
                <tr key={w.code}>
                  <th scope="row">{w.name}</th>
                  <td className="num">
                    <Money cents={w.availableCents} />
                  </td>
                  <td>{fate(w.availableCents)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t.total}</th>
                <td className="num">
                  <Money cents={d.unspentCents} />
                </td>
                <td>{fate(d.unspentCents)}</td>
              </tr>
            </tfoot>
          </table>
        </TableScroll>
      </section>

      <section className="card stack" aria-labelledby="confirm">
        <h2 id="confirm">{t.confirmTitle}</h2>
        {d.refusal ? (
          <div className="alert alert-error" role="alert" data-testid="refusal">
            <p>
              {t.cannotClose} {d.refusal}
            </p>
          </div>
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
            <button type="submit" className="button button-danger" disabled={busy || d.refusal !== null}>
              {fill(t.closeButton, { year })}
            </button>
          </Form>
        )}
      </section>
    </>
  )
}

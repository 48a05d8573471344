import { getFormProps, useForm } from '@conform-to/react'
import { title } from '#app/ui/meta.ts'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { AllocationAdminNav } from '#app/allocation/admin-nav.tsx'
import { allocationParametersSchema } from '#app/allocation/parameters-schema.ts'
import { publishAllocation, publishedAllocation, simulateAllocation } from '#app/allocation/publish.server.ts'
import { requirePermission } from '#app/auth/session.server.ts'
import { parseForm, replyOnDomainError } from '#app/web/errors.server.ts'
import { fill, messages } from '#app/i18n/i18n.ts'
import { getLang } from '#app/i18n/lang.server.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import { formatMoneyPlain } from '#app/money/money.ts'
import { requireCurrentRound } from '#app/web/guards.server.ts'
import { FormErrors, Money, PageHeader, TableScroll } from '#app/ui/components.tsx'
import { TextAreaField, TextField } from '#app/ui/fields.tsx'
import { formatWeight } from '#app/ui/format.ts'
import { redirectWithToast } from '#app/ui/toast.server.ts'
import { SubmitButton, Table, Tbody, Td, Tfoot, Th, Thead, Tr } from '#app/ui/nlds.tsx'

export const meta = title((m) => m.titles.allocation)

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:allocation:any')
  const round = await requireCurrentRound(request)
  const published = await publishedAllocation(round.year)
  const priorityLine = published?.allocation?.lines.find((l) => l.area.priority)
  return {
    year: round.year,
    potCents: Number(round.potCents),
    version: published?.allocation?.version ?? null,
    defaults: {
      fixedAllowance: formatMoneyPlain(Number(round.fixedAllowanceCents)),
      priorityWeight: formatWeight(priorityLine?.weightMilli ?? 1500),
      reason: '',
    },
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'manage:allocation:any')
  const round = await requireCurrentRound(request)
  const submission = await parseForm(request, await request.formData(), { schema: allocationParametersSchema })
  if (submission.status !== 'success') return data({ result: submission.reply(), preview: null }, { status: 400 })
  const { intent, fixedAllowance, priorityWeight, reason } = submission.value
  const params = { fixedAllowanceCents: fixedAllowance, priorityWeightMilli: priorityWeight }
  if (intent === 'preview') {
    const simulation = await simulateAllocation(round.id, params)
    if (!simulation.ok)
      return data({ result: submission.reply({ formErrors: [simulation.message] }), preview: null }, { status: 400 })
    return { result: submission.reply(), preview: { lines: simulation.lines, totalCents: simulation.totalCents } }
  }
  return replyOnDomainError(
    request,
    submission,
    async () => {
      const allocation = await publishAllocation(round.id, params, user.id, reason || null)
      const m = messages(await getLang(request))
      return redirectWithToast('/beheer/verdeling', fill(m.allocation.published, { version: allocation.version }))
    },
    { preview: null },
  )
}

export default function AllocationAdmin() {
  const { year, potCents, version, defaults } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const m = useMessages()
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: defaults,
    shouldValidate: 'onBlur',
    // errors clear while typing, so none disappears (moving the button) at the click that submits
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: allocationParametersSchema }),
  })
  const preview = actionData?.preview
  return (
    <>
      <PageHeader title={`${m.allocation.adminTitle} ${year}`}>
        <p className="subtitle">
          {version ? fill(m.allocation.current, { version }) : m.allocation.none} ·{' '}
          <Link to={`/verdeling/${year}`}>{m.nav.publicAllocation}</Link>
        </p>
      </PageHeader>
      <AllocationAdminNav />
      <Form method="post" {...getFormProps(form)} className="card stack narrow-form">
        <FormErrors id={form.errorId} errors={form.errors} />
        <p>
          {m.allocation.pot}:{' '}
          <strong>
            <Money cents={potCents} />
          </strong>
        </p>
        <TextField meta={fields.fixedAllowance} label={m.allocation.fixed} inputMode="decimal" />
        <TextField
          meta={fields.priorityWeight}
          label={m.allocation.priorityWeight}
          hint={m.allocation.priorityWeightHint}
          inputMode="decimal"
        />
        {version ? <TextAreaField meta={fields.reason} label={m.allocation.reason} rows={2} /> : null}
        <div className="actions">
          <SubmitButton intent="preview" variant="secondary">
            {m.allocation.calculate}
          </SubmitButton>
          <SubmitButton intent="publish">{m.allocation.publish}</SubmitButton>
        </div>
      </Form>
      {preview ? (
        <section aria-labelledby="preview-title">
          <h2 id="preview-title">{m.allocation.preview}</h2>
          <TableScroll>
            <Table data-testid="preview">
              <Thead>
                <Tr>
                  <Th scope="col">{m.common.area}</Th>
                  <Th scope="col" className="num">
                    {m.allocation.inhabitants}
                  </Th>
                  <Th scope="col" className="num">
                    {m.allocation.weight}
                  </Th>
                  <Th scope="col" className="num">
                    {m.allocation.currentAmount}
                  </Th>
                  <Th scope="col" className="num">
                    {m.allocation.newAmount}
                  </Th>
                  <Th scope="col" className="num">
                    {m.allocation.difference}
                  </Th>
                </Tr>
              </Thead>
              <Tbody>
                {preview.lines.map((l) => (
                  <Tr key={l.areaId}>
                    <Th scope="row">{l.name}</Th>
                    <Td className="num">{l.inhabitants.toLocaleString('nl-NL')}</Td>
                    <Td className="num">{formatWeight(l.weightMilli)}</Td>
                    <Td className="num">
                      <Money cents={l.publishedCents} />
                    </Td>
                    <Td className="num">
                      <Money cents={l.totalCents} />
                    </Td>
                    <Td className={`num ${l.differenceCents < 0 ? 'negative' : ''}`}>
                      {l.differenceCents > 0 ? '+' : ''}
                      <Money cents={l.differenceCents} />
                    </Td>
                  </Tr>
                ))}
              </Tbody>
              <Tfoot>
                <Tr>
                  <Th scope="row">{m.common.total}</Th>
                  <Td />
                  <Td />
                  <Td />
                  <Td className="num">
                    <strong>
                      <Money cents={preview.totalCents} />
                    </strong>
                  </Td>
                  <Td />
                </Tr>
              </Tfoot>
            </Table>
          </TableScroll>
        </section>
      ) : null}
    </>
  )
}

import { getFormProps, useForm } from '@conform-to/react'
import { title } from '#app/ui/meta.ts'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { AllocationAdminNav } from '#app/allocation/admin-nav.tsx'
import { allocationParametersSchema } from '#app/allocation/parameters-schema.ts'
import { publishAllocation, publishedAllocation, simulateAllocation } from '#app/allocation/publish.server.ts'
import { requirePermission } from '#app/auth/session.server.ts'
import { replyOnDomainError } from '#app/web/errors.server.ts'
import { fill, messages } from '#app/i18n/i18n.ts'
import { getLang } from '#app/i18n/lang.server.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import { formatMoneyPlain } from '#app/money/money.ts'
import { requireCurrentRound } from '#app/web/guards.server.ts'
import { FormErrors, Money, PageHeader, TableScroll } from '#app/ui/components.tsx'
import { TextAreaField, TextField } from '#app/ui/fields.tsx'
import { formatWeight } from '#app/ui/format.ts'
import { redirectWithToast } from '#app/ui/toast.server.ts'

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
  const submission = parseWithZod(await request.formData(), { schema: allocationParametersSchema })
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
  const busy = useNavigation().state !== 'idle'
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
          <button type="submit" name="intent" value="preview" className="button button-secondary" disabled={busy}>
            {m.allocation.calculate}
          </button>
          <button type="submit" name="intent" value="publish" className="button" disabled={busy}>
            {m.allocation.publish}
          </button>
        </div>
      </Form>
      {preview ? (
        <section aria-labelledby="preview-title">
          <h2 id="preview-title">{m.allocation.preview}</h2>
          <TableScroll>
            <table className="table" data-testid="preview">
              <thead>
                <tr>
                  <th scope="col">{m.common.area}</th>
                  <th scope="col" className="num">
                    {m.allocation.inhabitants}
                  </th>
                  <th scope="col" className="num">
                    {m.allocation.weight}
                  </th>
                  <th scope="col" className="num">
                    {m.allocation.currentAmount}
                  </th>
                  <th scope="col" className="num">
                    {m.allocation.newAmount}
                  </th>
                  <th scope="col" className="num">
                    {m.allocation.difference}
                  </th>
                </tr>
              </thead>
              <tbody>
                {preview.lines.map((l) => (
                  <tr key={l.areaId}>
                    <th scope="row">{l.name}</th>
                    <td className="num">{l.inhabitants.toLocaleString('nl-NL')}</td>
                    <td className="num">{formatWeight(l.weightMilli)}</td>
                    <td className="num">
                      <Money cents={l.publishedCents} />
                    </td>
                    <td className="num">
                      <Money cents={l.totalCents} />
                    </td>
                    <td className={`num ${l.differenceCents < 0 ? 'negative' : ''}`}>
                      {l.differenceCents > 0 ? '+' : ''}
                      <Money cents={l.differenceCents} />
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{m.common.total}</th>
                  <td />
                  <td />
                  <td />
                  <td className="num">
                    <strong>
                      <Money cents={preview.totalCents} />
                    </strong>
                  </td>
                  <td />
                </tr>
              </tfoot>
            </table>
          </TableScroll>
        </section>
      ) : null}
    </>
  )
}

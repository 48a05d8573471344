import { getFormProps, getTextareaProps, useForm } from '@conform-to/react'
import { title } from '#app/ui/meta.ts'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { AllocationAdminNav } from '#app/allocation/admin-nav.tsx'
import { ComparisonChart } from '#app/allocation/comparison-chart.tsx'
import { replyOnDomainError } from '#app/web/errors.server.ts'
import { publishScenarioSchema } from '#app/allocation/scenario-schema.ts'
import { compareScenarios, listScenarios, publishScenario } from '#app/allocation/scenarios.server.ts'
import { requirePermission } from '#app/auth/session.server.ts'
import { fill, messages } from '#app/i18n/i18n.ts'
import { getLang } from '#app/i18n/lang.server.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import { centsFromDb } from '#app/money/bigint.ts'
import { requireCurrentRound } from '#app/web/guards.server.ts'
import { FieldErrors, FormErrors, Money, PageHeader, TableScroll } from '#app/ui/components.tsx'
import { formatDateTime, formatWeight } from '#app/ui/format.ts'
import { redirectWithToast } from '#app/ui/toast.server.ts'

export const meta = title((m) => m.titles.scenarios)

/** At most four scenarios side by side; without a choice, the two newest. */
function chosen(request: Request, fallback: string[]) {
  const ids = [...new Set(new URL(request.url).searchParams.getAll('vergelijk'))].slice(0, 4)
  return ids.length > 0 ? ids : fallback.slice(0, 2)
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:allocation:any')
  const round = await requireCurrentRound(request)
  const scenarios = await listScenarios(round.id)
  const selected = chosen(
    request,
    scenarios.map((s) => s.id),
  )
  const comparison = await compareScenarios(round.id, selected)
  return {
    year: round.year,
    potCents: centsFromDb(round.potCents),
    scenarios,
    selected: comparison.scenarios.map((s) => s.id),
    comparison,
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'manage:allocation:any')
  const round = await requireCurrentRound(request)
  const submission = parseWithZod(await request.formData(), { schema: publishScenarioSchema })
  const scenarioId = submission.payload.scenarioId
  if (submission.status !== 'success') return data({ result: submission.reply(), scenarioId }, { status: 400 })
  return replyOnDomainError(
    request,
    submission,
    async () => {
      const allocation = await publishScenario(round.id, submission.value.scenarioId, user.id, submission.value.reason)
      const m = messages(await getLang(request))
      const search = new URL(request.url).searchParams
      search.delete('index')
      const query = search.toString()
      return redirectWithToast(
        `/beheer/scenarios${query ? `?${query}` : ''}`,
        fill(m.scenarios.publishedToast, { version: allocation.version }),
      )
    },
    { scenarioId },
  )
}

function Difference({ cents }: { cents: number }) {
  return (
    <span className={cents < 0 ? 'negative' : cents > 0 ? 'positive' : undefined}>
      {cents > 0 ? '+' : ''}
      <Money cents={cents} />
    </span>
  )
}

export default function Scenarios() {
  const { year, scenarios, selected, comparison } = useLoaderData<typeof loader>()
  const m = useMessages()
  const shown = comparison.scenarios
  const computed = shown.map((s) => s.ok)
  return (
    <>
      <PageHeader title={fill(m.scenarios.title, { year })}>
        <p className="subtitle">
          {comparison.publishedVersion
            ? fill(m.allocation.current, { version: comparison.publishedVersion })
            : m.allocation.none}{' '}
          · <Link to={`/verdeling/${year}`}>{m.nav.publicAllocation}</Link>
        </p>
      </PageHeader>
      <AllocationAdminNav />
      <p className="lead">{m.scenarios.intro}</p>
      <p>
        <Link className="button" to="/beheer/scenarios/nieuw">
          {m.scenarios.new}
        </Link>
      </p>

      <h2 id="saved-title">{m.scenarios.saved}</h2>
      {scenarios.length === 0 ? (
        <p>{m.scenarios.empty}</p>
      ) : (
        <Form method="get" aria-labelledby="saved-title">
          <TableScroll>
            <table className="table" data-testid="scenario-list">
              <thead>
                <tr>
                  <th scope="col">{m.scenarios.compareColumn}</th>
                  <th scope="col">{m.scenarios.name}</th>
                  <th scope="col" className="num">
                    {m.scenarios.pot}
                  </th>
                  <th scope="col" className="num">
                    {m.scenarios.fixed}
                  </th>
                  <th scope="col" className="num">
                    {m.scenarios.priorityWeight}
                  </th>
                  <th scope="col" className="num">
                    {m.scenarios.listYear}
                  </th>
                  <th scope="col" className="num">
                    {m.scenarios.ownSettings}
                  </th>
                  <th scope="col">{m.scenarios.listUnspent}</th>
                  <th scope="col">{m.scenarios.status}</th>
                </tr>
              </thead>
              <tbody>
                {scenarios.map((s) => (
                  <tr key={s.id}>
                    <td>
                      <input
                        type="checkbox"
                        name="vergelijk"
                        value={s.id}
                        id={`cmp-${s.id}`}
                        defaultChecked={selected.includes(s.id)}
                      />
                    </td>
                    <th scope="row">
                      <label htmlFor={`cmp-${s.id}`}>{s.name}</label>
                      <div className="hint nowrap">{formatDateTime(s.createdAt)}</div>
                    </th>
                    <td className="num">
                      <Money cents={s.potCents} />
                    </td>
                    <td className="num">
                      <Money cents={s.fixedAllowanceCents} />
                    </td>
                    <td className="num">{formatWeight(s.priorityWeightMilli)}</td>
                    <td className="num">{s.inhabitantsYear}</td>
                    <td className="num">{s.settings}</td>
                    <td>{m.scenarios.unspentShort[s.unspentPolicy]}</td>
                    <td>
                      {s.publishedVersions.length
                        ? fill(m.scenarios.publishedAs, { versions: s.publishedVersions.join(', ') })
                        : m.scenarios.notPublished}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <button type="submit" className="button button-secondary">
            {m.scenarios.compare}
          </button>
        </Form>
      )}

      {shown.length > 0 ? (
        <section aria-labelledby="comparison-title">
          <h2 id="comparison-title">{m.scenarios.comparison}</h2>
          <p className="hint">{m.scenarios.comparisonHint}</p>
          {shown
            .filter((s) => !s.ok)
            .map((s) => (
              <div key={s.id} className="alert alert-error" role="alert">
                <p>
                  <strong>{s.name}</strong>: {s.message}
                </p>
              </div>
            ))}
          <TableScroll>
            <table className="table comparison" data-testid="scenario-comparison">
              <thead>
                <tr>
                  <td />
                  <th scope="col" rowSpan={2} className="num">
                    {comparison.publishedVersion
                      ? fill(m.scenarios.publishedVersion, { version: comparison.publishedVersion })
                      : m.scenarios.published}
                  </th>
                  {shown.map((s) => (
                    <th key={s.id} scope="colgroup" colSpan={2} className="num group-start">
                      {s.name}
                    </th>
                  ))}
                </tr>
                <tr>
                  <th scope="col">{m.common.area}</th>
                  {shown.map((s) => [
                    <th key={`${s.id}-a`} scope="col" className="num group-start">
                      {m.scenarios.amount}
                    </th>,
                    <th key={`${s.id}-d`} scope="col" className="num">
                      {m.scenarios.difference}
                    </th>,
                  ])}
                </tr>
              </thead>
              <tbody>
                {comparison.rows.map((row) => (
                  <tr key={row.areaId} data-area={row.code}>
                    <th scope="row">
                      {row.name}
                      {row.priority ? <span className="tag">{m.allocation.priority}</span> : null}
                    </th>
                    <td className="num">
                      <Money cents={row.publishedCents} />
                    </td>
                    {row.amounts.map((a, i) =>
                      a
                        ? [
                            <td key={`${i}-a`} className="num group-start">
                              <Money cents={a.totalCents} />
                              {a.bound ? <span className="tag tag-neutral">{m.scenarios.bound[a.bound]}</span> : null}
                            </td>,
                            <td key={`${i}-d`} className="num">
                              <Difference cents={a.differenceCents} />
                            </td>,
                          ]
                        : [
                            <td key={`${i}-a`} className="num group-start">
                              –
                            </td>,
                            <td key={`${i}-d`} className="num">
                              –
                            </td>,
                          ],
                    )}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{m.common.total}</th>
                  <td className="num">
                    <Money cents={comparison.publishedTotalCents} />
                  </td>
                  {shown.map((s, i) => [
                    <td key={`${s.id}-a`} className="num group-start">
                      <Money cents={s.totalCents} />
                    </td>,
                    <td key={`${s.id}-d`} className="num">
                      {computed[i] && s.totalCents !== null ? (
                        <Difference cents={s.totalCents - (comparison.publishedTotalCents ?? 0)} />
                      ) : (
                        '–'
                      )}
                    </td>,
                  ])}
                </tr>
              </tfoot>
            </table>
          </TableScroll>
          <ComparisonChart rows={comparison.rows} names={shown.map((s) => s.name)} maxCents={comparison.maxCents} />

          <h2>{m.scenarios.publishTitle}</h2>
          <p className="hint">{m.scenarios.publishHint}</p>
          <div className="publish-grid">
            {shown
              .filter((s) => s.ok)
              .map((s) => (
                <PublishForm key={s.id} scenario={s} />
              ))}
          </div>
        </section>
      ) : null}
    </>
  )
}

function PublishForm({ scenario }: { scenario: { id: string; name: string } }) {
  const m = useMessages()
  const actionData = useActionData<typeof action>()
  const busy = useNavigation().state !== 'idle'
  const [form, fields] = useForm({
    id: `publish-${scenario.id}`,
    lastResult: actionData?.scenarioId === scenario.id ? actionData.result : undefined,
    shouldValidate: 'onBlur',
    // Errors clear while typing, so the page does not shift between pressing and releasing the button.
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: publishScenarioSchema }),
  })
  return (
    <Form method="post" {...getFormProps(form)} className="card stack" data-testid={`publish-${scenario.name}`}>
      <h3>{scenario.name}</h3>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="scenarioId" value={scenario.id} />
      <div className="field">
        <label htmlFor={fields.reason.id}>{m.scenarios.reason}</label>
        <p className="hint" id={`${fields.reason.id}-hint`}>
          {m.scenarios.reasonHint}
        </p>
        <textarea {...getTextareaProps(fields.reason, { ariaDescribedBy: `${fields.reason.id}-hint` })} rows={2} />
        <FieldErrors id={fields.reason.errorId} errors={fields.reason.errors} />
      </div>
      <button type="submit" className="button" disabled={busy}>
        {fill(m.scenarios.publish, { name: scenario.name })}
      </button>
    </Form>
  )
}

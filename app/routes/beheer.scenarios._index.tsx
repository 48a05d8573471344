import { getFormProps, getTextareaProps, useForm } from '@conform-to/react'
import { title } from '#app/ui/meta.ts'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { AllocationAdminNav } from '#app/allocation/admin-nav.tsx'
import { ComparisonChart } from '#app/allocation/comparison-chart.tsx'
import { parseForm, replyOnDomainError } from '#app/web/errors.server.ts'
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
import { Alert, Checkbox, SubmitButton, Table, Tbody, Td, Tfoot, Th, Thead, Tr } from '#app/ui/nlds.tsx'

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
  const submission = await parseForm(request, await request.formData(), { schema: publishScenarioSchema })
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
            <Table data-testid="scenario-list">
              <Thead>
                <Tr>
                  <Th scope="col">{m.scenarios.compareColumn}</Th>
                  <Th scope="col">{m.scenarios.name}</Th>
                  <Th scope="col" className="num">
                    {m.scenarios.pot}
                  </Th>
                  <Th scope="col" className="num">
                    {m.scenarios.fixed}
                  </Th>
                  <Th scope="col" className="num">
                    {m.scenarios.priorityWeight}
                  </Th>
                  <Th scope="col" className="num">
                    {m.scenarios.listYear}
                  </Th>
                  <Th scope="col" className="num">
                    {m.scenarios.ownSettings}
                  </Th>
                  <Th scope="col">{m.scenarios.listUnspent}</Th>
                  <Th scope="col">{m.scenarios.status}</Th>
                </Tr>
              </Thead>
              <Tbody>
                {scenarios.map((s) => (
                  <Tr key={s.id}>
                    <Td>
                      <Checkbox
                        name="vergelijk"
                        value={s.id}
                        id={`cmp-${s.id}`}
                        defaultChecked={selected.includes(s.id)}
                      />
                    </Td>
                    <Th scope="row">
                      <label htmlFor={`cmp-${s.id}`}>{s.name}</label>
                      <div className="hint nowrap">{formatDateTime(s.createdAt)}</div>
                    </Th>
                    <Td className="num">
                      <Money cents={s.potCents} />
                    </Td>
                    <Td className="num">
                      <Money cents={s.fixedAllowanceCents} />
                    </Td>
                    <Td className="num">{formatWeight(s.priorityWeightMilli)}</Td>
                    <Td className="num">{s.inhabitantsYear}</Td>
                    <Td className="num">{s.settings}</Td>
                    <Td>{m.scenarios.unspentShort[s.unspentPolicy]}</Td>
                    <Td>
                      {s.publishedVersions.length
                        ? fill(m.scenarios.publishedAs, { versions: s.publishedVersions.join(', ') })
                        : m.scenarios.notPublished}
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          </TableScroll>
          <SubmitButton variant="secondary">{m.scenarios.compare}</SubmitButton>
        </Form>
      )}

      {shown.length > 0 ? (
        <section aria-labelledby="comparison-title">
          <h2 id="comparison-title">{m.scenarios.comparison}</h2>
          <p className="hint">{m.scenarios.comparisonHint}</p>
          {shown
            .filter((s) => !s.ok)
            .map((s) => (
              <Alert key={s.id} type="error" role="alert">
                <p>
                  <strong>{s.name}</strong>: {s.message}
                </p>
              </Alert>
            ))}
          <TableScroll>
            <Table className="comparison" data-testid="scenario-comparison">
              <Thead>
                <Tr>
                  <Td />
                  <Th scope="col" rowSpan={2} className="num">
                    {comparison.publishedVersion
                      ? fill(m.scenarios.publishedVersion, { version: comparison.publishedVersion })
                      : m.scenarios.published}
                  </Th>
                  {shown.map((s) => (
                    <Th key={s.id} scope="colgroup" colSpan={2} className="num group-start">
                      {s.name}
                    </Th>
                  ))}
                </Tr>
                <Tr>
                  <Th scope="col">{m.common.area}</Th>
                  {shown.map((s) => [
                    <Th key={`${s.id}-a`} scope="col" className="num group-start">
                      {m.scenarios.amount}
                    </Th>,
                    <Th key={`${s.id}-d`} scope="col" className="num">
                      {m.scenarios.difference}
                    </Th>,
                  ])}
                </Tr>
              </Thead>
              <Tbody>
                {comparison.rows.map((row) => (
                  <Tr key={row.areaId} data-area={row.code}>
                    <Th scope="row">
                      {row.name}
                      {row.priority ? <span className="tag">{m.allocation.priority}</span> : null}
                    </Th>
                    <Td className="num">
                      <Money cents={row.publishedCents} />
                    </Td>
                    {row.amounts.map((a, i) =>
                      a
                        ? [
                            <Td key={`${i}-a`} className="num group-start">
                              <Money cents={a.totalCents} />
                              {a.bound ? <span className="tag tag-neutral">{m.scenarios.bound[a.bound]}</span> : null}
                            </Td>,
                            <Td key={`${i}-d`} className="num">
                              <Difference cents={a.differenceCents} />
                            </Td>,
                          ]
                        : [
                            <Td key={`${i}-a`} className="num group-start">
                              –
                            </Td>,
                            <Td key={`${i}-d`} className="num">
                              –
                            </Td>,
                          ],
                    )}
                  </Tr>
                ))}
              </Tbody>
              <Tfoot>
                <Tr>
                  <Th scope="row">{m.common.total}</Th>
                  <Td className="num">
                    <Money cents={comparison.publishedTotalCents} />
                  </Td>
                  {shown.map((s, i) => [
                    <Td key={`${s.id}-a`} className="num group-start">
                      <Money cents={s.totalCents} />
                    </Td>,
                    <Td key={`${s.id}-d`} className="num">
                      {computed[i] && s.totalCents !== null ? (
                        <Difference cents={s.totalCents - (comparison.publishedTotalCents ?? 0)} />
                      ) : (
                        '–'
                      )}
                    </Td>,
                  ])}
                </Tr>
              </Tfoot>
            </Table>
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
      <SubmitButton>{fill(m.scenarios.publish, { name: scenario.name })}</SubmitButton>
    </Form>
  )
}

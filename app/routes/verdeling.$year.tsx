import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { langOf } from '#app/ui/meta.ts'
import { useLoaderData } from '@remix-run/react'
import { explainAllocation, formatBasisPoints, formatPoints } from '#app/allocation/explain.ts'
import { publishedAllocation } from '#app/allocation/publish.server.ts'
import { fill, messages } from '#app/i18n/i18n.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import { formatMoney } from '#app/money/money.ts'
import { Money, PageHeader, TableScroll } from '#app/ui/components.tsx'
import { formatDate, formatWeight } from '#app/ui/format.ts'
import { Table, Tbody, Td, Tfoot, Th, Thead, Tr } from '#app/ui/nlds.tsx'

export const meta: MetaFunction = ({ params, matches }) => {
  const m = messages(langOf(matches))
  return [{ title: `${m.titles.publicAllocation} ${params.year} – ${m.site.name}` }]
}

// Public page: any resident can check how the budget was divided.
export async function loader({ params }: LoaderFunctionArgs) {
  const year = Number(params.year)
  if (!Number.isInteger(year)) throw new Response('Niet gevonden', { status: 404 })
  const result = await publishedAllocation(year)
  if (!result) throw new Response('Niet gevonden', { status: 404 })
  const allocation = result.allocation
  if (!allocation) return { year, allocation: null, explanation: null, history: [] }
  // Who published is not public; the rest is.
  const { createdById: _createdBy, scenarioId: _scenarioId, ...shown } = allocation
  return {
    year,
    allocation: { ...shown, lines: allocation.lines.map(({ allocationId: _a, ...l }) => l) },
    explanation: explainAllocation(allocation.lines, allocation.potCents, allocation.fixedAllowanceCents),
    history: result.history ?? [],
  }
}

/** "€ 44.123,4567": the exact share before rounding, in euros with four decimals. */
function exactEuros(shareExact: string | null) {
  if (!shareExact) return null
  const [euros, decimals] = shareExact.split('.')
  return `€ ${Number(euros).toLocaleString('nl-NL')},${decimals}`
}

export default function PublicAllocation() {
  const { year, allocation, explanation: e, history } = useLoaderData<typeof loader>()
  const m = useMessages()
  if (!allocation || !e) {
    return (
      <>
        <PageHeader title={fill(m.allocation.publicTitle, { year })} />
        <p>{m.allocation.notPublished}</p>
      </>
    )
  }
  const total = allocation.lines.reduce((s, l) => s + l.totalCents, 0)
  const priorityWeight =
    allocation.priorityWeightMilli ?? allocation.lines.find((l) => l.area.priority)?.weightMilli ?? 1000
  const example = allocation.lines.find((l) => l.area.priority && l.bound === null) ?? allocation.lines[0]
  const exampleIndex = allocation.lines.indexOf(example)
  const bounded = allocation.lines.filter((l) => l.bound !== null)
  const pe = m.publicExplanation
  return (
    <>
      <PageHeader title={fill(m.allocation.publicTitle, { year })}>
        <p className="subtitle">
          {fill(m.allocation.version, { version: allocation.version, date: formatDate(allocation.publishedAt) })}
        </p>
      </PageHeader>
      <p className="lead">
        {fill(m.allocation.publicIntro, {
          pot: formatMoney(allocation.potCents),
          count: allocation.lines.length,
          fixed: formatMoney(allocation.fixedAllowanceCents),
        })}
      </p>

      <section aria-labelledby="how-title" className="explanation">
        <h2 id="how-title">{pe.title}</h2>
        <ol className="steps">
          <li>{fill(pe.step1, { pot: formatMoney(allocation.potCents), count: e.count })}</li>
          <li>
            {fill(pe.step2, {
              fixed: formatMoney(allocation.fixedAllowanceCents),
              count: e.count,
              fixedTotal: formatMoney(e.fixedTotalCents),
              rest: formatMoney(e.restCents),
            })}
          </li>
          <li>
            {fill(pe.step3, {
              year: allocation.inhabitantsYear ?? '–',
              weight: formatWeight(priorityWeight),
              points: formatPoints(e.totalPointsMilli),
            })}{' '}
            {fill(pe.perInhabitant, {
              amount: formatMoney(e.centsPerPoint),
              priorityAmount: formatMoney(Math.round((e.centsPerPoint * priorityWeight) / 1000)),
            })}
          </li>
          <li>
            {bounded.length === 0
              ? pe.noBounds
              : fill(pe.bounds, {
                  areas: bounded
                    .map(
                      (l) => `${l.area.name} (${l.bound === 'floor' ? pe.floor : pe.cap} ${formatMoney(l.totalCents)})`,
                    )
                    .join(', '),
                })}
            {bounded.length === 0
              ? null
              : ` ${fill(m.reporting.pool, {
                  bounded: formatMoney(e.boundedRestCents),
                  rest: formatMoney(e.restCents),
                  freeRest: formatMoney(e.freeRestCents),
                  freeCount: e.freeCount,
                  freePoints: formatPoints(e.freePointsMilli),
                  amount: formatMoney(e.centsPerPoint),
                })}`}
          </li>
          <li>{fill(pe.rounding, { count: e.roundingCents })}</li>
          <li>{allocation.unspentPolicy === 'CARRY_OVER_PER_AREA' ? pe.unspentCarry : pe.unspentReturn}</li>
        </ol>
        <div className="card example" data-testid="worked-example">
          <h3>{fill(pe.exampleTitle, { area: example.area.name })}</h3>
          <p>
            {fill(pe.example, {
              inhabitants: example.inhabitants.toLocaleString('nl-NL'),
              weight: formatWeight(example.weightMilli),
              points: formatPoints(example.inhabitants * example.weightMilli),
              share:
                e.bounded === 0
                  ? formatBasisPoints(e.shareBasisPoints[exampleIndex] ?? 0)
                  : fill(m.reporting.poolShare, {
                      share: formatBasisPoints(e.shareBasisPoints[exampleIndex] ?? 0),
                      rest: formatMoney(e.freeRestCents),
                    }),
              proportional: formatMoney(example.proportionalCents + example.roundingCents),
              fixed: formatMoney(example.fixedCents),
              exact: exactEuros(example.shareExact) ?? formatMoney(example.totalCents),
              total: formatMoney(example.totalCents),
            })}
          </p>
        </div>
      </section>

      <h2 id="lines-title">{pe.linesTitle}</h2>
      <TableScroll labelledBy="lines-title">
        <Table data-testid="allocation-lines" aria-labelledby="lines-title">
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
                {pe.shareColumn}
              </Th>
              <Th scope="col" className="num">
                {m.allocation.fixedPart}
              </Th>
              <Th scope="col" className="num">
                {m.allocation.share}
              </Th>
              <Th scope="col" className="num">
                {m.allocation.rounding}
              </Th>
              <Th scope="col" className="num">
                {m.allocation.total}
              </Th>
            </Tr>
          </Thead>
          <Tbody>
            {allocation.lines.map((l, i) => (
              <Tr key={l.areaId} data-area={l.area.code}>
                <Th scope="row">
                  {l.area.name}
                  {l.area.priority ? <span className="tag">{m.allocation.priority}</span> : null}
                  {l.bound ? <span className="tag tag-neutral">{l.bound === 'floor' ? pe.floor : pe.cap}</span> : null}
                </Th>
                <Td className="num">{l.inhabitants.toLocaleString('nl-NL')}</Td>
                <Td className="num">{formatWeight(l.weightMilli)}</Td>
                <Td className="num">
                  {e.shareBasisPoints[i] === null ? '–' : formatBasisPoints(e.shareBasisPoints[i] ?? 0)}
                </Td>
                <Td className="num">
                  <Money cents={l.fixedCents} />
                </Td>
                <Td className="num">
                  <Money cents={l.proportionalCents} />
                </Td>
                <Td className="num">{l.roundingCents ? '+ € 0,01' : ''}</Td>
                <Td className="num">
                  <strong>
                    <Money cents={l.totalCents} />
                  </strong>
                </Td>
              </Tr>
            ))}
          </Tbody>
          <Tfoot>
            <Tr>
              <Th scope="row">{m.common.total}</Th>
              <Td className="num">{allocation.lines.reduce((s, l) => s + l.inhabitants, 0).toLocaleString('nl-NL')}</Td>
              <Td />
              <Td className="num">100,00%</Td>
              <Td className="num">
                <Money cents={e.fixedTotalCents} />
              </Td>
              <Td />
              <Td className="num">{e.roundingCents ? `+ ${formatMoney(e.roundingCents)}` : ''}</Td>
              <Td className="num" data-testid="allocation-total">
                <strong>
                  <Money cents={total} />
                </strong>
              </Td>
            </Tr>
          </Tfoot>
        </Table>
      </TableScroll>

      <h2 id="history-title">{pe.historyTitle}</h2>
      <ol className="history" aria-labelledby="history-title" reversed>
        {history.map((h) => (
          <li key={h.version}>
            <strong>{fill(pe.historyVersion, { version: h.version, date: formatDate(h.publishedAt) })}</strong>
            {` (${formatMoney(h.potCents)})`}: {h.reason ?? pe.firstVersion}
          </li>
        ))}
      </ol>
    </>
  )
}

import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { fill } from '#app/i18n/i18n.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import { annualReport } from '#app/reporting/annual-report/annual-report.server.ts'
import { CityIndicatorsTable } from '#app/reporting/indicators/ui.tsx'
import { InitiativesTable } from '#app/reporting/open-data/public-table.tsx'
import { Money, PageHeader, TableScroll } from '#app/ui/components.tsx'
import { title } from '#app/ui/meta.ts'
import { Table, Tbody, Td, Th, Thead, Tr } from '#app/ui/nlds.tsx'

export const meta = title((m) => fill(m.annualReport.title, { year: '' }).trim())

// Public: the annual report "Buurtbudget <year>", generated from the data (the PDF has the same content).
export async function loader({ params }: LoaderFunctionArgs) {
  const report = await annualReport(Number(params.year))
  if (!report) throw new Response('Niet gevonden', { status: 404 })
  return report
}

export default function AnnualReportPage() {
  const d = useLoaderData<typeof loader>()
  const m = useMessages()
  const a = m.annualReport
  const r = m.reporting
  return (
    <>
      <PageHeader title={fill(a.title, { year: d.year })} />
      <p className="lead">{fill(a.intro, { year: d.year })}</p>
      <p>
        <a href={`/open-boeken/${d.year}/jaarverslag.pdf`}>{a.pdf}</a> ·{' '}
        <Link to={`/open-boeken/${d.year}`}>{r.allAreas}</Link> ·{' '}
        <Link to={`/open-boeken/${d.year}/indicatoren`}>{m.indicators.link}</Link>
      </p>
      <h2>{a.events}</h2>
      <p className="prewrap">{d.events.trim() || a.noEvents}</p>
      <h2>{a.indicators}</h2>
      <CityIndicatorsTable rows={d.city} />
      <p className="hint">{m.indicators.noCause}</p>
      <h2>{a.results}</h2>
      <p className="prewrap">{d.results.trim() || a.noEvents}</p>
      <h2>{a.measures}</h2>
      <dl className="facts" data-testid="report-totals">
        <dt>{a.pot}</dt>
        <dd>
          <Money cents={d.totals.potCents} />
        </dd>
        <dt>{a.allocatedTotal}</dt>
        <dd>
          <Money cents={d.totals.allocatedCents} />
        </dd>
        <dt>{a.grantedTotal}</dt>
        <dd>
          <Money cents={d.totals.grantedCents} />
        </dd>
        <dt>{a.paidTotal}</dt>
        <dd>
          <Money cents={d.totals.paidCents} />
        </dd>
        <dt>{a.realisedTotal}</dt>
        <dd>
          <Money cents={d.totals.realisedCents} />
        </dd>
      </dl>
      <h2>{a.perArea}</h2>
      <TableScroll>
        <Table data-testid="report-areas">
          <Thead>
            <Tr>
              <Th scope="col">{r.area}</Th>
              <Th scope="col" className="num">
                {r.allocated}
              </Th>
              <Th scope="col" className="num">
                {r.granted}
              </Th>
              <Th scope="col" className="num">
                {r.realised}
              </Th>
              <Th scope="col" className="num">
                {r.perInhabitant}
              </Th>
            </Tr>
          </Thead>
          <Tbody>
            {d.areas.map((x) => (
              <Tr key={x.code} data-area={x.code}>
                <Th scope="row">
                  {x.name}
                  {x.priority ? ` (${r.priority})` : ''}
                </Th>
                <Td className="num">
                  <Money cents={x.allocatedCents} />
                </Td>
                <Td className="num">
                  <Money cents={x.grantedCents} />
                </Td>
                <Td className="num">
                  <Money cents={x.realisedCents} />
                </Td>
                <Td className="num">
                  <Money cents={x.inhabitants > 0 ? Math.round(x.realisedCents / x.inhabitants) : 0} />
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      </TableScroll>
      <h2>{a.examples}</h2>
      <InitiativesTable initiatives={d.examples} />
    </>
  )
}

import { roundTotals } from '#app/ledger/totals.server.ts'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { redirect } from '@remix-run/node'
import { hasPermission } from '#app/auth/permissions.ts'
import { requirePermission } from '#app/auth/session.server.ts'
import { fill } from '#app/i18n/i18n.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import {
  dashboard,
  groupedRows,
  pickRound,
  roundsForPicker,
  runLedgerCheck,
  yearOnYear,
} from '#app/reporting/audit/dashboard.server.ts'
import { MoneyCells, MoneyHead, OkText, RoundPicker, Section } from '#app/reporting/audit/ui.tsx'
import { EXPORTS } from '#app/reporting/exports/names.ts'
import { Money, PageHeader, TableScroll } from '#app/ui/components.tsx'
import { formatDateTime } from '#app/ui/format.ts'
import { title } from '#app/ui/meta.ts'
import { SubmitButton, Table, Tbody, Td, Tfoot, Th, Thead, Tr } from '#app/ui/nlds.tsx'

export const meta = title((m) => m.titles.auditDashboard)

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'read:ledger:any')
  const url = new URL(request.url)
  const round = await pickRound(url.searchParams.get('round'))
  if (!round) throw new Response('Niet gevonden', { status: 404 })
  // The balance totals are read (and folded) once for the page, not once per table.
  const totals = await roundTotals(round.id)
  const [d, rounds, byCategory, byFoundation, years] = await Promise.all([
    dashboard(round.id, totals),
    roundsForPicker(),
    groupedRows(round.id, 'category', totals),
    groupedRows(round.id, 'foundation', totals),
    yearOnYear(),
  ])
  // The sample and the wijk pages show applications: linked only for who may read them (the
  // administrator reads the books but not the applications).
  const mayReadApplications = hasPermission(user.role, 'read:application:any')
  return { ...d, rounds, byCategory, byFoundation, years, mayReadApplications }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'read:ledger:any')
  const url = new URL(request.url)
  const round = await pickRound(url.searchParams.get('round'))
  if (!round) throw new Response('Niet gevonden', { status: 404 })
  // Running the check changes no money: it recomputes the books and stores the result with its time.
  await runLedgerCheck(round.id, user.id)
  return redirect(`/controle?round=${round.year}`)
}

export default function AuditDashboard() {
  const d = useLoaderData<typeof loader>()
  const m = useMessages()
  const r = m.reporting
  const year = d.round.year
  return (
    <>
      <PageHeader title={fill(r.dashboardTitle, { year })}>
        <RoundPicker rounds={d.rounds} year={year} />
      </PageHeader>
      <p>{r.dashboardIntro}</p>
      <p>
        <Link to="/controle/spoor">{r.trailLink}</Link>
        {d.mayReadApplications ? (
          <>
            {' · '}
            <Link to={`/controle/steekproef?round=${year}`}>{r.sampleLink}</Link>
          </>
        ) : null}
      </p>
      <TableScroll>
        <Table data-testid="area-money" className="table--compact">
          <Thead>
            <Tr>
              <Th scope="col">{r.area}</Th>
              <Th scope="col" className="num">
                {r.allocated}
              </Th>
              <MoneyHead />
              <Th scope="col">{r.balanced}</Th>
            </Tr>
          </Thead>
          <Tbody>
            {d.rows.map((row) => (
              <Tr key={row.areaId} data-area={row.code}>
                <Th scope="row">
                  {d.mayReadApplications ? (
                    <Link to={`/controle/wijk?round=${year}&wijk=${row.code}`}>{row.name}</Link>
                  ) : (
                    row.name
                  )}
                </Th>
                <Td className="num" data-col="allocated">
                  <Money cents={row.allocatedCents} />
                </Td>
                <MoneyCells row={row} />
                <Td>
                  <OkText ok={row.balanced} />
                </Td>
              </Tr>
            ))}
          </Tbody>
          <Tfoot>
            <Tr data-area="total">
              <Th scope="row">{r.total}</Th>
              <Td className="num" data-col="allocated">
                <Money cents={d.totals.allocatedCents} />
              </Td>
              <MoneyCells row={d.totals} />
              <Td>
                <OkText ok={d.tie.allBalanced} />
              </Td>
            </Tr>
          </Tfoot>
        </Table>
      </TableScroll>

      <Section id="tie-title" title={r.tieTitle}>
        <dl className="facts">
          <dt>{r.pot}</dt>
          <dd>
            <Money cents={d.tie.potCents} />
          </dd>
          <dt>{r.undivided}</dt>
          <dd>
            <Money cents={d.tie.undividedCents} />
          </dd>
          <dt>{r.tiesOut}</dt>
          <dd data-testid="tie-out">
            <OkText ok={d.tie.tiesOut} />
          </dd>
          <dt>{r.allocatedIsPot}</dt>
          <dd>
            <OkText ok={d.tie.allocatedIsPot} />
          </dd>
          <dt>{r.sourceIsMinusPot}</dt>
          <dd>
            <OkText ok={d.tie.sourceIsMinusPot} />
          </dd>
          <dt>{r.allBalanced}</dt>
          <dd>
            <OkText ok={d.tie.allBalanced} />
          </dd>
        </dl>
      </Section>

      <Section id="books-title" title={r.booksTitle}>
        {d.lastCheck ? (
          <>
            <p data-testid="books-last">
              {fill(r.booksLast, { date: formatDateTime(d.lastCheck.ranAt, m.lang as 'nl' | 'en') })}
            </p>
            <dl className="facts">
              <dt>{r.entries}</dt>
              <dd>{d.lastCheck.result.entries.toLocaleString('nl-NL')}</dd>
              <dt>{r.balancesMatch}</dt>
              <dd data-testid="check-balances">
                <OkText ok={d.lastCheck.result.balancesMatchEntries} />
              </dd>
              <dt>{r.sumZero}</dt>
              <dd data-testid="check-sum">
                <OkText ok={d.lastCheck.result.sumOfBalancesIsZero} />
              </dd>
              <dt>{r.sourcePot}</dt>
              <dd data-testid="check-pot">
                <OkText ok={d.lastCheck.result.sourceEqualsPot} />
              </dd>
            </dl>
          </>
        ) : (
          <p>{r.booksNever}</p>
        )}
        <Form method="post">
          <SubmitButton>{r.booksRun}</SubmitButton>
        </Form>
      </Section>

      {(
        [
          [
            'by-category',
            r.byCategory,
            d.byCategory.map((x) => ({ ...x, name: m.categories[x.key as keyof typeof m.categories] ?? x.name })),
          ],
          ['by-foundation', r.byFoundation, d.byFoundation],
        ] as const
      ).map(([id, title, rows]) => (
        <Section key={id} id={`${id}-title`} title={title}>
          <TableScroll>
            <Table data-testid={id} className="table--compact">
              <Thead>
                <Tr>
                  <Th scope="col">{id === 'by-category' ? r.category : r.foundation}</Th>
                  <MoneyHead />
                </Tr>
              </Thead>
              <Tbody>
                {rows.map((row) => (
                  <Tr key={row.key}>
                    <Th scope="row">{row.name}</Th>
                    <MoneyCells row={row} />
                  </Tr>
                ))}
              </Tbody>
            </Table>
          </TableScroll>
        </Section>
      ))}

      <Section id="years-title" title={r.yearOnYear}>
        <TableScroll>
          <Table data-testid="year-on-year">
            <Thead>
              <Tr>
                <Th scope="col">{r.year}</Th>
                <Th scope="col" className="num">
                  {r.allocated}
                </Th>
                <Th scope="col" className="num">
                  {r.granted}
                </Th>
                <Th scope="col" className="num">
                  {r.paidOut}
                </Th>
                <Th scope="col" className="num">
                  {r.realised}
                </Th>
                <Th scope="col" className="num">
                  {r.returned}
                </Th>
              </Tr>
            </Thead>
            <Tbody>
              {d.years.map((y) => (
                <Tr key={y.year}>
                  <Th scope="row">{y.year}</Th>
                  <Td className="num">
                    <Money cents={y.allocatedCents} />
                  </Td>
                  <Td className="num">
                    <Money cents={y.grantedCents} />
                  </Td>
                  <Td className="num">
                    <Money cents={y.paidOutCents} />
                  </Td>
                  <Td className="num">
                    <Money cents={y.realisedCents} />
                  </Td>
                  <Td className="num">
                    <Money cents={y.returnedCents} />
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        </TableScroll>
      </Section>

      <Section id="exports-title" title={r.exports}>
        <p>{r.exportsIntro}</p>
        <ul className="stack">
          {EXPORTS.map((name) => (
            <li key={name}>
              {r.exportNames[name]}: <a href={`/controle/export/${name}.csv?round=${year}`}>{r.csvComma}</a> ·{' '}
              <a href={`/controle/export/${name}.csv?round=${year}&sep=semicolon`}>{r.csvSemicolon}</a> ·{' '}
              <a href={`/controle/export/${name}.xlsx?round=${year}`}>{r.xlsx}</a>
            </li>
          ))}
        </ul>
      </Section>
    </>
  )
}

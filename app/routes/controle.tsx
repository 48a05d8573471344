import type { LoaderFunctionArgs } from '@remix-run/node'
import { title } from '#app/ui/meta.ts'
import { useLoaderData } from '@remix-run/react'
import { requirePermission } from '#app/auth/session.server.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import { areaMoney, checkLedger } from '#app/ledger/reports.server.ts'
import { requireCurrentRound } from '#app/rounds/rounds.server.ts'
import { Money, PageHeader } from '#app/ui/components.tsx'

export const meta = title((m) => m.titles.audit)

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'read:ledger:any')
  const round = await requireCurrentRound()
  const [rows, check] = await Promise.all([areaMoney(round.id), checkLedger(round.id)])
  const totals = rows.reduce(
    (t, r) => ({
      allocatedCents: t.allocatedCents + r.allocatedCents,
      availableCents: t.availableCents + r.availableCents,
      committedCents: t.committedCents + r.committedCents,
      paidCents: t.paidCents + r.paidCents,
      spentCents: t.spentCents + r.spentCents,
    }),
    { allocatedCents: 0, availableCents: 0, committedCents: 0, paidCents: 0, spentCents: 0 },
  )
  return { year: round.year, rows, totals, check, allBalanced: rows.every((r) => r.balanced) }
}

export default function Audit() {
  const { year, rows, totals, check, allBalanced } = useLoaderData<typeof loader>()
  const m = useMessages()
  const okText = (ok: boolean) => (
    <span className={ok ? 'ok' : 'not-ok'}>{ok ? `✓ ${m.audit.ok}` : `✗ ${m.audit.notOk}`}</span>
  )
  return (
    <>
      <PageHeader title={`${m.audit.title} ${year}`} />
      <p>{m.audit.intro}</p>
      <section className="card" aria-labelledby="books-title">
        <h2 id="books-title">{m.audit.books}</h2>
        <dl className="facts">
          <dt>{m.audit.entries}</dt>
          <dd>{check.entries}</dd>
          <dt>{m.audit.balancesMatch}</dt>
          <dd data-testid="check-balances">{okText(check.balancesMatchEntries)}</dd>
          <dt>{m.audit.sumZero}</dt>
          <dd data-testid="check-sum">{okText(check.sumOfBalancesIsZero)}</dd>
          <dt>{m.audit.sourcePot}</dt>
          <dd data-testid="check-pot">
            {okText(check.sourceEqualsPot)} (<Money cents={check.potCents} />)
          </dd>
        </dl>
      </section>
      <div className="table-scroll">
        <table className="table" data-testid="area-money">
          <thead>
            <tr>
              <th scope="col">{m.common.area}</th>
              <th scope="col" className="num">
                {m.audit.allocated}
              </th>
              <th scope="col" className="num">
                {m.audit.available}
              </th>
              <th scope="col" className="num">
                {m.audit.committed}
              </th>
              <th scope="col" className="num">
                {m.audit.paid}
              </th>
              <th scope="col" className="num">
                {m.audit.spent}
              </th>
              <th scope="col">{m.audit.check}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.areaId} data-area={r.code}>
                <th scope="row">{r.name}</th>
                <td className="num">
                  <Money cents={r.allocatedCents} />
                </td>
                <td className="num">
                  <Money cents={r.availableCents} />
                </td>
                <td className="num">
                  <Money cents={r.committedCents} />
                </td>
                <td className="num">
                  <Money cents={r.paidCents} />
                </td>
                <td className="num">
                  <Money cents={r.spentCents} />
                </td>
                <td>{okText(r.balanced)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr data-area="total">
              <th scope="row">{m.common.total}</th>
              <td className="num">
                <Money cents={totals.allocatedCents} />
              </td>
              <td className="num">
                <Money cents={totals.availableCents} />
              </td>
              <td className="num">
                <Money cents={totals.committedCents} />
              </td>
              <td className="num">
                <Money cents={totals.paidCents} />
              </td>
              <td className="num">
                <Money cents={totals.spentCents} />
              </td>
              <td>{okText(allBalanced)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </>
  )
}

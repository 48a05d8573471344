import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requirePermission } from '#app/auth/session.server.ts'
import { hasPermission } from '#app/auth/permissions.ts'
import { fill } from '#app/i18n/i18n.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import { roundReport, type ReportRow } from '#app/rounds/closing.server.ts'
import { Money, PageHeader, TableScroll } from '#app/ui/components.tsx'
import { formatDateTime } from '#app/ui/format.ts'
import { title } from '#app/ui/meta.ts'
import { orHttpError } from '#app/web/errors.server.ts'
import { Table, Tbody, Td, Tfoot, Th, Thead, Tr } from '#app/ui/nlds.tsx'

export const meta = title((m) => m.titles.rounds)

// Administrators and auditors (read:ledger:any) read where the round's money ended.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'read:ledger:any')
  const report = await orHttpError(request, () => roundReport(Number(params.year)))
  return { ...report, mayManage: hasPermission(user.role, 'manage:round:any') }
}

type Column = keyof Omit<ReportRow, 'code' | 'name'>

export default function RoundReport() {
  const d = useLoaderData<typeof loader>()
  const m = useMessages()
  const t = m.roundLifecycle
  const year = d.round.year
  const columns: { key: Column; label: string }[] = [
    { key: 'allocatedCents', label: t.allocated },
    ...(d.totals.carriedInCents > 0 ? [{ key: 'carriedInCents' as const, label: t.carriedIn }] : []),
    { key: 'spentCents', label: t.spent },
    // before the close nothing has left the round yet: those columns would only show zeros
    ...(d.round.closed
      ? [
          { key: 'returnedCents' as const, label: t.returned },
          { key: 'carriedOverCents' as const, label: t.carriedOver },
        ]
      : []),
    { key: 'stillOpenCents', label: t.stillOpen },
  ]
  return (
    <>
      <PageHeader title={fill(d.round.closed ? t.reportTitle : t.standingTitle, { year })} />
      {d.mayManage ? (
        <p>
          <Link to="/beheer/rondes">{t.back}</Link>
          {d.round.closed ? null : (
            <>
              {' · '}
              <Link to={`/beheer/rondes/${year}/sluiten`}>{fill(t.closeLink, { year })}</Link>
            </>
          )}
        </p>
      ) : null}
      <p>{d.round.closed ? t.reportIntro : t.standingIntro}</p>
      {d.closing ? (
        <dl className="card summary" data-testid="closing">
          <dt>{t.policy}</dt>
          <dd>
            {d.closing.policy === 'CARRY_OVER_PER_AREA' && d.closing.nextYear
              ? fill(t.carriedTo, { year: d.closing.nextYear })
              : m.scenarios.unspentShort[d.closing.policy]}
          </dd>
          <dt>{t.reasonGiven}</dt>
          <dd>{d.closing.reason || '–'}</dd>
          <dt>{t.closedAtLabel}</dt>
          <dd>
            {fill(t.closedOn, {
              date: formatDateTime(d.closing.closedAt, m.lang as 'nl' | 'en'),
              name: d.closing.closedBy,
            })}
          </dd>
        </dl>
      ) : null}
      <TableScroll>
        <Table data-testid="per-wijk">
          <Thead>
            <Tr>
              <Th scope="col">{t.area}</Th>
              {columns.map((c) => (
                <Th key={c.key} scope="col" className="num">
                  {c.label}
                </Th>
              ))}
            </Tr>
          </Thead>
          <Tbody>
            {d.rows.map((r) => (
              <Tr key={r.code} data-wijk={r.code}>
                <Th scope="row">{r.name}</Th>
                {columns.map((c) => (
                  <Td key={c.key} className="num" data-col={c.key}>
                    <Money cents={r[c.key]} />
                  </Td>
                ))}
              </Tr>
            ))}
          </Tbody>
          <Tfoot>
            <Tr data-wijk="total">
              <Th scope="row">{t.total}</Th>
              {columns.map((c) => (
                <Td key={c.key} className="num" data-col={c.key}>
                  <Money cents={d.totals[c.key]} />
                </Td>
              ))}
            </Tr>
          </Tfoot>
        </Table>
      </TableScroll>
      <Table data-testid="tie-out">
        <Tbody>
          <Tr>
            <Th scope="row">{t.potLine}</Th>
            <Td className="num">
              <Money cents={d.potCents} />
            </Td>
          </Tr>
          {d.totals.carriedInCents > 0 ? (
            <Tr>
              <Th scope="row">{t.carriedInLine}</Th>
              <Td className="num">
                <Money cents={d.totals.carriedInCents} />
              </Td>
            </Tr>
          ) : null}
          <Tr>
            <Th scope="row">{t.fundedLine}</Th>
            <Td className="num" data-testid="funded">
              <Money cents={d.fundedCents} />
            </Td>
          </Tr>
          <Tr>
            <Th scope="row">{t.undivided}</Th>
            <Td className="num">
              <Money cents={d.undividedCents} />
            </Td>
          </Tr>
          <Tr>
            <Th scope="row">{t.endedLine}</Th>
            <Td className="num" data-testid="ended">
              <Money cents={d.endedCents} />
            </Td>
          </Tr>
        </Tbody>
      </Table>
      <p className={d.tiesOut ? 'alert alert-success' : 'alert alert-error'} role="status" data-testid="ties-out">
        {d.tiesOut ? t.tiesOut : t.doesNotTieOut}
      </p>
    </>
  )
}

import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requirePermission } from '#app/auth/session.server.ts'
import { prisma } from '#app/db.server.ts'
import { fill } from '#app/i18n/i18n.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import { areaGrants, pickRound } from '#app/reporting/audit/dashboard.server.ts'
import { MoneyCells, MoneyHead } from '#app/reporting/audit/ui.tsx'
import { Money, PageHeader, StatusBadge, TableScroll } from '#app/ui/components.tsx'
import { title } from '#app/ui/meta.ts'
import { Table, Tbody, Td, Th, Thead, Tr } from '#app/ui/nlds.tsx'

export const meta = title((m) => m.titles.auditArea)

// /controle/wijk?round=<year>&wijk=<code>: the grants of one wijk (without a wijk: the first one).
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'read:application:any')
  const url = new URL(request.url)
  const round = await pickRound(url.searchParams.get('round'))
  if (!round) throw new Response('Niet gevonden', { status: 404 })
  const code = url.searchParams.get('wijk')
  const area = await prisma.area.findFirst({
    where: { ...(code ? { code } : {}), roundAreas: { some: { roundId: round.id } } },
    orderBy: { code: 'asc' },
    select: { id: true, code: true, name: true },
  })
  if (!area) throw new Response('Niet gevonden', { status: 404 })
  return { year: round.year, area, grants: await areaGrants(round.id, area.id) }
}

export default function AuditArea() {
  const { year, area, grants } = useLoaderData<typeof loader>()
  const m = useMessages()
  const r = m.reporting
  return (
    <>
      <PageHeader title={fill(r.areaTitle, { area: area.name, year })} />
      <p>
        <Link to={`/controle?round=${year}`}>{r.backToDashboard}</Link> ·{' '}
        <a href={`/controle/export/ledger-entries.csv?round=${year}&wijk=${area.code}`}>
          {r.exportNames['ledger-entries']} (CSV)
        </a>
      </p>
      {grants.length === 0 ? (
        <p>{r.noGrants}</p>
      ) : (
        <TableScroll>
          <Table data-testid="area-grants">
            <Thead>
              <Tr>
                <Th scope="col">{r.reference}</Th>
                <Th scope="col">{r.title}</Th>
                <Th scope="col">{r.foundation}</Th>
                <Th scope="col">{r.status}</Th>
                <Th scope="col" className="num">
                  {r.requested}
                </Th>
                <MoneyHead />
              </Tr>
            </Thead>
            <Tbody>
              {grants.map((g) => (
                <Tr key={g.id} data-reference={g.reference}>
                  <Th scope="row">
                    <Link to={`/controle/aanvragen/${g.id}`}>{g.reference}</Link>
                  </Th>
                  <Td>{g.title}</Td>
                  <Td>{g.foundation.name}</Td>
                  <Td>
                    <StatusBadge status={g.status} />
                  </Td>
                  <Td className="num">
                    <Money cents={g.requestedCents} />
                  </Td>
                  <MoneyCells row={g} />
                </Tr>
              ))}
            </Tbody>
          </Table>
        </TableScroll>
      )}
    </>
  )
}

import { Link } from '@remix-run/react'
import { useMessages } from '#app/i18n/use-messages.ts'
import { Money, TableScroll } from '#app/ui/components.tsx'
import type { PublicArea, PublicInitiative } from './open-data.server.ts'

export function AreasTable({ year, areas }: { year: number; areas: PublicArea[] }) {
  const m = useMessages()
  const r = m.reporting
  const total = (k: 'allocatedCents' | 'grantedCents' | 'paidCents' | 'realisedCents') =>
    areas.reduce((s, a) => s + a[k], 0)
  return (
    <TableScroll>
      <table className="table" data-testid="public-areas">
        <thead>
          <tr>
            <th scope="col">{r.area}</th>
            <th scope="col" className="num">
              {r.allocated}
            </th>
            <th scope="col" className="num">
              {r.granted}
            </th>
            <th scope="col" className="num">
              {r.paidOut}
            </th>
            <th scope="col" className="num">
              {r.realised}
            </th>
          </tr>
        </thead>
        <tbody>
          {areas.map((a) => (
            <tr key={a.code} data-area={a.code}>
              <th scope="row">
                <Link to={`/open-boeken/${year}/${a.code}`}>{a.name}</Link>
                {a.priority ? <span className="tag">{r.priority}</span> : null}
              </th>
              <td className="num">
                <Money cents={a.allocatedCents} />
              </td>
              <td className="num" data-col="granted">
                <Money cents={a.grantedCents} />
              </td>
              <td className="num" data-col="paid">
                <Money cents={a.paidCents} />
              </td>
              <td className="num" data-col="realised">
                <Money cents={a.realisedCents} />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{r.total}</th>
            <td className="num">
              <Money cents={total('allocatedCents')} />
            </td>
            <td className="num">
              <Money cents={total('grantedCents')} />
            </td>
            <td className="num">
              <Money cents={total('paidCents')} />
            </td>
            <td className="num">
              <Money cents={total('realisedCents')} />
            </td>
          </tr>
        </tfoot>
      </table>
    </TableScroll>
  )
}

export function InitiativesTable({ initiatives }: { initiatives: PublicInitiative[] }) {
  const m = useMessages()
  const r = m.reporting
  if (initiatives.length === 0) return <p>{r.publicNoInitiatives}</p>
  return (
    <TableScroll>
      <table className="table" data-testid="public-initiatives">
        <thead>
          <tr>
            <th scope="col">{r.title}</th>
            <th scope="col">{r.area}</th>
            <th scope="col">{r.category}</th>
            <th scope="col">{r.foundation}</th>
            <th scope="col" className="num">
              {r.granted}
            </th>
            <th scope="col" className="num">
              {r.realised}
            </th>
          </tr>
        </thead>
        <tbody>
          {initiatives.map((i) => (
            <tr key={i.reference}>
              <th scope="row">{i.title}</th>
              <td>{i.areaName}</td>
              <td>{m.categories[i.category as keyof typeof m.categories] ?? i.category}</td>
              <td>{i.foundation}</td>
              <td className="num">
                <Money cents={i.grantedCents} />
              </td>
              <td className="num">
                <Money cents={i.realisedCents} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  )
}

import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { publishedAllocation } from '#app/allocation/publish.server.ts'
import { fill } from '#app/i18n/i18n.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import { formatMoney } from '#app/money/money.ts'
import { Money, PageHeader } from '#app/ui/components.tsx'
import { formatDate, formatWeight } from '#app/ui/format.ts'

export const meta: MetaFunction = ({ params }) => [{ title: `Verdeling Buurtbudget ${params.year} – Buurtbudget Amersfoort` }]

// Public page: any resident can check how the budget was divided.
export async function loader({ params }: LoaderFunctionArgs) {
  const year = Number(params.year)
  if (!Number.isInteger(year)) throw new Response('Niet gevonden', { status: 404 })
  const result = await publishedAllocation(year)
  if (!result) throw new Response('Niet gevonden', { status: 404 })
  return { year, allocation: result.allocation }
}

export default function PublicAllocation() {
  const { year, allocation } = useLoaderData<typeof loader>()
  const m = useMessages()
  if (!allocation) {
    return (
      <>
        <PageHeader title={fill(m.allocation.publicTitle, { year })} />
        <p>{m.allocation.notPublished}</p>
      </>
    )
  }
  const total = allocation.lines.reduce((s, l) => s + l.totalCents, 0)
  return (
    <>
      <PageHeader title={fill(m.allocation.publicTitle, { year })}>
        <p className="subtitle">{fill(m.allocation.version, { version: allocation.version, date: formatDate(allocation.publishedAt) })}</p>
      </PageHeader>
      <p className="lead">
        {fill(m.allocation.publicIntro, { pot: formatMoney(allocation.potCents), count: allocation.lines.length, fixed: formatMoney(allocation.fixedAllowanceCents) })}
      </p>
      <div className="table-scroll">
        <table className="table" data-testid="allocation-lines">
          <thead>
            <tr>
              <th scope="col">{m.common.area}</th>
              <th scope="col" className="num">{m.allocation.inhabitants}</th>
              <th scope="col" className="num">{m.allocation.weight}</th>
              <th scope="col" className="num">{m.allocation.fixedPart}</th>
              <th scope="col" className="num">{m.allocation.share}</th>
              <th scope="col" className="num">{m.allocation.rounding}</th>
              <th scope="col" className="num">{m.allocation.total}</th>
            </tr>
          </thead>
          <tbody>
            {allocation.lines.map((l) => (
              <tr key={l.areaId} data-area={l.area.code}>
                <th scope="row">
                  {l.area.name}
                  {l.area.priority ? <span className="tag">{m.allocation.priority}</span> : null}
                </th>
                <td className="num">{l.inhabitants.toLocaleString('nl-NL')}</td>
                <td className="num">{formatWeight(l.weightMilli)}</td>
                <td className="num"><Money cents={l.fixedCents} /></td>
                <td className="num"><Money cents={l.proportionalCents} /></td>
                <td className="num">{l.roundingCents ? '+ € 0,01' : ''}</td>
                <td className="num"><strong><Money cents={l.totalCents} /></strong></td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{m.common.total}</th>
              <td className="num">{allocation.lines.reduce((s, l) => s + l.inhabitants, 0).toLocaleString('nl-NL')}</td>
              <td />
              <td />
              <td />
              <td />
              <td className="num" data-testid="allocation-total"><strong><Money cents={total} /></strong></td>
            </tr>
          </tfoot>
        </table>
      </div>
    </>
  )
}

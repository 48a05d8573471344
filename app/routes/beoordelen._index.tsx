import type { LoaderFunctionArgs } from '@remix-run/node'
import { title } from '#app/ui/meta.ts'
import { Link, useLoaderData } from '@remix-run/react'
import { listForStaff, reviewerAreas } from '#app/applications/review.server.ts'
import { requirePermission } from '#app/auth/session.server.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import { currentRound } from '#app/rounds/rounds.server.ts'
import { Money, PageHeader, StatusBadge } from '#app/ui/components.tsx'

export const meta = title((m) => m.titles.review)

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'read:application:area')
  const round = await currentRound()
  if (!round) return { round: null, areas: [], selected: null, applications: [] }
  const areas = await reviewerAreas(user, round.id)
  const wanted = new URL(request.url).searchParams.get('wijk')
  const selected = areas.find((a) => a.id === wanted || a.code === wanted) ?? null
  const applications = await listForStaff(user, { roundId: round.id, areaId: selected?.id })
  return { round: { year: round.year }, areas, selected, applications }
}

export default function Review() {
  const { round, areas, selected, applications } = useLoaderData<typeof loader>()
  const m = useMessages()
  return (
    <>
      <PageHeader title={m.review.title}>
        {round ? (
          <p className="subtitle">
            {m.review.round} {round.year}
          </p>
        ) : null}
      </PageHeader>
      <div className="two-columns">
        <nav aria-labelledby="areas-title" className="area-list">
          <h2 id="areas-title">{m.review.areas}</h2>
          <ul>
            <li>
              <Link to="/beoordelen" aria-current={selected ? undefined : 'page'}>
                {m.review.allAreas}
              </Link>
            </li>
            {areas.map((a) => (
              <li key={a.id}>
                <Link to={`/beoordelen?wijk=${a.code}`} aria-current={selected?.id === a.id ? 'page' : undefined}>
                  <span>{a.name}</span>
                  {a.toDecide ? (
                    <span className="count" title={m.review.toDecide}>
                      {a.toDecide}
                    </span>
                  ) : null}
                  <span className="area-money">
                    {m.review.available}: <Money cents={a.availableCents} />
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <section aria-labelledby="list-title">
          <h2 id="list-title">
            {selected ? `${selected.name}` : m.review.allAreas}
            {selected ? (
              <span className="subtitle">
                {' '}
                · {m.review.available}: <Money cents={selected.availableCents} />
              </span>
            ) : null}
          </h2>
          {applications.length === 0 ? (
            <p>{m.review.empty}</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{m.common.reference}</th>
                  <th scope="col">{m.common.title}</th>
                  <th scope="col">{m.common.foundation}</th>
                  <th scope="col">{m.common.area}</th>
                  <th scope="col">{m.common.status}</th>
                  <th scope="col" className="num">
                    {m.common.requested}
                  </th>
                  <th scope="col" className="num">
                    {m.common.awarded}
                  </th>
                </tr>
              </thead>
              <tbody>
                {applications.map((a) => (
                  <tr key={a.id}>
                    <td>{a.reference}</td>
                    <td>
                      <Link to={`/beoordelen/${a.id}`}>{a.title}</Link>
                    </td>
                    <td>{a.foundation.name}</td>
                    <td>{a.area.name}</td>
                    <td>
                      <StatusBadge status={a.status} />
                    </td>
                    <td className="num">
                      <Money cents={a.requestedCents} />
                    </td>
                    <td className="num">
                      <Money cents={a.awardedCents} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
    </>
  )
}

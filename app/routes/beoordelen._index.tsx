import type { LoaderFunctionArgs } from '@remix-run/node'
import { title } from '#app/ui/meta.ts'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { reviewerAreas } from '#app/applications/review.server.ts'
import { requirePermission } from '#app/auth/session.server.ts'
import { todayIso } from '#app/clock.server.ts'
import { fill } from '#app/i18n/i18n.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import { listForStaff, queueRounds } from '#app/review/queue.server.ts'
import { daysLeft, urgency } from '#app/review/terms.ts'
import { currentRound } from '#app/rounds/rounds.server.ts'
import { Money, PageHeader, StatusBadge } from '#app/ui/components.tsx'
import { formatDate } from '#app/ui/format.ts'

export const meta = title((m) => m.titles.review)

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'read:application:area')
  const url = new URL(request.url)
  const rounds = await queueRounds()
  const current = await currentRound()
  const wantedYear = Number(url.searchParams.get('ronde'))
  const round =
    rounds.find((r) => r.year === wantedYear) ?? (current ? { id: current.id, year: current.year } : rounds[0])
  if (!round) return { round: null, rounds, areas: [], selected: null, queue: null, today: todayIso() }
  const areas = await reviewerAreas(user, round.id)
  const wanted = url.searchParams.get('wijk')
  const selected = areas.find((a) => a.id === wanted || a.code === wanted) ?? null
  const page = Number(url.searchParams.get('pagina')) || 1
  const queue = await listForStaff(user, { roundId: round.id, areaId: selected?.id, page })
  return {
    round: { year: round.year, isCurrent: round.id === current?.id },
    rounds,
    areas,
    selected,
    queue,
    today: todayIso(),
  }
}

function Due({ today, dueOn, status }: { today: string; dueOn: string | null; status: string }) {
  const m = useMessages()
  if (!dueOn) return null
  const open = ['SUBMITTED', 'IN_REVIEW', 'INCOMPLETE'].includes(status)
  const level = open ? urgency(today, dueOn) : 'ok'
  const days = Math.abs(daysLeft(today, dueOn))
  return (
    <>
      {formatDate(dueOn)}
      {open ? (
        <>
          <br />
          {level === 'overdue' ? (
            <strong className="due-overdue">{fill(m.decide.overdue, { days })}</strong>
          ) : level === 'soon' ? (
            <strong className="due-soon">{fill(m.decide.soon, { days })}</strong>
          ) : (
            <span className="hint">{fill(m.decide.daysLeft, { days })}</span>
          )}
        </>
      ) : null}
    </>
  )
}

export default function Review() {
  const { round, rounds, areas, selected, queue, today } = useLoaderData<typeof loader>()
  const m = useMessages()
  const link = (params: Record<string, string | number | undefined>) => {
    const q = new URLSearchParams()
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v))
    return `/beoordelen${q.size ? `?${q}` : ''}`
  }
  // The current round needs no parameter (links stay /beoordelen?wijk=CODE).
  const ronde = round && !round.isCurrent ? round.year : undefined
  const base = { ronde, wijk: selected?.code }
  return (
    <>
      <PageHeader title={m.review.title}>
        {round ? (
          <p className="subtitle">
            {m.review.round} {round.year}
          </p>
        ) : null}
      </PageHeader>
      {rounds.length > 1 ? (
        <Form method="get" className="field-row">
          <div className="field">
            <label htmlFor="ronde">{m.decide.roundPick}</label>
            <select id="ronde" name="ronde" defaultValue={round?.year}>
              {rounds.map((r) => (
                <option key={r.id} value={r.year}>
                  {r.year}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button button-secondary">
            {m.decide.show}
          </button>
        </Form>
      ) : null}
      <div className="two-columns">
        <nav aria-labelledby="areas-title" className="area-list">
          <h2 id="areas-title">{m.review.areas}</h2>
          <ul>
            <li>
              <Link to={link({ ronde })} aria-current={selected ? undefined : 'page'}>
                {m.review.allAreas}
              </Link>
            </li>
            {areas.map((a) => (
              <li key={a.id}>
                <Link to={link({ ronde, wijk: a.code })} aria-current={selected?.id === a.id ? 'page' : undefined}>
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
          {!queue || queue.rows.length === 0 ? (
            <p>{m.review.empty}</p>
          ) : (
            <>
              <p className="hint">
                {fill(m.decide.pageOf, { page: queue.page, pages: queue.pages, total: queue.total })}
              </p>
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{m.common.reference}</th>
                    <th scope="col">{m.common.title}</th>
                    <th scope="col">{m.common.foundation}</th>
                    <th scope="col">{m.common.area}</th>
                    <th scope="col">{m.decide.category}</th>
                    <th scope="col" className="num">
                      {m.common.requested}
                    </th>
                    <th scope="col">{m.common.status}</th>
                    <th scope="col">{m.decide.queueOwner}</th>
                    <th scope="col">{m.decide.dueDate}</th>
                    <th scope="col" className="num">
                      {m.common.awarded}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {queue.rows.map((a) => (
                    <tr key={a.id}>
                      <td>{a.reference}</td>
                      <td>
                        <Link to={`/beoordelen/${a.id}`}>{a.title}</Link>
                      </td>
                      <td>{a.foundation.name}</td>
                      <td>{a.area.name}</td>
                      <td>{(m.categories as Record<string, string>)[a.category] ?? a.category}</td>
                      <td className="num">
                        <Money cents={a.requestedCents} />
                      </td>
                      <td>
                        <StatusBadge status={a.status} />
                      </td>
                      <td>{a.ownerName ?? '—'}</td>
                      <td>
                        <Due today={today} dueOn={a.decisionDueOn} status={a.status} />
                      </td>
                      <td className="num">
                        <Money cents={a.awardedCents} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {queue.pages > 1 ? (
                <nav
                  className="pagination"
                  aria-label={fill(m.decide.pageOf, { page: queue.page, pages: queue.pages, total: queue.total })}
                >
                  {queue.page > 1 ? (
                    <Link to={link({ ...base, pagina: queue.page - 1 })}>{m.decide.previous}</Link>
                  ) : null}{' '}
                  {queue.page < queue.pages ? (
                    <Link to={link({ ...base, pagina: queue.page + 1 })}>{m.decide.next}</Link>
                  ) : null}
                </nav>
              ) : null}
            </>
          )}
        </section>
      </div>
    </>
  )
}

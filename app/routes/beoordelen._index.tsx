import type { LoaderFunctionArgs } from '@remix-run/node'
import { title } from '#app/ui/meta.ts'
import { Form, Link, useLoaderData, useLocation } from '@remix-run/react'
import { requirePermission } from '#app/auth/session.server.ts'
import { todayIso } from '#app/clock.server.ts'
import { fill } from '#app/i18n/i18n.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import { listForStaff, queueRounds, reviewerAreas } from '#app/review/queue.server.ts'
import {
  OPEN_STATUSES,
  QUEUE_CATEGORIES,
  QUEUE_STATUSES,
  parseQueueFilter,
  queueSearch,
  type QueueFilter,
  type SortKey,
} from '#app/review/queue-filter.ts'
import { daysLeft, urgency } from '#app/review/terms.ts'
import { currentRound } from '#app/rounds/rounds.server.ts'
import { Money, PageHeader, StatusBadge, TableScroll } from '#app/ui/components.tsx'
import { formatDate } from '#app/ui/format.ts'
import type { ApplicationStatus } from '#app/generated/prisma/enums.ts'
import { Select, SubmitButton, Table, Tbody, Td, Th, Thead, Tr } from '#app/ui/nlds.tsx'

export const meta = title((m) => m.titles.review)

/** The filters side by side in equal columns (the shared .field-row lets a select grow to the full width). */
const FILTER_GRID = { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(13rem, 1fr))', gap: '0 1.5rem' }

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'read:application:area')
  const filter = parseQueueFilter(new URL(request.url).searchParams)
  const today = todayIso()
  const [rounds, current] = await Promise.all([queueRounds(), currentRound()])
  const round =
    rounds.find((r) => r.year === filter.ronde) ??
    (current ? { id: current.id, year: current.year } : (rounds[0] ?? null))
  if (!round) return { round: null, rounds, areas: [], selected: null, queue: null, today, filter, userId: user.id }
  const areas = await reviewerAreas(user, round.id)
  const selected = areas.find((a) => a.code === filter.wijk) ?? null
  // A wijk code the caller does not review is ignored (the list stays within their wijken).
  const effective: QueueFilter = { ...filter, wijk: selected?.code ?? null }
  const queue = await listForStaff(user, {
    ...effective,
    roundId: round.id,
    areaId: selected?.id,
    page: filter.pagina,
    today,
  })
  return {
    round: { year: round.year, isCurrent: round.id === current?.id },
    rounds,
    areas,
    selected,
    queue,
    today,
    filter: { ...effective, ronde: round.id === current?.id ? null : round.year, pagina: queue.page },
    userId: user.id,
    canClaim: user.role === 'REVIEWER',
  }
}

function Due({ today, dueOn, status }: { today: string; dueOn: string | null; status: ApplicationStatus }) {
  const m = useMessages()
  if (!dueOn) return <>—</>
  const open = OPEN_STATUSES.includes(status)
  const level = open ? urgency(today, dueOn) : 'ok'
  const days = daysLeft(today, dueOn)
  return (
    <>
      <span className="nowrap">{formatDate(dueOn)}</span>
      {open ? (
        <>
          <br />
          {level === 'overdue' ? (
            <strong className="due-overdue">
              <span aria-hidden="true">⚠ </span>
              {m.queue.overdueWord}: {fill(m.queue.overdueDays, { days: Math.abs(days) })}
            </strong>
          ) : level === 'soon' ? (
            <strong className="due-soon">
              <span aria-hidden="true">⏰ </span>
              {m.queue.soonWord}: {days === 0 ? m.queue.today : fill(m.queue.soonDays, { days })}
            </strong>
          ) : (
            <span className="hint">{fill(m.queue.daysLeft, { days })}</span>
          )}
        </>
      ) : null}
    </>
  )
}

export default function Review() {
  const data = useLoaderData<typeof loader>()
  const { round, rounds, areas, selected, queue, today, userId } = data
  const filter = data.filter as QueueFilter
  const canClaim = 'canClaim' in data ? data.canClaim : false
  const m = useMessages()
  const location = useLocation()
  const here = `${location.pathname}${location.search}`
  const link = (overrides: Partial<QueueFilter>) => `/beoordelen${queueSearch(filter, { pagina: 1, ...overrides })}`
  const categories = m.categories as Record<string, string>

  /** A link that sorts the queue by one column; a second click on the active one turns the direction. */
  const SortLink = ({ column, label }: { column: SortKey; label: string }) => {
    const active = filter.sorteer === column
    const next = active && filter.richting === 'op' ? 'af' : 'op'
    return (
      <Link to={link({ sorteer: column, richting: next })} aria-label={fill(m.queue.sortBy, { column: label })}>
        {label}
        {active ? (
          <>
            {' '}
            <span aria-hidden="true">{filter.richting === 'op' ? '▲' : '▼'}</span>
            <span className="visually-hidden">
              ({filter.richting === 'op' ? m.queue.ascending : m.queue.descending})
            </span>
          </>
        ) : null}
      </Link>
    )
  }
  /**
   * A column header with one sort link, or two where a column shows two facts (the initiative and
   * its foundation, the wijk and the kind): the table then fits beside the wijken at 1280 px.
   */
  const SortHeader = ({ columns, num }: { columns: [SortKey, string][]; num?: boolean }) => {
    const active = columns.some(([column]) => filter.sorteer === column)
    return (
      <Th
        scope="col"
        className={num ? 'num' : undefined}
        aria-sort={active ? (filter.richting === 'op' ? 'ascending' : 'descending') : undefined}
      >
        {columns.map(([column, label], i) => (
          <span key={column}>
            {i > 0 ? <span aria-hidden="true"> / </span> : null}
            <SortLink column={column} label={label} />
          </span>
        ))}
      </Th>
    )
  }

  return (
    <>
      <PageHeader title={m.review.title}>
        {round ? (
          <p className="subtitle">
            {m.review.round} {round.year}
          </p>
        ) : null}
      </PageHeader>
      <Form method="get" action="/beoordelen" className="card stack queue-filters" aria-labelledby="filters-title">
        <h2 id="filters-title">{m.queue.filters}</h2>
        {filter.sorteer !== 'termijn' ? <input type="hidden" name="sorteer" value={filter.sorteer} /> : null}
        {filter.richting !== 'op' ? <input type="hidden" name="richting" value={filter.richting} /> : null}
        <div className="field-row" style={FILTER_GRID}>
          {rounds.length > 1 ? (
            <div className="field">
              <label htmlFor="ronde">{m.decide.roundPick}</label>
              <Select id="ronde" name="ronde" defaultValue={round?.year}>
                {rounds.map((r) => (
                  <option key={r.id} value={r.year}>
                    {r.year}
                  </option>
                ))}
              </Select>
            </div>
          ) : null}
          <div className="field">
            <label htmlFor="q">{m.queue.search}</label>
            <input
              id="q"
              name="q"
              type="text"
              inputMode="search"
              defaultValue={filter.q}
              aria-describedby="q-hint"
              maxLength={100}
            />
            <p id="q-hint" className="hint">
              {m.queue.searchHint}
            </p>
          </div>
          <div className="field">
            <label htmlFor="status">{m.queue.status}</label>
            <Select id="status" name="status" defaultValue={filter.statuses[0] ?? ''}>
              <option value="">{m.queue.anyStatus}</option>
              {QUEUE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {m.status[s]}
                </option>
              ))}
            </Select>
          </div>
          <div className="field">
            <label htmlFor="wijk">{m.queue.area}</label>
            <Select id="wijk" name="wijk" defaultValue={filter.wijk ?? ''}>
              <option value="">{m.queue.anyArea}</option>
              {areas.map((a) => (
                <option key={a.id} value={a.code}>
                  {a.name}
                </option>
              ))}
            </Select>
          </div>
          <div className="field">
            <label htmlFor="categorie">{m.queue.category}</label>
            <Select id="categorie" name="categorie" defaultValue={filter.categorie ?? ''}>
              <option value="">{m.queue.anyCategory}</option>
              {QUEUE_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {categories[c] ?? c}
                </option>
              ))}
            </Select>
          </div>
        </div>
        <div className="field-row" style={FILTER_GRID}>
          <div className="field field-narrow">
            <label htmlFor="min">{m.queue.min}</label>
            <input id="min" name="min" type="text" inputMode="numeric" defaultValue={filter.min ?? ''} />
          </div>
          <div className="field field-narrow">
            <label htmlFor="max">{m.queue.max}</label>
            <input id="max" name="max" type="text" inputMode="numeric" defaultValue={filter.max ?? ''} />
          </div>
          <div className="field">
            <label htmlFor="termijn">{m.queue.term}</label>
            <Select id="termijn" name="termijn" defaultValue={filter.termijn ?? ''}>
              <option value="">{m.queue.anyTerm}</option>
              <option value="verstreken">{m.queue.overdue}</option>
              <option value="binnenkort">{m.queue.soon}</option>
            </Select>
          </div>
          <div className="field">
            <label htmlFor="eigenaar">{m.queue.owner}</label>
            <Select id="eigenaar" name="eigenaar" defaultValue={filter.eigenaar ?? ''}>
              <option value="">{m.queue.anyOwner}</option>
              <option value="ik">{m.queue.ownerMe}</option>
              <option value="niemand">{m.queue.ownerNobody}</option>
              <option value="iemand">{m.queue.ownerSomebody}</option>
            </Select>
          </div>
        </div>
        <div className="actions">
          <SubmitButton>{m.queue.apply}</SubmitButton>
          <Link to={round && !round.isCurrent ? `/beoordelen?ronde=${round.year}` : '/beoordelen'}>
            {m.queue.clear}
          </Link>
        </div>
      </Form>
      <div className="two-columns queue-layout">
        <nav aria-labelledby="areas-title" className="area-list">
          <h2 id="areas-title">{m.review.areas}</h2>
          <ul>
            <li>
              <Link to={link({ wijk: null })} aria-current={selected ? undefined : 'page'}>
                {m.review.allAreas}
              </Link>
            </li>
            {areas.map((a) => (
              <li key={a.id}>
                <Link to={link({ wijk: a.code })} aria-current={selected?.id === a.id ? 'page' : undefined}>
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
        {/* min-width 0: the wide table scrolls inside its column instead of widening the page */}
        <section aria-labelledby="list-title" style={{ minWidth: 0 }}>
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
            <p role="status">{m.queue.none}</p>
          ) : (
            <>
              <p className="hint" role="status" id="queue-total">
                {fill(queue.total === 1 ? m.queue.pageOfOne : m.queue.pageOf, {
                  page: queue.page,
                  pages: queue.pages,
                  total: queue.total.toLocaleString('nl-NL'),
                })}
              </p>
              <TableScroll>
                <Table aria-describedby="queue-total" className="table--compact">
                  <Thead>
                    <Tr>
                      <SortHeader columns={[['referentie', m.common.reference]]} />
                      <SortHeader
                        columns={[
                          ['titel', m.common.title],
                          ['stichting', m.common.foundation],
                        ]}
                      />
                      <SortHeader
                        columns={[
                          ['wijk', m.common.area],
                          ['soort', m.decide.category],
                        ]}
                      />
                      <SortHeader columns={[['bedrag', m.common.requested]]} num />
                      <SortHeader columns={[['status', m.common.status]]} />
                      <SortHeader columns={[['behandelaar', m.decide.queueOwner]]} />
                      <SortHeader columns={[['termijn', m.decide.dueDate]]} />
                    </Tr>
                  </Thead>
                  <Tbody>
                    {queue.rows.map((a) => (
                      <Tr key={a.id}>
                        <Td className="nowrap">{a.reference}</Td>
                        <Td>
                          <Link to={`/beoordelen/${a.id}`}>{a.title}</Link>
                          <br />
                          <span className="hint">{a.foundation.name}</span>
                        </Td>
                        <Td>
                          {a.area.name}
                          <br />
                          <span className="hint">{categories[a.category] ?? a.category}</span>
                        </Td>
                        <Td className="num">
                          <Money cents={a.requestedCents} />
                        </Td>
                        <Td>
                          <StatusBadge status={a.status} />
                        </Td>
                        <Td>
                          {a.ownerId === userId ? (
                            <>
                              <strong>{a.ownerName}</strong> ({m.queue.you})
                            </>
                          ) : (
                            (a.ownerName ?? '—')
                          )}
                          {canClaim && a.status === 'SUBMITTED' && !a.ownerId ? (
                            <Form method="post" action={`/beoordelen/${a.id}/in-behandeling`} className="inline-form">
                              <input type="hidden" name="intent" value="claim" />
                              <input type="hidden" name="terug" value={here} />
                              <SubmitButton
                                variant="secondary"
                                small
                                aria-label={fill(m.queue.claimLabel, { title: a.title })}
                              >
                                {m.queue.claim}
                              </SubmitButton>
                            </Form>
                          ) : null}
                        </Td>
                        <Td>
                          <Due today={today} dueOn={a.decisionDueOn} status={a.status} />
                        </Td>
                      </Tr>
                    ))}
                  </Tbody>
                </Table>
              </TableScroll>
              {queue.pages > 1 ? (
                <nav className="pagination" aria-label={m.ui.pagination}>
                  {queue.page > 1 ? (
                    <>
                      <Link to={link({ pagina: 1 })}>{m.queue.first}</Link>{' '}
                      <Link to={link({ pagina: queue.page - 1 })} rel="prev">
                        {m.queue.previous}
                      </Link>
                    </>
                  ) : null}{' '}
                  <span>{fill(m.ui.pageOf, { page: queue.page, pages: queue.pages })}</span>{' '}
                  {queue.page < queue.pages ? (
                    <>
                      <Link to={link({ pagina: queue.page + 1 })} rel="next">
                        {m.queue.next}
                      </Link>{' '}
                      <Link to={link({ pagina: queue.pages })}>{m.queue.last}</Link>
                    </>
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

import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { requirePermission } from '#app/auth/session.server.ts'
import { fill, messages } from '#app/i18n/i18n.ts'
import { getLang } from '#app/i18n/lang.server.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import { lastTrailCheck, runTrailCheck, searchTrail, type TrailVerdict } from '#app/reporting/audit/trail.server.ts'
import { PageHeader, TableScroll } from '#app/ui/components.tsx'
import { formatDateTime } from '#app/ui/format.ts'
import { title } from '#app/ui/meta.ts'
import { SubmitButton, Table, Tbody, Td, Th, Thead, Tr } from '#app/ui/nlds.tsx'

export const meta = title((m) => m.reporting.trailTitle)

const FILTERS = ['actor', 'entity', 'kind', 'from', 'to'] as const

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'read:audit:any')
  const url = new URL(request.url)
  const filter = Object.fromEntries(
    FILTERS.map((k) => [k, url.searchParams.get(k)?.trim() || undefined]).filter(([, v]) => v),
  ) as Record<(typeof FILTERS)[number], string | undefined>
  // A date that does not exist (2026-13-45, 2026-02-30) is not searched for: its field says why.
  const filterErrors: Partial<Record<'from' | 'to', string>> = {}
  const typed = { ...filter }
  for (const k of ['from', 'to'] as const)
    if (filter[k] && !isCalendarDay(filter[k]!)) {
      filterErrors[k] = messages(await getLang(request)).badQuery.date
      delete filter[k]
    }
  const page = Math.min(100_000, Math.max(1, Math.floor(Number(url.searchParams.get('page'))) || 1))
  const [result, check] = await Promise.all([searchTrail(filter, page), lastTrailCheck()])
  return {
    filter: { ...filter, from: typed.from, to: typed.to },
    filterErrors,
    ...result,
    check: check ? { ok: check.ok, ranAt: check.ranAt, result: check.result as unknown as TrailVerdict } : null,
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'read:audit:any')
  // Verifying writes nothing to the trail itself: it stores its result (CheckRun) with its time.
  await runTrailCheck(user.id)
  return redirect('/controle/spoor')
}

const isCalendarDay = (s: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false
  const d = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
}

export default function Trail() {
  const d = useLoaderData<typeof loader>()
  const m = useMessages()
  const r = m.reporting
  const lang = m.lang as 'nl' | 'en'
  const pages = Math.max(1, Math.ceil(d.total / d.pageSize))
  const query = (page: number) => {
    const p = new URLSearchParams(Object.entries(d.filter).filter(([, v]) => v) as [string, string][])
    p.set('page', String(page))
    return `?${p}`
  }
  const exportQuery = new URLSearchParams(Object.entries(d.filter).filter(([, v]) => v) as [string, string][])
  return (
    <>
      <PageHeader title={r.trailTitle} />
      <p>{r.trailIntro}</p>
      <section aria-labelledby="verify-title" className="card">
        <h2 id="verify-title">{r.verifyTitle}</h2>
        {d.check ? (
          <>
            <p data-testid="trail-verdict" className={d.check.ok ? 'ok' : 'not-ok'}>
              {d.check.ok
                ? fill(r.verifyOk, { rows: d.check.result.tables.reduce((s, t) => s + t.rows, 0) })
                : fill(r.verifyBroken, { count: d.check.result.problems.length })}{' '}
              ({fill(r.booksLast, { date: formatDateTime(d.check.ranAt, lang) })})
            </p>
            {d.check.result.problems.length > 0 ? (
              <ul>
                {d.check.result.problems.map((p) => (
                  <li key={`${p.table}-${p.chainSeq}-${p.problem}`}>
                    {fill(r.verifyProblem, { table: p.table, seq: p.chainSeq, problem: r.problems[p.problem] })}
                  </li>
                ))}
              </ul>
            ) : null}
          </>
        ) : (
          <p>{r.verifyNever}</p>
        )}
        <Form method="post">
          <SubmitButton>{r.verifyRun}</SubmitButton>
        </Form>
      </section>

      <Form method="get" className="filters card" aria-label={r.filter}>
        <label>
          {r.filterActor} <input name="actor" defaultValue={d.filter.actor ?? ''} />
        </label>{' '}
        <label>
          {r.filterEntity} <input name="entity" defaultValue={d.filter.entity ?? ''} />
        </label>{' '}
        <label>
          {r.filterKind} <input name="kind" defaultValue={d.filter.kind ?? ''} />
        </label>{' '}
        <label>
          {r.filterFrom}{' '}
          <input
            type="date"
            name="from"
            defaultValue={d.filter.from ?? ''}
            aria-invalid={d.filterErrors.from ? true : undefined}
            aria-describedby={d.filterErrors.from ? 'trail-from-error' : undefined}
          />
          {d.filterErrors.from ? (
            <span id="trail-from-error" className="field-errors">
              {d.filterErrors.from}
            </span>
          ) : null}
        </label>{' '}
        <label>
          {r.filterTo}{' '}
          <input
            type="date"
            name="to"
            defaultValue={d.filter.to ?? ''}
            aria-invalid={d.filterErrors.to ? true : undefined}
            aria-describedby={d.filterErrors.to ? 'trail-to-error' : undefined}
          />
          {d.filterErrors.to ? (
            <span id="trail-to-error" className="field-errors">
              {d.filterErrors.to}
            </span>
          ) : null}
        </label>{' '}
        <SubmitButton small>{r.filter}</SubmitButton>
      </Form>
      <p>
        {fill(r.results, { total: d.total })} · <a href={`/controle/export/trail.csv?${exportQuery}`}>{r.csvComma}</a> ·{' '}
        <a href={`/controle/export/trail.csv?${exportQuery}&sep=semicolon`}>{r.csvSemicolon}</a> ·{' '}
        <a href={`/controle/export/trail.xlsx?${exportQuery}`}>{r.xlsx}</a>
      </p>
      <TableScroll>
        <Table data-testid="trail">
          <Thead>
            <Tr>
              <Th scope="col">#</Th>
              <Th scope="col">{r.date}</Th>
              <Th scope="col">{r.who}</Th>
              <Th scope="col">{r.role}</Th>
              <Th scope="col">{r.ip}</Th>
              <Th scope="col">{r.what}</Th>
              <Th scope="col">{r.filterEntity}</Th>
              <Th scope="col">{r.before}</Th>
              <Th scope="col">{r.after}</Th>
              <Th scope="col">{r.description}</Th>
            </Tr>
          </Thead>
          <Tbody>
            {d.rows.map((row) => (
              <Tr key={`${row.source}-${row.chainSeq}`} data-action={row.action}>
                <Td>
                  <span title={row.hash}>
                    {row.source}:{row.chainSeq}
                  </span>
                </Td>
                <Td>{formatDateTime(row.at, lang)}</Td>
                <Td>{row.actorName ?? '–'}</Td>
                <Td>{row.actorRole ? m.roles[row.actorRole as keyof typeof m.roles] : ''}</Td>
                <Td>{row.ip}</Td>
                <Td>{row.action}</Td>
                <Td>{row.entity}</Td>
                <Td>{row.before}</Td>
                <Td>{row.after}</Td>
                <Td>
                  <code>{row.data ? JSON.stringify(row.data) : ''}</code>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      </TableScroll>
      <nav aria-label={fill(r.page, { page: d.page, pages })} className="pagination">
        {d.page > 1 ? <Link to={query(d.page - 1)}>{r.previous}</Link> : null} {fill(r.page, { page: d.page, pages })}{' '}
        {d.page < pages ? <Link to={query(d.page + 1)}>{r.next}</Link> : null}
      </nav>
    </>
  )
}

import { useMessages } from '#app/i18n/use-messages.ts'
import { useRouteLoaderData } from '@remix-run/react'
import type { ApplicationStatus } from '#app/generated/prisma/enums.ts'
import type { Lang } from '#app/i18n/i18n.ts'
import { Money, StatusBadge } from '#app/ui/components.tsx'
import { BudgetTable } from './budget-table.tsx'
import { formatDate, formatDateTime } from '#app/ui/format.ts'
import { SnapshotView, type SnapshotData } from './snapshot-view.tsx'

type Summary = {
  category: string
  description: string
  startDate: Date | string | null
  endDate: Date | string | null
  submittedAt: Date | string | null
  requestedCents: number
  awardedCents: number | null
  decisionReason: string | null
  status: ApplicationStatus
  area: { name: string }
  budgetLines: { id: string; description: string; amountCents: number }[]
  statusChanges: {
    id: string
    createdAt: Date | string
    toStatus: ApplicationStatus
    reason: string | null
    actor: { name: string }
  }[]
  /** The frozen submission (issue 5); when present, the content is shown from it, never from the live record. */
  snapshot?: unknown
}

/** What was submitted, as the foundation, the reviewer and the auditor all see it. */
export function ApplicationSummary({
  application: app,
  attachmentBase,
}: {
  application: Summary
  attachmentBase?: string
}) {
  const m = useMessages()
  const lang = (useRouteLoaderData('root') as { lang: Lang } | undefined)?.lang ?? 'nl'
  return (
    <div className="summary stack">
      <dl className="facts">
        <dt>{m.common.area}</dt>
        <dd>{app.area.name}</dd>
        <dt>{m.form.category}</dt>
        <dd>{m.categories[app.category as keyof typeof m.categories] ?? app.category}</dd>
        <dt>{m.detail.period}</dt>
        <dd>
          {formatDate(app.startDate, lang)} – {formatDate(app.endDate, lang)}
        </dd>
        <dt>{m.detail.submittedOn}</dt>
        <dd>{formatDateTime(app.submittedAt, lang) || '–'}</dd>
        <dt>{m.common.requested}</dt>
        <dd>
          <Money cents={app.requestedCents} />
        </dd>
        {app.awardedCents !== null ? (
          <>
            <dt>{m.common.awarded}</dt>
            <dd>
              <Money cents={app.awardedCents} />
            </dd>
          </>
        ) : null}
        {app.decisionReason ? (
          <>
            <dt>{m.detail.reason}</dt>
            <dd>{app.decisionReason}</dd>
          </>
        ) : null}
      </dl>
      {app.snapshot && attachmentBase ? (
        <SnapshotView snapshot={app.snapshot as SnapshotData} attachmentBase={attachmentBase} />
      ) : (
        <>
          <section>
            <h2>{m.form.description}</h2>
            <p className="prose">{app.description}</p>
          </section>
          <section>
            <h2>{m.detail.budgetLines}</h2>
            <BudgetTable
              lines={app.budgetLines}
              footer={
                <tr>
                  <th scope="row">{m.common.total}</th>
                  <td className="num">
                    <strong>
                      <Money cents={app.requestedCents} />
                    </strong>
                  </td>
                </tr>
              }
            />
          </section>
        </>
      )}
      <section>
        <h2>{m.detail.history}</h2>
        <ol className="history">
          {app.statusChanges.map((c) => (
            <li key={c.id}>
              <time dateTime={new Date(c.createdAt).toISOString()}>{formatDateTime(c.createdAt, lang)}</time>{' '}
              <StatusBadge status={c.toStatus} /> {m.detail.by} {c.actor.name}
              {c.reason ? <> — {c.reason}</> : null}
            </li>
          ))}
        </ol>
      </section>
    </div>
  )
}

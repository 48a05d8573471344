import { useRouteLoaderData } from '@remix-run/react'
import { fill, type Lang } from '#app/i18n/i18n.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import { Money } from '#app/ui/components.tsx'
import { formatDate, formatDateTime } from '#app/ui/format.ts'
import { formatSize } from './application-form.tsx'
import { BudgetTable } from './budget-table.tsx'

/** The frozen snapshot as stored in Application.snapshot (see buildSnapshot in applications.server.ts). */
export type SnapshotData = {
  reference: string
  title: string
  category: string
  area: { code: string; name: string }
  location: string
  startDate: string | null
  endDate: string | null
  description: string
  goal: string
  targetGroup: string
  expectedParticipants: number | null
  support: string
  ownContribution: string
  partners: string
  permits: string
  budgetLines: { description: string; amountCents: number }[]
  totalCents: number
  otherIncomeCents: number
  otherIncomeNote: string
  requestedCents: number
  advancePercent: number | null
  declarationTrue: boolean
  declarationPublish: boolean
  attachments: { id: string; kind: string; filename: string; contentType: string; sizeBytes: number; sha256: string }[]
  foundation: {
    name: string
    kvkNumber: string
    iban: string
    accountHolder: string
    contactName: string
    email: string
    phone: string | null
    verified: boolean
  }
  submittedAt: string
  decisionDueOn: string
}

/**
 * Exactly what was submitted, as the reviewer judges it and the auditor sees it later. Rendered only
 * from the frozen snapshot, never from the live record.
 */
export function SnapshotView({ snapshot: s, attachmentBase }: { snapshot: SnapshotData; attachmentBase: string }) {
  const m = useMessages()
  const lang = (useRouteLoaderData('root') as { lang: Lang } | undefined)?.lang ?? 'nl'
  const text = (label: string, value: string | number | null) => (
    <>
      <dt>{label.replace(/ \((niet verplicht|optional)\)$/, '')}</dt>
      <dd className="prose">{value === null || value === '' ? '–' : value}</dd>
    </>
  )
  return (
    <section className="snapshot stack" data-testid="snapshot" aria-labelledby="snapshot-title">
      <h2 id="snapshot-title">{m.intake.snapshotTitle}</h2>
      <p className="hint">{fill(m.intake.snapshotIntro, { date: formatDateTime(s.submittedAt, lang) })}</p>
      <dl className="facts">
        {text(m.form.title, s.title)}
        {text(m.form.category, m.categories[s.category as keyof typeof m.categories] ?? s.category)}
        {text(m.common.area, s.area.name)}
        {text(m.intake.location, s.location)}
        <dt>{m.detail.period}</dt>
        <dd>
          {formatDate(s.startDate, lang)} – {formatDate(s.endDate, lang)}
        </dd>
        {text(m.form.description, s.description)}
        {text(m.intake.goal, s.goal)}
        {text(m.intake.targetGroup, s.targetGroup)}
        {text(m.intake.expectedParticipants, s.expectedParticipants)}
        {text(m.intake.support, s.support)}
        {text(m.intake.ownContribution, s.ownContribution)}
        {text(m.intake.partners, s.partners)}
        {text(m.intake.permits, s.permits)}
      </dl>
      <h3>{m.detail.budgetLines}</h3>
      <BudgetTable
        lines={s.budgetLines}
        footer={
          <>
            <tr>
              <th scope="row">{m.intake.totalCosts}</th>
              <td className="num">
                <Money cents={s.totalCents} />
              </td>
            </tr>
            <tr>
              <th scope="row">
                {m.intake.otherIncome.replace(/ \(.*\)$/, '')}
                {s.otherIncomeNote ? ` (${s.otherIncomeNote})` : ''}
              </th>
              <td className="num">
                <Money cents={s.otherIncomeCents} />
              </td>
            </tr>
            <tr>
              <th scope="row">{m.form.requested}</th>
              <td className="num">
                <strong>
                  <Money cents={s.requestedCents} />
                </strong>
              </td>
            </tr>
          </>
        }
      />
      <dl className="facts">
        {text(m.intake.advancePercent, s.advancePercent === null ? null : `${s.advancePercent}%`)}
        <dt>{m.intake.decisionDue}</dt>
        <dd>{formatDate(s.decisionDueOn, lang)}</dd>
      </dl>
      <h3>{m.intake.attachments}</h3>
      {s.attachments.length ? (
        <ul className="attachments">
          {s.attachments.map((a) => (
            <li key={a.id}>
              <span className="badge">{m.intake.kinds[a.kind as keyof typeof m.intake.kinds] ?? a.kind}</span>{' '}
              <a href={`${attachmentBase}/${a.id}`}>{a.filename}</a>{' '}
              <span className="hint">
                ({formatSize(a.sizeBytes)}, SHA-256 {a.sha256.slice(0, 12)}…)
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p>{m.intake.noAttachments}</p>
      )}
      <h3>{m.intake.foundationData}</h3>
      <dl className="facts">
        {text(
          m.common.foundation,
          `${s.foundation.name} (${s.foundation.verified ? m.intake.verified : m.intake.notVerified})`,
        )}
        {text(m.intake.kvk, s.foundation.kvkNumber)}
        {text(m.intake.iban, `${s.foundation.iban} · ${s.foundation.accountHolder}`)}
        {text(
          m.intake.contact,
          [s.foundation.contactName, s.foundation.email, s.foundation.phone].filter(Boolean).join(' · '),
        )}
      </dl>
      <h3>{m.intake.declarations}</h3>
      <ul className="declarations">
        <li>
          {s.declarationTrue ? '✔' : '✘'} {m.intake.declarationTrue}
        </li>
        <li>
          {s.declarationPublish ? '✔' : '✘'} {m.intake.declarationPublish}
        </li>
      </ul>
    </section>
  )
}

/** The questions for missing information and their answers, for both sides. */
export function InformationRequests({
  requests,
  attachments,
  attachmentBase,
}: {
  requests: {
    id: string
    question: string
    dueOn: Date | string
    askedAt: Date | string
    answer: string | null
    answeredAt: Date | string | null
  }[]
  attachments: { id: string; filename: string; infoRequestId: string | null; sizeBytes: number }[]
  attachmentBase: string
}) {
  const m = useMessages()
  const lang = (useRouteLoaderData('root') as { lang: Lang } | undefined)?.lang ?? 'nl'
  if (!requests.length) return null
  return (
    <section className="stack" data-testid="information-requests">
      <h2>{m.intake.questions}</h2>
      {requests.map((r) => (
        <div key={r.id} className="card stack">
          <p className="hint">
            {fill(m.intake.questionAsked, { date: formatDate(r.askedAt, lang), due: formatDate(r.dueOn, lang) })}
          </p>
          <p className="prose">
            <strong>{m.intake.questionTitle}:</strong> {r.question}
          </p>
          {r.answer ? (
            <>
              <p className="prose">
                <strong>{fill(m.intake.answerOn, { date: formatDateTime(r.answeredAt, lang) })}:</strong> {r.answer}
              </p>
              <ul className="attachments">
                {attachments
                  .filter((a) => a.infoRequestId === r.id)
                  .map((a) => (
                    <li key={a.id}>
                      <a href={`${attachmentBase}/${a.id}`}>{a.filename}</a>{' '}
                      <span className="hint">({formatSize(a.sizeBytes)})</span>
                    </li>
                  ))}
              </ul>
            </>
          ) : (
            <p>{m.intake.noAnswer}</p>
          )}
        </div>
      ))}
    </section>
  )
}

import type { ReactNode } from 'react'
import type { ApplicationStatus } from '#app/generated/prisma/enums.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import { formatMoney } from '#app/money/money.ts'

export function Money({ cents }: { cents: number | null | undefined }) {
  // The spaces around keep an amount a word of its own for a screen reader ("€ 5.000,00 minimum").
  return (
    <>
      {' '}
      <span className="money">{cents === null || cents === undefined ? '–' : formatMoney(cents)}</span>{' '}
    </>
  )
}

export function StatusBadge({ status }: { status: ApplicationStatus }) {
  const m = useMessages()
  return (
    <>
      {' '}
      <span className={`badge badge-${status.toLowerCase()}`}>{m.status[status]}</span>{' '}
    </>
  )
}

/** Errors of one field, tied to the input with aria-describedby through `id`. */
export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null
  return (
    <ul id={id} className="field-errors">
      {errors.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </ul>
  )
}

export function FormErrors({ id, errors }: { id?: string; errors?: string[] | null }) {
  if (!errors?.length) return null
  return (
    <div id={id} className="alert alert-error" role="alert">
      {errors.map((e) => (
        <p key={e}>{e}</p>
      ))}
    </div>
  )
}

export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="page-header">
      <h1>{title}</h1>
      {children}
    </div>
  )
}

import type { ReactNode } from 'react'
import type { ApplicationStatus } from '#app/generated/prisma/enums.ts'
import { useLang, useMessages } from '#app/i18n/use-messages.ts'
import { localizeValidation } from '#app/i18n/validation.ts'
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
  // the browser's own check (Conform) gives the schema's Dutch: shown in the user's language (0047)
  const lang = useLang()
  if (!errors?.length) return null
  return (
    <ul id={id} className="field-errors">
      {errors.map((e) => (
        <li key={e}>{localizeValidation(lang, e)}</li>
      ))}
    </ul>
  )
}

export function FormErrors({ id, errors }: { id?: string; errors?: string[] | null }) {
  const lang = useLang()
  if (!errors?.length) return null
  return (
    <div id={id} className="alert alert-error" role="alert">
      {errors.map((e) => (
        <p key={e}>{localizeValidation(lang, e)}</p>
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

/**
 * The box a wide table scrolls in, so the page itself reflows at 320 px (WCAG 1.4.10). A scrolling
 * box must be reachable by the keyboard to scroll it (axe scrollable-region-focusable, WCAG 2.1.1):
 * it is a focus stop and a named region. Every wide table sits in one.
 */
export function TableScroll({
  label,
  labelledBy,
  children,
}: {
  /** The region's name; or `labelledBy`, the id of the heading above the table. */
  label?: string
  labelledBy?: string
  children: ReactNode
}) {
  const m = useMessages()
  return (
    <div
      className="table-scroll"
      role="region"
      // A scrolling box must take the focus to be scrolled by keyboard (WCAG 2.1.1; axe
      // scrollable-region-focusable); the rule's own documentation names this exception.
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
      tabIndex={0}
      aria-labelledby={labelledBy}
      aria-label={labelledBy ? undefined : (label ?? m.ui.table)}
    >
      {children}
    </div>
  )
}

import { TableScroll } from './components.tsx'
import { Link, useNavigation, useSearchParams } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useMessages } from '#app/i18n/use-messages.ts'
import { FieldErrors } from '#app/ui/components.tsx'

/**
 * The portal's shared components on NL Design System CSS (@utrecht/component-library-css); the
 * municipality's look comes from app/ui/theme-amersfoort.css (docs/decisions/0017-nl-design-system.md).
 */

export function Alert({
  type = 'info',
  role,
  children,
}: {
  type?: 'info' | 'ok' | 'warning' | 'error'
  role?: 'status' | 'alert'
  children: ReactNode
}) {
  const legacy = { info: 'alert-info', ok: 'alert-success', warning: 'alert-warning', error: 'alert-error' }[type]
  return (
    <div className={`utrecht-alert utrecht-alert--${type} alert ${legacy}`} role={role}>
      {children}
    </div>
  )
}

/**
 * A submit button that shows "busy" only while ITS form is on its way: the navigation's action and
 * intent must be this button's, so a second form on the page keeps its own state.
 */
export function SubmitButton({
  children,
  action,
  intent,
  variant = 'primary',
  className,
}: {
  children: ReactNode
  /** The form's action (defaults to the current address). */
  action?: string
  intent?: string
  variant?: 'primary' | 'secondary'
  className?: string
}) {
  const navigation = useNavigation()
  const m = useMessages()
  const pending =
    navigation.state === 'submitting' &&
    (!action || navigation.formAction === action) &&
    (intent === undefined || navigation.formData?.get('intent') === intent)
  return (
    <button
      type="submit"
      name={intent === undefined ? undefined : 'intent'}
      value={intent}
      aria-disabled={pending || undefined}
      className={`utrecht-button utrecht-button--${variant}-action${pending ? ' utrecht-button--busy' : ''} button${
        variant === 'secondary' ? ' button-secondary' : ''
      } ${className ?? ''}`}
      onClick={(e) => {
        if (pending) e.preventDefault()
      }}
    >
      {children}
      {pending ? <span className="visually-hidden"> {m.ui.busy}</span> : null}
    </button>
  )
}

export function SelectField({
  name,
  id,
  label,
  options,
  defaultValue,
  errors,
  hint,
}: {
  name: string
  id: string
  label: string
  options: { value: string; label: string }[]
  defaultValue?: string
  errors?: string[]
  hint?: string
}) {
  const described = [hint ? `${id}-hint` : '', errors?.length ? `${id}-error` : ''].filter(Boolean).join(' ')
  return (
    <div className={`utrecht-form-field field${errors?.length ? ' utrecht-form-field--invalid' : ''}`}>
      <label className="utrecht-form-label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <p className="utrecht-form-field-description hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <select
        className="utrecht-select utrecht-select--html-select"
        id={id}
        name={name}
        defaultValue={defaultValue}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={described || undefined}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldErrors id={`${id}-error`} errors={errors} />
    </div>
  )
}

export function CheckboxField({
  name,
  id,
  label,
  defaultChecked,
  value = 'on',
  errors,
}: {
  name: string
  id: string
  label: ReactNode
  defaultChecked?: boolean
  value?: string
  errors?: string[]
}) {
  return (
    <div className="utrecht-form-field utrecht-form-field--checkbox field field-checkbox">
      <input
        className="utrecht-checkbox utrecht-checkbox--html-input"
        type="checkbox"
        id={id}
        name={name}
        value={value}
        defaultChecked={defaultChecked}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? `${id}-error` : undefined}
      />
      <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor={id}>
        {label}
      </label>
      <FieldErrors id={`${id}-error`} errors={errors} />
    </div>
  )
}

export function RadioGroup({
  name,
  legend,
  options,
  defaultValue,
  errors,
}: {
  name: string
  legend: string
  options: { value: string; label: string }[]
  defaultValue?: string
  errors?: string[]
}) {
  return (
    <fieldset className="utrecht-form-fieldset field" aria-describedby={errors?.length ? `${name}-error` : undefined}>
      <legend className="utrecht-form-fieldset__legend utrecht-form-label">{legend}</legend>
      {options.map((o) => (
        <div key={o.value} className="utrecht-form-field utrecht-form-field--radio">
          <input
            className="utrecht-radio-button utrecht-radio-button--html-input"
            type="radio"
            id={`${name}-${o.value}`}
            name={name}
            value={o.value}
            defaultChecked={defaultValue === o.value}
          />
          <label className="utrecht-form-label utrecht-form-label--radio" htmlFor={`${name}-${o.value}`}>
            {o.label}
          </label>
        </div>
      ))}
      <FieldErrors id={`${name}-error`} errors={errors} />
    </fieldset>
  )
}

export type Column<Row> = {
  key: string
  header: string
  cell: (row: Row) => ReactNode
  /** A value to sort by; columns without one are not sortable. */
  sortValue?: (row: Row) => string | number | null
  numeric?: boolean
}

/**
 * A table with sorting and pagination driven by the address (?sort=key&dir=asc&page=2), so both
 * work without JavaScript: the headers and page links are plain links.
 */
export function DataTable<Row>({
  rows,
  columns,
  rowKey,
  pageSize = 25,
  caption,
}: {
  rows: Row[]
  columns: Column<Row>[]
  rowKey: (row: Row) => string
  pageSize?: number
  caption?: string
}) {
  const m = useMessages()
  const [params] = useSearchParams()
  const sortKey = params.get('sort')
  const dir = params.get('dir') === 'desc' ? 'desc' : 'asc'
  const column = columns.find((c) => c.key === sortKey && c.sortValue)
  const sorted = column
    ? [...rows].sort((a, b) => {
        const x = column.sortValue!(a) ?? ''
        const y = column.sortValue!(b) ?? ''
        const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'nl')
        return dir === 'asc' ? order : -order
      })
    : rows
  const pages = Math.max(1, Math.ceil(sorted.length / pageSize))
  const page = Math.min(pages, Math.max(1, Number(params.get('page')) || 1))
  const shown = sorted.slice((page - 1) * pageSize, page * pageSize)
  const href = (change: Record<string, string>) => {
    const next = new URLSearchParams(params)
    for (const [k, v] of Object.entries(change)) next.set(k, v)
    return `?${next.toString()}`
  }
  return (
    <>
      <TableScroll label={caption}>
        <table className="utrecht-table utrecht-table--html-table table">
          {caption ? <caption className="utrecht-table__caption visually-hidden">{caption}</caption> : null}
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              {columns.map((c) => {
                const active = column?.key === c.key
                return (
                  <th
                    key={c.key}
                    scope="col"
                    className={`utrecht-table__header-cell${c.numeric ? ' utrecht-table__header-cell--numeric num' : ''}`}
                    aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}
                  >
                    {c.sortValue ? (
                      <Link
                        to={href({ sort: c.key, dir: active && dir === 'asc' ? 'desc' : 'asc', page: '1' })}
                        preventScrollReset
                      >
                        {c.header}
                        <span className="visually-hidden">
                          {' '}
                          ({active ? (dir === 'asc' ? m.ui.sortedAsc : m.ui.sortedDesc) : m.ui.sortable})
                        </span>
                      </Link>
                    ) : (
                      c.header
                    )}
                  </th>
                )
              })}
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {shown.map((row) => (
              <tr key={rowKey(row)} className="utrecht-table__row">
                {columns.map((c) => (
                  <td
                    key={c.key}
                    className={`utrecht-table__cell${c.numeric ? ' utrecht-table__cell--numeric num' : ''}`}
                  >
                    {c.cell(row)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {pages > 1 ? (
        <nav aria-label={m.ui.pagination} className="pagination">
          {page > 1 ? <Link to={href({ page: String(page - 1) })}>{m.ui.previous}</Link> : null}{' '}
          <span>{m.ui.pageOf.replace('{page}', String(page)).replace('{pages}', String(pages))}</span>{' '}
          {page < pages ? <Link to={href({ page: String(page + 1) })}>{m.ui.next}</Link> : null}
        </nav>
      ) : null}
    </>
  )
}

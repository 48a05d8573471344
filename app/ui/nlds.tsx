import { TableScroll } from './components.tsx'
import { Link, useNavigation, useSearchParams } from '@remix-run/react'
import { useRef } from 'react'
import type {
  ButtonHTMLAttributes,
  HTMLAttributes,
  InputHTMLAttributes,
  ReactNode,
  SelectHTMLAttributes,
  TableHTMLAttributes,
  TdHTMLAttributes,
  ThHTMLAttributes,
} from 'react'
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
  className,
  ...rest
}: {
  type?: 'info' | 'ok' | 'warning' | 'error'
  role?: 'status' | 'alert'
  children: ReactNode
} & Omit<HTMLAttributes<HTMLDivElement>, 'role' | 'children'>) {
  const legacy = { info: 'alert-info', ok: 'alert-success', warning: 'alert-warning', error: 'alert-error' }[type]
  return (
    <div
      {...rest}
      className={`utrecht-alert utrecht-alert--${type} alert ${legacy}${className ? ` ${className}` : ''}`}
      role={role}
    >
      {children}
    </div>
  )
}

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'link'

function buttonClass(variant: ButtonVariant, small: boolean | undefined, busy: boolean, extra: string | undefined) {
  const base =
    variant === 'link'
      ? 'utrecht-link-button utrecht-link-button--html-button link-button'
      : `utrecht-button utrecht-button--${variant === 'danger' ? 'primary-action utrecht-button--danger' : `${variant}-action`} button${
          variant === 'primary' ? '' : ` button-${variant}`
        }`
  return `${base}${small ? ' button-small' : ''}${busy ? ' utrecht-button--busy' : ''}${extra ? ` ${extra}` : ''}`
}

type ButtonProps = {
  variant?: ButtonVariant
  /** The compact size, for buttons in a table row or beside a field. */
  small?: boolean
} & Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type'>

/** A button that does not submit (it runs a script or opens something on the page). */
export function Button({ variant = 'primary', small, className, children, ...rest }: ButtonProps) {
  return (
    <button {...rest} type="button" className={buttonClass(variant, small, false, className)}>
      {children}
    </button>
  )
}

/**
 * A submit button that shows "busy" only while ITS form is on its way: the navigation's action and
 * the button's name/value (intent) must be this button's, so a second form on the page keeps its own
 * state. `intent` is short for name="intent" value=intent.
 */
export function SubmitButton({
  children,
  action,
  intent,
  name,
  value,
  variant = 'primary',
  small,
  className,
  disabled,
  onClick,
  type: _type,
  ...rest
}: {
  children?: ReactNode
  /** Accepted (and always "submit") so Conform's getButtonProps() can be spread onto the button. */
  type?: 'submit'
  /** The form's action (defaults to the current address). */
  action?: string
  intent?: string
  name?: string
  value?: string
} & ButtonProps) {
  const navigation = useNavigation()
  const m = useMessages()
  const ref = useRef<HTMLButtonElement>(null)
  const buttonName = intent === undefined ? name : 'intent'
  const buttonValue = intent === undefined ? value : intent
  const pending =
    navigation.state === 'submitting' &&
    (!action || navigation.formAction === action) &&
    (buttonName === undefined || navigation.formData?.get(buttonName) === buttonValue) &&
    isThisForm(ref.current, navigation.formAction, navigation.formData)
  return (
    <button
      {...rest}
      ref={ref}
      type="submit"
      name={buttonName}
      value={buttonValue}
      disabled={disabled}
      aria-disabled={pending || undefined}
      className={buttonClass(variant, small, pending, className)}
      onClick={(e) => {
        if (pending) e.preventDefault()
        onClick?.(e)
      }}
    >
      {children}
      {pending ? <span className="visually-hidden"> {m.ui.busy}</span> : null}
    </button>
  )
}

/**
 * Whether the navigation under way was sent by the form this button belongs to: same action, and every
 * hidden field of the form (its intent, the row's id) sent with the same value. On a page with one
 * form per table row, only the row that was sent shows busy.
 */
function isThisForm(button: HTMLButtonElement | null, formAction: string | undefined, data: FormData | undefined) {
  const form = button?.form
  if (!form || !data) return true
  if (formAction) {
    const url = new URL(form.action, window.location.href)
    if (url.pathname + url.search !== formAction && url.pathname !== formAction) return false
  }
  for (const el of Array.from(form.elements)) {
    if (el instanceof HTMLInputElement && el.type === 'hidden' && el.name && data.get(el.name) !== el.value)
      return false
  }
  return true
}

/** The bare select control in NL Design System style, for a select whose label sits elsewhere (a table, a filter bar). */
export function Select({ className, children, ...rest }: SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <select {...rest} className={`utrecht-select utrecht-select--html-select${className ? ` ${className}` : ''}`}>
      {children}
    </select>
  )
}

/** The bare checkbox control, for a checkbox in a table row or a list whose label is built around it. */
export function Checkbox({ className, ...rest }: Omit<InputHTMLAttributes<HTMLInputElement>, 'type'>) {
  return (
    <input
      {...rest}
      type="checkbox"
      className={`utrecht-checkbox utrecht-checkbox--html-input${className ? ` ${className}` : ''}`}
    />
  )
}

/** The bare radio control, for a radio whose label is built around it. */
export function Radio({ className, ...rest }: Omit<InputHTMLAttributes<HTMLInputElement>, 'type'>) {
  return (
    <input
      {...rest}
      type="radio"
      className={`utrecht-radio-button utrecht-radio-button--html-input${className ? ` ${className}` : ''}`}
    />
  )
}

/**
 * Table primitives with the Utrecht table markup, for tables the server already sorts and pages (the
 * reviewer's queue) or that are not lists (totals, a budget). A cell with className "num" is numeric.
 */
export function Table({ className, children, ...rest }: TableHTMLAttributes<HTMLTableElement>) {
  return (
    <table {...rest} className={`utrecht-table utrecht-table--html-table table${className ? ` ${className}` : ''}`}>
      {children}
    </table>
  )
}
export function Caption({ className, children, ...rest }: HTMLAttributes<HTMLTableCaptionElement>) {
  return (
    <caption {...rest} className={`utrecht-table__caption${className ? ` ${className}` : ''}`}>
      {children}
    </caption>
  )
}
export function Thead({ className, children, ...rest }: HTMLAttributes<HTMLTableSectionElement>) {
  return (
    <thead {...rest} className={`utrecht-table__header${className ? ` ${className}` : ''}`}>
      {children}
    </thead>
  )
}
export function Tbody({ className, children, ...rest }: HTMLAttributes<HTMLTableSectionElement>) {
  return (
    <tbody {...rest} className={`utrecht-table__body${className ? ` ${className}` : ''}`}>
      {children}
    </tbody>
  )
}
export function Tfoot({ className, children, ...rest }: HTMLAttributes<HTMLTableSectionElement>) {
  return (
    <tfoot {...rest} className={`utrecht-table__footer${className ? ` ${className}` : ''}`}>
      {children}
    </tfoot>
  )
}
export function Tr({ className, children, ...rest }: HTMLAttributes<HTMLTableRowElement>) {
  return (
    <tr {...rest} className={`utrecht-table__row${className ? ` ${className}` : ''}`}>
      {children}
    </tr>
  )
}
const numeric = (className: string | undefined) => (className?.split(' ').includes('num') ? true : false)
export function Th({ className, children, ...rest }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      {...rest}
      className={`utrecht-table__header-cell${numeric(className) ? ' utrecht-table__header-cell--numeric' : ''}${
        className ? ` ${className}` : ''
      }`}
    >
      {children}
    </th>
  )
}
export function Td({ className, children, ...rest }: TdHTMLAttributes<HTMLTableCellElement>) {
  return (
    <td
      {...rest}
      className={`utrecht-table__cell${numeric(className) ? ' utrecht-table__cell--numeric' : ''}${
        className ? ` ${className}` : ''
      }`}
    >
      {children}
    </td>
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

import { Form } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useMessages } from '#app/i18n/use-messages.ts'
import { Money } from '#app/ui/components.tsx'

export function OkText({ ok }: { ok: boolean }) {
  const m = useMessages().reporting
  return <span className={ok ? 'ok' : 'not-ok'}>{ok ? `✓ ${m.ok}` : `✗ ${m.notOk}`}</span>
}

export function RoundPicker({ rounds, year }: { rounds: { year: number; name: string }[]; year: number }) {
  const m = useMessages().reporting
  return (
    <Form method="get" className="filters">
      <label>
        {m.round}{' '}
        <select name="round" defaultValue={String(year)}>
          {rounds.map((r) => (
            <option key={r.year} value={r.year}>
              {r.name}
            </option>
          ))}
        </select>
      </label>{' '}
      <button type="submit" className="button button-small">
        {m.show}
      </button>
    </Form>
  )
}

export type MoneyRow = {
  reservedCents: number
  committedCents: number
  paidCents: number
  spentCents: number
  recoveryDueCents: number
  recoveredCents: number
  returnedCents: number
  carriedOverCents: number
  availableCents: number
}

/** The balance columns in the order of the money path. */
export function MoneyHead() {
  const m = useMessages().reporting
  return (
    <>
      <th scope="col" className="num">
        {m.reserved}
      </th>
      <th scope="col" className="num">
        {m.committed}
      </th>
      <th scope="col" className="num">
        {m.paid}
      </th>
      <th scope="col" className="num">
        {m.spent}
      </th>
      <th scope="col" className="num">
        {m.recoveryDue}
      </th>
      <th scope="col" className="num">
        {m.recovered}
      </th>
      <th scope="col" className="num">
        {m.returned}
      </th>
      <th scope="col" className="num">
        {m.available}
      </th>
    </>
  )
}

export function MoneyCells({ row }: { row: MoneyRow }) {
  const cells: [string, number][] = [
    ['reserved', row.reservedCents],
    ['committed', row.committedCents],
    ['paid', row.paidCents],
    ['spent', row.spentCents],
    ['recoveryDue', row.recoveryDueCents],
    ['recovered', row.recoveredCents],
    ['returned', row.returnedCents + row.carriedOverCents],
    ['available', row.availableCents],
  ]
  return (
    <>
      {cells.map(([key, cents]) => (
        <td key={key} className="num" data-col={key}>
          <Money cents={cents} />
        </td>
      ))}
    </>
  )
}

export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  )
}

import type { ReactNode } from 'react'
import { useMessages } from '#app/i18n/use-messages.ts'
import { Money, TableScroll } from '#app/ui/components.tsx'

/** The budget lines of an application as a table; `footer` holds the total rows. */
export function BudgetTable({
  lines,
  footer,
}: {
  lines: { description: string; amountCents: number }[]
  footer: ReactNode
}) {
  const m = useMessages()
  return (
    <TableScroll>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{m.common.description}</th>
            <th scope="col" className="num">
              {m.common.amount}
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l, i) => (
            <tr key={i}>
              <td>{l.description}</td>
              <td className="num">
                <Money cents={l.amountCents} />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>{footer}</tfoot>
      </table>
    </TableScroll>
  )
}

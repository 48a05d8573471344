// Pure: how the balances of a wijk's (or a grant's, a category's, a foundation's) accounts read as
// the columns of the dashboard and the public pages. See app/ledger/accounts.ts for the money path.
import type { AccountKind } from '#app/generated/prisma/enums.ts'
import { AREA_KINDS } from '#app/ledger/accounts.ts'

export type Balances = Partial<Record<AccountKind, number>>

export type MoneyColumns = {
  availableCents: number
  reservedCents: number
  committedCents: number
  paidCents: number
  spentCents: number
  recoveryDueCents: number
  recoveredCents: number
  returnedCents: number
  carriedOverCents: number
  /** Awarded and in effect: committed + paid + spent + recovery due + recovered (not the reserved). */
  grantedCents: number
  /** Paid to the foundation so far: paid + spent + recovery due + recovered. */
  paidOutCents: number
  /** Spent by the foundation on the initiative (realised). */
  realisedCents: number
  /** The sum of the balances of all the wijk's accounts (AREA_KINDS). */
  sumCents: number
}

export function columns(b: Balances): MoneyColumns {
  const v = (k: AccountKind) => b[k] ?? 0
  const paidOut = v('GRANT_PAID') + v('GRANT_SPENT') + v('GRANT_RECOVERY_DUE') + v('GRANT_RECOVERED')
  return {
    availableCents: v('AREA_AVAILABLE'),
    reservedCents: v('GRANT_RESERVED'),
    committedCents: v('GRANT_COMMITTED'),
    paidCents: v('GRANT_PAID'),
    spentCents: v('GRANT_SPENT'),
    recoveryDueCents: v('GRANT_RECOVERY_DUE'),
    recoveredCents: v('GRANT_RECOVERED'),
    returnedCents: v('ROUND_RETURNED'),
    carriedOverCents: v('ROUND_CARRIED_OVER'),
    grantedCents: v('GRANT_COMMITTED') + paidOut,
    paidOutCents: paidOut,
    realisedCents: v('GRANT_SPENT'),
    sumCents: AREA_KINDS.reduce((s, k) => s + v(k), 0),
  }
}

export const MONEY_KEYS = [
  'availableCents',
  'reservedCents',
  'committedCents',
  'paidCents',
  'spentCents',
  'recoveryDueCents',
  'recoveredCents',
  'returnedCents',
  'carriedOverCents',
  'grantedCents',
  'paidOutCents',
  'realisedCents',
  'sumCents',
] as const satisfies readonly (keyof MoneyColumns)[]

export function addColumns<T extends MoneyColumns>(rows: T[]): MoneyColumns {
  const total = columns({})
  for (const r of rows) for (const k of MONEY_KEYS) total[k] += r[k]
  return total
}

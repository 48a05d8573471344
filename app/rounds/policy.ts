import type { UnspentPolicy } from '#app/generated/prisma/enums.ts'
import { no, ok, type Verdict } from '#app/domain/verdict.ts'

export type CloseState = {
  closed: boolean
  /** Grants of the round that still hold money (reserved, committed, paid but not settled, recovery due). */
  openGrants: number
  policy: UnspentPolicy
  /** The round the money is carried into (year + 1), if it exists. */
  hasNextRound: boolean
}

/**
 * May the round be closed now? Not twice; not while a grant still holds money (decision 0030: it could
 * still flow back into the wijk after the close); with the carry-over policy only when the next round exists.
 */
export function mayCloseRound(s: CloseState): Verdict {
  if (s.closed) return no('grants.errors.roundClosed', undefined, 409)
  if (s.openGrants > 0) return no('roundLifecycle.errors.openGrants', { count: s.openGrants }, 409)
  if (s.policy === 'CARRY_OVER_PER_AREA' && !s.hasNextRound) return no('grants.errors.noNextRound', undefined, 409)
  return ok
}

/** The dates of the next round's defaults: the newest round's dates, one year later. */
export function shiftYear(iso: string, years: number): string {
  const [y, m, d] = iso.split('-').map(Number)
  // 29 February becomes 28 February in a year without it
  const last = new Date(Date.UTC(y + years, m, 0)).getUTCDate()
  return `${String(y + years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`
}

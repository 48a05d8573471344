import type { AccountKind } from '#app/generated/prisma/enums.ts'

/**
 * The ledger's accounts. Money flows along one path, and every step is an entry:
 *
 *   BUDGET_SOURCE (round)      the municipality's budget; goes negative by exactly the pot
 *     -> ROUND_POT (round)       the round's subsidy ceiling, not yet divided over the wijken
 *     -> AREA_AVAILABLE (wijk)   the wijk's budget that is still free
 *     -> GRANT_COMMITTED (grant) awarded (beschikking), not yet paid
 *     -> GRANT_PAID (grant)      paid to the foundation, not yet accounted for with expenses
 *     -> GRANT_SPENT (grant)     spent by the foundation on the initiative
 *
 * After the award (the lifecycle; the grants and review modules post these):
 *
 *     AREA_AVAILABLE -> GRANT_RESERVED (grant)      four eyes: awarded by one reviewer, waiting for the second;
 *                                                   confirmed -> GRANT_COMMITTED, sent back -> AREA_AVAILABLE
 *     GRANT_PAID -> GRANT_RECOVERY_DUE (grant)      vaststelling: paid beyond the final amount, to be paid back
 *     GRANT_RECOVERY_DUE -> GRANT_RECOVERED (grant) terugvordering: received back from the foundation
 *     AREA_AVAILABLE -> ROUND_RETURNED / ROUND_CARRIED_OVER (wijk)  the round closes: unspent money leaves
 *
 * So for every wijk in a round: allocated = the sum of the balances of all its accounts, to the cent.
 */
export type AccountRef = {
  kind: AccountKind
  roundId: string
  areaId?: string | null
  applicationId?: string | null
}

/** Accounts of one grant (an awarded application); each belongs to the application's wijk. */
export const GRANT_KINDS: AccountKind[] = [
  'GRANT_RESERVED',
  'GRANT_COMMITTED',
  'GRANT_PAID',
  'GRANT_SPENT',
  'GRANT_RECOVERY_DUE',
  'GRANT_RECOVERED',
]
/** Accounts of one wijk in a round (its own and its grants'). */
export const AREA_KINDS: AccountKind[] = ['AREA_AVAILABLE', 'ROUND_RETURNED', 'ROUND_CARRIED_OVER', ...GRANT_KINDS]

const needsArea: AccountKind[] = AREA_KINDS
const needsApplication: AccountKind[] = GRANT_KINDS

export function accountKey(ref: AccountRef): string {
  if (needsArea.includes(ref.kind) && !ref.areaId) throw new Error(`${ref.kind} account needs an area`)
  if (needsApplication.includes(ref.kind) && !ref.applicationId)
    throw new Error(`${ref.kind} account needs an application`)
  return [ref.kind, ref.roundId, ref.areaId ?? '-', ref.applicationId ?? '-'].join(':')
}

/** Accounts that may go below zero: only the municipality's source account. */
export function mayGoNegative(kind: AccountKind): boolean {
  return kind === 'BUDGET_SOURCE'
}

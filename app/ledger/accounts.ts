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
 * So for every wijk in a round: allocated = available + committed + paid + spent, to the cent.
 */
export type AccountRef = {
  kind: AccountKind
  roundId: string
  areaId?: string | null
  applicationId?: string | null
}

const needsArea: AccountKind[] = ['AREA_AVAILABLE', 'GRANT_COMMITTED', 'GRANT_PAID', 'GRANT_SPENT']
const needsApplication: AccountKind[] = ['GRANT_COMMITTED', 'GRANT_PAID', 'GRANT_SPENT']

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

import { no, ok, type Verdict } from '#app/domain/verdict.ts'
import { formatMoney } from '#app/money/money.ts'

/**
 * Rules of the money after the award, pure (docs/decisions/0029). The services ask these before they
 * write; the pages ask them which buttons to show.
 */

/** A payment at or above the round's threshold waits for a second person (four eyes on money out). */
export function needsSecondApproval(amountCents: number, thresholdCents: number): boolean {
  return amountCents >= thresholdCents
}

/** The second approval of a payment comes from someone else than who proposed it. */
export function mayApprovePayment(actorId: string, payment: { status: string; recordedById: string }): Verdict {
  if (payment.status !== 'PROPOSED') return no('grants.errors.notAwaitingApproval', undefined, 409)
  if (payment.recordedById === actorId) return no('grants.errors.sameApprover')
  return ok
}

/** A new payment never exceeds what is committed and not yet on its way in another payment. */
export function mayProposePayment(amountCents: number, committedCents: number, pendingCents: number): Verdict {
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0) return no('grants.errors.amountPositive', undefined, 422)
  if (amountCents > committedCents - pendingCents)
    return no('grants.errors.aboveCommitted', { left: formatMoney(committedCents - pendingCents) }, 422)
  return ok
}

/** The final amount (vaststelling): not negative and never above the award. */
export function mayFixFinalAmount(finalCents: number, awardedCents: number): Verdict {
  if (!Number.isSafeInteger(finalCents) || finalCents < 0) return no('grants.errors.amountNotNegative', undefined, 422)
  if (finalCents > awardedCents) return no('grants.errors.finalAboveAward', { awarded: formatMoney(awardedCents) }, 422)
  return ok
}

export type SettlementPlan = {
  /** paid to the foundation so far (paid + spent balances) */
  paidOutCents: number
  finalPaymentCents: number
  recoveryCents: number
  /** unused commitment back to the wijk's available budget */
  returnedCents: number
  /** moves in the ledger, in this order */
  moves: { from: 'GRANT_COMMITTED' | 'GRANT_PAID' | 'GRANT_SPENT'; to: GrantTarget; amountCents: number }[]
}
type GrantTarget = 'AREA_AVAILABLE' | 'GRANT_SPENT' | 'GRANT_RECOVERY_DUE'

/**
 * What a final amount means for the grant's accounts (balances committed C, paid P, spent S).
 * Paid out = P + S. At or above it: all that was paid is spent, the difference is the final payment
 * (stays committed until its batch is sent), the rest of the commitment returns to the wijk. Below
 * it: the difference is to be recovered (first from what is paid and not accepted, then from spent),
 * and the whole commitment returns.
 */
export function planSettlement(
  finalCents: number,
  b: { committed: number; paid: number; spent: number },
): SettlementPlan {
  const paidOut = b.paid + b.spent
  const moves: SettlementPlan['moves'] = []
  if (finalCents >= paidOut) {
    const finalPayment = finalCents - paidOut
    if (finalPayment > b.committed) throw new RangeError('final amount above the award')
    if (b.paid > 0) moves.push({ from: 'GRANT_PAID', to: 'GRANT_SPENT', amountCents: b.paid })
    const returned = b.committed - finalPayment
    if (returned > 0) moves.push({ from: 'GRANT_COMMITTED', to: 'AREA_AVAILABLE', amountCents: returned })
    return { paidOutCents: paidOut, finalPaymentCents: finalPayment, recoveryCents: 0, returnedCents: returned, moves }
  }
  const recovery = paidOut - finalCents
  const fromPaid = Math.min(recovery, b.paid)
  const fromSpent = recovery - fromPaid
  if (fromPaid > 0) moves.push({ from: 'GRANT_PAID', to: 'GRANT_RECOVERY_DUE', amountCents: fromPaid })
  if (fromSpent > 0) moves.push({ from: 'GRANT_SPENT', to: 'GRANT_RECOVERY_DUE', amountCents: fromSpent })
  if (b.paid - fromPaid > 0) moves.push({ from: 'GRANT_PAID', to: 'GRANT_SPENT', amountCents: b.paid - fromPaid })
  if (b.committed > 0) moves.push({ from: 'GRANT_COMMITTED', to: 'AREA_AVAILABLE', amountCents: b.committed })
  return { paidOutCents: paidOut, finalPaymentCents: 0, recoveryCents: recovery, returnedCents: b.committed, moves }
}

/** The advance (voorschot): a percentage of the award, rounded down to the cent. */
export function advanceCents(awardedCents: number, percent: number): number {
  return Math.floor((awardedCents * percent) / 100)
}

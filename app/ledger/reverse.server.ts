import type { Tx } from '#app/db.server.ts'
import { DomainError } from '#app/domain/errors.ts'
import { centsFromDb } from '#app/money/bigint.ts'
import type { AccountRef } from './accounts.ts'
import { InsufficientFundsError, post } from './ledger.server.ts'

/**
 * Corrects an entry by booking its mirror image (cause REVERSAL, with the reason as memo), never by
 * editing it: the entry stays, and the books show both. Each entry is reversed at most once (unique
 * `reversesId`), and a reversal itself is never reversed (book the movement again instead).
 * Refused when the account the money went to no longer holds it (it moved on; reverse that first).
 */
export async function reverse(tx: Tx, entryId: bigint, reason: string, actorId: string) {
  const trimmed = reason.trim()
  if (trimmed.length < 3) throw new DomainError('grants.errors.reasonRequired', { field: 'reason', status: 422 })
  const entry = await tx.ledgerEntry.findUnique({
    where: { id: entryId },
    include: { fromAccount: true, toAccount: true },
  })
  if (!entry) throw new DomainError('errors.notFound', { status: 404 })
  if (entry.cause === 'REVERSAL') throw new DomainError('grants.errors.reversalOfReversal', { status: 409 })
  const already = await tx.ledgerEntry.findUnique({ where: { reversesId: entryId }, select: { id: true } })
  if (already) throw new DomainError('grants.errors.alreadyReversed', { status: 409 })
  const ref = (a: typeof entry.fromAccount): AccountRef => ({
    kind: a.kind,
    roundId: a.roundId,
    areaId: a.areaId,
    applicationId: a.applicationId,
  })
  try {
    const booked = await post(tx, {
      from: ref(entry.toAccount),
      to: ref(entry.fromAccount),
      amountCents: centsFromDb(entry.amountCents),
      cause: 'REVERSAL',
      actorId,
      memo: trimmed,
      paymentId: entry.paymentId ?? undefined,
      expenseId: entry.expenseId ?? undefined,
      reversesId: entry.id,
    })
    return booked
  } catch (error) {
    if (error instanceof InsufficientFundsError)
      throw new DomainError('grants.errors.reversalMovedOn', { status: 409, field: 'entryId' })
    throw error
  }
}

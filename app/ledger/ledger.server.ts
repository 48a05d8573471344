import { randomUUID } from 'node:crypto'
import type { LedgerCause } from '#app/generated/prisma/enums.ts'
import type { Tx } from '#app/db.server.ts'
import { centsFromDb, centsToDb } from '#app/money/bigint.ts'
import { accountKey, mayGoNegative, type AccountRef } from './accounts.ts'

export class InsufficientFundsError extends Error {
  constructor(
    readonly account: AccountRef,
    readonly balanceCents: number,
    readonly requestedCents: number,
  ) {
    super(`Insufficient funds on ${accountKey(account)}: ${balanceCents} < ${requestedCents}`)
  }
}

/** Finds or creates the account (race-safe: concurrent callers get the same row). */
export async function ensureAccount(tx: Tx, ref: AccountRef): Promise<string> {
  const key = accountKey(ref)
  await tx.$executeRaw`
    INSERT INTO "Account" ("id", "key", "kind", "roundId", "areaId", "applicationId", "balanceCents")
    VALUES (${randomUUID()}, ${key}, ${ref.kind}::"AccountKind", ${ref.roundId}, ${ref.areaId ?? null}, ${ref.applicationId ?? null}, 0)
    ON CONFLICT ("key") DO NOTHING`
  const account = await tx.account.findUniqueOrThrow({ where: { key }, select: { id: true } })
  return account.id
}

/**
 * Locks the accounts' rows until the transaction ends (in a fixed order, so two transactions never
 * deadlock) and returns their current balances.
 */
export async function lockAccounts(tx: Tx, ids: string[]): Promise<Map<string, number>> {
  const rows = await tx.$queryRaw<{ id: string; balanceCents: bigint }[]>`
    SELECT "id", "balanceCents" FROM "Account" WHERE "id" = ANY(${[...new Set(ids)].sort()}) ORDER BY "id" FOR UPDATE`
  return new Map(rows.map((r) => [r.id, centsFromDb(r.balanceCents)]))
}

export type Movement = {
  from: AccountRef
  to: AccountRef
  amountCents: number
  cause: LedgerCause
  actorId: string
  memo?: string
  allocationId?: string
  paymentId?: string
  expenseId?: string
  /** REVERSAL only: the entry this one reverses (app/ledger/reverse.server.ts). */
  reversesId?: bigint
}

/**
 * Books one movement: an immutable entry, and both balances updated in the same transaction.
 * Throws InsufficientFundsError (and books nothing) when the source account would go below zero.
 * Must run inside a transaction.
 */
export async function post(tx: Tx, movement: Movement) {
  const { from, to, amountCents } = movement
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0) throw new RangeError(`Invalid amount: ${amountCents}`)
  if (from.roundId !== to.roundId) throw new Error('A ledger entry stays within one round')
  const fromId = await ensureAccount(tx, from)
  const toId = await ensureAccount(tx, to)
  const balances = await lockAccounts(tx, [fromId, toId])
  const fromBalance = balances.get(fromId) ?? 0
  if (!mayGoNegative(from.kind) && fromBalance < amountCents) {
    throw new InsufficientFundsError(from, fromBalance, amountCents)
  }
  const amount = centsToDb(amountCents)
  const entry = await tx.ledgerEntry.create({
    data: {
      fromAccountId: fromId,
      toAccountId: toId,
      amountCents: amount,
      cause: movement.cause,
      roundId: from.roundId,
      areaId: to.areaId ?? from.areaId ?? null,
      applicationId: to.applicationId ?? from.applicationId ?? null,
      allocationId: movement.allocationId,
      paymentId: movement.paymentId,
      expenseId: movement.expenseId,
      reversesId: movement.reversesId,
      memo: movement.memo,
      actorId: movement.actorId,
    },
  })
  await tx.account.update({ where: { id: fromId }, data: { balanceCents: { decrement: amount } } })
  await tx.account.update({ where: { id: toId }, data: { balanceCents: { increment: amount } } })
  return entry
}

/** Current balance of one account (0 when it does not exist yet). */
export async function balanceOf(tx: Tx, ref: AccountRef): Promise<number> {
  const account = await tx.account.findUnique({ where: { key: accountKey(ref) }, select: { balanceCents: true } })
  return account ? centsFromDb(account.balanceCents) : 0
}

import { todayIso } from '#app/clock.server.ts'
import { prisma } from '#app/db.server.ts'
import { dateFromIso } from '#app/domain/dates.ts'
import { accountKey } from '#app/ledger/accounts.ts'
import { post } from '#app/ledger/ledger.server.ts'
import { centsFromDb } from '#app/money/bigint.ts'

/**
 * Books the round's pot (subsidieplafond) from the municipality's budget into the round, once:
 * a second call books only a difference when the pot was changed.
 */
export async function fundRound(roundId: string, actorId: string) {
  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "BudgetRound" WHERE "id" = ${roundId} FOR UPDATE`
    const round = await tx.budgetRound.findUniqueOrThrow({ where: { id: roundId } })
    const source = await tx.account.findUnique({ where: { key: accountKey({ kind: 'BUDGET_SOURCE', roundId }) } })
    const funded = source ? -centsFromDb(source.balanceCents) : 0
    const diff = centsFromDb(round.potCents) - funded
    if (diff === 0) return
    const from = { kind: 'BUDGET_SOURCE' as const, roundId }
    const to = { kind: 'ROUND_POT' as const, roundId }
    await post(tx, {
      from: diff > 0 ? from : to,
      to: diff > 0 ? to : from,
      amountCents: Math.abs(diff),
      cause: 'ROUND_FUNDING',
      actorId,
      memo: 'Subsidieplafond van de ronde',
    })
  })
}

/** The round that accepts applications today, if any. */
export async function openRound() {
  return prisma.budgetRound.findFirst({
    where: { opensOn: { lte: dateFromIso(todayIso()) }, closesOn: { gte: dateFromIso(todayIso()) } },
    orderBy: { year: 'desc' },
  })
}

/** The newest round (for staff pages that show one round at a time, and the public allocation link). */
export async function currentRound() {
  return prisma.budgetRound.findFirst({ orderBy: { year: 'desc' } })
}

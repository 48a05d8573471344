import { prisma, type Tx } from '#app/db.server.ts'
import { post } from '#app/ledger/ledger.server.ts'
import { centsFromDb, centsToDb } from '#app/money/bigint.ts'
import { formatMoney } from '#app/money/money.ts'
import { allocate } from './allocate.ts'

export type AllocationParameters = {
  fixedAllowanceCents: number
  /** Weight of every priority wijk, in thousandths (1500 = 1.5); other wijken weigh 1000. */
  priorityWeightMilli: number
}

export class AllocationError extends Error {}

async function roundInput(db: Tx, roundId: string, params: AllocationParameters) {
  const round = await db.budgetRound.findUniqueOrThrow({
    where: { id: roundId },
    include: { areas: { include: { area: true }, orderBy: { area: { code: 'asc' } } } },
  })
  return {
    round,
    input: {
      potCents: centsFromDb(round.potCents),
      fixedAllowanceCents: params.fixedAllowanceCents,
      areas: round.areas.map((ra) => ({
        areaId: ra.areaId,
        code: ra.area.code,
        name: ra.area.name,
        priority: ra.area.priority,
        inhabitants: ra.area.inhabitants,
        weightMilli: ra.area.priority ? params.priorityWeightMilli : 1000,
        floorCents: ra.floorCents === null ? null : centsFromDb(ra.floorCents),
        capCents: ra.capCents === null ? null : centsFromDb(ra.capCents),
      })),
    },
  }
}

/** What each wijk has been allocated so far: the newest published version's lines. */
async function publishedTotals(db: Tx, roundId: string) {
  const latest = await db.allocation.findFirst({
    where: { roundId, status: 'PUBLISHED' },
    orderBy: { version: 'desc' },
    include: { lines: true },
  })
  return {
    latest,
    totals: new Map((latest?.lines ?? []).map((l) => [l.areaId, centsFromDb(l.totalCents)])),
  }
}

/** Computes a division without booking anything: each wijk's new amount beside the published one. */
export async function simulateAllocation(roundId: string, params: AllocationParameters) {
  const db = prisma as unknown as Tx
  const { round, input } = await roundInput(db, roundId, params)
  const result = allocate(input)
  const { latest, totals } = await publishedTotals(db, roundId)
  if (!result.ok) return { ok: false as const, message: result.error.message, round }
  const byArea = new Map(input.areas.map((a) => [a.areaId, a]))
  const lines = result.lines.map((line) => {
    const area = byArea.get(line.areaId)!
    const published = totals.get(line.areaId) ?? null
    return { ...line, name: area.name, priority: area.priority, publishedCents: published, differenceCents: line.totalCents - (published ?? 0) }
  })
  return { ok: true as const, round, lines, totalCents: result.totalCents, publishedVersion: latest?.version ?? null }
}

/**
 * Publishes a new version: freezes its lines and books, per wijk, only the difference with what was
 * published before (the first version books everything). Refused, with the wijken named, where a wijk
 * would lose more than it still has uncommitted. Publications of one round are serialised on the round row.
 */
export async function publishAllocation(roundId: string, params: AllocationParameters, actorId: string, reason: string | null) {
  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "BudgetRound" WHERE "id" = ${roundId} FOR UPDATE`
    const { input } = await roundInput(tx, roundId, params)
    const result = allocate(input)
    if (!result.ok) throw new AllocationError(result.error.message)
    const { latest, totals } = await publishedTotals(tx, roundId)
    if (latest && !reason) throw new AllocationError('Geef een reden op voor deze nieuwe versie van de verdeling.')

    const available = await tx.account.findMany({ where: { roundId, kind: 'AREA_AVAILABLE' }, select: { areaId: true, balanceCents: true } })
    const availableByArea = new Map(available.map((a) => [a.areaId, centsFromDb(a.balanceCents)]))
    const names = new Map(input.areas.map((a) => [a.areaId, a.name]))
    const diffs = result.lines.map((line) => ({ areaId: line.areaId, diff: line.totalCents - (totals.get(line.areaId) ?? 0) }))
    const short = diffs.filter((d) => d.diff < 0 && (availableByArea.get(d.areaId) ?? 0) < -d.diff)
    if (short.length > 0) {
      const list = short
        .map((d) => `${names.get(d.areaId)} (zou ${formatMoney(-d.diff)} verliezen, maar heeft nog ${formatMoney(availableByArea.get(d.areaId) ?? 0)} vrij)`)
        .join('; ')
      throw new AllocationError(`Deze verdeling kan niet worden gepubliceerd: deze wijken hebben al meer toegekend dan de nieuwe verdeling toestaat: ${list}.`)
    }

    const allocation = await tx.allocation.create({
      data: {
        roundId,
        version: (latest?.version ?? 0) + 1,
        status: 'PUBLISHED',
        potCents: centsToDb(input.potCents),
        fixedAllowanceCents: centsToDb(params.fixedAllowanceCents),
        reason,
        createdById: actorId,
        publishedAt: new Date(),
        lines: {
          create: result.lines.map((l) => ({
            areaId: l.areaId, inhabitants: l.inhabitants, weightMilli: l.weightMilli,
            fixedCents: centsToDb(l.fixedCents), proportionalCents: centsToDb(l.proportionalCents),
            roundingCents: l.roundingCents, totalCents: centsToDb(l.totalCents),
          })),
        },
      },
    })
    await tx.budgetRound.update({ where: { id: roundId }, data: { fixedAllowanceCents: centsToDb(params.fixedAllowanceCents) } })
    for (const ra of input.areas) {
      await tx.roundArea.update({ where: { roundId_areaId: { roundId, areaId: ra.areaId } }, data: { weightMilli: ra.weightMilli } })
    }
    const pot = { kind: 'ROUND_POT' as const, roundId }
    // Money flows back to the pot first, so the pot never goes below zero while the rest is booked.
    for (const { areaId, diff } of [...diffs].sort((a, b) => a.diff - b.diff)) {
      if (diff === 0) continue
      const area = { kind: 'AREA_AVAILABLE' as const, roundId, areaId }
      await post(tx, {
        from: diff > 0 ? pot : area,
        to: diff > 0 ? area : pot,
        amountCents: Math.abs(diff),
        cause: 'ALLOCATION',
        actorId,
        allocationId: allocation.id,
        memo: `Verdeling versie ${allocation.version}`,
      })
    }
    return allocation
  })
}

/** The newest published version with its lines, for the public page and the administrator. */
export async function publishedAllocation(year: number) {
  const round = await prisma.budgetRound.findUnique({ where: { year } })
  if (!round) return null
  const allocation = await prisma.allocation.findFirst({
    where: { roundId: round.id, status: 'PUBLISHED' },
    orderBy: { version: 'desc' },
    include: { lines: { include: { area: { select: { name: true, code: true, priority: true } } }, orderBy: { area: { name: 'asc' } } } },
  })
  if (!allocation) return { round, allocation: null }
  return {
    round: { ...round, potCents: centsFromDb(round.potCents), fixedAllowanceCents: centsFromDb(round.fixedAllowanceCents) },
    allocation: {
      ...allocation,
      potCents: centsFromDb(allocation.potCents),
      fixedAllowanceCents: centsFromDb(allocation.fixedAllowanceCents),
      lines: allocation.lines.map((l) => ({
        ...l,
        fixedCents: centsFromDb(l.fixedCents),
        proportionalCents: centsFromDb(l.proportionalCents),
        totalCents: centsFromDb(l.totalCents),
      })),
    },
  }
}

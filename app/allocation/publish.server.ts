import { prisma, type Tx } from '#app/db.server.ts'
import { DomainError } from '#app/domain/errors.ts'
import { post } from '#app/ledger/ledger.server.ts'
import { centsFromDb, centsToDb } from '#app/money/bigint.ts'
import { formatMoney } from '#app/money/money.ts'
import type { UnspentPolicy } from '#app/generated/prisma/enums.ts'
import { allocate } from './allocate.ts'

/** A wijk's own settings for one version: weight override (null: the default), floor, cap (cents, total). */
export type AreaSetting = { weightMilli?: number | null; floorCents?: number | null; capCents?: number | null }

/**
 * The parameters of one version of a round's division (see docs/decisions/0009). Left out means
 * "as in the newest published version" (pot: the round's pot; floors and caps: the round's own).
 */
export type AllocationParameters = {
  fixedAllowanceCents: number
  /** Weight of every priority wijk, in thousandths (1500 = 1.5); other wijken weigh 1000 unless overridden. */
  priorityWeightMilli: number
  potCents?: number
  /** Year of the CBS inhabitants figures (AreaPopulation); null: the wijk's current figure (Area.inhabitants). */
  inhabitantsYear?: number | null
  unspentPolicy?: UnspentPolicy
  /** By areaId. When given, it replaces the round's floors and caps for every wijk (absent: none). */
  areas?: Record<string, AreaSetting>
}

/**
 * A publication the rules refuse (409: the state of the round does not allow it). The pure allocation
 * explains itself in Dutch (app/allocation/allocate.ts); that text travels as the message's parameter.
 */
export const allocationError = (message: string) =>
  new DomainError('errors.allocation.invalid', { status: 409, params: { message } })

/** "Hoogland, Nieuwland en Vathorst" */
export function dutchList(names: string[]): string {
  if (names.length <= 1) return names.join('')
  return `${names.slice(0, -1).join(', ')} en ${names[names.length - 1]}`
}

async function roundInput(db: Tx, roundId: string, params: AllocationParameters) {
  const round = await db.budgetRound.findUniqueOrThrow({
    where: { id: roundId },
    include: { areas: { include: { area: true }, orderBy: { area: { code: 'asc' } } } },
  })
  const previous = await db.allocation.findFirst({
    where: { roundId, status: 'PUBLISHED' },
    orderBy: { version: 'desc' },
  })
  const inhabitantsYear =
    params.inhabitantsYear !== undefined ? params.inhabitantsYear : (previous?.inhabitantsYear ?? null)
  const unspentPolicy = params.unspentPolicy ?? previous?.unspentPolicy ?? 'RETURN_TO_MUNICIPALITY'
  let population: Map<string, number> | null = null
  let missingPopulation: string[] = []
  if (inhabitantsYear !== null) {
    const rows = await db.areaPopulation.findMany({
      where: { year: inhabitantsYear, areaId: { in: round.areas.map((ra) => ra.areaId) } },
    })
    population = new Map(rows.map((r) => [r.areaId, r.inhabitants]))
    missingPopulation = round.areas.filter((ra) => !population!.has(ra.areaId)).map((ra) => ra.area.name)
  }
  const bound = (own: bigint | null, setting: number | null | undefined) =>
    params.areas ? (setting ?? null) : own === null ? null : centsFromDb(own)
  return {
    round,
    inhabitantsYear,
    unspentPolicy,
    missingPopulation,
    input: {
      potCents: params.potCents ?? centsFromDb(round.potCents),
      fixedAllowanceCents: params.fixedAllowanceCents,
      areas: round.areas.map((ra) => {
        const setting = params.areas?.[ra.areaId]
        return {
          areaId: ra.areaId,
          code: ra.area.code,
          name: ra.area.name,
          priority: ra.area.priority,
          inhabitants: population ? (population.get(ra.areaId) ?? 0) : ra.area.inhabitants,
          weightMilli: setting?.weightMilli ?? (ra.area.priority ? params.priorityWeightMilli : 1000),
          floorCents: bound(ra.floorCents, setting?.floorCents),
          capCents: bound(ra.capCents, setting?.capCents),
        }
      }),
    },
  }
}

function missingPopulationMessage(year: number | null, names: string[]) {
  const sorted = [...names].sort((a, b) => a.localeCompare(b, 'nl'))
  const which =
    sorted.length === 1
      ? `de wijk ${sorted[0]}`
      : sorted.length <= 10
        ? `de wijken ${dutchList(sorted)}`
        : `${sorted.length} wijken (${sorted.slice(0, 10).join(', ')} en ${sorted.length - 10} andere)`
  return `Er zijn geen inwonertallen van ${year} voor ${which}. Importeer ze eerst of kies een ander peiljaar.`
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
export async function simulateAllocation(
  roundId: string,
  params: AllocationParameters,
  db: Tx = prisma as unknown as Tx,
) {
  const { round, input, missingPopulation, inhabitantsYear, unspentPolicy } = await roundInput(db, roundId, params)
  if (missingPopulation.length > 0)
    return { ok: false as const, message: missingPopulationMessage(inhabitantsYear, missingPopulation), round }
  const result = allocate(input)
  const { latest, totals } = await publishedTotals(db, roundId)
  if (!result.ok) return { ok: false as const, message: result.error.message, round }
  const byArea = new Map(input.areas.map((a) => [a.areaId, a]))
  const lines = result.lines.map((line) => {
    const area = byArea.get(line.areaId)!
    const published = totals.get(line.areaId) ?? null
    return {
      ...line,
      name: area.name,
      priority: area.priority,
      publishedCents: published,
      differenceCents: line.totalCents - (published ?? 0),
    }
  })
  return {
    ok: true as const,
    round,
    lines,
    totalCents: result.totalCents,
    publishedVersion: latest?.version ?? null,
    potCents: input.potCents,
    inhabitantsYear,
    unspentPolicy,
  }
}

/**
 * Publishes a new version: freezes its lines and books, per wijk, only the difference with what was
 * published before (the first version books everything). Refused, with the wijken named, where a wijk
 * would lose more than it still has uncommitted. Publications of one round are serialised on the round row.
 */
export async function publishAllocation(
  roundId: string,
  params: AllocationParameters,
  actorId: string,
  reason: string | null,
  scenarioId: string | null = null,
) {
  return prisma.$transaction(
    (tx) => publishAllocationIn(tx, roundId, params, actorId, reason, scenarioId),
    // rounds: one entry per wijk (31); more than the default 5 s on a loaded machine (seen in the fuzz test's seed)
    { maxWait: 30_000, timeout: 120_000 },
  )
}

/** publishAllocation inside the caller's transaction (the ledger's model test runs a whole sequence in one). */
export async function publishAllocationIn(
  tx: Tx,
  roundId: string,
  params: AllocationParameters,
  actorId: string,
  reason: string | null,
  scenarioId: string | null = null,
) {
  await tx.$queryRaw`SELECT 1 FROM "BudgetRound" WHERE "id" = ${roundId} FOR UPDATE`
  const { round, input, missingPopulation, inhabitantsYear, unspentPolicy } = await roundInput(tx, roundId, params)
  if (missingPopulation.length > 0) throw allocationError(missingPopulationMessage(inhabitantsYear, missingPopulation))
  const result = allocate(input)
  if (!result.ok) throw allocationError(result.error.message)
  const { latest, totals } = await publishedTotals(tx, roundId)
  if (latest && !reason) throw new DomainError('errors.allocation.reasonRequired', { status: 409 })

  const available = await tx.account.findMany({
    where: { roundId, kind: 'AREA_AVAILABLE' },
    select: { areaId: true, balanceCents: true },
  })
  const availableByArea = new Map(available.map((a) => [a.areaId, centsFromDb(a.balanceCents)]))
  const names = new Map(input.areas.map((a) => [a.areaId, a.name]))
  const diffs = result.lines.map((line) => ({
    areaId: line.areaId,
    diff: line.totalCents - (totals.get(line.areaId) ?? 0),
  }))
  const short = diffs.filter((d) => d.diff < 0 && (availableByArea.get(d.areaId) ?? 0) < -d.diff)
  if (short.length > 0) {
    const list = [...short]
      .sort((a, b) => names.get(a.areaId)!.localeCompare(names.get(b.areaId)!, 'nl'))
      .map(
        (d) =>
          `${names.get(d.areaId)} (zou ${formatMoney(-d.diff)} verliezen, maar heeft nog ${formatMoney(availableByArea.get(d.areaId) ?? 0)} vrij)`,
      )
      .join('; ')
    throw new DomainError('errors.allocation.areasShort', { status: 409, params: { list } })
  }

  const allocation = await tx.allocation.create({
    data: {
      roundId,
      version: (latest?.version ?? 0) + 1,
      status: 'PUBLISHED',
      potCents: centsToDb(input.potCents),
      fixedAllowanceCents: centsToDb(params.fixedAllowanceCents),
      priorityWeightMilli: params.priorityWeightMilli,
      inhabitantsYear,
      unspentPolicy,
      scenarioId,
      reason,
      createdById: actorId,
      publishedAt: new Date(),
      lines: {
        create: result.lines.map((l, i) => ({
          areaId: l.areaId,
          inhabitants: l.inhabitants,
          weightMilli: l.weightMilli,
          fixedCents: centsToDb(l.fixedCents),
          proportionalCents: centsToDb(l.proportionalCents),
          roundingCents: l.roundingCents,
          totalCents: centsToDb(l.totalCents),
          floorCents: input.areas[i].floorCents == null ? null : centsToDb(input.areas[i].floorCents!),
          capCents: input.areas[i].capCents == null ? null : centsToDb(input.areas[i].capCents!),
          bound: l.bound,
          shareExact: l.shareExact,
        })),
      },
    },
  })
  await tx.budgetRound.update({
    where: { id: roundId },
    data: { fixedAllowanceCents: centsToDb(params.fixedAllowanceCents), potCents: centsToDb(input.potCents) },
  })
  for (const ra of input.areas) {
    await tx.roundArea.update({
      where: { roundId_areaId: { roundId, areaId: ra.areaId } },
      data: {
        weightMilli: ra.weightMilli,
        floorCents: ra.floorCents == null ? null : centsToDb(ra.floorCents),
        capCents: ra.capCents == null ? null : centsToDb(ra.capCents),
      },
    })
  }
  const pot = { kind: 'ROUND_POT' as const, roundId }
  const source = { kind: 'BUDGET_SOURCE' as const, roundId }
  // A changed pot (subsidieplafond) moves between the municipality's budget and the round's pot:
  // a raise before anything else, a cut after the wijken gave back, so the pot never goes below zero.
  const potChange = input.potCents - centsFromDb(round.potCents)
  const memo = `Verdeling versie ${allocation.version}`
  if (potChange > 0) {
    await post(tx, {
      from: source,
      to: pot,
      amountCents: potChange,
      cause: 'ROUND_FUNDING',
      actorId,
      memo: `Subsidieplafond verhoogd (${memo.toLowerCase()})`,
    })
  }
  // Money flows back to the pot first, so the pot never goes below zero while the rest is booked.
  const ordered = [...diffs].sort((a, b) => a.diff - b.diff)
  for (const { areaId, diff } of ordered.filter((d) => d.diff < 0)) {
    const area = { kind: 'AREA_AVAILABLE' as const, roundId, areaId }
    await post(tx, {
      from: area,
      to: pot,
      amountCents: -diff,
      cause: 'ALLOCATION',
      actorId,
      allocationId: allocation.id,
      memo,
    })
  }
  if (potChange < 0) {
    await post(tx, {
      from: pot,
      to: source,
      amountCents: -potChange,
      cause: 'ROUND_FUNDING',
      actorId,
      memo: `Subsidieplafond verlaagd (${memo.toLowerCase()})`,
    })
  }
  for (const { areaId, diff } of ordered) {
    if (diff <= 0) continue
    const area = { kind: 'AREA_AVAILABLE' as const, roundId, areaId }
    await post(tx, {
      from: pot,
      to: area,
      amountCents: diff,
      cause: 'ALLOCATION',
      actorId,
      allocationId: allocation.id,
      memo,
    })
  }
  return allocation
}

/** The newest published version with its lines, for the public page and the administrator. */
export async function publishedAllocation(year: number) {
  const round = await prisma.budgetRound.findUnique({ where: { year } })
  if (!round) return null
  const allocation = await prisma.allocation.findFirst({
    where: { roundId: round.id, status: 'PUBLISHED' },
    orderBy: { version: 'desc' },
    include: {
      lines: {
        include: { area: { select: { name: true, code: true, priority: true } } },
        orderBy: { area: { name: 'asc' } },
      },
    },
  })
  if (!allocation) return { round, allocation: null }
  return {
    round: {
      ...round,
      potCents: centsFromDb(round.potCents),
      fixedAllowanceCents: centsFromDb(round.fixedAllowanceCents),
    },
    allocation: {
      ...allocation,
      potCents: centsFromDb(allocation.potCents),
      fixedAllowanceCents: centsFromDb(allocation.fixedAllowanceCents),
      lines: allocation.lines.map((l) => ({
        ...l,
        fixedCents: centsFromDb(l.fixedCents),
        proportionalCents: centsFromDb(l.proportionalCents),
        totalCents: centsFromDb(l.totalCents),
        floorCents: l.floorCents === null ? null : centsFromDb(l.floorCents),
        capCents: l.capCents === null ? null : centsFromDb(l.capCents),
      })),
    },
    history: await allocationHistory(round.id),
  }
}

/** Every published version of a round, newest first, with its reason: the public record of changes. */
export async function allocationHistory(roundId: string) {
  const versions = await prisma.allocation.findMany({
    where: { roundId, status: 'PUBLISHED' },
    orderBy: { version: 'desc' },
    select: { version: true, publishedAt: true, reason: true, potCents: true, scenario: { select: { name: true } } },
  })
  return versions.map((v) => ({
    version: v.version,
    publishedAt: v.publishedAt,
    reason: v.reason,
    potCents: centsFromDb(v.potCents),
    scenarioName: v.scenario?.name ?? null,
  }))
}

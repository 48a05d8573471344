import { prisma } from '#app/db.server.ts'
import { DomainError, notFound } from '#app/domain/errors.ts'
import { Prisma } from '#app/generated/prisma/client.ts'
import type { UnspentPolicy } from '#app/generated/prisma/enums.ts'
import { centsFromDb, centsToDb } from '#app/money/bigint.ts'
import { publishAllocation, simulateAllocation, type AllocationParameters, type AreaSetting } from './publish.server.ts'

/**
 * Scenarios: saved sets of round parameters. Saving one books nothing; an administrator compares
 * several side by side with the published version and publishes one of them (publishAllocation).
 */
export type ScenarioInput = {
  name: string
  potCents: number
  fixedAllowanceCents: number
  priorityWeightMilli: number
  inhabitantsYear: number
  unspentPolicy: UnspentPolicy
  areas: ({ areaId: string } & AreaSetting)[]
}

export async function saveScenario(roundId: string, input: ScenarioInput, actorId: string) {
  const roundAreas = new Set(
    (await prisma.roundArea.findMany({ where: { roundId }, select: { areaId: true } })).map((r) => r.areaId),
  )
  const areas = input.areas.filter(
    (a) => roundAreas.has(a.areaId) && (a.weightMilli != null || a.floorCents != null || a.capCents != null),
  )
  try {
    return await prisma.allocationScenario.create({
      data: {
        roundId,
        name: input.name,
        potCents: centsToDb(input.potCents),
        fixedAllowanceCents: centsToDb(input.fixedAllowanceCents),
        priorityWeightMilli: input.priorityWeightMilli,
        inhabitantsYear: input.inhabitantsYear,
        unspentPolicy: input.unspentPolicy,
        createdById: actorId,
        areas: {
          create: areas.map((a) => ({
            areaId: a.areaId,
            weightMilli: a.weightMilli ?? null,
            floorCents: a.floorCents == null ? null : centsToDb(a.floorCents),
            capCents: a.capCents == null ? null : centsToDb(a.capCents),
          })),
        },
      },
    })
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
      throw new DomainError('errors.allocation.nameTaken', { field: 'name', status: 409 })
    throw error
  }
}

const scenarioInclude = {
  areas: true,
  allocations: { select: { version: true }, orderBy: { version: 'asc' as const } },
}
type ScenarioRecord = Prisma.AllocationScenarioGetPayload<{ include: typeof scenarioInclude }>

/** The scenario as publishable parameters. */
export function scenarioParameters(s: ScenarioRecord): AllocationParameters {
  return {
    potCents: centsFromDb(s.potCents),
    fixedAllowanceCents: centsFromDb(s.fixedAllowanceCents),
    priorityWeightMilli: s.priorityWeightMilli,
    inhabitantsYear: s.inhabitantsYear,
    unspentPolicy: s.unspentPolicy,
    areas: Object.fromEntries(
      s.areas.map((a) => [
        a.areaId,
        {
          weightMilli: a.weightMilli,
          floorCents: a.floorCents === null ? null : centsFromDb(a.floorCents),
          capCents: a.capCents === null ? null : centsFromDb(a.capCents),
        },
      ]),
    ),
  }
}

function summary(s: ScenarioRecord) {
  return {
    id: s.id,
    name: s.name,
    potCents: centsFromDb(s.potCents),
    fixedAllowanceCents: centsFromDb(s.fixedAllowanceCents),
    priorityWeightMilli: s.priorityWeightMilli,
    inhabitantsYear: s.inhabitantsYear,
    unspentPolicy: s.unspentPolicy,
    createdAt: s.createdAt,
    settings: s.areas.length,
    publishedVersions: s.allocations.map((a) => a.version),
  }
}

export async function listScenarios(roundId: string) {
  const scenarios = await prisma.allocationScenario.findMany({
    where: { roundId },
    include: scenarioInclude,
    orderBy: { createdAt: 'desc' },
  })
  return scenarios.map(summary)
}

/**
 * Simulates the chosen scenarios (nothing is booked) and lines them up per wijk beside the published
 * amount, with the difference. A scenario that cannot be computed carries its Dutch message instead.
 */
export async function compareScenarios(roundId: string, scenarioIds: string[]) {
  const records = await prisma.allocationScenario.findMany({
    where: { roundId, id: { in: scenarioIds } },
    include: scenarioInclude,
  })
  const ordered = scenarioIds
    .map((id) => records.find((r) => r.id === id))
    .filter((r): r is ScenarioRecord => r !== undefined)
  const simulations: Awaited<ReturnType<typeof simulateAllocation>>[] = []
  for (const r of ordered) simulations.push(await simulateAllocation(roundId, scenarioParameters(r)))
  const roundAreas = await prisma.roundArea.findMany({
    where: { roundId },
    include: { area: true },
    orderBy: { area: { name: 'asc' } },
  })
  const published = await prisma.allocation.findFirst({
    where: { roundId, status: 'PUBLISHED' },
    orderBy: { version: 'desc' },
    include: { lines: true },
  })
  const publishedBy = new Map((published?.lines ?? []).map((l) => [l.areaId, centsFromDb(l.totalCents)]))
  const rows = roundAreas.map((ra) => {
    const publishedCents = publishedBy.get(ra.areaId) ?? null
    return {
      areaId: ra.areaId,
      code: ra.area.code,
      name: ra.area.name,
      priority: ra.area.priority,
      publishedCents,
      amounts: simulations.map((sim) => {
        if (!sim.ok) return null
        const line = sim.lines.find((l) => l.areaId === ra.areaId)!
        return {
          totalCents: line.totalCents,
          differenceCents: line.totalCents - (publishedCents ?? 0),
          bound: line.bound,
          inhabitants: line.inhabitants,
          weightMilli: line.weightMilli,
        }
      }),
    }
  })
  const maxCents = Math.max(
    1,
    ...rows.flatMap((r) => [r.publishedCents ?? 0, ...r.amounts.map((a) => a?.totalCents ?? 0)]),
  )
  return {
    publishedVersion: published?.version ?? null,
    publishedTotalCents: published ? centsFromDb(published.potCents) : null,
    scenarios: ordered.map((r, i) => {
      const sim = simulations[i]
      return {
        ...summary(r),
        ok: sim.ok,
        message: sim.ok ? null : sim.message,
        totalCents: sim.ok ? sim.totalCents : null,
      }
    }),
    rows,
    maxCents,
  }
}

/** Publishes a saved scenario as the round's next version (see publishAllocation), recording the reason. */
export async function publishScenario(roundId: string, scenarioId: string, actorId: string, reason: string) {
  const scenario = await prisma.allocationScenario.findFirst({
    where: { id: scenarioId, roundId },
    include: scenarioInclude,
  })
  if (!scenario) throw notFound()
  return publishAllocation(roundId, scenarioParameters(scenario), actorId, reason, scenario.id)
}

/** Defaults for a new scenario: the parameters of the newest published version, or of the round. */
export async function scenarioDefaults(roundId: string) {
  const round = await prisma.budgetRound.findUniqueOrThrow({
    where: { id: roundId },
    include: { areas: { include: { area: true }, orderBy: { area: { name: 'asc' } } } },
  })
  const latest = await prisma.allocation.findFirst({
    where: { roundId, status: 'PUBLISHED' },
    orderBy: { version: 'desc' },
  })
  const years = await prisma.areaPopulation.groupBy({ by: ['year'], orderBy: { year: 'desc' } })
  const priorityWeightMilli =
    latest?.priorityWeightMilli ?? round.areas.find((ra) => ra.area.priority)?.weightMilli ?? 1500
  return {
    potCents: centsFromDb(round.potCents),
    fixedAllowanceCents: centsFromDb(round.fixedAllowanceCents),
    priorityWeightMilli,
    inhabitantsYear: latest?.inhabitantsYear ?? years[0]?.year ?? null,
    unspentPolicy: latest?.unspentPolicy ?? ('RETURN_TO_MUNICIPALITY' as UnspentPolicy),
    populationYears: years.map((y) => y.year),
    areas: round.areas.map((ra) => {
      const defaultWeight = ra.area.priority ? priorityWeightMilli : 1000
      return {
        areaId: ra.areaId,
        code: ra.area.code,
        name: ra.area.name,
        priority: ra.area.priority,
        weightMilli: ra.weightMilli !== defaultWeight ? ra.weightMilli : null,
        floorCents: ra.floorCents === null ? null : centsFromDb(ra.floorCents),
        capCents: ra.capCents === null ? null : centsFromDb(ra.capCents),
      }
    }),
  }
}

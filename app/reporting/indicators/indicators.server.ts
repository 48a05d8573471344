// Stadspeiling indicators (issue 12, point 7): imported per wijk and year by an administrator, the
// city figures from the seed; shown beside the spend per wijk and per inhabitant, without any claim
// that one caused the other.
import { prisma } from '#app/db.server.ts'
import { areaRows } from '#app/reporting/audit/dashboard.server.ts'
import { CITY_SCOPE } from '#app/reporting/seed.server.ts'
import { MEASURES, parseIndicatorCsv, type Measure, type RowError } from './parse.ts'

export const INDICATOR_SOURCE = 'Stadspeiling (O&S)'

/** Parses and imports the CSV, all or nothing; the import is recorded in the audit trail. */
export async function importIndicators(
  actorId: string,
  text: string,
  ip?: string | null,
): Promise<{ ok: true; count: number } | { ok: false; errors: RowError[] }> {
  const codes = new Set((await prisma.area.findMany({ select: { code: true } })).map((a) => a.code))
  const { rows, errors } = parseIndicatorCsv(text, codes)
  if (errors.length) return { ok: false, errors }
  await prisma.$transaction(async (tx) => {
    for (const r of rows)
      await tx.indicator.upsert({
        where: { scope_year_measure_kind: { scope: r.scope, year: r.year, measure: r.measure, kind: 'REALISED' } },
        create: { ...r, kind: 'REALISED', source: INDICATOR_SOURCE },
        update: { valueMilli: r.valueMilli, importedAt: new Date(), source: INDICATOR_SOURCE },
      })
    await tx.auditEvent.create({
      data: {
        action: 'indicators.imported',
        actorId,
        ip: ip ?? null,
        data: { values: rows.length, years: [...new Set(rows.map((r) => r.year))] },
      },
    })
  })
  return { ok: true, count: rows.length }
}

export type IndicatorValues = Partial<Record<Measure, number>>

/** The city's figures per year (realised) and the targets, oldest first. */
export async function cityIndicators() {
  const rows = await prisma.indicator.findMany({ where: { scope: CITY_SCOPE }, orderBy: { year: 'asc' } })
  const years = [...new Set(rows.map((r) => r.year))]
  return years.map((year) => {
    const realised: IndicatorValues = {}
    const target: IndicatorValues = {}
    for (const r of rows.filter((x) => x.year === year))
      (r.kind === 'TARGET' ? target : realised)[r.measure as Measure] = r.valueMilli
    const source = rows.find((x) => x.year === year)?.source ?? INDICATOR_SOURCE
    return { year, realised, target, source }
  })
}

/**
 * Per wijk of the round: the spend (realised) and per inhabitant beside the wijk's newest indicators
 * up to the round's year (with the year they were measured).
 */
export async function areaIndicators(roundId: string, year: number) {
  const [areas, values] = await Promise.all([
    areaRows(roundId),
    prisma.indicator.findMany({
      where: { scope: { not: CITY_SCOPE }, kind: 'REALISED', year: { lte: year } },
      orderBy: { year: 'desc' },
    }),
  ])
  return areas.map((a) => {
    const mine = values.filter((v) => v.scope === a.code)
    const measuredIn = mine[0]?.year ?? null
    const latest: IndicatorValues = {}
    for (const v of mine.filter((x) => x.year === measuredIn)) latest[v.measure as Measure] = v.valueMilli
    return {
      code: a.code,
      name: a.name,
      priority: a.priority,
      inhabitants: a.inhabitants,
      realisedCents: a.realisedCents,
      grantedCents: a.grantedCents,
      perInhabitantCents: a.inhabitants > 0 ? Math.round(a.realisedCents / a.inhabitants) : 0,
      measuredIn,
      values: latest,
    }
  })
}

export { MEASURES }

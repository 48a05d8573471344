import { prisma } from '#app/db.server.ts'
import type { PopulationCsvError, PopulationRow } from './population-csv.ts'

/**
 * Stores the inhabitants per wijk for one reference year. All rows or none: a code that is not a
 * known wijk is a row-level error, and nothing is written.
 */
export async function importPopulation(
  year: number,
  rows: PopulationRow[],
): Promise<{ ok: true; count: number } | { ok: false; errors: PopulationCsvError[] }> {
  const areas = new Map((await prisma.area.findMany({ select: { id: true, code: true } })).map((a) => [a.code, a.id]))
  const errors = rows
    .filter((r) => !areas.has(r.code))
    .map((r) => ({ line: r.line, message: `De wijkcode ${r.code} (${r.name}) is geen wijk van deze gemeente.` }))
  if (errors.length > 0) return { ok: false, errors }
  await prisma.$transaction(
    rows.map((r) => {
      const areaId = areas.get(r.code)!
      return prisma.areaPopulation.upsert({
        where: { areaId_year: { areaId, year } },
        create: { areaId, year, inhabitants: r.inhabitants },
        update: { inhabitants: r.inhabitants, importedAt: new Date() },
      })
    }),
  )
  return { ok: true, count: rows.length }
}

/** Which reference years exist, with how many wijken and inhabitants each. */
export async function populationYears() {
  const [groups, areaCount] = await Promise.all([
    prisma.areaPopulation.groupBy({
      by: ['year'],
      _count: { areaId: true },
      _sum: { inhabitants: true },
      _max: { importedAt: true },
      orderBy: { year: 'desc' },
    }),
    prisma.area.count(),
  ])
  return groups.map((g) => ({
    year: g.year,
    areas: g._count.areaId,
    inhabitants: g._sum.inhabitants ?? 0,
    importedAt: g._max.importedAt,
    complete: g._count.areaId >= areaCount,
  }))
}

/** Inhabitants of every wijk in the given years, for the side-by-side table. */
export async function populationTable(years: number[]) {
  const areas = await prisma.area.findMany({
    orderBy: { name: 'asc' },
    select: {
      id: true,
      code: true,
      name: true,
      priority: true,
      populations: { where: { year: { in: years } }, select: { year: true, inhabitants: true } },
    },
  })
  return areas.map((a) => ({
    code: a.code,
    name: a.name,
    priority: a.priority,
    byYear: Object.fromEntries(a.populations.map((p) => [p.year, p.inhabitants])) as Record<number, number>,
  }))
}

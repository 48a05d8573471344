import { beforeAll, describe, expect, test } from 'vitest'
import { prisma } from '#app/db.server.ts'
import { areaMoney, checkLedger } from '#app/ledger/reports.server.ts'
import { seeded } from '#app/testing/fixtures.ts'
import { parsePopulationCsv } from './population-csv.ts'
import { importPopulation, populationYears } from './population.server.ts'
import { refusal } from '#app/testing/refusal.ts'
import { publishedAllocation } from './publish.server.ts'
import {
  compareScenarios,
  listScenarios,
  publishScenario,
  saveScenario,
  type ScenarioInput,
} from './scenarios.server.ts'

let f: Awaited<ReturnType<typeof seeded>>
beforeAll(async () => {
  f = await seeded()
})

const base = (over: Partial<ScenarioInput> = {}): ScenarioInput => ({
  name: 'Basis',
  potCents: 45_000_000,
  fixedAllowanceCents: 100_000,
  priorityWeightMilli: 1500,
  inhabitantsYear: 2024,
  unspentPolicy: 'RETURN_TO_MUNICIPALITY',
  areas: [],
  ...over,
})

/** The books of the round after a publication: every check of the auditor's page, and every wijk balanced. */
async function expectBalancedBooks() {
  expect(await checkLedger(f.round.id)).toMatchObject({
    balancesMatchEntries: true,
    sumOfBalancesIsZero: true,
    sourceEqualsPot: true,
  })
  const rows = await areaMoney(f.round.id)
  expect(rows.filter((r) => !r.balanced)).toEqual([])
  const latest = await publishedAllocation(2026)
  expect(rows.reduce((s, r) => s + r.allocatedCents, 0)).toBe(latest!.allocation!.potCents)
  for (const line of latest!.allocation!.lines)
    expect(rows.find((r) => r.areaId === line.areaId)!.allocatedCents).toBe(line.totalCents)
  const pot = await prisma.account.findFirstOrThrow({ where: { roundId: f.round.id, kind: 'ROUND_POT' } })
  expect(pot.balanceCents).toBe(0n)
}

describe('round parameters, scenarios and publication', () => {
  test('the seeded round 2026 is version 1 with its parameters recorded: EUR 450,000, EUR 1,000 fixed, weight 1.5, CBS 2024, no floors or caps', async () => {
    const published = await publishedAllocation(2026)
    const a = published!.allocation!
    expect(a).toMatchObject({
      version: 1,
      potCents: 45_000_000,
      fixedAllowanceCents: 100_000,
      priorityWeightMilli: 1500,
      inhabitantsYear: 2024,
      unspentPolicy: 'RETURN_TO_MUNICIPALITY',
    })
    expect(a.lines).toHaveLength(31)
    expect(a.lines.reduce((s, l) => s + l.totalCents, 0)).toBe(45_000_000)
    expect(
      a.lines.every(
        (l) => l.floorCents === null && l.capCents === null && l.bound === null && l.fixedCents === 100_000,
      ),
    ).toBe(true)
    expect(a.lines.filter((l) => l.area.priority).every((l) => l.weightMilli === 1500)).toBe(true)
    expect(a.lines.filter((l) => !l.area.priority).every((l) => l.weightMilli === 1000)).toBe(true)
    expect(a.lines.reduce((s, l) => s + l.inhabitants, 0)).toBe(161_825)
    expect(a.lines.every((l) => /^\d+\.\d{4}$/.test(l.shareExact ?? ''))).toBe(true)
    await expectBalancedBooks()
  })

  test('two saved scenarios are compared side by side with the published version; nothing is booked', async () => {
    const entries = await prisma.ledgerEntry.count()
    const a = await saveScenario(
      f.round.id,
      base({ name: 'Meer voor prioriteitswijken', priorityWeightMilli: 2000 }),
      f.admin.id,
    )
    const soester = await f.area('WK030703')
    const b = await saveScenario(
      f.round.id,
      base({
        name: 'Soesterkwartier begrensd',
        areas: [
          { areaId: soester.id, capCents: 2_000_000 },
          { areaId: (await f.area('WK030722')).id, weightMilli: 3000 },
        ],
      }),
      f.admin.id,
    )
    expect(
      await refusal(saveScenario(f.round.id, base({ name: 'Soesterkwartier begrensd' }), f.admin.id)),
    ).toMatchObject({ key: 'errors.allocation.nameTaken', field: 'name', status: 409 })
    expect((await listScenarios(f.round.id)).map((s) => s.name)).toEqual([
      'Soesterkwartier begrensd',
      'Meer voor prioriteitswijken',
    ])

    const cmp = await compareScenarios(f.round.id, [a.id, b.id])
    expect(cmp.scenarios.map((s) => [s.name, s.ok, s.totalCents])).toEqual([
      ['Meer voor prioriteitswijken', true, 45_000_000],
      ['Soesterkwartier begrensd', true, 45_000_000],
    ])
    expect(cmp.rows).toHaveLength(31)
    for (const i of [0, 1]) expect(cmp.rows.reduce((s, r) => s + r.amounts[i]!.differenceCents, 0)).toBe(0)
    const row = (code: string) => cmp.rows.find((r) => r.code === code)!
    // A higher priority weight gives a priority wijk more and an ordinary wijk less than published.
    expect(row('WK030703').amounts[0]!.differenceCents).toBeGreaterThan(0)
    expect(row('WK030701').amounts[0]!.differenceCents).toBeLessThan(0)
    // The cap holds Soesterkwartier at EUR 20,000; Calveen's own weight is 3.
    expect(row('WK030703').amounts[1]).toMatchObject({ totalCents: 2_000_000, bound: 'cap' })
    expect(row('WK030722').amounts[1]!.weightMilli).toBe(3000)
    expect(cmp.maxCents).toBeGreaterThanOrEqual(row('WK030703').publishedCents!)
    expect(await prisma.ledgerEntry.count()).toBe(entries)
  })

  test('a scenario for a reference year without figures cannot be computed, naming the wijken', async () => {
    const s = await saveScenario(f.round.id, base({ name: 'Peiljaar 2025', inhabitantsYear: 2025 }), f.admin.id)
    const cmp = await compareScenarios(f.round.id, [s.id])
    expect(cmp.scenarios[0].ok).toBe(false)
    expect(cmp.scenarios[0].message).toMatch(
      /^Er zijn geen inwonertallen van 2025 voor 31 wijken \(Bosgebied, Buitengebied-Oost, .* en 21 andere\)\. Importeer/,
    )
    expect((await refusal(publishScenario(f.round.id, s.id, f.admin.id, 'Nieuwe cijfers'))).text).toMatch(
      /^Er zijn geen inwonertallen van 2025/,
    )
  })

  test('an imported year is used by a scenario; unknown wijkcodes are refused per row and nothing is written', async () => {
    const bad = parsePopulationCsv(
      'code,name,inhabitants,priority,priority_basis\nWK030701,Stadskern,6000,false,\nWK039999,Nergens,10,false,',
    )
    if (!bad.ok) throw new Error('parse')
    expect(await importPopulation(2025, bad.rows)).toEqual({
      ok: false,
      errors: [{ line: 3, message: expect.stringContaining('WK039999') }],
    })
    expect((await populationYears()).map((y) => y.year)).toEqual([2024])

    const areas = await prisma.area.findMany({ orderBy: { code: 'asc' } })
    const csv = [
      'code,name,inhabitants,priority,priority_basis',
      ...areas.map(
        (a) => `${a.code},${a.name},${a.code === 'WK030701' ? a.inhabitants * 2 : a.inhabitants},${a.priority},`,
      ),
    ].join('\n')
    const good = parsePopulationCsv(csv)
    if (!good.ok) throw new Error('parse')
    expect(await importPopulation(2025, good.rows)).toEqual({ ok: true, count: 31 })
    expect((await populationYears())[0]).toMatchObject({ year: 2025, areas: 31, complete: true })

    const s = await saveScenario(f.round.id, base({ name: 'Met cijfers 2025', inhabitantsYear: 2025 }), f.admin.id)
    const cmp = await compareScenarios(f.round.id, [s.id])
    const stadskern = cmp.rows.find((r) => r.code === 'WK030701')!
    expect(stadskern.amounts[0]!.inhabitants).toBe(5775 * 2)
    expect(stadskern.amounts[0]!.differenceCents).toBeGreaterThan(0)
  })

  test('publishing scenarios: only the differences are booked, a changed pot is funded, the reason is kept, and the books balance after every publication', async () => {
    const v1Entries = await prisma.ledgerEntry.count()
    const raise = await saveScenario(
      f.round.id,
      base({ name: 'Plafond omhoog', potCents: 48_000_000, unspentPolicy: 'CARRY_OVER_PER_AREA' }),
      f.admin.id,
    )
    const v2 = await publishScenario(f.round.id, raise.id, f.admin.id, 'De raad verhoogde het plafond')
    expect(v2).toMatchObject({
      version: 2,
      reason: 'De raad verhoogde het plafond',
      scenarioId: raise.id,
      unspentPolicy: 'CARRY_OVER_PER_AREA',
    })
    // One funding entry and one entry per wijk whose amount changed (all 31 here).
    expect(await prisma.ledgerEntry.count()).toBe(v1Entries + 1 + 31)
    expect((await prisma.budgetRound.findUniqueOrThrow({ where: { id: f.round.id } })).potCents).toBe(48_000_000n)
    await expectBalancedBooks()

    const same = await saveScenario(f.round.id, base({ name: 'Zelfde nog eens', potCents: 48_000_000 }), f.admin.id)
    const before = await prisma.ledgerEntry.count()
    const v3 = await publishScenario(f.round.id, same.id, f.admin.id, 'Alleen het beleid voor restgeld terug')
    expect(v3.version).toBe(3)
    expect(await prisma.ledgerEntry.count()).toBe(before) // nothing changed per wijk, nothing booked
    await expectBalancedBooks()

    const cut = await saveScenario(f.round.id, base({ name: 'Plafond terug' }), f.admin.id)
    await publishScenario(f.round.id, cut.id, f.admin.id, 'Terug naar het oorspronkelijke plafond')
    expect((await prisma.budgetRound.findUniqueOrThrow({ where: { id: f.round.id } })).potCents).toBe(45_000_000n)
    await expectBalancedBooks()
    const history = (await publishedAllocation(2026))!.history!
    expect(history.map((h) => [h.version, h.reason, h.scenarioName])).toEqual([
      [4, 'Terug naar het oorspronkelijke plafond', 'Plafond terug'],
      [3, 'Alleen het beleid voor restgeld terug', 'Zelfde nog eens'],
      [2, 'De raad verhoogde het plafond', 'Plafond omhoog'],
      [1, null, null],
    ])
  })

  test('a scenario that takes from a wijk more than it has uncommitted is refused, naming that wijk, and books nothing', async () => {
    // Hoogland has the seeded award of EUR 4,500 (Kunstroute): a cap of EUR 1,000 would take away money that is committed.
    const hoogland = await f.area('WK030719')
    const s = await saveScenario(
      f.round.id,
      base({ name: 'Hoogland op het minimum', areas: [{ areaId: hoogland.id, capCents: 100_000 }] }),
      f.admin.id,
    )
    const entries = await prisma.ledgerEntry.count()
    const versions = await prisma.allocation.count()
    const attempt = publishScenario(f.round.id, s.id, f.admin.id, 'Proef')
    const refused = await refusal(attempt)
    expect(refused.key).toBe('errors.allocation.areasShort')
    expect(refused.text).toMatch(/Hoogland \(zou €\s[\d.]+,\d\d verliezen, maar heeft nog €\s[\d.]+,\d\d vrij\)/)
    expect(refused.text).not.toMatch(/Zielhorst/)
    expect(await prisma.ledgerEntry.count()).toBe(entries)
    expect(await prisma.allocation.count()).toBe(versions)
    await expectBalancedBooks()
  })

  test('a scenario of another round is not found', async () => {
    const other = await prisma.budgetRound.create({
      data: {
        year: 2027,
        name: 'Buurtbudget 2027',
        potCents: 100n,
        opensOn: new Date('2027-01-01'),
        closesOn: new Date('2027-12-31'),
      },
    })
    const s = await saveScenario(f.round.id, base({ name: 'Van 2026' }), f.admin.id)
    await expect(publishScenario(other.id, s.id, f.admin.id, 'x')).rejects.toMatchObject({ status: 404 })
    expect((await compareScenarios(other.id, [s.id])).scenarios).toEqual([])
  })
})

// Samples and findings on real PostgreSQL: reproducible per seed, kept as drawn, findings in the trail
// and in the export.
import { beforeAll, describe, expect, it } from 'vitest'
import { prisma } from '#app/db.server.ts'
import { DomainError } from '#app/domain/errors.ts'
import { seeded } from '#app/testing/fixtures.ts'
import { SPECS } from '#app/reporting/exports/queries.server.ts'
import { drawAndKeepSample, recordFinding, sampleDetail, samplePopulation } from './sampling.server.ts'
import { searchTrail } from './trail.server.ts'

let f: Awaited<ReturnType<typeof seeded>>
let kruiskampId: string

beforeAll(async () => {
  f = await seeded()
  kruiskampId = (await f.area('WK030707')).id
  // More expenses in Kruiskamp, so a sample of 2 out of the population is a real choice.
  const app = await prisma.application.findUniqueOrThrow({ where: { reference: 'BB-2026-0007' } })
  for (const [i, cents] of [12_000, 3_500, 26_000, 900].entries())
    await prisma.expense.create({
      data: {
        applicationId: app.id,
        amountCents: BigInt(cents),
        spentOn: new Date(`2026-0${3 + i}-15T00:00:00Z`),
        description: `Boodschappen ${i + 3}`,
        recordedById: f.reviewerSouth.id,
      },
    })
}, 240_000)

const draw = (seed: string, over: Partial<Parameters<typeof drawAndKeepSample>[1]> = {}) =>
  drawAndKeepSample(f.auditor, {
    roundId: f.round.id,
    areaCode: 'WK030707',
    seed,
    method: 'RANDOM',
    sizeBy: 'COUNT',
    size: 2,
    ...over,
  })

async function refusal(work: () => Promise<unknown>) {
  try {
    await work()
  } catch (error) {
    return error
  }
  throw new Error('expected a refusal')
}

describe('samples', () => {
  it('draws the same expenses again with the same seed, and keeps the seed and parameters', async () => {
    const population = await samplePopulation(f.round.id, kruiskampId)
    expect(population.length).toBeGreaterThanOrEqual(6)
    const one = await draw('kruiskamp-1')
    const two = await draw('kruiskamp-1')
    expect(one.id).not.toBe(two.id)
    expect(two.expenseIds).toEqual(one.expenseIds)
    expect(one.expenseIds).toHaveLength(2)
    expect(one).toMatchObject({ seed: 'kruiskamp-1', method: 'RANDOM', sizeBy: 'COUNT', sizeValue: 2, size: 2 })
    expect(one.population).toBe(population.length)
    // Other seeds give other samples (at least one of several).
    const others = await Promise.all(['a', 'b', 'c', 'd'].map((s) => draw(s)))
    expect(others.some((o) => o.expenseIds.join() !== one.expenseIds.join())).toBe(true)
    // Every drawn expense is one of Kruiskamp's.
    for (const id of one.expenseIds) expect(population.map((p) => p.id)).toContain(id)
  })

  it('sizes by percentage and by amount, and records the draw in the trail', async () => {
    const pct = await draw('pct', { sizeBy: 'PERCENT', size: 50 })
    const population = await samplePopulation(f.round.id, kruiskampId)
    expect(pct.size).toBe(Math.ceil(population.length / 2))
    const mus = await draw('mus', { method: 'MONETARY_UNIT', size: 3 })
    expect(mus.expenseIds.length).toBeGreaterThan(0)
    // The largest expense (EUR 482,50, bigger than a third of the total) is always in a sample of 3 by amount.
    const largest = [...population].sort((a, b) => b.amountCents - a.amountCents)[0]
    expect(mus.expenseIds).toContain(largest.id)
    const trail = await searchTrail({ kind: 'audit.sample-drawn' }, 1)
    expect(trail.rows.some((r) => (r.data as { sampleId?: string }).sampleId === mus.id)).toBe(true)
  })

  it('refuses a bad seed, a wijk without expenses and a bad percentage, at the field', async () => {
    const bad = (await refusal(() => draw('met spatie'))) as DomainError
    expect(bad).toBeInstanceOf(DomainError)
    expect(bad.field).toBe('seed')
    const without = await prisma.area.findFirstOrThrow({
      where: {
        roundAreas: { some: { roundId: f.round.id } },
        applications: { none: { roundId: f.round.id, expenses: { some: {} } } },
      },
    })
    const empty = (await refusal(() => draw('x', { areaCode: without.code }))) as DomainError
    expect([empty.key, empty.field]).toEqual(['sampling.errors.empty', 'wijk'])
    const pct = (await refusal(() => draw('x', { sizeBy: 'PERCENT', size: 101 }))) as DomainError
    expect(pct.field).toBe('size')
  })

  it('is kept as drawn: the database refuses to change or delete a sample', async () => {
    const s = await draw('keep')
    await expect(prisma.$executeRaw`UPDATE "AuditSample" SET "seed" = 'other' WHERE "id" = ${s.id}`).rejects.toThrow(
      /append-only/,
    )
    await expect(prisma.$executeRaw`DELETE FROM "AuditSample" WHERE "id" = ${s.id}`).rejects.toThrow(/append-only/)
  })
})

describe('findings', () => {
  it('records a finding on a sampled expense; it shows on the sample, in the trail and in the export', async () => {
    const s = await draw('finding-1', { size: 6 })
    const detail = await sampleDetail(f.round.id, s.id)
    expect(detail!.expenses.map((e) => e.id)).toEqual(s.expenseIds)
    // The seeded February groceries have their receipt (of the application) beside them.
    expect(detail!.expenses.every((e) => e.receipts.some((r) => r.filename === 'bon-boodschappen-februari.pdf'))).toBe(
      true,
    )
    const expenseId = s.expenseIds[0]
    const finding = await recordFinding(f.auditor, {
      roundId: f.round.id,
      sampleId: s.id,
      expenseId,
      verdict: 'REMARK',
      text: 'Bon is leesbaar, maar de datum ontbreekt.',
    })
    expect(finding.hash).toMatch(/^[0-9a-f]{64}$/)
    const again = await sampleDetail(f.round.id, s.id)
    expect(again!.expenses[0].findings.map((x) => x.text)).toEqual(['Bon is leesbaar, maar de datum ontbreekt.'])
    const trail = await searchTrail({ kind: 'finding' }, 1)
    const row = trail.rows.find((r) => r.hash === finding.hash)
    expect(row).toMatchObject({ source: 'finding', action: 'finding.remark', entity: 'BB-2026-0007' })
    const exported = []
    for await (const r of SPECS.findings.rows({ roundId: f.round.id })) exported.push(r)
    expect(exported).toContainEqual(
      expect.objectContaining({ text: 'Bon is leesbaar, maar de datum ontbreekt.', expenseId, sampleId: s.id }),
    )
  })

  it('refuses an empty text and an expense outside the sample', async () => {
    const s = await draw('finding-2', { size: 1 })
    const empty = (await refusal(() =>
      recordFinding(f.auditor, {
        roundId: f.round.id,
        sampleId: s.id,
        expenseId: s.expenseIds[0],
        verdict: 'OK',
        text: ' ',
      }),
    )) as DomainError
    expect(empty.field).toBe('text')
    const outside = (await prisma.expense.findFirstOrThrow({ where: { id: { notIn: s.expenseIds } } })).id
    const notInSample = (await refusal(() =>
      recordFinding(f.auditor, {
        roundId: f.round.id,
        sampleId: s.id,
        expenseId: outside,
        verdict: 'OK',
        text: 'In orde',
      }),
    )) as DomainError
    expect(notInSample.status).toBe(404)
    expect(await prisma.auditFinding.count({ where: { sampleId: s.id } })).toBe(0)
  })
})

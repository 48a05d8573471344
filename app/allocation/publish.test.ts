import { beforeAll, describe, expect, test } from 'vitest'
import { prisma } from '#app/db.server.ts'
import { approve } from '#app/review/decisions.server.ts'
import { areaMoney, checkLedger } from '#app/ledger/reports.server.ts'
import { seeded } from '#app/testing/fixtures.ts'
import { refusal } from '#app/testing/refusal.ts'
import { publishAllocation, publishedAllocation, simulateAllocation } from './publish.server.ts'

let f: Awaited<ReturnType<typeof seeded>>
beforeAll(async () => {
  f = await seeded()
})

describe('publishing the allocation', () => {
  test('the seeded round 2026 is published over 31 wijken and sums to exactly EUR 450,000.00', async () => {
    const published = await publishedAllocation(2026)
    expect(published?.allocation?.version).toBe(1)
    expect(published!.allocation!.lines).toHaveLength(31)
    expect(published!.allocation!.lines.reduce((s, l) => s + l.totalCents, 0)).toBe(45_000_000)
    const rows = await areaMoney(f.round.id)
    expect(rows.reduce((s, r) => s + r.allocatedCents, 0)).toBe(45_000_000)
    expect(rows.every((r) => r.balanced)).toBe(true)
    // A priority wijk weighs 1.5: Soesterkwartier (12,185 inhabitants) gets more than Kattenbroek (10,635) by more than the ratio of inhabitants.
    const line = (code: string) => published!.allocation!.lines.find((l) => l.area.code === code)!
    expect(line('WK030703').proportionalCents / line('WK030721').proportionalCents).toBeGreaterThan(12185 / 10635)
  })

  test('a simulation books nothing', async () => {
    const entries = await prisma.ledgerEntry.count()
    const sim = await simulateAllocation(f.round.id, { fixedAllowanceCents: 150_000, priorityWeightMilli: 2000 })
    expect(sim.ok).toBe(true)
    if (sim.ok) expect(sim.lines.reduce((s, l) => s + l.differenceCents, 0)).toBe(0)
    expect(await prisma.ledgerEntry.count()).toBe(entries)
  })

  test('a new version books only the differences and the books still balance', async () => {
    const v2 = await publishAllocation(
      f.round.id,
      { fixedAllowanceCents: 120_000, priorityWeightMilli: 1500 },
      f.admin.id,
      'Hoger vast bedrag voor de stichtingen',
    )
    expect(v2.version).toBe(2)
    const lines = await prisma.allocationLine.findMany({ where: { allocationId: v2.id } })
    const rows = await areaMoney(f.round.id)
    for (const line of lines)
      expect(rows.find((r) => r.areaId === line.areaId)!.allocatedCents).toBe(Number(line.totalCents))
    expect(rows.every((r) => r.balanced)).toBe(true)
    expect(await checkLedger(f.round.id)).toMatchObject({
      balancesMatchEntries: true,
      sumOfBalancesIsZero: true,
      sourceEqualsPot: true,
    })
    const pot = await prisma.account.findFirstOrThrow({ where: { roundId: f.round.id, kind: 'ROUND_POT' } })
    expect(pot.balanceCents).toBe(0n)
  })

  test('a version that takes from a wijk more than it has uncommitted is refused, naming the wijk', async () => {
    // Commit almost everything Calveen (140 inhabitants) has, then try to give all money to the fixed part... and less to Calveen.
    const calveen = await f.area('WK030722')
    const [{ availableCents }] = await areaMoney(f.round.id, [calveen.id])
    const foundation = await prisma.foundation.create({
      data: {
        name: 'Stichting Calveen',
        kvkNumber: '87654321',
        iban: 'NL91ABNA0417164300',
        accountHolder: 'Stichting Calveen',
        contactName: 'Test',
        email: 'c@example.org',
        areas: { create: { areaId: calveen.id } },
      },
    })
    const app = await prisma.application.create({
      data: {
        reference: 'CALVEEN-1',
        roundId: f.round.id,
        areaId: calveen.id,
        foundationId: foundation.id,
        title: 'Dorpsfeest',
        category: 'ontmoeting',
        description: 'x'.repeat(30),
        status: 'SUBMITTED',
        submittedAt: new Date(),
        requestedCents: BigInt(availableCents),
        createdById: f.admin.id,
      },
    })
    await approve(f.reviewer, app.id, availableCents)
    const entries = await prisma.ledgerEntry.count()
    const attempt = publishAllocation(
      f.round.id,
      { fixedAllowanceCents: 0, priorityWeightMilli: 1500 },
      f.admin.id,
      'Geen vast bedrag meer',
    )
    const refused = await refusal(attempt)
    expect(refused).toMatchObject({ key: 'errors.allocation.areasShort', status: 409 })
    expect(refused.text).toContain('Calveen')
    expect(await prisma.ledgerEntry.count()).toBe(entries)
    expect(await prisma.allocation.count({ where: { roundId: f.round.id } })).toBe(2)
  })
})

import { beforeAll, expect, test } from 'vitest'
import { prisma } from '#app/db.server.ts'
import { areaMoney, checkLedger } from '#app/ledger/reports.server.ts'
import { seeded } from '#app/testing/fixtures.ts'
import { ReviewError, approve } from './review.server.ts'

let f: Awaited<ReturnType<typeof seeded>>
beforeAll(async () => {
  f = await seeded()
})

test('20 approvals racing for one wijk never commit more than the wijk had available', async () => {
  const area = await f.area('WK030702') // Nederberg: no seeded grants
  const foundation = await prisma.foundation.create({
    data: {
      name: 'Stichting Nederberg Nu',
      kvkNumber: '12345678',
      iban: 'NL91ABNA0417164300',
      accountHolder: 'Stichting Nederberg Nu',
      contactName: 'Test',
      email: 'n@example.org',
      areas: { create: { areaId: area.id } },
    },
  })
  const [{ availableCents }] = await areaMoney(f.round.id, [area.id])
  expect(availableCents).toBeGreaterThan(0)
  // Each asks for a seventh of what is available: at most 7 can be approved, 13 must be refused.
  const ask = Math.floor(availableCents / 7) + 1
  const apps = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      prisma.application.create({
        data: {
          reference: `RACE-${i}`,
          roundId: f.round.id,
          areaId: area.id,
          foundationId: foundation.id,
          title: `Initiatief ${i}`,
          category: 'ontmoeting',
          description: 'x'.repeat(30),
          status: 'SUBMITTED',
          submittedAt: new Date(),
          requestedCents: BigInt(ask),
          createdById: f.admin.id,
        },
      }),
    ),
  )
  const results = await Promise.allSettled(apps.map((a) => approve(f.reviewer, a.id, ask)))
  const approved = results.filter((r) => r.status === 'fulfilled').length
  const refused = results.filter((r) => r.status === 'rejected')
  for (const r of refused) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(ReviewError)

  const [after] = await areaMoney(f.round.id, [area.id])
  expect(approved).toBe(6) // 7 x (available/7 + 1) > available
  expect(after.committedCents).toBe(approved * ask)
  expect(after.committedCents).toBeLessThanOrEqual(availableCents)
  expect(after.availableCents).toBe(availableCents - approved * ask)
  expect(after.balanced).toBe(true)
  expect(await prisma.application.count({ where: { areaId: area.id, status: 'AWARDED' } })).toBe(approved)
  expect(await checkLedger(f.round.id)).toMatchObject({ balancesMatchEntries: true, sumOfBalancesIsZero: true })
})

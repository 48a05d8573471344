// Closing a round with the carry-over policy: each wijk's unspent money arrives in the same wijk of
// the next round, and the books of both rounds verify.
import { beforeAll, expect, test } from 'vitest'
import { prisma } from '#app/db.server.ts'
import { areaMoney } from '#app/ledger/reports.server.ts'
import { balanceOf } from '#app/ledger/ledger.server.ts'
import { verifyLedger } from '#app/ledger/verify.server.ts'
import { seeded } from '#app/testing/fixtures.ts'
import { closeRound, closingReport, createNextRound, openCommitments } from './lifecycle.server.ts'
import { DomainError } from '#app/domain/errors.ts'

let f: Awaited<ReturnType<typeof seeded>>
beforeAll(async () => {
  f = await seeded()
})

test('closing a round carries each wijk’s unspent money into the next round; ledger:verify passes on both', async () => {
  const next = await prisma.$transaction((tx) =>
    createNextRound(tx, {
      year: 2027,
      potCents: 50_000_000,
      opensOn: '2027-01-01',
      closesOn: '2027-03-31',
      actorId: f.admin.id,
    }),
  )
  expect(next.advancePercent).toBe(f.round.advancePercent)
  expect(await prisma.roundArea.count({ where: { roundId: next.id } })).toBe(
    await prisma.roundArea.count({ where: { roundId: f.round.id } }),
  )
  await expect(
    prisma.$transaction((tx) =>
      createNextRound(tx, {
        year: 2027,
        potCents: 1,
        opensOn: '2027-01-01',
        closesOn: '2027-03-31',
        actorId: f.admin.id,
      }),
    ),
  ).rejects.toMatchObject({ key: 'grants.errors.yearExists', field: 'year' })

  await prisma.allocation.updateMany({ where: { roundId: f.round.id }, data: { unspentPolicy: 'CARRY_OVER_PER_AREA' } })
  // the seeded round has open grants: closing is refused and they are listed
  const open = await openCommitments(prisma as never, f.round.id)
  if (open.length > 0) {
    await expect(prisma.$transaction((tx) => closeRound(tx, f.round.id, f.admin.id))).rejects.toBeInstanceOf(
      DomainError,
    )
    // settle the books of those grants by hand for this test: move their money back to the wijk
    // via reversals of their entries, newest first
    const { reverse } = await import('#app/ledger/reverse.server.ts')
    const entries = await prisma.ledgerEntry.findMany({
      where: { roundId: f.round.id, applicationId: { not: null }, cause: { not: 'REVERSAL' } },
      orderBy: { id: 'desc' },
    })
    for (const e of entries) await prisma.$transaction((tx) => reverse(tx, e.id, 'Testopruiming', f.admin.id))
    expect(await openCommitments(prisma as never, f.round.id)).toEqual([])
  }
  const before = await areaMoney(f.round.id)
  const closing = await prisma.$transaction((tx) => closeRound(tx, f.round.id, f.admin.id))
  expect(closing.nextRoundId).toBe(next.id)
  let carried = 0
  for (const wijk of before) {
    const left = await balanceOf(prisma as never, { kind: 'AREA_AVAILABLE', roundId: f.round.id, areaId: wijk.areaId })
    const arrived = await balanceOf(prisma as never, { kind: 'AREA_AVAILABLE', roundId: next.id, areaId: wijk.areaId })
    expect(left).toBe(0)
    expect(arrived).toBe(wijk.availableCents)
    carried += wijk.availableCents
  }
  expect(carried).toBeGreaterThan(0)
  expect(Number(closing.carriedCents)).toBe(carried)
  const report = await closingReport(prisma as never, f.round.id)
  expect(report.filter((r) => r.kind === 'ROUND_CARRIED_OVER').reduce((s, r) => s + r.cents, 0)).toBe(carried)
  const result = await verifyLedger(prisma, [f.round.id, next.id])
  expect(result.failures).toEqual([])
  await expect(prisma.$transaction((tx) => closeRound(tx, f.round.id, f.admin.id))).rejects.toMatchObject({
    key: 'grants.errors.roundClosed',
  })
  // a broken balance is found
  await prisma.$executeRaw`UPDATE "Account" SET "balanceCents" = "balanceCents" + 1 WHERE "roundId" = ${next.id} AND "kind" = 'ROUND_POT'`
  expect((await verifyLedger(prisma, [next.id])).failures.length).toBeGreaterThan(0)
}, 120_000)

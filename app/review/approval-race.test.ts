// Concurrency on real PostgreSQL: many reviewers awarding on one wijk at the same moment can never
// spend more than the wijk has, below the four-eyes threshold and above it (reservations racing
// their confirmations).
import { beforeAll, expect, test } from 'vitest'
import { prisma } from '#app/db.server.ts'
import { DomainError } from '#app/domain/errors.ts'
import { translate } from '#app/i18n/i18n.ts'
import { areaMoney, checkLedger } from '#app/ledger/reports.server.ts'
import { seeded } from '#app/testing/fixtures.ts'
import { approve, confirmAward } from './decisions.server.ts'

let f: Awaited<ReturnType<typeof seeded>>
beforeAll(async () => {
  f = await seeded()
})

async function raceSetUp(code: string, kvk: string, count: number, divisor: number) {
  const area = await f.area(code)
  const foundation = await prisma.foundation.create({
    data: {
      name: `Stichting Race ${code}`,
      kvkNumber: kvk,
      iban: 'NL91ABNA0417164300',
      accountHolder: `Stichting Race ${code}`,
      contactName: 'Test',
      email: `race-${code}@example.org`,
      areas: { create: { areaId: area.id } },
    },
  })
  const [{ availableCents, committedCents: committedBefore }] = await areaMoney(f.round.id, [area.id])
  expect(availableCents).toBeGreaterThan(0)
  const ask = Math.floor(availableCents / divisor) + 1
  const apps = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      prisma.application.create({
        data: {
          reference: `RACE-${code}-${i}`,
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
  return { area, availableCents, committedBefore, ask, apps }
}

/** Each refusal is the clear Dutch message about the wijk's free budget, at the amount field. */
function expectInsufficient(reason: unknown) {
  expect(reason).toBeInstanceOf(DomainError)
  const error = reason as DomainError
  expect(error.key).toBe('decide.insufficient')
  expect(error.field).toBe('amount')
  expect(translate('nl', error.key, error.params)).toMatch(
    /^Het vrij beschikbare budget van deze wijk is €\s[\d.]+,\d\d; dat is minder dan dit bedrag\./,
  )
}

test('50 awards below the threshold racing for one wijk never commit more than it had available', async () => {
  const { area, availableCents, ask, apps } = await raceSetUp('WK030702', '12345678', 50, 20)
  // below the threshold: one reviewer decides
  await prisma.budgetRound.update({ where: { id: f.round.id }, data: { fourEyesThresholdCents: BigInt(ask + 1) } })
  const results = await Promise.allSettled(apps.map((a) => approve(f.reviewer, a.id, ask)))
  const approved = results.filter((r) => r.status === 'fulfilled').length
  for (const r of results) {
    if (r.status === 'rejected') expectInsufficient(r.reason)
    else expect(r.value.state).toBe('EFFECTIVE')
  }
  const [after] = await areaMoney(f.round.id, [area.id])
  expect(approved).toBe(19) // 20 x (available/20 + 1) > available
  expect(after.committedCents).toBe(approved * ask)
  expect(after.committedCents).toBeLessThanOrEqual(availableCents)
  expect(after.availableCents).toBe(availableCents - approved * ask)
  expect(after.reservedCents).toBe(0)
  expect(after.balanced).toBe(true)
  expect(await prisma.application.count({ where: { areaId: area.id, status: 'AWARDED' } })).toBe(approved)
  // every effective decision has its kept letter; refused ones left nothing behind
  expect(await prisma.keptDocument.count({ where: { application: { areaId: area.id } } })).toBe(approved)
  expect(await prisma.decision.count({ where: { application: { areaId: area.id } } })).toBe(approved)
  expect(await checkLedger(f.round.id)).toMatchObject({ balancesMatchEntries: true, sumOfBalancesIsZero: true })
})

test('50 reservations above the threshold racing their confirmations never spend more than the wijk had', async () => {
  const { area, availableCents, committedBefore, ask, apps } = await raceSetUp('WK030703', '12345679', 50, 20)
  await prisma.budgetRound.update({ where: { id: f.round.id }, data: { fourEyesThresholdCents: BigInt(ask) } })
  const ownConfirmations: Promise<unknown>[] = []
  const outcome = (p: Promise<unknown>) =>
    p.then(
      () => 'confirmed',
      (e: unknown) => (e instanceof DomainError ? e.key : e),
    )
  const results = await Promise.allSettled(
    apps.map(async (a, i) => {
      const award = await approve(f.reviewer, a.id, ask)
      expect(award.state).toBe('AWAITING_CONFIRMATION')
      // the proposer tries to confirm their own award: always refused
      if (i % 2 === 0) ownConfirmations.push(outcome(confirmAward(f.reviewer, a.id)))
      await confirmAward(f.reviewer2, a.id)
    }),
  )
  const own = await Promise.all(ownConfirmations)
  expect(own.length).toBeGreaterThan(0)
  // refused because it is their own proposal, or because the colleague confirmed it first; never confirmed
  for (const key of own) expect(['decide.notYourOwn', 'decide.nothingToConfirm']).toContain(key)
  const confirmed = results.filter((r) => r.status === 'fulfilled').length
  for (const r of results) if (r.status === 'rejected') expectInsufficient(r.reason)
  const [after] = await areaMoney(f.round.id, [area.id])
  expect(confirmed).toBe(19)
  expect(after.reservedCents).toBe(0)
  expect(after.committedCents - committedBefore).toBe(confirmed * ask)
  expect(after.committedCents - committedBefore).toBeLessThanOrEqual(availableCents)
  expect(after.availableCents).toBe(availableCents - confirmed * ask)
  expect(after.balanced).toBe(true)
  const decisions = await prisma.decision.findMany({
    where: { application: { areaId: area.id, reference: { startsWith: 'RACE-' } } },
  })
  expect(decisions).toHaveLength(confirmed)
  for (const d of decisions) {
    expect(d.state).toBe('EFFECTIVE')
    expect(d.proposedById).toBe(f.reviewer.id)
    expect(d.confirmedById).toBe(f.reviewer2.id)
  }
  expect(
    await prisma.application.count({
      where: { areaId: area.id, status: 'AWARDED', reference: { startsWith: 'RACE-' } },
    }),
  ).toBe(confirmed)
  expect(await checkLedger(f.round.id)).toMatchObject({ balancesMatchEntries: true, sumOfBalancesIsZero: true })
})

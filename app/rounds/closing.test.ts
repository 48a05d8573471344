// The administrator's round screens' services (issue 11, point 6; decision 0034), on real PostgreSQL:
// the next round from the newest one, refusals at the field, the overview before closing, the refusal
// while grants are open, the close with its reason, and a closing report that ties out to the pot.
import { beforeAll, expect, test } from 'vitest'
import { publishAllocation } from '#app/allocation/publish.server.ts'
import { prisma } from '#app/db.server.ts'
import { DomainError } from '#app/domain/errors.ts'
import { areaMoney, checkLedger } from '#app/ledger/reports.server.ts'
import { verifyLedger } from '#app/ledger/verify.server.ts'
import { seeded } from '#app/testing/fixtures.ts'
import { settleOpenGrants } from '#app/testing/settle-open-grants.server.ts'
import { closeRoundByYear, closingOverview, createRound, nextRoundDefaults, roundReport } from './closing.server.ts'
import { mayCloseRound, shiftYear } from './policy.ts'
import { closeRoundSchema, newRoundSchema } from './schema.ts'

let f: Awaited<ReturnType<typeof seeded>>
beforeAll(async () => {
  f = await seeded()
})

const form = (values: Record<string, string>) => {
  const fd = new FormData()
  for (const [k, v] of Object.entries(values)) fd.set(k, v)
  return Object.fromEntries(fd)
}
const valid = {
  year: '2027',
  pot: '400.000,00',
  opensOn: '2027-01-01',
  closesOn: '2027-12-31',
  maxAmount: '7.500,00',
  reportTermWeeks: '6',
  advancePercent: '80',
  fourEyesThreshold: '2.500,00',
  paymentApprovalThreshold: '1.000,00',
}
const fieldErrors = (values: Record<string, string>) => {
  const r = newRoundSchema.safeParse(form(values))
  return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [String(i.path[0]), i.message]))
}

test('the form: a pot of "abc", an end before the start, a bad year are errors at their field', () => {
  expect(fieldErrors({ ...valid, pot: 'abc' })).toHaveProperty('pot')
  expect(fieldErrors({ ...valid, closesOn: '2026-12-01' })).toEqual({
    closesOn: 'De sluitingsdatum moet na de openingsdatum liggen.',
  })
  expect(fieldErrors({ ...valid, year: '27' })).toHaveProperty('year')
  expect(fieldErrors({ ...valid, opensOn: '2027-02-30' })).toHaveProperty('opensOn')
  expect(fieldErrors(valid)).toEqual({})
  expect(closeRoundSchema.safeParse({ intent: 'close', reason: 'kort' }).success).toBe(false)
  expect(shiftYear('2024-02-29', 1)).toBe('2025-02-28')
  expect(
    mayCloseRound({ closed: false, openGrants: 2, policy: 'RETURN_TO_MUNICIPALITY', hasNextRound: true }),
  ).toMatchObject({
    ok: false,
    reason: 'roundLifecycle.errors.openGrants',
  })
  expect(
    mayCloseRound({ closed: false, openGrants: 0, policy: 'CARRY_OVER_PER_AREA', hasNextRound: false }),
  ).toMatchObject({
    ok: false,
    reason: 'grants.errors.noNextRound',
  })
  expect(mayCloseRound({ closed: false, openGrants: 0, policy: 'CARRY_OVER_PER_AREA', hasNextRound: true }).ok).toBe(
    true,
  )
})

test('round 2027 from 2026, closing 2026 with carry-over: refused while grants are open, then every euro ties out', async () => {
  const defaults = await nextRoundDefaults()
  expect(defaults).toMatchObject({ fromYear: 2026, year: 2027, opensOn: '2027-01-01', closesOn: '2027-12-31' })
  expect(defaults!.advancePercent).toBe(f.round.advancePercent)

  const parse = (values: Record<string, string>) => newRoundSchema.parse(form(values))
  // A year that exists, a date outside the round's years: at their field, nothing written
  await expect(
    createRound(parse({ ...valid, year: '2026', opensOn: '2026-01-01', closesOn: '2026-12-31' }), f.admin.id),
  ).rejects.toMatchObject({
    key: 'grants.errors.yearExists',
    field: 'year',
  })
  await expect(createRound(parse({ ...valid, opensOn: '2025-01-01' }), f.admin.id)).rejects.toMatchObject({
    key: 'errors.rounds.dateInYears',
    field: 'opensOn',
  })
  expect(await prisma.budgetRound.count({ where: { year: 2027 } })).toBe(0)

  const next = await createRound(parse(valid), f.admin.id)
  expect(next).toMatchObject({ year: 2027, advancePercent: 80, reportTermWeeks: 6, potCents: 40_000_000n })
  expect(next.maxAmountCents).toBe(750_000n)
  expect(next.categories).toEqual(f.round.categories)
  expect(await prisma.roundArea.count({ where: { roundId: next.id } })).toBe(
    await prisma.roundArea.count({ where: { roundId: f.round.id } }),
  )
  expect(await checkLedger(next.id)).toMatchObject({ sourceEqualsPot: true, sumOfBalancesIsZero: true })

  // The carry-over policy is the published allocation's: a new version with the same parameters
  const published = await prisma.allocation.findFirstOrThrow({
    where: { roundId: f.round.id, status: 'PUBLISHED' },
    orderBy: { version: 'desc' },
  })
  await publishAllocation(
    f.round.id,
    {
      potCents: Number(published.potCents),
      fixedAllowanceCents: Number(published.fixedAllowanceCents),
      priorityWeightMilli: published.priorityWeightMilli ?? 1000,
      inhabitantsYear: published.inhabitantsYear,
      unspentPolicy: 'CARRY_OVER_PER_AREA',
      areas: {},
    },
    f.admin.id,
    'Restgeld blijft voor de wijk',
  )

  // Open grants: listed with their numbers, and closing is refused without writing anything
  const before = await closingOverview(2026)
  expect(before.policy).toBe('CARRY_OVER_PER_AREA')
  expect(before.nextYear).toBe(2027)
  expect(before.grants.length).toBeGreaterThan(0)
  for (const g of before.grants) {
    expect(g.openCents).toBeGreaterThan(0)
    expect(g.committedCents).toBeGreaterThanOrEqual(g.openCents)
    expect(g.foundation.length).toBeGreaterThan(0)
  }
  expect(before.verdict).toMatchObject({ ok: false, reason: 'roundLifecycle.errors.openGrants' })
  const refused = await closeRoundByYear(2026, 'Alle aanvragen zijn afgehandeld.', f.admin.id).catch((e: unknown) => e)
  expect(refused).toBeInstanceOf(DomainError)
  expect(refused).toMatchObject({ key: 'roundLifecycle.errors.openGrants', status: 409 })
  expect(await prisma.roundClosing.count()).toBe(0)
  expect(await prisma.ledgerEntry.count({ where: { cause: 'CARRY_OVER' } })).toBe(0)

  // The grants are settled through the grants module's services; then the round may close
  expect(await settleOpenGrants(f.round.id, f.reviewer.id, '2026-11-26')).toBe(before.grants.length)
  const ready = await closingOverview(2026)
  expect(ready.grants).toEqual([])
  expect(ready.verdict.ok).toBe(true)
  expect(ready.unspentCents).toBeGreaterThan(0)
  const unspentPerWijk = new Map(ready.wijken.map((w) => [w.code, w.availableCents]))

  const closing = await closeRoundByYear(2026, '  Alle aanvragen van 2026 zijn vastgesteld.  ', f.admin.id)
  expect(closing).toMatchObject({ reason: 'Alle aanvragen van 2026 zijn vastgesteld.', nextRoundId: next.id })
  expect(Number(closing.carriedCents)).toBe(ready.unspentCents)

  // The closing report of 2026: per wijk what was unspent is carried over; the total ties out to the pot
  const report = await roundReport(2026)
  expect(report.round.closed).toBe(true)
  expect(report.closing).toMatchObject({
    policy: 'CARRY_OVER_PER_AREA',
    nextYear: 2027,
    carriedCents: ready.unspentCents,
  })
  for (const row of report.rows) {
    expect(row.carriedOverCents).toBe(unspentPerWijk.get(row.code))
    expect(row.stillOpenCents).toBe(0)
    expect(row.returnedCents).toBe(0)
  }
  expect(report.totals.carriedOverCents).toBe(ready.unspentCents)
  expect(report.fundedCents).toBe(45_000_000)
  expect(report.endedCents).toBe(report.fundedCents)
  expect(report.tiesOut).toBe(true)

  // 2027: each wijk received exactly its unspent 2026 money; its report ties out to pot + carried in
  const standing = await roundReport(2027)
  expect(standing.round.closed).toBe(false)
  for (const row of standing.rows) expect(row.carriedInCents).toBe(unspentPerWijk.get(row.code))
  expect(standing.totals.carriedInCents).toBe(ready.unspentCents)
  expect(standing.fundedCents).toBe(40_000_000 + ready.unspentCents)
  expect(standing.tiesOut).toBe(true)
  expect(await checkLedger(next.id)).toMatchObject({ sourceEqualsPot: true, sumOfBalancesIsZero: true })
  for (const wijk of await areaMoney(next.id)) {
    expect(wijk.balanced).toBe(true)
    expect(wijk.availableCents).toBe(unspentPerWijk.get(wijk.code))
  }
  expect((await verifyLedger(prisma, [f.round.id, next.id])).failures).toEqual([])

  // Closed is closed
  await expect(closeRoundByYear(2026, 'Nog een keer sluiten.', f.admin.id)).rejects.toMatchObject({
    key: 'grants.errors.roundClosed',
  })
  await expect(closingOverview(1999)).rejects.toMatchObject({ key: 'errors.notFound' })
}, 180_000)

test('the form shows every mistake at once: a pot of "abc" and an end before the start together', () => {
  const errors = fieldErrors({ ...valid, pot: 'abc', opensOn: '2027-06-01', closesOn: '2027-01-01' })
  expect(Object.keys(errors).sort()).toEqual(['closesOn', 'pot'])
})

// The balance totals the dashboards read (app/ledger/totals.server.ts) always equal the account
// balances summed straight from "Account": with deltas not folded yet, while another fold holds the
// lock, after a fold, and with postings and folds running at the same time.
import { beforeAll, describe, expect, it } from 'vitest'
import { prisma } from '#app/db.server.ts'
import { pgClient } from '#app/testing/db.ts'
import { seeded } from '#app/testing/fixtures.ts'
import { post } from './ledger.server.ts'
import { foldBalanceDeltas, roundTotals } from './totals.server.ts'

type Key = string
const keyOf = (r: { areaId: string; kind: string; category: string; foundationId: string }): Key =>
  `${r.areaId}|${r.kind}|${r.category}|${r.foundationId}`

/** The same totals computed from the accounts one by one. */
async function fromAccounts(roundId: string): Promise<Map<Key, number>> {
  const rows = await prisma.$queryRaw<
    { areaId: string; kind: string; category: string; foundationId: string; cents: bigint }[]
  >`
    SELECT coalesce(acc."areaId", '') AS "areaId", acc."kind"::text AS kind, coalesce(app."category", '') AS category,
           coalesce(app."foundationId", '') AS "foundationId", SUM(acc."balanceCents")::bigint AS cents
    FROM "Account" acc LEFT JOIN "Application" app ON app."id" = acc."applicationId"
    WHERE acc."roundId" = ${roundId} GROUP BY 1, 2, 3, 4`
  return new Map(rows.filter((r) => r.cents !== 0n).map((r) => [keyOf(r), Number(r.cents)]))
}

async function expectTotalsEqualAccounts(roundId: string) {
  const totals = await roundTotals(roundId)
  expect(new Map(totals.map((r) => [keyOf(r), r.cents]))).toEqual(await fromAccounts(roundId))
  return totals
}

const deltas = async () =>
  Number((await prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "BalanceDelta"`)[0].n)

describe('balance totals', () => {
  let s: Awaited<ReturnType<typeof seeded>>
  let grant: { id: string; areaId: string }
  beforeAll(async () => {
    s = await seeded()
    // an application of the seed that has grant accounts (a category and a foundation to group by)
    const acc = await prisma.account.findFirstOrThrow({
      where: { roundId: s.round.id, kind: 'GRANT_COMMITTED', applicationId: { not: null } },
      select: { applicationId: true, areaId: true },
    })
    grant = { id: acc.applicationId!, areaId: acc.areaId! }
  })

  it('for the seed: per wijk, kind, category and foundation, the totals are the accounts summed', async () => {
    const totals = await expectTotalsEqualAccounts(s.round.id)
    expect(totals.some((r) => r.category !== '' && r.foundationId !== '')).toBe(true)
    expect(totals.some((r) => r.areaId === '')).toBe(true)
    expect(await deltas()).toBe(0)
  })

  it('a change not folded yet is counted; while another fold holds the lock it stays a delta and still counts', async () => {
    const holder = await pgClient()
    try {
      await holder.query('BEGIN')
      await holder.query('SELECT pg_advisory_xact_lock(730219001)')
      await prisma.$transaction((tx) =>
        post(tx, {
          from: { kind: 'AREA_AVAILABLE', roundId: s.round.id, areaId: grant.areaId },
          to: { kind: 'GRANT_COMMITTED', roundId: s.round.id, areaId: grant.areaId, applicationId: grant.id },
          amountCents: 123,
          cause: 'AWARD',
          actorId: s.reviewer.id,
        }),
      )
      expect(await foldBalanceDeltas()).toBeNull()
      await expectTotalsEqualAccounts(s.round.id)
      expect(await deltas()).toBeGreaterThan(0)
    } finally {
      await holder.query('ROLLBACK')
      await holder.end()
    }
    expect(await foldBalanceDeltas()).toBeGreaterThan(0)
    expect(await deltas()).toBe(0)
    await expectTotalsEqualAccounts(s.round.id)
  })

  it('a balance changed directly in SQL is in the totals too (the trigger sees every writer)', async () => {
    await prisma.$executeRaw`UPDATE "Account" SET "balanceCents" = "balanceCents" + 7
      WHERE "roundId" = ${s.round.id} AND "kind" = 'GRANT_COMMITTED' AND "applicationId" = ${grant.id}`
    await expectTotalsEqualAccounts(s.round.id)
    await prisma.$executeRaw`UPDATE "Account" SET "balanceCents" = "balanceCents" - 7
      WHERE "roundId" = ${s.round.id} AND "kind" = 'GRANT_COMMITTED' AND "applicationId" = ${grant.id}`
    await expectTotalsEqualAccounts(s.round.id)
  })

  it('postings and folds at the same time: nothing counted twice, nothing lost', async () => {
    const work = Array.from({ length: 30 }, (_, i) =>
      i % 3 === 0
        ? foldBalanceDeltas()
        : prisma.$transaction((tx) =>
            post(tx, {
              from: { kind: 'AREA_AVAILABLE', roundId: s.round.id, areaId: grant.areaId },
              to: { kind: 'GRANT_COMMITTED', roundId: s.round.id, areaId: grant.areaId, applicationId: grant.id },
              amountCents: 100 + i,
              cause: 'AWARD',
              actorId: s.reviewer.id,
            }),
          ),
    )
    await Promise.all(work)
    await expectTotalsEqualAccounts(s.round.id)
    await foldBalanceDeltas()
    expect(await deltas()).toBe(0)
    await expectTotalsEqualAccounts(s.round.id)
  }, 120_000)
})

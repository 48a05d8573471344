// Every total of the dashboard (read from balances and allocation lines) equals the sum computed
// straight from the ledger entries: for the seed, and for a generated round of 1,000,000 entries.
import { beforeAll, describe, expect, it } from 'vitest'
import { prisma } from '#app/db.server.ts'
import type { AccountKind } from '#app/generated/prisma/enums.ts'
import { AREA_KINDS } from '#app/ledger/accounts.ts'
import { pgClient } from '#app/testing/db.ts'
import { seeded } from '#app/testing/fixtures.ts'
import { dashboard, groupedRows, lastLedgerCheck, runLedgerCheck } from './dashboard.server.ts'
import { columns, type Balances } from './money.ts'

/** Per wijk and account kind, the net of the entries (in minus out); and the allocation's net. */
async function fromEntries(roundId: string) {
  const rows = await prisma.$queryRaw<{ areaId: string; kind: AccountKind; net: bigint }[]>`
    SELECT a."areaId", a."kind", SUM(x.v)::bigint AS net
    FROM "LedgerEntry" e
    CROSS JOIN LATERAL (VALUES (e."toAccountId", e."amountCents"), (e."fromAccountId", -e."amountCents")) AS x(id, v)
    JOIN "Account" a ON a."id" = x.id
    WHERE e."roundId" = ${roundId} AND a."areaId" IS NOT NULL
    GROUP BY 1, 2`
  const alloc = await prisma.$queryRaw<{ areaId: string; net: bigint }[]>`
    SELECT a."areaId",
           SUM(CASE WHEN e."toAccountId" = a."id" THEN e."amountCents" ELSE -e."amountCents" END)::bigint AS net
    FROM "LedgerEntry" e JOIN "Account" a ON a."id" IN (e."fromAccountId", e."toAccountId") AND a."kind" = 'AREA_AVAILABLE'
    WHERE e."roundId" = ${roundId} AND e."cause" = 'ALLOCATION'
    GROUP BY 1`
  const pot = await prisma.$queryRaw<{ net: bigint }[]>`
    SELECT COALESCE(SUM(CASE WHEN e."toAccountId" = a."id" THEN e."amountCents" ELSE -e."amountCents" END), 0)::bigint AS net
    FROM "LedgerEntry" e JOIN "Account" a ON a."id" IN (e."fromAccountId", e."toAccountId") AND a."kind" = 'ROUND_POT'
    WHERE e."roundId" = ${roundId}`
  const byArea = new Map<string, Balances>()
  for (const r of rows) {
    const b = byArea.get(r.areaId) ?? {}
    b[r.kind] = Number(r.net)
    byArea.set(r.areaId, b)
  }
  return { byArea, allocated: new Map(alloc.map((r) => [r.areaId, Number(r.net)])), undivided: Number(pot[0].net) }
}

async function expectDashboardEqualsEntries(roundId: string) {
  const d = await dashboard(roundId)
  const e = await fromEntries(roundId)
  expect(d.rows.length).toBeGreaterThan(0)
  for (const row of d.rows) {
    const expected = columns(e.byArea.get(row.areaId) ?? {})
    const { areaId: _a, code: _c, name: _n, priority: _p, inhabitants: _i, allocatedCents, balanced, ...got } = row
    expect(got, row.name).toEqual(expected)
    expect(allocatedCents, row.name).toBe(e.allocated.get(row.areaId) ?? 0)
    expect(balanced).toBe(true)
  }
  const sum = (pick: (b: Balances) => number) => [...e.byArea.values()].reduce((s, b) => s + pick(b), 0)
  for (const kind of AREA_KINDS) {
    const col = columns({ [kind]: 1 })
    const key = (Object.keys(col) as (keyof typeof col)[]).find((k) => col[k] === 1 && k !== 'sumCents')!
    expect(d.totals[key], kind).toBe(sum((b) => b[kind] ?? 0))
  }
  expect(d.totals.allocatedCents).toBe([...e.allocated.values()].reduce((s, v) => s + v, 0))
  expect(d.tie.undividedCents).toBe(e.undivided)
  expect(d.tie.tiesOut).toBe(true)
  expect(d.tie.allocatedIsPot).toBe(true)
  expect(d.tie.sourceIsMinusPot).toBe(true)
  return d
}

describe('audit dashboard', () => {
  let actorId: string
  beforeAll(async () => {
    const s = await seeded()
    actorId = s.auditor.id
  })

  it('for the seeded round every total equals the entries', async () => {
    const round = await prisma.budgetRound.findUniqueOrThrow({ where: { year: 2026 } })
    const d = await expectDashboardEqualsEntries(round.id)
    expect(d.totals.committedCents + d.totals.paidCents + d.totals.spentCents).toBeGreaterThan(0)
    const byCategory = await groupedRows(round.id, 'category')
    expect(byCategory.reduce((s, r) => s + r.sumCents, 0)).toBe(
      d.totals.sumCents - d.totals.availableCents - d.totals.returnedCents - d.totals.carriedOverCents,
    )
    const byFoundation = await groupedRows(round.id, 'foundation')
    expect(byFoundation.map((f) => f.name)).toContain('Stichting Hoogland Leeft')
  })

  it('the full check of the books runs on demand and is stored with its time', async () => {
    const round = await prisma.budgetRound.findUniqueOrThrow({ where: { year: 2026 } })
    expect(await lastLedgerCheck(round.id)).toBeNull()
    await runLedgerCheck(round.id, actorId)
    const last = await lastLedgerCheck(round.id)
    expect(last?.ok).toBe(true)
    expect(last?.result.entries).toBeGreaterThan(31)
  })

  it('for a generated round of 1,000,000 ledger entries every total equals the entries', async () => {
    const client = await pgClient()
    const areas = await prisma.area.findMany({ orderBy: { code: 'asc' }, select: { id: true } })
    const k = areas.length
    const perArea = 9_000_000
    const pot = k * 10_000_000
    const kinds = [
      'GRANT_COMMITTED',
      'GRANT_PAID',
      'GRANT_SPENT',
      'GRANT_RESERVED',
      'GRANT_RECOVERY_DUE',
      'GRANT_RECOVERED',
      'ROUND_RETURNED',
    ]
    // Moves along the money path: [from kind index, to kind index], -1 = AREA_AVAILABLE.
    const moves = [
      [-1, 0],
      [0, 1],
      [1, 2],
      [-1, 3],
      [1, 4],
      [4, 5],
      [-1, 6],
    ]
    await client.query('BEGIN')
    await client.query(
      `INSERT INTO "BudgetRound" ("id", "year", "name", "potCents", "opensOn", "closesOn")
       VALUES ('gen', 2099, 'Gegenereerd', $1, '2099-01-01', '2099-12-31')`,
      [pot],
    )
    await client.query(`INSERT INTO "RoundArea" ("roundId", "areaId") SELECT 'gen', a FROM unnest($1::text[]) a`, [
      areas.map((a) => a.id),
    ])
    await client.query(`INSERT INTO "Account" ("id", "key", "kind", "roundId") VALUES
      ('gen-src', 'gen-src', 'BUDGET_SOURCE', 'gen'), ('gen-pot', 'gen-pot', 'ROUND_POT', 'gen')`)
    // Account ids: gen-<area index>-<kind index>, kind index 0 = AREA_AVAILABLE, 1.. = kinds.
    await client.query(
      `INSERT INTO "Account" ("id", "key", "kind", "roundId", "areaId")
       SELECT 'gen-' || i || '-' || j, 'gen-' || i || '-' || j, (ARRAY['AREA_AVAILABLE']::text[] || $2::text[])[j + 1]::"AccountKind", 'gen', ($1::text[])[i + 1]
       FROM generate_series(0, $3 - 1) i, generate_series(0, 7) j`,
      [areas.map((a) => a.id), kinds, k],
    )
    await client.query(
      `INSERT INTO "Allocation" ("id", "roundId", "version", "status", "potCents", "fixedAllowanceCents", "createdById", "publishedAt")
       VALUES ('gen-alloc', 'gen', 1, 'PUBLISHED', $1, 0, $2, now())`,
      [pot, actorId],
    )
    await client.query(
      `INSERT INTO "AllocationLine" ("allocationId", "areaId", "inhabitants", "weightMilli", "fixedCents", "proportionalCents", "roundingCents", "totalCents")
       SELECT 'gen-alloc', a, 1, 1000, 0, $2, 0, $2 FROM unnest($1::text[]) a`,
      [areas.map((a) => a.id), perArea],
    )
    await client.query(
      `INSERT INTO "LedgerEntry" ("fromAccountId", "toAccountId", "amountCents", "cause", "roundId", "actorId")
       VALUES ('gen-src', 'gen-pot', $1, 'ROUND_FUNDING', 'gen', $2)`,
      [pot, actorId],
    )
    await client.query(
      `INSERT INTO "LedgerEntry" ("fromAccountId", "toAccountId", "amountCents", "cause", "roundId", "areaId", "allocationId", "actorId")
       SELECT 'gen-pot', 'gen-' || i || '-0', $1, 'ALLOCATION', 'gen', ($3::text[])[i + 1], 'gen-alloc', $2 FROM generate_series(0, $4 - 1) i`,
      [perArea, actorId, areas.map((a) => a.id), k],
    )
    const rest = 1_000_000 - 1 - k
    await client.query(
      `INSERT INTO "LedgerEntry" ("fromAccountId", "toAccountId", "amountCents", "cause", "roundId", "areaId", "actorId")
       SELECT 'gen-' || (n % $1) || '-' || (($2::int[])[((n / $1) % 7) + 1] + 1),
              'gen-' || (n % $1) || '-' || (($3::int[])[((n / $1) % 7) + 1] + 1),
              1 + (n % 5), 'AWARD', 'gen', ($4::text[])[(n % $1) + 1], $5
       FROM generate_series(0, $6 - 1) n`,
      [k, moves.map((m) => m[0]), moves.map((m) => m[1]), areas.map((a) => a.id), actorId, rest],
    )
    await client.query(`
      UPDATE "Account" acc SET "balanceCents" = x.net
      FROM (
        SELECT id, SUM(v)::bigint AS net FROM (
          SELECT "toAccountId" AS id, "amountCents" AS v FROM "LedgerEntry" WHERE "roundId" = 'gen'
          UNION ALL SELECT "fromAccountId", -"amountCents" FROM "LedgerEntry" WHERE "roundId" = 'gen'
        ) m GROUP BY id
      ) x WHERE acc."id" = x.id`)
    await client.query('COMMIT')
    await client.end()
    expect(await prisma.ledgerEntry.count({ where: { roundId: 'gen' } })).toBe(1_000_000)
    const d = await expectDashboardEqualsEntries('gen')
    expect(d.totals.spentCents).toBeGreaterThan(0)
    expect(d.totals.recoveredCents).not.toBe(0)
    await runLedgerCheck('gen', actorId)
    expect((await lastLedgerCheck('gen'))?.ok).toBe(true)
  }, 600_000)
})

import { prisma } from '#app/db.server.ts'
import { centsFromDb } from '#app/money/bigint.ts'
import { AREA_KINDS } from './accounts.ts'

/** How long the full check of the books may take (it reads every entry once). */
const CHECK_TIMEOUT_MS = 300_000

export type AreaMoney = {
  areaId: string
  code: string
  name: string
  /** Net amount booked to the wijk by published allocations (read from the entries). */
  allocatedCents: number
  /** Balances of the wijk's accounts. */
  availableCents: number
  /** Awarded above the four-eyes threshold, waiting for the second reviewer (review, issue 10). */
  reservedCents: number
  committedCents: number
  paidCents: number
  spentCents: number
  /** allocated = the sum of the balances of ALL the wijk's accounts (AREA_KINDS: reserved, recovery, returned ... too) */
  balanced: boolean
}

/**
 * Where every euro of a round is, per wijk. `allocated` is summed from the ledger entries of the
 * allocation; the other columns are account balances. They are computed independently, so `balanced`
 * is a real check, not a tautology. `areaIds` limits the report to the caller's wijken.
 */
export async function areaMoney(roundId: string, areaIds?: string[]): Promise<AreaMoney[]> {
  const areaFilter = areaIds ? { id: { in: areaIds } } : {}
  const areas = await prisma.area.findMany({
    where: { ...areaFilter, roundAreas: { some: { roundId } } },
    orderBy: { code: 'asc' },
    select: { id: true, code: true, name: true },
  })
  const ids = areas.map((a) => a.id)
  const balances = await prisma.account.groupBy({
    by: ['areaId', 'kind'],
    where: { roundId, areaId: { in: ids } },
    _sum: { balanceCents: true },
  })
  const allocations = await prisma.$queryRaw<{ areaId: string; net: bigint }[]>`
    SELECT a."areaId" AS "areaId",
           SUM(CASE WHEN e."toAccountId" = a."id" THEN e."amountCents" ELSE -e."amountCents" END)::bigint AS net
    FROM "LedgerEntry" e
    JOIN "Account" a ON a."id" IN (e."fromAccountId", e."toAccountId") AND a."kind" = 'AREA_AVAILABLE'
    JOIN "Account" o ON o."id" = CASE WHEN e."toAccountId" = a."id" THEN e."fromAccountId" ELSE e."toAccountId" END
    -- allocations, and money carried over from the round before (pot -> wijk, decision 0030)
    WHERE (e."cause" = 'ALLOCATION' OR (e."cause" = 'CARRY_OVER' AND o."kind" = 'ROUND_POT'))
      AND e."roundId" = ${roundId} AND a."areaId" = ANY(${ids})
    GROUP BY a."areaId"`
  const allocated = new Map(allocations.map((r) => [r.areaId, centsFromDb(r.net)]))
  return areas.map((area) => {
    const sum = (kind: string) =>
      centsFromDb(balances.find((b) => b.areaId === area.id && b.kind === kind)?._sum.balanceCents ?? 0n)
    const row = {
      areaId: area.id,
      code: area.code,
      name: area.name,
      allocatedCents: allocated.get(area.id) ?? 0,
      availableCents: sum('AREA_AVAILABLE'),
      reservedCents: sum('GRANT_RESERVED'),
      committedCents: sum('GRANT_COMMITTED'),
      paidCents: sum('GRANT_PAID'),
      spentCents: sum('GRANT_SPENT'),
    }
    return {
      ...row,
      balanced: row.allocatedCents === AREA_KINDS.reduce((total, kind) => total + sum(kind), 0),
    }
  })
}

export type LedgerCheck = {
  entries: number
  /** Every account's balance equals the sum of its entries. */
  balancesMatchEntries: boolean
  /** All balances of the round add up to zero (double entry). */
  sumOfBalancesIsZero: boolean
  /** The municipality's source account is exactly minus the pot. */
  sourceEqualsPot: boolean
  potCents: number
}

/**
 * The round's books, checked from the entries up: every account's balance recomputed in one pass
 * over all entries (each entry counted for its two accounts), hash-joined to the round's accounts.
 * At 1,000,000 entries this takes seconds, so it runs on demand or scheduled, never per page view,
 * and with its own statement timeout (the portal's 15 s is for pages).
 */
export async function checkLedger(roundId: string): Promise<LedgerCheck> {
  const round = await prisma.budgetRound.findUniqueOrThrow({ where: { id: roundId }, select: { potCents: true } })
  const [row] = await prisma.$transaction(
    async (tx) => {
      // SET takes no bind parameters; the value is a constant of this module
      await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = ${CHECK_TIMEOUT_MS}`)
      await tx.$executeRaw`SET LOCAL work_mem = '64MB'`
      return tx.$queryRaw<
        { mismatches: bigint; total: bigint | null; source: bigint | null; carriedIn: bigint; entries: bigint }[]
      >`
    WITH sums AS (
      SELECT x."id", SUM(x.cents) AS cents
      FROM "LedgerEntry" e
      CROSS JOIN LATERAL (VALUES (e."toAccountId", e."amountCents"), (e."fromAccountId", -e."amountCents")) AS x("id", cents)
      GROUP BY x."id"
    ), computed AS (
      SELECT a."kind", a."balanceCents", COALESCE(s.cents, 0) AS "fromEntries"
      FROM "Account" a LEFT JOIN sums s ON s."id" = a."id" WHERE a."roundId" = ${roundId}
    )
    SELECT
      (SELECT COUNT(*) FROM computed WHERE "balanceCents" <> "fromEntries") AS mismatches,
      (SELECT SUM("balanceCents") FROM computed)::bigint AS total,
      (SELECT SUM("balanceCents") FROM computed WHERE "kind" = 'BUDGET_SOURCE')::bigint AS source,
      (SELECT COALESCE(SUM(e."amountCents"), 0) FROM "LedgerEntry" e JOIN "Account" s ON s."id" = e."fromAccountId"
        WHERE e."roundId" = ${roundId} AND e."cause" = 'CARRY_OVER' AND s."kind" = 'BUDGET_SOURCE')::bigint AS "carriedIn",
      (SELECT COUNT(*) FROM "LedgerEntry" WHERE "roundId" = ${roundId}) AS entries`
    },
    { timeout: CHECK_TIMEOUT_MS + 5_000, maxWait: 30_000 },
  )
  const potCents = centsFromDb(round.potCents)
  return {
    entries: Number(row.entries),
    balancesMatchEntries: Number(row.mismatches) === 0,
    sumOfBalancesIsZero: (row.total ?? 0n) === 0n,
    // the source gave the pot, plus what a closed round carried over into this one (decision 0030)
    sourceEqualsPot: centsFromDb(row.source ?? 0n) === -(potCents + centsFromDb(row.carriedIn ?? 0n)),
    potCents,
  }
}

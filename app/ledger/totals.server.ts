// Balance totals for the dashboards (docs/decisions/0039-balance-totals.md). A trigger on "Account"
// appends every change of a balance to "BalanceDelta"; this module folds the deltas into
// "BalanceTotal" and reads the current totals (folded plus not yet folded) in one statement, so the
// auditor's dashboard and the open books cost a few hundred rows, whatever the number of grants
// and entries.
import { prisma } from '#app/db.server.ts'
import type { AccountKind } from '#app/generated/prisma/enums.ts'
import { centsFromDb } from '#app/money/bigint.ts'

/** The advisory lock that makes one folder at a time (any other number in the portal differs). */
const FOLD_LOCK = 730_219_001

/**
 * Folds the deltas visible now into the totals, in one transaction, if no other fold is running
 * (then it returns at once: the readers sum the deltas too, so nothing is missed). A delta that a
 * transaction still holds uncommitted is not visible, so not deleted, and is folded next time.
 * Returns the number of deltas folded, or null when another fold held the lock.
 */
export async function foldBalanceDeltas(): Promise<number | null> {
  return prisma.$transaction(
    async (tx) => {
      const [{ locked }] = await tx.$queryRaw<
        { locked: boolean }[]
      >`SELECT pg_try_advisory_xact_lock(${FOLD_LOCK}) AS locked`
      if (!locked) return null
      const [{ folded }] = await tx.$queryRaw<{ folded: number }[]>`
        WITH moved AS (
          DELETE FROM "BalanceDelta" RETURNING "roundId", "areaId", "kind", "category", "foundationId", "cents"
        ), summed AS (
          SELECT "roundId", "areaId", "kind", "category", "foundationId", SUM("cents")::bigint AS cents, COUNT(*) AS n
          FROM moved GROUP BY 1, 2, 3, 4, 5
        ), upserted AS (
          INSERT INTO "BalanceTotal" ("roundId", "areaId", "kind", "category", "foundationId", "cents")
          SELECT "roundId", "areaId", "kind", "category", "foundationId", cents FROM summed
          ON CONFLICT ("roundId", "areaId", "kind", "category", "foundationId")
          DO UPDATE SET "cents" = "BalanceTotal"."cents" + EXCLUDED."cents"
          RETURNING 1
        )
        SELECT (SELECT COALESCE(SUM(n), 0) FROM summed)::int AS folded, (SELECT COUNT(*) FROM upserted)::int AS rows`
      return folded
    },
    { timeout: 120_000, maxWait: 30_000 },
  )
}

export type TotalRow = {
  /** '' for the round's own accounts (pot, source, returned). */
  areaId: string
  kind: AccountKind
  /** '' for accounts of no application. */
  category: string
  foundationId: string
  cents: number
}

/**
 * The current balance totals of a round per wijk, kind, category and foundation: what was folded
 * plus the deltas not folded yet, read in one statement (one snapshot, so a fold that commits
 * meanwhile is seen entirely or not at all). Folds first when there is something to fold.
 */
export async function roundTotals(roundId: string): Promise<TotalRow[]> {
  await foldBalanceDeltas()
  const rows = await prisma.$queryRaw<
    { areaId: string; kind: AccountKind; category: string; foundationId: string; cents: bigint }[]
  >`
    SELECT "areaId", "kind", "category", "foundationId", SUM("cents")::bigint AS cents FROM (
      SELECT "areaId", "kind", "category", "foundationId", "cents" FROM "BalanceTotal" WHERE "roundId" = ${roundId}
      UNION ALL
      SELECT "areaId", "kind", "category", "foundationId", "cents" FROM "BalanceDelta" WHERE "roundId" = ${roundId}
    ) t
    GROUP BY 1, 2, 3, 4`
  return rows.map((r) => ({ ...r, cents: centsFromDb(r.cents) })).filter((r) => r.cents !== 0)
}

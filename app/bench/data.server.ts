/**
 * Scale data for `npm run bench`, generated with set-based SQL (INSERT ... SELECT generate_series)
 * on top of the demo seed: 100,000 applications, 1,000,000 ledger entries, 200,000 expenses, and
 * every account's balance recomputed from its entries so the books balance
 * (docs/decisions/0023-bench-harness.md).
 *
 * Shape (deterministic; i is the application's number, g the grant's):
 * - one bench foundation per wijk; application i belongs to wijk (i - 1) % 31 and its foundation;
 * - status by i % 20: 0-12 AWARDED (65,000 grants), 13-16 SUBMITTED (20,000 in the queues),
 *   17-18 REJECTED, 19 DRAFT;
 * - a grant's award is EUR 500-2,000; its payments (installments of award / 20) and expenses
 *   (award / 100) are dealt out round-robin over the grants, so paid <= 60% and spent <= 4% of it;
 * - the round gets extra funding (the sum of the awards plus EUR 20,000 free per wijk), booked as a
 *   ROUND_FUNDING entry and one ALLOCATION entry per wijk, and its pot is raised to match, so the
 *   source account stays exactly minus the pot.
 * Ledger entries are added in steps by grant number (`addGrants(from, to)`) so the auditor
 * dashboard can be measured as the ledger grows.
 */
import type pg from 'pg'

export const BENCH_APPLICATIONS = 100_000
export const BENCH_GRANTS = 65_000
export const BENCH_EXPENSES = 200_000
export const BENCH_LEDGER_ENTRIES = 1_000_000
/** Free budget left in every wijk after all generated awards (cents). */
export const FREE_PER_WIJK_CENTS = 2_000_000

export type BenchContext = {
  roundId: string
  reviewerId: string
  areaIds: string[]
  /** Payment entries in total, chosen so that the ledger ends at exactly BENCH_LEDGER_ENTRIES. */
  payments: number
}

const AWARD = (i: string) => `(50000 + ((${i})::bigint * 7919) % 150001)`

/** Foundations, applications, the grants to come and the extra funding. Run once, after the seed. */
export async function generateBase(db: pg.Client): Promise<BenchContext> {
  const round = await db.query<{ id: string }>(`SELECT id FROM "BudgetRound" WHERE year = 2026`)
  const roundId = round.rows[0].id
  const reviewer = await db.query<{ id: string }>(
    `SELECT id FROM "User" WHERE email = 'beoordelaar@amersfoort.example'`,
  )
  const reviewerId = reviewer.rows[0].id
  const areas = await db.query<{ id: string }>(`SELECT id FROM "Area" ORDER BY code`)
  const areaIds = areas.rows.map((r) => r.id)

  await db.query(
    `CREATE TEMP TABLE bench_area AS SELECT (row_number() OVER (ORDER BY code) - 1)::int AS n, id FROM "Area"`,
  )
  await db.query(`
    INSERT INTO "Foundation" (id, name, "kvkNumber", iban, "accountHolder", "contactName", email, "verifiedAt")
    SELECT 'bench-f-' || a.n, 'Stichting Bench ' || ar.name, lpad((90000000 + a.n)::text, 8, '0'),
           'NL91ABNA0417164300', 'Stichting Bench ' || ar.name, 'Bench Contact', 'bench' || a.n || '@bench.example', now()
    FROM bench_area a JOIN "Area" ar ON ar.id = a.id`)
  await db.query(`INSERT INTO "FoundationArea" ("foundationId", "areaId") SELECT 'bench-f-' || n, id FROM bench_area`)
  // The bench reviewer reviews every wijk, so the queue holds all 100,000 applications (queue, issue 10).
  await db.query(
    `INSERT INTO "ReviewerArea" ("userId", "areaId") SELECT $1, id FROM bench_area ON CONFLICT DO NOTHING`,
    [reviewerId],
  )

  // The snapshot of a submitted demo application, so the generated ones render like real ones.
  const words = [
    'Kunstroute',
    'Opruimactie zwerfafval',
    'Mamacafé',
    'Buurtmoestuin',
    'Straatfeest',
    'Repaircafé',
    'Speeltuinochtend',
    'Kookclub',
  ]
  await db.query(
    `
    INSERT INTO "Application" (id, reference, "roundId", "areaId", "foundationId", title, category, description,
      status, "requestedCents", "awardedCents", "submittedAt", "decidedAt", "decisionDueOn", "createdById",
      "createdAt", "updatedAt", "declarationTrue", "declarationPublish", "advancePercent", snapshot)
    SELECT 'bench-app-' || i, 'BENCH-2026-' || lpad(i::text, 6, '0'), $1, a.id, 'bench-f-' || a.n,
      ($2::text[])[1 + i % 8] || ' ' || ar.name || ' ' || i, 'ontmoeting',
      'Een initiatief voor de buurt, gegenereerd voor de benchmark.',
      (CASE WHEN i % 20 <= 12 THEN 'AWARDED' WHEN i % 20 <= 16 THEN 'SUBMITTED'
            WHEN i % 20 <= 18 THEN 'REJECTED' ELSE 'DRAFT' END)::"ApplicationStatus",
      ${AWARD('i')} + 10000,
      CASE WHEN i % 20 <= 12 THEN ${AWARD('i')} END,
      CASE WHEN i % 20 <= 18 THEN timestamp '2026-01-05 09:00' + (i % 300) * interval '1 day' + (i % 600) * interval '1 minute' END,
      CASE WHEN i % 20 <= 12 OR i % 20 IN (17, 18) THEN timestamp '2026-02-01 10:00' + (i % 280) * interval '1 day' END,
      CASE WHEN i % 20 <= 18 THEN date '2026-03-02' + (i % 300) END,
      $3, now(), now(), i % 20 <> 19, i % 20 <> 19, 75,
      CASE WHEN i % 20 <= 18 THEN (SELECT snapshot FROM "Application" WHERE snapshot IS NOT NULL ORDER BY reference LIMIT 1) END
    FROM generate_series(1, ${BENCH_APPLICATIONS}) AS i
    JOIN bench_area a ON a.n = (i - 1) % 31
    JOIN "Area" ar ON ar.id = a.id`,
    [roundId, words, reviewerId],
  )

  await db.query(`
    CREATE TABLE bench_grant AS
    SELECT (row_number() OVER (ORDER BY i))::int AS g, 'bench-app-' || i AS app, a.id AS area, ${AWARD('i')} AS award
    FROM generate_series(1, ${BENCH_APPLICATIONS}) AS i JOIN bench_area a ON a.n = (i - 1) % 31
    WHERE i % 20 <= 12`)
  await db.query(`CREATE UNIQUE INDEX ON bench_grant (g)`)
  const grants = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM bench_grant`)
  if (grants.rows[0].n !== BENCH_GRANTS) throw new Error(`expected ${BENCH_GRANTS} grants, got ${grants.rows[0].n}`)

  // Extra funding: what the awards need plus a free margin per wijk, through the ledger.
  const acc = async (kind: string, areaId: string | null) =>
    (
      await db.query<{ id: string }>(
        `SELECT id FROM "Account" WHERE "roundId" = $1 AND kind = $2 AND "areaId" IS NOT DISTINCT FROM $3 AND "applicationId" IS NULL`,
        [roundId, kind, areaId],
      )
    ).rows[0].id
  const source = await acc('BUDGET_SOURCE', null)
  const pot = await acc('ROUND_POT', null)
  const extra = await db.query<{ total: string }>(
    `SELECT (SUM(award) + ${FREE_PER_WIJK_CENTS} * 31)::text AS total FROM bench_grant`,
  )
  const total = extra.rows[0].total
  await db.query(
    `INSERT INTO "LedgerEntry" ("fromAccountId", "toAccountId", "amountCents", cause, "roundId", memo, "actorId")
     VALUES ($1, $2, $3, 'ROUND_FUNDING', $4, 'Benchmark: extra plafond', $5)`,
    [source, pot, total, roundId, reviewerId],
  )
  await db.query(
    `INSERT INTO "LedgerEntry" ("fromAccountId", "toAccountId", "amountCents", cause, "roundId", "areaId", memo, "actorId")
     SELECT $1, av.id, s.sum + ${FREE_PER_WIJK_CENTS}, 'ALLOCATION', $2, s.area, 'Benchmark: extra verdeling', $3
     FROM (SELECT area, SUM(award) AS sum FROM bench_grant GROUP BY area) s
     JOIN "Account" av ON av."roundId" = $2 AND av.kind = 'AREA_AVAILABLE' AND av."areaId" = s.area`,
    [pot, roundId, reviewerId],
  )
  await db.query(`UPDATE "BudgetRound" SET "potCents" = "potCents" + $1 WHERE id = $2`, [total, roundId])

  const existing = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "LedgerEntry"`)
  const payments = BENCH_LEDGER_ENTRIES - existing.rows[0].n - BENCH_GRANTS - BENCH_EXPENSES
  await recomputeBalances(db)
  return { roundId, reviewerId, areaIds, payments }
}

/**
 * Awards, payments and expenses of grants from..to (inclusive), with their accounts and ledger entries. Payment k
 * (1..ctx.payments) and expense k (1..BENCH_EXPENSES) belong to grant ((k - 1) % BENCH_GRANTS) + 1.
 */
export async function addGrants(db: pg.Client, ctx: BenchContext, from: number, to: number) {
  const params = [ctx.roundId, ctx.reviewerId, from, to]
  // Foreign keys are checked once, set-based, afterwards (checkReferences) instead of per row: the
  // replica role skips the per-row trigger checks (the ledger's no-update trigger is not affected).
  await db.query(`SET session_replication_role = replica`)
  // The grants' three accounts (committed, paid, spent) appear with their first entry, as in the app.
  for (const [kind, tag] of [
    ['GRANT_COMMITTED', 'c'],
    ['GRANT_PAID', 'p'],
    ['GRANT_SPENT', 's'],
  ] as const) {
    await db.query(
      `INSERT INTO "Account" (id, key, kind, "roundId", "areaId", "applicationId", "balanceCents")
       SELECT 'bench-acc-${tag}-' || g, '${kind}:' || $1 || ':' || area || ':' || app, '${kind}', $1, area, app, 0
       FROM bench_grant WHERE g BETWEEN $2 AND $3`,
      [ctx.roundId, from, to],
    )
  }
  await db.query(
    `INSERT INTO "LedgerEntry" ("fromAccountId", "toAccountId", "amountCents", cause, "roundId", "areaId",
       "applicationId", "actorId", "createdAt")
     SELECT av.id, 'bench-acc-c-' || g.g, g.award, 'AWARD', $1, g.area, g.app, $2,
       timestamp '2026-02-01 10:00' + (g.g % 280) * interval '1 day'
     FROM bench_grant g JOIN "Account" av ON av."roundId" = $1 AND av.kind = 'AREA_AVAILABLE' AND av."areaId" = g.area
     WHERE g.g BETWEEN $3 AND $4`,
    params,
  )
  await db.query(
    `INSERT INTO "Payment" (id, "applicationId", "amountCents", "paidOn", description, "recordedById")
     SELECT 'bench-pay-' || k, g.app, g.award / 20, date '2026-02-15' + (k % 250), 'Termijn ' || (1 + (k - 1) / ${BENCH_GRANTS}), $1
     FROM generate_series(1, ${ctx.payments}) AS k JOIN bench_grant g ON g.g = ((k - 1) % ${BENCH_GRANTS}) + 1
     WHERE g.g BETWEEN $2 AND $3`,
    [ctx.reviewerId, from, to],
  )
  await db.query(
    `INSERT INTO "LedgerEntry" ("fromAccountId", "toAccountId", "amountCents", cause, "roundId", "areaId",
       "applicationId", "paymentId", "actorId", "createdAt")
     SELECT 'bench-acc-c-' || g.g, 'bench-acc-p-' || g.g, g.award / 20, 'PAYMENT', $1, g.area, g.app, 'bench-pay-' || k, $2,
       timestamp '2026-02-15 10:00' + (k % 250) * interval '1 day'
     FROM generate_series(1, ${ctx.payments}) AS k JOIN bench_grant g ON g.g = ((k - 1) % ${BENCH_GRANTS}) + 1
     WHERE g.g BETWEEN $3 AND $4`,
    params,
  )
  await db.query(
    `INSERT INTO "Expense" (id, "applicationId", "amountCents", "spentOn", description, "recordedById")
     SELECT 'bench-exp-' || k, g.app, g.award / 100, date '2026-03-01' + (k % 250), 'Bon ' || k, $1
     FROM generate_series(1, ${BENCH_EXPENSES}) AS k JOIN bench_grant g ON g.g = ((k - 1) % ${BENCH_GRANTS}) + 1
     WHERE g.g BETWEEN $2 AND $3`,
    [ctx.reviewerId, from, to],
  )
  await db.query(
    `INSERT INTO "LedgerEntry" ("fromAccountId", "toAccountId", "amountCents", cause, "roundId", "areaId",
       "applicationId", "expenseId", "actorId", "createdAt")
     SELECT 'bench-acc-p-' || g.g, 'bench-acc-s-' || g.g, g.award / 100, 'EXPENSE', $1, g.area, g.app, 'bench-exp-' || k, $2,
       timestamp '2026-03-01 10:00' + (k % 250) * interval '1 day'
     FROM generate_series(1, ${BENCH_EXPENSES}) AS k JOIN bench_grant g ON g.g = ((k - 1) % ${BENCH_GRANTS}) + 1
     WHERE g.g BETWEEN $3 AND $4`,
    params,
  )
  await db.query(`SET session_replication_role = DEFAULT`)
  await recomputeBalances(db)
  await db.query(`ANALYZE`)
}

/** Every generated reference points at an existing row (the checks skipped while generating). */
export async function checkReferences(db: pg.Client): Promise<string[]> {
  const checks: [string, string][] = [
    [
      'LedgerEntry.fromAccountId',
      `SELECT count(*) FROM "LedgerEntry" e LEFT JOIN "Account" a ON a.id = e."fromAccountId" WHERE a.id IS NULL`,
    ],
    [
      'LedgerEntry.toAccountId',
      `SELECT count(*) FROM "LedgerEntry" e LEFT JOIN "Account" a ON a.id = e."toAccountId" WHERE a.id IS NULL`,
    ],
    [
      'LedgerEntry.actorId',
      `SELECT count(*) FROM "LedgerEntry" e LEFT JOIN "User" u ON u.id = e."actorId" WHERE u.id IS NULL`,
    ],
    [
      'Payment.applicationId',
      `SELECT count(*) FROM "Payment" p LEFT JOIN "Application" a ON a.id = p."applicationId" WHERE a.id IS NULL`,
    ],
    [
      'Expense.applicationId',
      `SELECT count(*) FROM "Expense" x LEFT JOIN "Application" a ON a.id = x."applicationId" WHERE a.id IS NULL`,
    ],
    [
      'Account.applicationId',
      `SELECT count(*) FROM "Account" c LEFT JOIN "Application" a ON a.id = c."applicationId" WHERE c."applicationId" IS NOT NULL AND a.id IS NULL`,
    ],
  ]
  const broken: string[] = []
  for (const [name, sql] of checks) {
    const { rows } = await db.query<{ count: string }>(sql)
    if (rows[0].count !== '0') broken.push(`${name}: ${rows[0].count} dangling`)
  }
  return broken
}

/** Every account's balance := the sum of its entries (incoming minus outgoing). */
export async function recomputeBalances(db: pg.Client) {
  await db.query(`
    WITH moves AS (
      SELECT "toAccountId" AS id, "amountCents" AS amount FROM "LedgerEntry"
      UNION ALL SELECT "fromAccountId", -"amountCents" FROM "LedgerEntry"
    ), sums AS (SELECT id, SUM(amount)::bigint AS balance FROM moves GROUP BY id)
    UPDATE "Account" a SET "balanceCents" = sums.balance FROM sums
    WHERE a.id = sums.id AND a."balanceCents" <> sums.balance`)
}

export async function countEntries(db: pg.Client): Promise<number> {
  return (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "LedgerEntry"`)).rows[0].n
}

import { prisma, Prisma } from '#app/db.server.ts'

/** The history tables whose rows are chained by the database (migration 20261201120000_audit_trail). */
export const TRAIL_TABLES = ['AuditEvent', 'StatusChange', 'AuditFinding'] as const
export type TrailTable = (typeof TRAIL_TABLES)[number]

export type ChainProblem = {
  table: TrailTable
  chainSeq: number
  /** altered: content does not match its hash; broken: prevHash is not the previous row's hash;
   * gap: a row before this one is missing; head: the last verified head is gone or changed. */
  problem: 'altered' | 'broken' | 'gap' | 'head'
}

export type TableVerdict = { table: TrailTable; rows: number; headSeq: number; headHash: string | null }
export type TrailVerdict = { ok: boolean; tables: TableVerdict[]; problems: ChainProblem[] }

const ZERO = '0'.repeat(64)

/**
 * Recomputes every row's hash from its stored content and checks the links. Finds a row changed or
 * removed directly in the database (with the triggers disabled). A removed LAST row is found against
 * the head recorded by the previous verification (`previous`).
 */
export async function verifyTrail(previous?: TableVerdict[], limit = 100): Promise<TrailVerdict> {
  const tables: TableVerdict[] = []
  const problems: ChainProblem[] = []
  for (const table of TRAIL_TABLES) {
    const t = Prisma.raw(`"${table}"`)
    const bad = await prisma.$queryRaw<{ chainSeq: bigint; altered: boolean; broken: boolean; gap: boolean }[]>`
      WITH chain AS (
        SELECT x."chainSeq", x."hash", x."prevHash",
               "trail_hash"(x."prevHash", to_jsonb(x) - 'hash' - 'prevHash') AS recomputed,
               lag(x."hash") OVER (ORDER BY x."chainSeq") AS "prevStored",
               lag(x."chainSeq") OVER (ORDER BY x."chainSeq") AS "prevSeq"
        FROM ${t} x
      )
      SELECT "chainSeq",
             "hash" <> recomputed AS altered,
             "prevHash" <> COALESCE("prevStored", ${ZERO}) AS broken,
             "chainSeq" <> COALESCE("prevSeq", 0) + 1 AS gap
      FROM chain
      WHERE "hash" <> recomputed OR "prevHash" <> COALESCE("prevStored", ${ZERO})
         OR "chainSeq" <> COALESCE("prevSeq", 0) + 1
      ORDER BY "chainSeq"
      LIMIT ${limit}`
    for (const row of bad) {
      const chainSeq = Number(row.chainSeq)
      if (row.altered) problems.push({ table, chainSeq, problem: 'altered' })
      if (row.gap) problems.push({ table, chainSeq, problem: 'gap' })
      else if (row.broken) problems.push({ table, chainSeq, problem: 'broken' })
    }
    const [head] = await prisma.$queryRaw<{ rows: bigint; headSeq: bigint | null; headHash: string | null }[]>`
      SELECT (SELECT count(*) FROM ${t}) AS rows,
             (SELECT max("chainSeq") FROM ${t}) AS "headSeq",
             (SELECT "hash" FROM ${t} ORDER BY "chainSeq" DESC LIMIT 1) AS "headHash"`
    const verdict: TableVerdict = {
      table,
      rows: Number(head.rows),
      headSeq: Number(head.headSeq ?? 0),
      headHash: head.headHash,
    }
    tables.push(verdict)
    const before = previous?.find((p) => p.table === table)
    if (before && before.headSeq > 0) {
      const [still] = await prisma.$queryRaw<{ hash: string }[]>`
        SELECT "hash" FROM ${t} WHERE "chainSeq" = ${before.headSeq}`
      if (!still || still.hash !== before.headHash) problems.push({ table, chainSeq: before.headSeq, problem: 'head' })
    }
  }
  return { ok: problems.length === 0, tables, problems }
}

/** Verifies against the last stored verification and stores the result (CheckRun kind TRAIL). */
export async function runTrailCheck(ranById: string | null) {
  const last = await lastTrailCheck()
  const previous = (last?.result as { tables?: TableVerdict[] } | undefined)?.tables
  const verdict = await verifyTrail(previous)
  return prisma.checkRun.create({
    data: { kind: 'TRAIL', ok: verdict.ok, result: verdict as unknown as Prisma.InputJsonValue, ranById },
  })
}

export function lastTrailCheck() {
  return prisma.checkRun.findFirst({ where: { kind: 'TRAIL' }, orderBy: { ranAt: 'desc' } })
}

// ---------------------------------------------------------------------------------------------
// Search
// ---------------------------------------------------------------------------------------------

export type TrailFilter = {
  actor?: string
  entity?: string
  kind?: string
  from?: string
  to?: string
}

export type TrailRow = {
  source: 'account' | 'status' | 'finding'
  chainSeq: number
  at: Date
  actorId: string | null
  actorName: string | null
  actorRole: string | null
  ip: string | null
  action: string
  entity: string | null
  before: string | null
  after: string | null
  data: unknown
  hash: string
}

/**
 * One view over the three history tables. Filters: actor (name, e-mail or id, part of it), entity
 * (an application's reference or id, a foundation's or user's id), kind (the action, part of it),
 * from/to (dates, inclusive, Dutch time is not applied: the trail is in UTC).
 */
function trailSql(filter: TrailFilter) {
  const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`]
  if (filter.actor) {
    const like = `%${filter.actor}%`
    conditions.push(Prisma.sql`(t."actorId" = ${filter.actor} OR u."name" ILIKE ${like} OR u."email" ILIKE ${like})`)
  }
  if (filter.entity) {
    conditions.push(
      Prisma.sql`(t."entity" = ${filter.entity} OR t."entityRef" ILIKE ${filter.entity} OR t."foundationId" = ${filter.entity})`,
    )
  }
  if (filter.kind) conditions.push(Prisma.sql`t."action" ILIKE ${`%${filter.kind}%`}`)
  if (filter.from) conditions.push(Prisma.sql`t."at" >= ${new Date(`${filter.from}T00:00:00Z`)}`)
  // Up to and including the `to` day: before the next midnight (a Date parameter plus an interval
  // was "timestamp < interval" to PostgreSQL: every search with a to-date was a 500).
  if (filter.to) conditions.push(Prisma.sql`t."at" < ${new Date(Date.parse(`${filter.to}T00:00:00Z`) + 86_400_000)}`)
  return Prisma.sql`
    FROM (
      SELECT 'account' AS source, e."chainSeq", e."createdAt" AS at, e."actorId", e."actorRole", e."ip",
             e."action", COALESCE(e."userId", e."foundationId") AS entity, NULL::text AS "entityRef",
             e."foundationId", NULL::text AS before, NULL::text AS after, e."data", e."hash"
      FROM "AuditEvent" e
      UNION ALL
      SELECT 'status', s."chainSeq", s."createdAt", s."actorId", s."actorRole", NULL,
             'status.' || lower(s."toStatus"::text), s."applicationId", a."reference", a."foundationId",
             s."fromStatus"::text, s."toStatus"::text,
             CASE WHEN s."reason" IS NULL THEN s."data" ELSE jsonb_build_object('reason', s."reason") || COALESCE(s."data", '{}'::jsonb) END,
             s."hash"
      FROM "StatusChange" s JOIN "Application" a ON a."id" = s."applicationId"
      UNION ALL
      SELECT 'finding', f."chainSeq", f."createdAt", f."actorId", f."actorRole", NULL,
             'finding.' || lower(f."verdict"), COALESCE(f."expenseId", f."applicationId"), a."reference", a."foundationId",
             NULL, f."verdict", jsonb_build_object('text', f."text", 'sampleId', f."sampleId"), f."hash"
      FROM "AuditFinding" f LEFT JOIN "Application" a ON a."id" = f."applicationId"
    ) t
    LEFT JOIN "User" u ON u."id" = t."actorId"
    WHERE ${Prisma.join(conditions, ' AND ')}`
}

export async function searchTrail(filter: TrailFilter, page: number, pageSize = 50) {
  const from = trailSql(filter)
  const [rows, [count]] = await Promise.all([
    prisma.$queryRaw<(Omit<TrailRow, 'chainSeq'> & { chainSeq: bigint })[]>`
      SELECT t.source, t."chainSeq", t.at, t."actorId", u."name" AS "actorName", t."actorRole", t."ip", t."action",
             COALESCE(t."entityRef", t."entity") AS entity, t.before, t.after, t."data", t."hash"
      ${from}
      ORDER BY t.at DESC, t.source, t."chainSeq" DESC
      LIMIT ${pageSize} OFFSET ${(Math.max(1, page) - 1) * pageSize}`,
    prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n ${from}`,
  ])
  return {
    rows: rows.map((r) => ({ ...r, chainSeq: Number(r.chainSeq) })) as TrailRow[],
    total: Number(count.n),
    page: Math.max(1, page),
    pageSize,
  }
}

/** The same rows for an export, streamed in batches (keyset on time would need a tie-break; we page). */
export async function* trailRows(filter: TrailFilter, batch = 5000): AsyncGenerator<TrailRow> {
  for (let page = 1; ; page++) {
    const { rows } = await searchTrail(filter, page, batch)
    yield* rows
    if (rows.length < batch) return
  }
}

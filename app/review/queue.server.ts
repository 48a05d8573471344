// The reviewer's side of reading applications: what a staff member may see, the wijken with their
// free budget, the list, one application with its money, attachments.
import { prisma, Prisma, type Tx } from '#app/db.server.ts'
import type { SessionUser } from '#app/auth/session.server.ts'
import { balanceOf } from '#app/ledger/ledger.server.ts'
import { centsFromDb } from '#app/money/bigint.ts'
import type { ApplicationStatus } from '#app/generated/prisma/enums.ts'
import { DECIDABLE } from '#app/applications/status.ts'
import {
  OPEN_STATUSES,
  QUEUE_PAGE_SIZE,
  SOON_DAYS,
  searchQuery,
  type QueueFilter,
  type SortKey,
} from './queue-filter.ts'

type Staff = Pick<NonNullable<SessionUser>, 'id' | 'role' | 'areaIds' | 'foundationIds'>

/**
 * Which applications a staff member may see: a reviewer those in their wijken, auditors and
 * administrators all; drafts are the foundation's own business and never shown.
 */
export function staffScope(user: Staff): Prisma.ApplicationWhereInput {
  const notDraft = { status: { not: 'DRAFT' as ApplicationStatus } }
  if (user.role === 'REVIEWER') return { ...notDraft, areaId: { in: user.areaIds } }
  if (user.role === 'AUDITOR' || user.role === 'ADMINISTRATOR') return notDraft
  return { id: { in: [] } }
}

/**
 * The wijken of the queue's side list: a reviewer's own wijken in the round; an auditor or an
 * administrator sees every wijk of the round. With the free budget and the count still to decide.
 */
export async function reviewerAreas(user: Staff, roundId: string) {
  const mine = user.role === 'REVIEWER' ? { id: { in: user.areaIds } } : {}
  const areas = await prisma.area.findMany({
    where: { ...mine, roundAreas: { some: { roundId } } },
    orderBy: { name: 'asc' },
    take: 1000,
    select: {
      id: true,
      name: true,
      code: true,
      accounts: { where: { roundId, kind: 'AREA_AVAILABLE' }, select: { balanceCents: true } },
      _count: { select: { applications: { where: { roundId, status: { in: DECIDABLE } } } } },
    },
  })
  return areas.map((a) => ({
    id: a.id,
    name: a.name,
    code: a.code,
    availableCents: centsFromDb(a.accounts[0]?.balanceCents ?? 0n),
    toDecide: a._count.applications,
  }))
}

export { QUEUE_PAGE_SIZE }

const SORT_SQL: Record<SortKey, Prisma.Sql> = {
  termijn: Prisma.sql`a."decisionDueOn"`,
  referentie: Prisma.sql`a."reference"`,
  titel: Prisma.sql`a."title"`,
  stichting: Prisma.sql`f."name"`,
  wijk: Prisma.sql`ar."name"`,
  soort: Prisma.sql`a."category"`,
  bedrag: Prisma.sql`a."requestedCents"`,
  status: Prisma.sql`a."status"::text`,
  behandelaar: Prisma.sql`u."name"`,
}

type QueueRow = {
  id: string
  reference: string
  title: string
  status: ApplicationStatus
  category: string
  requestedCents: bigint
  awardedCents: bigint | null
  decisionDueOn: Date | null
  ownerId: string | null
  ownerName: string | null
  areaId: string
  areaName: string
  areaCode: string
  foundationName: string
}

export type QueueListFilter = Partial<Omit<QueueFilter, 'ronde' | 'wijk'>> & {
  roundId: string
  areaId?: string
  /** The day the terms are measured against (YYYY-MM-DD). */
  today?: string
  page?: number
}

/**
 * One page (50) of the queue of a round with the total: what the caller may see (a reviewer: their
 * wijken), filtered by status, wijk, category, amount, term and owner, searched (Dutch full text
 * over title and reference, and the foundation's name), sorted on the server by any column (the
 * decision due date by default, none last), never an unbounded query. Indexes: migration
 * 20261202030000_queue_indexes (docs/decisions/0035-the-queue-at-scale.md).
 */
export async function listForStaff(user: Staff, filter: QueueListFilter) {
  const today = filter.today ?? new Date().toISOString().slice(0, 10)
  const where: Prisma.Sql[] = [Prisma.sql`a."roundId" = ${filter.roundId}`, Prisma.sql`a."status" <> 'DRAFT'`]
  if (user.role === 'REVIEWER') where.push(Prisma.sql`a."areaId" = ANY(${user.areaIds}::text[])`)
  else if (user.role !== 'AUDITOR' && user.role !== 'ADMINISTRATOR') where.push(Prisma.sql`false`)
  if (filter.areaId) where.push(Prisma.sql`a."areaId" = ${filter.areaId}`)
  if (filter.statuses?.length)
    where.push(Prisma.sql`a."status" = ANY(${filter.statuses.map(String)}::"ApplicationStatus"[])`)
  if (filter.categorie) where.push(Prisma.sql`a."category" = ${filter.categorie}`)
  if (filter.min != null) where.push(Prisma.sql`a."requestedCents" >= ${BigInt(filter.min) * 100n}`)
  if (filter.max != null) where.push(Prisma.sql`a."requestedCents" <= ${BigInt(filter.max) * 100n}`)
  const open = Prisma.sql`a."status" = ANY(${[...OPEN_STATUSES].map(String)}::"ApplicationStatus"[])`
  if (filter.termijn === 'verstreken') where.push(Prisma.sql`${open} AND a."decisionDueOn" < ${today}::date`)
  if (filter.termijn === 'binnenkort')
    where.push(
      Prisma.sql`${open} AND a."decisionDueOn" >= ${today}::date AND a."decisionDueOn" <= ${today}::date + ${SOON_DAYS}::int`,
    )
  if (filter.eigenaar === 'ik') where.push(Prisma.sql`a."ownerId" = ${user.id}`)
  if (filter.eigenaar === 'niemand') where.push(Prisma.sql`a."ownerId" IS NULL`)
  if (filter.eigenaar === 'iemand') where.push(Prisma.sql`a."ownerId" IS NOT NULL`)
  const query = filter.q ? searchQuery(filter.q) : null
  // ANY(ARRAY(...)) rather than IN (SELECT ...): the planner can then OR the full-text index with the
  // foundation index, instead of reading every row of the wijken (docs/performance.md).
  if (query)
    where.push(Prisma.sql`(a."searchVector" @@ to_tsquery('dutch', ${query})
      OR a."foundationId" = ANY(ARRAY(SELECT fs."id" FROM "Foundation" fs
                               WHERE to_tsvector('dutch', fs."name") @@ to_tsquery('dutch', ${query}))))`)
  const whereSql = Prisma.join(where, ' AND ')

  const sort = filter.sorteer ?? 'termijn'
  const dir = filter.richting === 'af' ? Prisma.sql`DESC` : Prisma.sql`ASC`
  const order = Prisma.sql`${SORT_SQL[sort]} ${dir} NULLS LAST, a."decisionDueOn" ASC NULLS LAST, a."id" ASC`

  const [{ total }] = await prisma.$queryRaw<{ total: number }[]>`
    SELECT count(*)::int AS total FROM "Application" a WHERE ${whereSql}`
  const pages = Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE))
  const page = Math.min(pages, Math.max(1, Math.floor(filter.page ?? filter.pagina ?? 1)))
  const rows = await prisma.$queryRaw<QueueRow[]>`
    SELECT a."id", a."reference", a."title", a."status", a."category", a."requestedCents", a."awardedCents",
           a."decisionDueOn", a."ownerId", u."name" AS "ownerName", a."areaId", ar."name" AS "areaName",
           ar."code" AS "areaCode", f."name" AS "foundationName"
      FROM "Application" a
      JOIN "Area" ar ON ar."id" = a."areaId"
      JOIN "Foundation" f ON f."id" = a."foundationId"
      LEFT JOIN "User" u ON u."id" = a."ownerId"
     WHERE ${whereSql}
     ORDER BY ${order}
     LIMIT ${QUEUE_PAGE_SIZE} OFFSET ${(page - 1) * QUEUE_PAGE_SIZE}`
  return {
    page,
    total,
    pages,
    rows: rows.map((r) => ({
      id: r.id,
      reference: r.reference,
      title: r.title,
      status: r.status,
      category: r.category,
      ownerId: r.ownerId,
      ownerName: r.ownerName,
      area: { id: r.areaId, name: r.areaName, code: r.areaCode },
      foundation: { name: r.foundationName },
      decisionDueOn: r.decisionDueOn ? r.decisionDueOn.toISOString().slice(0, 10) : null,
      requestedCents: centsFromDb(r.requestedCents),
      awardedCents: r.awardedCents === null ? null : centsFromDb(r.awardedCents),
    })),
  }
}

/** The rounds a reviewer can pick in the queue, newest first. */
export async function queueRounds() {
  return prisma.budgetRound.findMany({ orderBy: { year: 'desc' }, take: 100, select: { id: true, year: true } })
}

export async function getForStaff(user: Staff, id: string) {
  const app = await prisma.application.findFirst({
    where: { AND: [staffScope(user), { id }] },
    include: {
      area: { select: { id: true, name: true, code: true } },
      round: { select: { id: true, year: true } },
      foundation: { select: { id: true, name: true, kvkNumber: true, iban: true, accountHolder: true } },
      budgetLines: { orderBy: { position: 'asc' } },
      statusChanges: { orderBy: { createdAt: 'asc' }, include: { actor: { select: { name: true } } } },
      payments: { orderBy: { createdAt: 'asc' } },
      expenses: { orderBy: { createdAt: 'asc' } },
      attachments: {
        orderBy: { createdAt: 'asc' },
        select: { id: true, filename: true, infoRequestId: true, sizeBytes: true },
      },
      infoRequests: { orderBy: { askedAt: 'asc' } },
    },
  })
  if (!app) return null
  const grant = (kind: 'GRANT_COMMITTED' | 'GRANT_PAID' | 'GRANT_SPENT') =>
    balanceOf(prisma as unknown as Tx, { kind, roundId: app.roundId, areaId: app.areaId, applicationId: app.id })
  const [availableCents, committedCents, paidCents, spentCents] = await Promise.all([
    balanceOf(prisma as unknown as Tx, { kind: 'AREA_AVAILABLE', roundId: app.roundId, areaId: app.areaId }),
    grant('GRANT_COMMITTED'),
    grant('GRANT_PAID'),
    grant('GRANT_SPENT'),
  ])
  return {
    ...app,
    requestedCents: centsFromDb(app.requestedCents),
    awardedCents: app.awardedCents === null ? null : centsFromDb(app.awardedCents),
    budgetLines: app.budgetLines.map((l) => ({ ...l, amountCents: centsFromDb(l.amountCents) })),
    payments: app.payments.map((p) => ({ ...p, amountCents: centsFromDb(p.amountCents) })),
    expenses: app.expenses.map((e) => ({ ...e, amountCents: centsFromDb(e.amountCents) })),
    money: { availableCents, committedCents, paidCents, spentCents },
  }
}

/** One attachment of an application the staff member may see, with its bytes. */
export async function getAttachmentForStaff(user: Staff, applicationId: string, attachmentId: string) {
  return prisma.attachment.findFirst({
    where: { id: attachmentId, applicationId, application: staffScope(user) },
    select: { filename: true, contentType: true, data: true },
  })
}

// The reviewer's side of reading applications: what a staff member may see, the wijken with their
// free budget, the list, one application with its money, attachments.
import { prisma, Prisma, type Tx } from '#app/db.server.ts'
import type { SessionUser } from '#app/auth/session.server.ts'
import { balanceOf } from '#app/ledger/ledger.server.ts'
import { centsFromDb } from '#app/money/bigint.ts'
import type { ApplicationStatus } from '#app/generated/prisma/enums.ts'
import { DECIDABLE } from '#app/applications/status.ts'

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

export async function reviewerAreas(user: Staff, roundId: string) {
  const areas = await prisma.area.findMany({
    where: { id: { in: user.areaIds }, roundAreas: { some: { roundId } } },
    orderBy: { name: 'asc' },
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

export const QUEUE_PAGE_SIZE = 50

/**
 * One page (50) of the queue, sorted by decision due date (soonest first, none last), with the
 * total: never an unbounded query.
 */
export async function listForStaff(user: Staff, filter: { roundId: string; areaId?: string; page?: number }) {
  const where = {
    AND: [staffScope(user), { roundId: filter.roundId }, filter.areaId ? { areaId: filter.areaId } : {}],
  }
  const page = Math.max(1, Math.floor(filter.page ?? 1))
  const [rows, total] = await Promise.all([
    prisma.application.findMany({
      where,
      orderBy: [{ decisionDueOn: { sort: 'asc', nulls: 'last' } }, { submittedAt: 'asc' }, { id: 'asc' }],
      skip: (page - 1) * QUEUE_PAGE_SIZE,
      take: QUEUE_PAGE_SIZE,
      select: {
        id: true,
        reference: true,
        title: true,
        status: true,
        category: true,
        requestedCents: true,
        awardedCents: true,
        submittedAt: true,
        decisionDueOn: true,
        ownerId: true,
        area: { select: { name: true } },
        foundation: { select: { name: true } },
      },
    }),
    prisma.application.count({ where }),
  ])
  const ownerIds = [...new Set(rows.flatMap((r) => (r.ownerId ? [r.ownerId] : [])))]
  const owners = ownerIds.length
    ? await prisma.user.findMany({ where: { id: { in: ownerIds } }, select: { id: true, name: true } })
    : []
  return {
    page,
    total,
    pages: Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE)),
    rows: rows.map((r) => ({
      ...r,
      ownerName: owners.find((o) => o.id === r.ownerId)?.name ?? null,
      decisionDueOn: r.decisionDueOn ? r.decisionDueOn.toISOString().slice(0, 10) : null,
      requestedCents: centsFromDb(r.requestedCents),
      awardedCents: r.awardedCents === null ? null : centsFromDb(r.awardedCents),
    })),
  }
}

/** The rounds a reviewer can pick in the queue, newest first. */
export async function queueRounds() {
  return prisma.budgetRound.findMany({ orderBy: { year: 'desc' }, select: { id: true, year: true } })
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

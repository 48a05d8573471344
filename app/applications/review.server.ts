import { prisma, Prisma, type Tx } from '#app/db.server.ts'
import type { SessionUser } from '#app/auth/session.server.ts'
import { InsufficientFundsError, balanceOf, post } from '#app/ledger/ledger.server.ts'
import { centsFromDb, centsToDb } from '#app/money/bigint.ts'
import { formatMoney } from '#app/money/money.ts'
import type { ApplicationStatus } from '#app/generated/prisma/enums.ts'
import { DECIDABLE, SPENDABLE, canTransition } from './status.ts'

type Staff = Pick<NonNullable<SessionUser>, 'id' | 'role' | 'areaIds' | 'foundationIds'>

/** A decision that cannot be taken as asked; the message is for the reviewer, in Dutch. */
export class ReviewError extends Error {
  constructor(
    readonly field: string | null,
    message: string,
  ) {
    super(message)
  }
}

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
      id: true, name: true, code: true,
      accounts: { where: { roundId, kind: 'AREA_AVAILABLE' }, select: { balanceCents: true } },
      _count: { select: { applications: { where: { roundId, status: { in: DECIDABLE } } } } },
    },
  })
  return areas.map((a) => ({
    id: a.id, name: a.name, code: a.code,
    availableCents: centsFromDb(a.accounts[0]?.balanceCents ?? 0n),
    toDecide: a._count.applications,
  }))
}

export async function listForStaff(user: Staff, filter: { roundId: string; areaId?: string }) {
  const rows = await prisma.application.findMany({
    where: { AND: [staffScope(user), { roundId: filter.roundId }, filter.areaId ? { areaId: filter.areaId } : {}] },
    orderBy: [{ submittedAt: 'asc' }],
    select: {
      id: true, reference: true, title: true, status: true, requestedCents: true, awardedCents: true, submittedAt: true,
      area: { select: { name: true } }, foundation: { select: { name: true } },
    },
  })
  return rows.map((r) => ({
    ...r,
    requestedCents: centsFromDb(r.requestedCents),
    awardedCents: r.awardedCents === null ? null : centsFromDb(r.awardedCents),
  }))
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

/**
 * Locks an application the reviewer may decide on. Separation of duties: nobody reviews an
 * application of a foundation they are a member of.
 */
async function lockForReviewer(tx: Tx, user: Staff, id: string) {
  if (user.role !== 'REVIEWER') throw new Response('Geen toegang', { status: 403 })
  const [row] = await tx.$queryRaw<
    { id: string; status: ApplicationStatus; roundId: string; areaId: string; foundationId: string; requestedCents: bigint; awardedCents: bigint | null }[]
  >`SELECT "id", "status", "roundId", "areaId", "foundationId", "requestedCents", "awardedCents"
    FROM "Application" WHERE "id" = ${id} AND "areaId" = ANY(${user.areaIds}) AND "status" <> 'DRAFT' FOR UPDATE`
  if (!row) throw new Response('Niet gevonden', { status: 404 })
  if (user.foundationIds.includes(row.foundationId)) {
    throw new ReviewError(null, 'U bent lid van deze stichting en mag deze aanvraag daarom niet beoordelen.')
  }
  return row
}

async function recordStatus(tx: Tx, applicationId: string, from: ApplicationStatus, to: ApplicationStatus, actorId: string, reason?: string, data?: object) {
  await tx.statusChange.create({
    data: { applicationId, fromStatus: from, toStatus: to, actorId, reason, data: data as Prisma.InputJsonValue | undefined },
  })
}

/**
 * Awards an amount: commits it from the wijk's available budget in the same transaction that locks
 * the wijk's balance, so two reviewers approving at the same second can never overspend a wijk.
 */
export async function approve(user: Staff, id: string, amountCents: number) {
  return prisma.$transaction(async (tx) => {
    const app = await lockForReviewer(tx, user, id)
    if (!DECIDABLE.includes(app.status)) throw new ReviewError(null, 'Over deze aanvraag is al besloten.')
    const requested = centsFromDb(app.requestedCents)
    if (amountCents <= 0) throw new ReviewError('amount', 'Het bedrag moet meer dan € 0,00 zijn.')
    if (amountCents > requested) throw new ReviewError('amount', 'U kunt niet meer toekennen dan is aangevraagd.')
    try {
      await post(tx, {
        from: { kind: 'AREA_AVAILABLE', roundId: app.roundId, areaId: app.areaId },
        to: { kind: 'GRANT_COMMITTED', roundId: app.roundId, areaId: app.areaId, applicationId: app.id },
        amountCents,
        cause: 'AWARD',
        actorId: user.id,
      })
    } catch (error) {
      if (error instanceof InsufficientFundsError) {
        throw new ReviewError('amount', `Het vrij beschikbare budget van deze wijk is ${formatMoney(error.balanceCents)}; dat is minder dan dit bedrag. Mogelijk heeft een collega zojuist een andere aanvraag goedgekeurd.`)
      }
      throw error
    }
    const to: ApplicationStatus = 'AWARDED'
    if (!canTransition(app.status, to)) throw new ReviewError(null, 'Over deze aanvraag is al besloten.')
    await tx.application.update({ where: { id }, data: { status: to, awardedCents: centsToDb(amountCents), decidedAt: new Date() } })
    await recordStatus(tx, id, app.status, to, user.id, undefined, { requestedCents: requested, awardedCents: amountCents })
  })
}

export async function reject(user: Staff, id: string, reason: string) {
  return prisma.$transaction(async (tx) => {
    const app = await lockForReviewer(tx, user, id)
    if (!DECIDABLE.includes(app.status)) throw new ReviewError(null, 'Over deze aanvraag is al besloten.')
    await tx.application.update({ where: { id }, data: { status: 'REJECTED', decisionReason: reason, decidedAt: new Date() } })
    await recordStatus(tx, id, app.status, 'REJECTED', user.id, reason)
  })
}

/** Registers a payment to the foundation: committed -> paid. Never more than is still committed. */
export async function recordPayment(user: Staff, id: string, input: { amountCents: number; date: string; description: string }) {
  return prisma.$transaction(async (tx) => {
    const app = await lockForReviewer(tx, user, id)
    if (!SPENDABLE.includes(app.status)) throw new ReviewError(null, 'Betalingen kunnen alleen op een toegekende aanvraag worden geboekt.')
    const payment = await tx.payment.create({
      data: { applicationId: id, amountCents: centsToDb(input.amountCents), paidOn: new Date(`${input.date}T00:00:00Z`), description: input.description, recordedById: user.id },
    })
    try {
      await post(tx, {
        from: { kind: 'GRANT_COMMITTED', roundId: app.roundId, areaId: app.areaId, applicationId: id },
        to: { kind: 'GRANT_PAID', roundId: app.roundId, areaId: app.areaId, applicationId: id },
        amountCents: input.amountCents, cause: 'PAYMENT', actorId: user.id, paymentId: payment.id, memo: input.description,
      })
    } catch (error) {
      if (error instanceof InsufficientFundsError) {
        throw new ReviewError('amount', `Er staat nog ${formatMoney(error.balanceCents)} te betalen op deze toekenning; meer kan niet worden betaald.`)
      }
      throw error
    }
  })
}

/** Records an expense of the foundation against the grant: paid -> spent. Never more than was paid and not yet accounted for. */
export async function recordExpense(user: Staff, id: string, input: { amountCents: number; date: string; description: string }) {
  return prisma.$transaction(async (tx) => {
    const app = await lockForReviewer(tx, user, id)
    if (!SPENDABLE.includes(app.status)) throw new ReviewError(null, 'Uitgaven kunnen alleen op een toegekende aanvraag worden geboekt.')
    const expense = await tx.expense.create({
      data: { applicationId: id, amountCents: centsToDb(input.amountCents), spentOn: new Date(`${input.date}T00:00:00Z`), description: input.description, recordedById: user.id },
    })
    try {
      await post(tx, {
        from: { kind: 'GRANT_PAID', roundId: app.roundId, areaId: app.areaId, applicationId: id },
        to: { kind: 'GRANT_SPENT', roundId: app.roundId, areaId: app.areaId, applicationId: id },
        amountCents: input.amountCents, cause: 'EXPENSE', actorId: user.id, expenseId: expense.id, memo: input.description,
      })
    } catch (error) {
      if (error instanceof InsufficientFundsError) {
        throw new ReviewError('amount', `Er is ${formatMoney(error.balanceCents)} betaald en nog niet verantwoord; een uitgave kan niet hoger zijn.`)
      }
      throw error
    }
  })
}

import { prisma, Prisma, type Tx } from '#app/db.server.ts'
import type { SessionUser } from '#app/auth/session.server.ts'
import { InsufficientFundsError, balanceOf, post, type Movement } from '#app/ledger/ledger.server.ts'
import { centsFromDb, centsToDb } from '#app/money/bigint.ts'
import { formatMoney } from '#app/money/money.ts'
import { enqueueDecision, enqueuePaymentNotice } from '#app/mail/notifications.server.ts'
import type { ApplicationStatus } from '#app/generated/prisma/enums.ts'
import { DECIDABLE, SPENDABLE, canTransition } from './status.ts'
import { todayIso } from '#app/clock.server.ts'
import { absoluteUrl, enqueueMail } from '#app/mail/outbox.server.ts'
import { proposeAdvance } from '#app/grants/payments.server.ts'

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

export async function listForStaff(user: Staff, filter: { roundId: string; areaId?: string }) {
  const rows = await prisma.application.findMany({
    where: { AND: [staffScope(user), { roundId: filter.roundId }, filter.areaId ? { areaId: filter.areaId } : {}] },
    orderBy: [{ submittedAt: 'asc' }],
    select: {
      id: true,
      reference: true,
      title: true,
      status: true,
      requestedCents: true,
      awardedCents: true,
      submittedAt: true,
      area: { select: { name: true } },
      foundation: { select: { name: true } },
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

/**
 * Locks an application the reviewer may decide on. Separation of duties: nobody reviews an
 * application of a foundation they are a member of.
 */
async function lockForReviewer(tx: Tx, user: Staff, id: string) {
  if (user.role !== 'REVIEWER') throw new Response('Geen toegang', { status: 403 })
  const [row] = await tx.$queryRaw<
    {
      id: string
      status: ApplicationStatus
      roundId: string
      areaId: string
      foundationId: string
      requestedCents: bigint
      awardedCents: bigint | null
    }[]
  >`SELECT "id", "status", "roundId", "areaId", "foundationId", "requestedCents", "awardedCents"
    FROM "Application" WHERE "id" = ${id} AND "areaId" = ANY(${user.areaIds}) AND "status" <> 'DRAFT' FOR UPDATE`
  if (!row) throw new Response('Niet gevonden', { status: 404 })
  if (user.foundationIds.includes(row.foundationId)) {
    throw new ReviewError(null, 'U bent lid van deze stichting en mag deze aanvraag daarom niet beoordelen.')
  }
  return row
}

async function recordStatus(
  tx: Tx,
  applicationId: string,
  from: ApplicationStatus,
  to: ApplicationStatus,
  actorId: string,
  reason?: string,
  data?: object,
) {
  await tx.statusChange.create({
    data: {
      applicationId,
      fromStatus: from,
      toStatus: to,
      actorId,
      reason,
      data: data as Prisma.InputJsonValue | undefined,
    },
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
    await postOrExplain(
      tx,
      {
        from: { kind: 'AREA_AVAILABLE', roundId: app.roundId, areaId: app.areaId },
        to: grantAccount(app, 'GRANT_COMMITTED'),
        amountCents,
        cause: 'AWARD',
        actorId: user.id,
      },
      (balance) =>
        `Het vrij beschikbare budget van deze wijk is ${formatMoney(balance)}; dat is minder dan dit bedrag. Mogelijk heeft een collega zojuist een andere aanvraag goedgekeurd.`,
    )
    const to: ApplicationStatus = 'AWARDED'
    if (!canTransition(app.status, to)) throw new ReviewError(null, 'Over deze aanvraag is al besloten.')
    await tx.application.update({
      where: { id },
      data: { status: to, awardedCents: centsToDb(amountCents), decidedAt: new Date() },
    })
    await recordStatus(tx, id, app.status, to, user.id, undefined, {
      requestedCents: requested,
      awardedCents: amountCents,
    })
    await enqueueDecision(tx, id)
    await proposeAdvance(tx, id, user.id, todayIso()) // grants: the lead moves this into onDecisionEffective
  })
}

export async function reject(user: Staff, id: string, reason: string) {
  return prisma.$transaction(async (tx) => {
    const app = await lockForReviewer(tx, user, id)
    if (!DECIDABLE.includes(app.status)) throw new ReviewError(null, 'Over deze aanvraag is al besloten.')
    await tx.application.update({
      where: { id },
      data: { status: 'REJECTED', decisionReason: reason, decidedAt: new Date() },
    })
    await recordStatus(tx, id, app.status, 'REJECTED', user.id, reason)
    await enqueueDecision(tx, id)
  })
}

/** Books a movement; when the source account is short, the reviewer gets `explain(balance)` at the amount field. */
async function postOrExplain(tx: Tx, movement: Movement, explain: (balanceCents: number) => string) {
  try {
    return await post(tx, movement)
  } catch (error) {
    if (error instanceof InsufficientFundsError) throw new ReviewError('amount', explain(error.balanceCents))
    throw error
  }
}

type LockedApplication = Awaited<ReturnType<typeof lockForReviewer>>
const grantAccount = (app: LockedApplication, kind: 'GRANT_COMMITTED' | 'GRANT_PAID' | 'GRANT_SPENT') =>
  ({ kind, roundId: app.roundId, areaId: app.areaId, applicationId: app.id }) as const

type Booking = { amountCents: number; date: string; description: string }

/** Registers a payment to the foundation: committed -> paid. Never more than is still committed. */
export async function recordPayment(user: Staff, id: string, input: Booking) {
  return prisma.$transaction(async (tx) => {
    const app = await lockForReviewer(tx, user, id)
    if (!SPENDABLE.includes(app.status))
      throw new ReviewError(null, 'Betalingen kunnen alleen op een toegekende aanvraag worden geboekt.')
    const payment = await tx.payment.create({
      data: {
        applicationId: id,
        amountCents: centsToDb(input.amountCents),
        paidOn: new Date(`${input.date}T00:00:00Z`),
        description: input.description,
        recordedById: user.id,
      },
    })
    await postOrExplain(
      tx,
      {
        from: grantAccount(app, 'GRANT_COMMITTED'),
        to: grantAccount(app, 'GRANT_PAID'),
        amountCents: input.amountCents,
        cause: 'PAYMENT',
        actorId: user.id,
        paymentId: payment.id,
        memo: input.description,
      },
      (balance) => `Er staat nog ${formatMoney(balance)} te betalen op deze toekenning; meer kan niet worden betaald.`,
    )
    await enqueuePaymentNotice(tx, id, input)
  })
}

/** Records an expense of the foundation against the grant: paid -> spent. Never more than was paid and not yet accounted for. */
export async function recordExpense(user: Staff, id: string, input: Booking) {
  return prisma.$transaction(async (tx) => {
    const app = await lockForReviewer(tx, user, id)
    if (!SPENDABLE.includes(app.status))
      throw new ReviewError(null, 'Uitgaven kunnen alleen op een toegekende aanvraag worden geboekt.')
    const expense = await tx.expense.create({
      data: {
        applicationId: id,
        amountCents: centsToDb(input.amountCents),
        spentOn: new Date(`${input.date}T00:00:00Z`),
        description: input.description,
        recordedById: user.id,
      },
    })
    await postOrExplain(
      tx,
      {
        from: grantAccount(app, 'GRANT_PAID'),
        to: grantAccount(app, 'GRANT_SPENT'),
        amountCents: input.amountCents,
        cause: 'EXPENSE',
        actorId: user.id,
        expenseId: expense.id,
        memo: input.description,
      },
      (balance) => `Er is ${formatMoney(balance)} betaald en nog niet verantwoord; een uitgave kan niet hoger zijn.`,
    )
  })
}

/**
 * Asks the foundation for missing information (aanvulling): the application becomes INCOMPLETE and
 * the decision clock stops until the foundation answers (answerInformationRequest). The question goes
 * to the member who created the application through the mail outbox, in the same transaction.
 */
export async function askInformation(user: Staff, id: string, input: { question: string; dueOn: string }) {
  return prisma.$transaction(async (tx) => {
    const app = await lockForReviewer(tx, user, id)
    if (!canTransition(app.status, 'INCOMPLETE'))
      throw new ReviewError(null, 'Bij deze aanvraag kan nu geen aanvulling worden gevraagd.')
    const today = todayIso()
    if (input.dueOn <= today) throw new ReviewError('dueOn', 'Kies een uiterste datum na vandaag.')
    await tx.informationRequest.create({
      data: {
        applicationId: id,
        question: input.question,
        dueOn: new Date(`${input.dueOn}T00:00:00Z`),
        askedById: user.id,
      },
    })
    await tx.application.update({
      where: { id },
      data: { status: 'INCOMPLETE', clockStoppedOn: new Date(`${today}T00:00:00Z`) },
    })
    await recordStatus(tx, id, app.status, 'INCOMPLETE', user.id, input.question, { dueOn: input.dueOn })
    const full = await tx.application.findUniqueOrThrow({
      where: { id },
      select: { reference: true, title: true, createdById: true },
    })
    const [member, reviewer] = await Promise.all([
      tx.user.findUniqueOrThrow({ where: { id: full.createdById }, select: { name: true, email: true } }),
      tx.user.findUniqueOrThrow({ where: { id: user.id }, select: { name: true } }),
    ])
    await enqueueMail(tx, {
      template: 'missing-information',
      to: member.email,
      lang: 'nl',
      data: {
        name: member.name,
        reference: full.reference,
        title: full.title,
        question: input.question,
        reviewerName: reviewer.name,
        answerBy: input.dueOn,
        url: absoluteUrl(`/aanvragen/${id}`),
      },
    })
  })
}

/** One attachment of an application the staff member may see, with its bytes. */
export async function getAttachmentForStaff(user: Staff, applicationId: string, attachmentId: string) {
  return prisma.attachment.findFirst({
    where: { id: attachmentId, applicationId, application: staffScope(user) },
    select: { filename: true, contentType: true, data: true },
  })
}

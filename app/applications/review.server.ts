// Payments and expenses on a grant (the grants module takes these over). Deciding moved to
// app/review/decisions.server.ts, reading to app/review/queue.server.ts (issue 10).
import { prisma, type Tx } from '#app/db.server.ts'
import type { SessionUser } from '#app/auth/session.server.ts'
import { InsufficientFundsError, post, type Movement } from '#app/ledger/ledger.server.ts'
import { centsToDb } from '#app/money/bigint.ts'
import { formatMoney } from '#app/money/money.ts'
import { enqueuePaymentNotice } from '#app/mail/notifications.server.ts'
import type { ApplicationStatus } from '#app/generated/prisma/enums.ts'
import { SPENDABLE } from './status.ts'

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

export {
  staffScope,
  reviewerAreas,
  listForStaff,
  getForStaff,
  getAttachmentForStaff,
} from '#app/review/queue.server.ts'

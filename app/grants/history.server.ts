import { prisma } from '#app/db.server.ts'
import { DomainError } from '#app/domain/errors.ts'
import { enqueuePaymentNotice } from '#app/mail/notifications.server.ts'
import { centsToDb } from '#app/money/bigint.ts'
import { book, dayFromIso, grantRef, lockGrant } from './grant.server.ts'

/**
 * History from before the portal's own payment batches, for the demo seed and for tests that need a
 * grant with money already paid and spent. Staff never reach this from a screen: the reviewer
 * proposes payments (app/grants/payments.server.ts) and the foundation records expenses
 * (app/grants/spend.server.ts). It still goes through the ledger, to the foundation's IBAN, with the
 * same limits (never above what is committed, never more spent than was paid).
 */
type Booking = { amountCents: number; date: string; description: string }

/** A payment that went to the bank on `date`: committed -> paid, the foundation is told. */
export async function bookPastPayment(actorId: string, applicationId: string, input: Booking) {
  return prisma.$transaction(async (tx) => {
    const grant = await lockGrant(tx, applicationId)
    if (grant.status !== 'AWARDED') throw new DomainError('grants.errors.notAwarded', { status: 409 })
    const foundation = await tx.foundation.findUniqueOrThrow({ where: { id: grant.foundationId } })
    const count = await tx.payment.count({ where: { applicationId } })
    const payment = await tx.payment.create({
      data: {
        applicationId,
        kind: 'MANUAL',
        status: 'SENT',
        amountCents: centsToDb(input.amountCents),
        paidOn: dayFromIso(input.date),
        description: input.description,
        recordedById: actorId,
        reference: `${grant.reference}-B${count + 1}`,
        iban: foundation.iban.replace(/\s+/g, ''),
        accountHolder: foundation.accountHolder,
        sentAt: new Date(),
      },
    })
    await book(tx, {
      from: grantRef(grant, 'GRANT_COMMITTED'),
      to: grantRef(grant, 'GRANT_PAID'),
      amountCents: input.amountCents,
      cause: 'PAYMENT',
      actorId,
      paymentId: payment.id,
      memo: input.description,
    })
    await enqueuePaymentNotice(tx, applicationId, input)
    return payment
  })
}

/** An expense of the foundation, accepted: paid -> spent. */
export async function bookAcceptedExpense(actorId: string, applicationId: string, input: Booking) {
  return prisma.$transaction(async (tx) => {
    const grant = await lockGrant(tx, applicationId)
    if (grant.status !== 'AWARDED') throw new DomainError('grants.errors.notAwarded', { status: 409 })
    const expense = await tx.expense.create({
      data: {
        applicationId,
        amountCents: centsToDb(input.amountCents),
        spentOn: dayFromIso(input.date),
        description: input.description,
        recordedById: actorId,
        status: 'ACCEPTED',
        reviewedById: actorId,
        reviewedAt: new Date(),
      },
    })
    await book(tx, {
      from: grantRef(grant, 'GRANT_PAID'),
      to: grantRef(grant, 'GRANT_SPENT'),
      amountCents: input.amountCents,
      cause: 'EXPENSE',
      actorId,
      expenseId: expense.id,
      memo: input.description,
    })
    return expense
  })
}

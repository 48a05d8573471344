import { prisma } from '#app/db.server.ts'
import { centsFromDb } from '#app/money/bigint.ts'
import { reportDueOn } from '#app/review/terms.ts'
import { grantBalances, isoDay } from './grant.server.ts'
import { pendingCents } from './payments.server.ts'
import { spendByLine } from './spend.server.ts'

/**
 * What the reviewer's and the foundation's pages show of a grant's money, read from the ledger's
 * accounts and the payment, expense, report and settlement records. The caller has already checked
 * that the user may see this application (scoped loaders of app/routes).
 */
export async function grantMoney(applicationId: string, today: string) {
  const app = await prisma.application.findUniqueOrThrow({
    where: { id: applicationId },
    select: {
      id: true,
      roundId: true,
      status: true,
      awardedCents: true,
      endDate: true,
      round: { select: { reportTermWeeks: true, paymentApprovalThresholdCents: true } },
    },
  })
  const balances = await grantBalances(prisma, app)
  const [payments, expenses, lines, report, settlement, pending, files] = await Promise.all([
    prisma.payment.findMany({
      where: { applicationId },
      orderBy: { createdAt: 'asc' },
      include: { batch: { select: { reference: true } } },
    }),
    prisma.expense.findMany({
      where: { applicationId },
      orderBy: { createdAt: 'asc' },
      include: { receipts: { select: { id: true, filename: true, sizeBytes: true }, orderBy: { createdAt: 'asc' } } },
    }),
    spendByLine(prisma, applicationId),
    prisma.grantReport.findUnique({ where: { applicationId } }),
    prisma.settlement.findUnique({ where: { applicationId }, include: { recovery: { include: { receipts: true } } } }),
    pendingCents(prisma as never, applicationId),
    prisma.grantFile.findMany({
      where: { applicationId, kind: 'PHOTO' },
      select: { id: true, filename: true },
      orderBy: { createdAt: 'asc' },
    }),
  ])
  const people = await prisma.user.findMany({
    where: {
      id: { in: [...new Set(payments.flatMap((p) => [p.recordedById, p.approvedById ?? '']).filter(Boolean))] },
    },
    select: { id: true, name: true },
  })
  const nameOf = (id: string | null) => (id ? (people.find((p) => p.id === id)?.name ?? null) : null)
  const budgetLines = await prisma.budgetLine.findMany({
    where: { applicationId },
    orderBy: { position: 'asc' },
    select: { id: true, description: true },
  })
  const awarded = app.awardedCents === null ? 0 : centsFromDb(app.awardedCents)
  return {
    status: app.status,
    awardedCents: awarded,
    thresholdCents: centsFromDb(app.round.paymentApprovalThresholdCents),
    balances,
    /** committed and not yet on its way in a payment: what a new payment may be at most */
    payableCents: balances.committed - pending,
    /** what was paid and not yet accounted for, plus what was accepted */
    paidOutCents: balances.paid + balances.spent,
    reportDueOn: app.endDate ? reportDueOn(isoDay(app.endDate), app.round.reportTermWeeks) : null,
    payments: payments.map((p) => ({
      id: p.id,
      kind: p.kind,
      status: p.status,
      /** a payment is "paid" only when its batch went to the bank and its date has come */
      shownAs: paymentShownAs(p.status, isoDay(p.paidOn), today),
      amountCents: centsFromDb(p.amountCents),
      payOn: isoDay(p.paidOn),
      description: p.description,
      reference: p.reference,
      iban: p.iban,
      batch: p.batch?.reference ?? null,
      recordedById: p.recordedById,
      recordedBy: nameOf(p.recordedById),
      approvedBy: nameOf(p.approvedById),
      cancelReason: p.cancelReason,
    })),
    expenses: expenses.map((e) => ({
      id: e.id,
      spentOn: isoDay(e.spentOn),
      supplier: e.supplier,
      description: e.description,
      amountCents: centsFromDb(e.amountCents),
      budgetLine: budgetLines.find((l) => l.id === e.budgetLineId)?.description ?? null,
      status: e.status,
      reviewReason: e.reviewReason,
      receipts: e.receipts,
    })),
    budgetLines,
    lines,
    report: report
      ? {
          whatHappened: report.whatHappened,
          participants: report.participants,
          submittedAt: report.submittedAt.toISOString(),
          dueOn: isoDay(report.dueOn),
          photos: files,
        }
      : null,
    settlement: settlement
      ? {
          finalCents: centsFromDb(settlement.finalCents),
          paidOutCents: centsFromDb(settlement.paidOutCents),
          finalPaymentCents: centsFromDb(settlement.finalPaymentCents),
          recoveryCents: centsFromDb(settlement.recoveryCents),
          returnedCents: centsFromDb(settlement.returnedCents),
          reason: settlement.reason,
          settledAt: settlement.settledAt.toISOString(),
          documentId: settlement.documentId,
          recovery: settlement.recovery
            ? {
                amountCents: centsFromDb(settlement.recovery.amountCents),
                receivedCents: centsFromDb(settlement.recovery.receivedCents),
                dueOn: isoDay(settlement.recovery.dueOn),
                closed: settlement.recovery.closedAt !== null,
                receipts: settlement.recovery.receipts.map((r) => ({
                  id: r.id,
                  amountCents: centsFromDb(r.amountCents),
                  receivedOn: isoDay(r.receivedOn),
                })),
              }
            : null,
        }
      : null,
  }
}

export type GrantMoney = Awaited<ReturnType<typeof grantMoney>>

export type PaymentShownAs = 'proposed' | 'released' | 'batched' | 'scheduled' | 'paid' | 'cancelled'

/** How a payment is shown: never "paid" before it went to the bank and its date has come. */
export function paymentShownAs(status: string, payOn: string, today: string): PaymentShownAs {
  switch (status) {
    case 'PROPOSED':
      return 'proposed'
    case 'RELEASED':
      return payOn > today ? 'scheduled' : 'released'
    case 'BATCHED':
      return 'batched'
    case 'SENT':
      return payOn > today ? 'scheduled' : 'paid'
    default:
      return 'cancelled'
  }
}

/** A receipt or photo of a grant (for the download routes; scope checked by the caller). */
export async function grantFileOf(applicationId: string, fileId: string) {
  return prisma.grantFile.findFirst({ where: { id: fileId, applicationId } })
}

import { addDays, objectionTermEnd } from '#app/review/terms.ts'
import type { Tx } from '#app/db.server.ts'
import { keepDocument } from '#app/documents/kept.server.ts'
import { settlementLetterPdf } from '#app/documents/settlement-letter.server.ts'
import { DomainError } from '#app/domain/errors.ts'
import { assertAllowed } from '#app/domain/verdict.ts'
import { absoluteUrl, enqueueMail } from '#app/mail/outbox.server.ts'
import { centsFromDb, centsToDb } from '#app/money/bigint.ts'
import { areaRef, book, dayFromIso, grantBalances, grantRef, lockGrant, recordStatus } from './grant.server.ts'
import { mayFixFinalAmount, planSettlement } from './policy.ts'
import { assertNoConflict } from '#app/review/conflicts.server.ts'

/** Weeks the foundation has to pay back a recovery. */
export const RECOVERY_TERM_DAYS = 6 * 7

export type SettleInput = {
  applicationId: string
  finalCents: number
  reason: string
  actorId: string
  today: string
  /** vaststelling bij verlening: small grants settled at the award, no report needed */
  atAward?: boolean
}

/**
 * The vaststelling: fixes the final amount (never above the award), books what follows in the ledger
 * (the unused commitment back to the wijk, an overpayment to recovery due), proposes the final
 * payment, keeps the settlement letter and mails it. Payments still waiting (not in a batch) are
 * cancelled; one in an unsent batch blocks the settlement until the batch is sent.
 */
export async function settle(tx: Tx, input: SettleInput) {
  await assertNoConflict(tx, input.actorId, { applicationId: input.applicationId })
  const grant = await lockGrant(tx, input.applicationId)
  const expected = input.atAward ? 'AWARDED' : 'REPORT_SUBMITTED'
  if (grant.status !== expected) throw new DomainError('grants.errors.notSettleable', { status: 409 })
  const reason = input.reason.trim()
  if (reason.length < 3) throw new DomainError('grants.errors.reasonRequired', { field: 'reason', status: 422 })
  const batched = await tx.payment.count({ where: { applicationId: grant.id, status: 'BATCHED' } })
  if (batched > 0) throw new DomainError('grants.errors.paymentInBatch', { status: 409 })
  await tx.payment.updateMany({
    where: { applicationId: grant.id, status: { in: ['PROPOSED', 'RELEASED'] } },
    data: { status: 'CANCELLED', cancelledAt: new Date(), cancelReason: 'Vervallen door de vaststelling' },
  })
  const b = await grantBalances(tx, grant)
  if (b.reserved > 0) throw new DomainError('grants.errors.notSettleable', { status: 409 })
  // Never above the award, nor above what the grant still holds after any correction (reversal).
  const cap = Math.min(grant.awardedCents, b.committed + b.paid + b.spent)
  assertAllowed(mayFixFinalAmount(input.finalCents, cap), 'finalAmount')
  const plan = planSettlement(input.finalCents, b)
  for (const move of plan.moves) {
    await book(tx, {
      from: grantRef(grant, move.from),
      to: move.to === 'AREA_AVAILABLE' ? areaRef(grant) : grantRef(grant, move.to),
      amountCents: move.amountCents,
      cause: 'SETTLEMENT',
      actorId: input.actorId,
      memo: `Vaststelling op ${input.finalCents} cent`,
    })
  }
  const accepted = await tx.expense.aggregate({
    where: { applicationId: grant.id, status: 'ACCEPTED' },
    _sum: { amountCents: true },
  })
  const foundation = await tx.foundation.findUniqueOrThrow({ where: { id: grant.foundationId } })
  const recoveryDueOn = plan.recoveryCents > 0 ? addDays(input.today, RECOVERY_TERM_DAYS) : null
  const objectionDeadline = objectionTermEnd(input.today)
  const pdf = await settlementLetterPdf({
    lang: 'nl',
    foundationName: foundation.name,
    reference: grant.reference,
    title: grant.title,
    awardedCents: grant.awardedCents,
    paidOutCents: plan.paidOutCents,
    finalCents: input.finalCents,
    finalPaymentCents: plan.finalPaymentCents,
    recoveryCents: plan.recoveryCents,
    recoveryDueOn,
    reason,
    settledOn: input.today,
    objectionDeadline,
  })
  const document = await keepDocument(tx, {
    kind: 'SETTLEMENT',
    applicationId: grant.id,
    filename: `vaststelling-${grant.reference}.pdf`,
    data: pdf,
    createdById: input.actorId,
  })
  const settlement = await tx.settlement.create({
    data: {
      applicationId: grant.id,
      awardedCents: centsToDb(grant.awardedCents),
      acceptedCents: accepted._sum.amountCents ?? 0n,
      paidOutCents: centsToDb(plan.paidOutCents),
      finalCents: centsToDb(input.finalCents),
      finalPaymentCents: centsToDb(plan.finalPaymentCents),
      recoveryCents: centsToDb(plan.recoveryCents),
      returnedCents: centsToDb(plan.returnedCents),
      reason,
      atAward: input.atAward ?? false,
      documentId: document.id,
      settledById: input.actorId,
    },
  })
  if (recoveryDueOn) {
    await tx.recovery.create({
      data: {
        settlementId: settlement.id,
        applicationId: grant.id,
        amountCents: centsToDb(plan.recoveryCents),
        dueOn: dayFromIso(recoveryDueOn),
      },
    })
  }
  if (input.atAward) {
    await recordStatus(tx, grant.id, 'AWARDED', 'REPORT_SUBMITTED', input.actorId, 'Vaststelling bij verlening')
  }
  await recordStatus(tx, grant.id, 'REPORT_SUBMITTED', 'SETTLED', input.actorId, reason)
  if (plan.finalPaymentCents > 0) {
    const count = await tx.payment.count({ where: { applicationId: grant.id } })
    await tx.payment.create({
      data: {
        applicationId: grant.id,
        kind: 'FINAL',
        amountCents: centsToDb(plan.finalPaymentCents),
        paidOn: dayFromIso(input.today),
        description: 'Nabetaling na vaststelling',
        recordedById: input.actorId,
        status: 'RELEASED',
        reference: `${grant.reference}-B${count + 1}`,
        iban: foundation.iban.replace(/\s+/g, ''),
        accountHolder: foundation.accountHolder,
      },
    })
  }
  const app = await tx.application.findUniqueOrThrow({ where: { id: grant.id }, select: { createdById: true } })
  const creator = await tx.user.findUnique({ where: { id: app.createdById }, select: { email: true, name: true } })
  const recipients = [{ to: foundation.email, name: foundation.contactName }]
  if (creator && creator.email.toLowerCase() !== foundation.email.toLowerCase())
    recipients.push({ to: creator.email, name: creator.name })
  for (const r of recipients) {
    await enqueueMail(tx, {
      template: 'settlement',
      to: r.to,
      lang: 'nl',
      data: {
        name: r.name,
        reference: grant.reference,
        title: grant.title,
        awardedCents: grant.awardedCents,
        paidCents: plan.paidOutCents,
        finalCents: input.finalCents,
        settledOn: input.today,
        objectionDeadline,
        url: absoluteUrl(`/aanvragen/${grant.id}`),
      },
      attachments: [{ filename: `vaststelling-${grant.reference}.pdf`, contentType: 'application/pdf', content: pdf }],
    })
  }
  await closeIfDone(tx, grant.id, input.actorId)
  return { settlement, plan, documentId: document.id }
}

/**
 * Registers money received back from the foundation (in full or in part): recovery due -> recovered
 * -> the wijk's available budget. When nothing is due any more the recovery is closed.
 */
export async function registerRecoveryReceipt(
  tx: Tx,
  input: { applicationId: string; amountCents: number; receivedOn: string; actorId: string; today: string },
) {
  await assertNoConflict(tx, input.actorId, { applicationId: input.applicationId })
  const grant = await lockGrant(tx, input.applicationId)
  const recovery = await tx.recovery.findUnique({ where: { applicationId: grant.id } })
  if (!recovery || recovery.closedAt) throw new DomainError('grants.errors.noOpenRecovery', { status: 409 })
  const outstanding = centsFromDb(recovery.amountCents) - centsFromDb(recovery.receivedCents)
  if (!Number.isSafeInteger(input.amountCents) || input.amountCents <= 0)
    throw new DomainError('grants.errors.amountPositive', { field: 'amount', status: 422 })
  if (input.amountCents > outstanding)
    throw new DomainError('grants.errors.aboveOutstanding', { field: 'amount', status: 422 })
  if (input.receivedOn > input.today)
    throw new DomainError('grants.errors.dateInFuture', { field: 'receivedOn', status: 422 })
  await book(tx, {
    from: grantRef(grant, 'GRANT_RECOVERY_DUE'),
    to: grantRef(grant, 'GRANT_RECOVERED'),
    amountCents: input.amountCents,
    cause: 'RECOVERY',
    actorId: input.actorId,
    memo: 'Terugbetaling ontvangen',
  })
  await book(tx, {
    from: grantRef(grant, 'GRANT_RECOVERED'),
    to: areaRef(grant),
    amountCents: input.amountCents,
    cause: 'RECOVERY',
    actorId: input.actorId,
    memo: 'Terugbetaald geld terug naar het vrije budget van de wijk',
  })
  await tx.recoveryReceipt.create({
    data: {
      recoveryId: recovery.id,
      amountCents: centsToDb(input.amountCents),
      receivedOn: dayFromIso(input.receivedOn),
      recordedById: input.actorId,
    },
  })
  const received = centsFromDb(recovery.receivedCents) + input.amountCents
  await tx.recovery.update({
    where: { id: recovery.id },
    data: {
      receivedCents: centsToDb(received),
      closedAt: received === centsFromDb(recovery.amountCents) ? new Date() : null,
    },
  })
  await closeIfDone(tx, grant.id, input.actorId)
}

/** A settled grant with nothing still to pay and nothing still to recover is CLOSED. */
export async function closeIfDone(tx: Tx, applicationId: string, actorId: string) {
  const grant = await lockGrant(tx, applicationId)
  if (grant.status !== 'SETTLED') return false
  const b = await grantBalances(tx, grant)
  const open = await tx.payment.count({
    where: { applicationId, status: { in: ['PROPOSED', 'RELEASED', 'BATCHED'] } },
  })
  if (b.committed > 0 || b.paid > 0 || b.recoveryDue > 0 || b.reserved > 0 || open > 0) return false
  await recordStatus(tx, applicationId, 'SETTLED', 'CLOSED', actorId, 'Vastgesteld, betaald en verrekend')
  return true
}

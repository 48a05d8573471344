import { isValidIBAN, electronicFormatIBAN } from 'ibantools'
import type { Tx } from '#app/db.server.ts'
import { getEnv } from '#app/env.server.ts'
import { DomainError } from '#app/domain/errors.ts'
import { assertAllowed } from '#app/domain/verdict.ts'
import type { PaymentKind } from '#app/generated/prisma/enums.ts'
import { enqueuePaymentNotice } from '#app/mail/notifications.server.ts'
import { centsFromDb, centsToDb } from '#app/money/bigint.ts'
import { sha256Hex } from '#app/documents/kept.server.ts'
import { advanceCents, mayApprovePayment, mayProposePayment, needsSecondApproval } from './policy.ts'
import { book, dayFromIso, grantBalances, grantRef, isoDay, lockGrant } from './grant.server.ts'
import { buildPain001, type SepaDebtor } from './sepa/pain001.ts'
import { closeIfDone } from './settlement.server.ts'
import { assertNoConflict, assertNoConflictInBatch, interestIn, interestsOf } from '#app/review/conflicts.server.ts'

const OPEN_STATUSES = ['PROPOSED', 'RELEASED', 'BATCHED'] as const

/** Amount of the grant's payments that are on their way (proposed, released or in an unsent batch). */
export async function pendingCents(tx: Tx, applicationId: string): Promise<number> {
  const agg = await tx.payment.aggregate({
    where: { applicationId, status: { in: [...OPEN_STATUSES] } },
    _sum: { amountCents: true },
  })
  return centsFromDb(agg._sum.amountCents ?? 0n)
}

export type NewPayment = {
  applicationId: string
  kind: PaymentKind
  amountCents: number
  /** planned execution date (YYYY-MM-DD); a date in the future is scheduled, not paid */
  payOn: string
  description: string
  actorId: string
  idempotencyKey?: string
}

/**
 * Proposes a payment to the foundation's CONFIRMED IBAN (a pending change is never used). At or
 * above the round's threshold it waits for a second person; below it is released at once. Nothing is
 * booked yet: the ledger moves committed -> paid when the batch is marked as sent to the bank.
 * The idempotency key makes a second click return the first payment instead of a duplicate.
 */
export async function proposePayment(tx: Tx, input: NewPayment) {
  await assertNoConflict(tx, input.actorId, { applicationId: input.applicationId })
  if (input.idempotencyKey) {
    const earlier = await tx.payment.findUnique({ where: { idempotencyKey: input.idempotencyKey } })
    if (earlier) return earlier
  }
  const grant = await lockGrant(tx, input.applicationId)
  if (!['AWARDED', 'REPORT_SUBMITTED'].includes(grant.status))
    throw new DomainError('grants.errors.notAwarded', { status: 409 })
  const balances = await grantBalances(tx, grant)
  assertAllowed(mayProposePayment(input.amountCents, balances.committed, await pendingCents(tx, grant.id)), 'amount')
  const round = await tx.budgetRound.findUniqueOrThrow({ where: { id: grant.roundId } })
  const foundation = await tx.foundation.findUniqueOrThrow({ where: { id: grant.foundationId } })
  const iban = electronicFormatIBAN(foundation.iban) ?? ''
  if (!isValidIBAN(iban)) throw new DomainError('grants.errors.noValidIban', { status: 409 })
  const count = await tx.payment.count({ where: { applicationId: grant.id } })
  const held = needsSecondApproval(input.amountCents, centsFromDb(round.paymentApprovalThresholdCents))
  return tx.payment.create({
    data: {
      applicationId: grant.id,
      kind: input.kind,
      amountCents: centsToDb(input.amountCents),
      paidOn: dayFromIso(input.payOn),
      description: input.description.trim(),
      recordedById: input.actorId,
      status: held ? 'PROPOSED' : 'RELEASED',
      reference: `${grant.reference}-B${count + 1}`,
      iban,
      accountHolder: foundation.accountHolder,
      idempotencyKey: input.idempotencyKey,
    },
  })
}

/**
 * When a decision takes effect: the advance (voorschot) from the decision's percentage, or the
 * round's. Returns null when there is nothing to advance or an advance exists already.
 */
export async function proposeAdvance(tx: Tx, applicationId: string, actorId: string, today: string) {
  const grant = await lockGrant(tx, applicationId)
  const round = await tx.budgetRound.findUniqueOrThrow({ where: { id: grant.roundId } })
  const exists = await tx.payment.findFirst({ where: { applicationId, kind: 'ADVANCE', status: { not: 'CANCELLED' } } })
  if (exists) return null
  const amount = advanceCents(grant.awardedCents, grant.advancePercent ?? round.advancePercent)
  if (amount <= 0) return null
  // No confirmed valid IBAN: the decision still stands; the advance is proposed by hand later.
  const foundation = await tx.foundation.findUniqueOrThrow({ where: { id: grant.foundationId } })
  if (!isValidIBAN(electronicFormatIBAN(foundation.iban) ?? '')) return null
  return proposePayment(tx, {
    applicationId,
    kind: 'ADVANCE',
    amountCents: amount,
    payOn: today,
    description: 'Voorschot',
    actorId,
  })
}

/** The second, different person approves a held payment: it is released for the next batch. */
export async function approvePayment(tx: Tx, paymentId: string, actorId: string) {
  await assertNoConflict(tx, actorId, { paymentId })
  const [payment] = await tx.$queryRaw<{ id: string; status: string; recordedById: string }[]>`
    SELECT "id", "status"::text AS "status", "recordedById" FROM "Payment" WHERE "id" = ${paymentId} FOR UPDATE`
  if (!payment) throw new DomainError('errors.notFound', { status: 404 })
  assertAllowed(mayApprovePayment(actorId, payment))
  return tx.payment.update({
    where: { id: paymentId },
    data: { status: 'RELEASED', approvedById: actorId, approvedAt: new Date() },
  })
}

/**
 * Cancels a payment that is not yet in a batch. A staff member cancelling it (actorId) must have no
 * conflict with the application; without an actor it is the portal's own doing (an objection).
 */
export async function cancelPayment(tx: Tx, paymentId: string, reason: string, actorId?: string) {
  if (actorId) await assertNoConflict(tx, actorId, { paymentId })
  const payment = await tx.payment.findUnique({ where: { id: paymentId } })
  if (!payment) throw new DomainError('errors.notFound', { status: 404 })
  if (payment.status !== 'PROPOSED' && payment.status !== 'RELEASED')
    throw new DomainError('grants.errors.cannotCancel', { status: 409 })
  if (reason.trim().length < 3) throw new DomainError('grants.errors.reasonRequired', { field: 'reason', status: 422 })
  return tx.payment.update({
    where: { id: paymentId },
    data: { status: 'CANCELLED', cancelledAt: new Date(), cancelReason: reason.trim() },
  })
}

/**
 * Gathers every released payment whose date has come into one batch. Payments dated in the future
 * wait for a later batch: they are scheduled, never paid early.
 */
export async function createBatch(tx: Tx, actorId: string, today: string, scope: BatchScope = 'any') {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('payment-batch'))`
  const interests = await interestsOf(tx, actorId)
  const candidates = await tx.payment.findMany({
    where: {
      status: 'RELEASED',
      batchId: null,
      paidOn: { lte: dayFromIso(today) },
      ...(scope === 'any' ? {} : { application: { areaId: { in: scope.areaIds } } }),
    },
    orderBy: { createdAt: 'asc' },
    include: { application: { select: { id: true, foundationId: true } } },
  })
  // A payment of an application the actor has a conflict with waits for a colleague's batch.
  const payments = candidates.filter((p) => !interestIn(interests, p.application))
  if (payments.length === 0) throw new DomainError('grants.errors.nothingToBatch', { status: 409 })
  const count = await tx.paymentBatch.count()
  const total = payments.reduce((s, p) => s + centsFromDb(p.amountCents), 0)
  const batch = await tx.paymentBatch.create({
    data: {
      reference: `BB-${today.replaceAll('-', '')}-${count + 1}`,
      executionDate: dayFromIso(today),
      totalCents: centsToDb(total),
      count: payments.length,
      createdById: actorId,
    },
  })
  await tx.payment.updateMany({
    where: { id: { in: payments.map((p) => p.id) } },
    data: { status: 'BATCHED', batchId: batch.id },
  })
  return batch
}

/**
 * The batch's SEPA credit transfer file. A second export needs a reason; every export is recorded
 * (who, when, why, the SHA-256 and the file itself).
 */
export async function exportBatch(
  tx: Tx,
  batchId: string,
  actorId: string,
  debtor: SepaDebtor,
  createdAt: Date,
  reason?: string,
  scope: BatchScope = 'any',
) {
  const [batch] = await tx.$queryRaw<
    { id: string }[]
  >`SELECT "id" FROM "PaymentBatch" WHERE "id" = ${batchId} FOR UPDATE`
  if (!batch || !(await batchInScope(tx, batchId, scope))) throw new DomainError('errors.notFound', { status: 404 })
  await assertNoConflictInBatch(tx, actorId, batchId)
  const full = await tx.paymentBatch.findUniqueOrThrow({
    where: { id: batchId },
    include: {
      payments: {
        orderBy: { createdAt: 'asc' },
        include: { application: { select: { reference: true, title: true } } },
      },
      exports: true,
    },
  })
  if (full.exports.length > 0 && !(reason && reason.trim().length >= 3))
    throw new DomainError('grants.errors.reexportReason', { field: 'reason', status: 422 })
  const xml = buildPain001({
    messageId: `${full.reference}-${full.exports.length + 1}`,
    createdAt,
    executionDate: isoDay(full.executionDate),
    debtor,
    paymentInfoId: full.reference,
    transactions: full.payments.map((p) => ({
      endToEndId: p.reference ?? p.id,
      amountCents: centsFromDb(p.amountCents),
      creditorName: p.accountHolder ?? '',
      creditorIban: p.iban ?? '',
      remittance: `Buurtbudget ${p.application.reference} ${p.application.title}`,
    })),
  })
  await tx.batchExport.create({
    data: { batchId, exportedById: actorId, reason: reason?.trim() || null, sha256: sha256Hex(Buffer.from(xml)), xml },
  })
  if (full.status === 'OPEN') await tx.paymentBatch.update({ where: { id: batchId }, data: { status: 'EXPORTED' } })
  return xml
}

/**
 * The bank has the file: every payment of the batch is booked (committed -> paid; a final payment
 * after the vaststelling is at once spent), the foundation is mailed that it was paid, and the batch
 * and its payments can no longer be changed (database trigger).
 */
export async function markBatchSent(
  tx: Tx,
  batchId: string,
  actorId: string,
  today: string,
  scope: BatchScope = 'any',
) {
  const [batch] = await tx.$queryRaw<{ id: string; status: string; executionDate: Date }[]>`
    SELECT "id", "status"::text AS "status", "executionDate" FROM "PaymentBatch" WHERE "id" = ${batchId} FOR UPDATE`
  if (!batch || !(await batchInScope(tx, batchId, scope))) throw new DomainError('errors.notFound', { status: 404 })
  await assertNoConflictInBatch(tx, actorId, batchId)
  if (batch.status === 'SENT') throw new DomainError('grants.errors.batchAlreadySent', { status: 409 })
  if (batch.status !== 'EXPORTED') throw new DomainError('grants.errors.batchNotExported', { status: 409 })
  if (isoDay(batch.executionDate) > today) throw new DomainError('grants.errors.batchInFuture', { status: 409 })
  const payments = await tx.payment.findMany({ where: { batchId }, orderBy: { createdAt: 'asc' } })
  for (const p of payments) {
    const grant = await lockGrant(tx, p.applicationId)
    const amount = centsFromDb(p.amountCents)
    await book(tx, {
      from: grantRef(grant, 'GRANT_COMMITTED'),
      to: grantRef(grant, 'GRANT_PAID'),
      amountCents: amount,
      cause: 'PAYMENT',
      actorId,
      paymentId: p.id,
      memo: p.reference ?? undefined,
    })
    if (p.kind === 'FINAL') {
      await book(tx, {
        from: grantRef(grant, 'GRANT_PAID'),
        to: grantRef(grant, 'GRANT_SPENT'),
        amountCents: amount,
        cause: 'SETTLEMENT',
        actorId,
        paymentId: p.id,
        memo: 'Nabetaling na vaststelling',
      })
    }
    await tx.payment.update({ where: { id: p.id }, data: { status: 'SENT', sentAt: new Date() } })
    await enqueuePaymentNotice(tx, p.applicationId, {
      amountCents: amount,
      date: today,
      description: p.description,
    })
    await closeIfDone(tx, p.applicationId, actorId)
  }
  return tx.paymentBatch.update({
    where: { id: batchId },
    data: { status: 'SENT', sentAt: new Date(), sentById: actorId },
  })
}

/**
 * Whose batches: a reviewer handles the payments of their own wijken only (docs/decisions/0042);
 * 'any' for the portal's own work and tests.
 */
export type BatchScope = 'any' | { areaIds: string[] }

/** A batch is in scope when every payment in it belongs to an application of the scope's wijken. */
export async function batchInScope(db: Pick<Tx, 'payment'>, batchId: string, scope: BatchScope): Promise<boolean> {
  if (scope === 'any') return true
  const outside = await db.payment.count({
    where: { batchId, application: { areaId: { notIn: scope.areaIds } } },
  })
  return outside === 0
}

/** The municipality as debtor, from the configuration (SEPA_DEBTOR_*). */
export function configuredDebtor(): SepaDebtor {
  const env = getEnv()
  return { name: env.SEPA_DEBTOR_NAME, iban: env.SEPA_DEBTOR_IBAN, bic: env.SEPA_DEBTOR_BIC }
}

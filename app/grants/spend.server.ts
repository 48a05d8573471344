import { createHash } from 'node:crypto'
import type { Tx } from '#app/db.server.ts'
import { safeFilename, sniffType } from '#app/applications/attachments.server.ts'
import { MAX_ATTACHMENT_BYTES } from '#app/applications/schema.ts'
import { DomainError } from '#app/domain/errors.ts'
import { centsFromDb, centsToDb } from '#app/money/bigint.ts'
import { book, dayFromIso, grantRef, lockGrant } from './grant.server.ts'
import { assertNoConflict } from '#app/review/conflicts.server.ts'

/** At most this many receipts or photos per expense or report. */
export const MAX_FILES_PER_ITEM = 10

export type NewExpense = {
  applicationId: string
  spentOn: string
  supplier: string
  description: string
  amountCents: number
  budgetLineId: string | null
  receipts: File[]
  actorId: string
  today: string
  idempotencyKey?: string
}

/** Checks one upload with the intake's rules (not empty, at most 10 MB, a real PDF, JPEG or PNG). */
export async function readGrantFile(file: File, field: string) {
  if (file.size === 0) throw new DomainError('grants.errors.fileEmpty', { field, status: 422 })
  if (file.size > MAX_ATTACHMENT_BYTES) throw new DomainError('grants.errors.fileTooLarge', { field, status: 413 })
  const bytes = new Uint8Array(await file.arrayBuffer())
  const contentType = sniffType(bytes.subarray(0, 16))
  if (!contentType) throw new DomainError('grants.errors.fileType', { field, status: 422 })
  return {
    filename: safeFilename(file.name, contentType),
    contentType,
    sizeBytes: bytes.byteLength,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    data: bytes,
  }
}

/**
 * The foundation records an expense with its receipts. It counts as spent only when the reviewer
 * accepts it. A second submit with the same idempotency key returns the first expense.
 */
export async function recordExpense(tx: Tx, input: NewExpense) {
  if (input.idempotencyKey) {
    const earlier = await tx.expense.findUnique({ where: { idempotencyKey: input.idempotencyKey } })
    if (earlier) return earlier
  }
  const grant = await lockGrant(tx, input.applicationId)
  if (grant.status !== 'AWARDED') throw new DomainError('grants.errors.notAwarded', { status: 409 })
  if (!Number.isSafeInteger(input.amountCents) || input.amountCents <= 0)
    throw new DomainError('grants.errors.amountPositive', { field: 'amount', status: 422 })
  if (input.spentOn > input.today)
    throw new DomainError('grants.errors.dateInFuture', { field: 'spentOn', status: 422 })
  if (input.supplier.trim().length < 2)
    throw new DomainError('grants.errors.supplierRequired', { field: 'supplier', status: 422 })
  if (input.description.trim().length < 3)
    throw new DomainError('grants.errors.descriptionRequired', { field: 'description', status: 422 })
  if (input.budgetLineId) {
    const line = await tx.budgetLine.findFirst({ where: { id: input.budgetLineId, applicationId: grant.id } })
    if (!line) throw new DomainError('grants.errors.budgetLine', { field: 'budgetLineId', status: 422 })
  }
  if (input.receipts.length === 0)
    throw new DomainError('grants.errors.receiptRequired', { field: 'receipts', status: 422 })
  if (input.receipts.length > MAX_FILES_PER_ITEM)
    throw new DomainError('grants.errors.tooManyFiles', { field: 'receipts', status: 422 })
  const files = []
  for (const f of input.receipts) files.push(await readGrantFile(f, 'receipts'))
  return tx.expense.create({
    data: {
      applicationId: grant.id,
      amountCents: centsToDb(input.amountCents),
      spentOn: dayFromIso(input.spentOn),
      supplier: input.supplier.trim(),
      description: input.description.trim(),
      budgetLineId: input.budgetLineId,
      recordedById: input.actorId,
      status: 'SUBMITTED',
      idempotencyKey: input.idempotencyKey,
      receipts: {
        create: files.map((f) => ({ ...f, applicationId: grant.id, kind: 'RECEIPT', uploadedById: input.actorId })),
      },
    },
  })
}

/**
 * The reviewer accepts (paid -> spent in the ledger) or rejects an expense, with a reason (required
 * for a rejection). Spend can never exceed what was paid: an expense above the paid balance waits.
 */
export async function reviewExpense(
  tx: Tx,
  input: { expenseId: string; accept: boolean; reason: string; actorId: string },
) {
  const expense = await tx.expense.findUnique({ where: { id: input.expenseId } })
  if (!expense) throw new DomainError('errors.notFound', { status: 404 })
  await assertNoConflict(tx, input.actorId, { applicationId: expense.applicationId })
  const grant = await lockGrant(tx, expense.applicationId)
  const fresh = await tx.expense.findUniqueOrThrow({ where: { id: expense.id } })
  if (fresh.status !== 'SUBMITTED') throw new DomainError('grants.errors.expenseReviewed', { status: 409 })
  if (!['AWARDED', 'REPORT_SUBMITTED'].includes(grant.status))
    throw new DomainError('grants.errors.notAwarded', { status: 409 })
  const reason = input.reason.trim()
  if (!input.accept && reason.length < 3)
    throw new DomainError('grants.errors.reasonRequired', { field: 'reason', status: 422 })
  if (input.accept) {
    await book(
      tx,
      {
        from: grantRef(grant, 'GRANT_PAID'),
        to: grantRef(grant, 'GRANT_SPENT'),
        amountCents: centsFromDb(fresh.amountCents),
        cause: 'EXPENSE',
        actorId: input.actorId,
        expenseId: fresh.id,
        memo: fresh.description,
      },
      'reason',
    )
  }
  return tx.expense.update({
    where: { id: fresh.id },
    data: {
      status: input.accept ? 'ACCEPTED' : 'REJECTED',
      reviewedById: input.actorId,
      reviewedAt: new Date(),
      reviewReason: reason || null,
    },
  })
}

/** Per budget line: planned, spent (accepted) and left; expenses without a line in their own row. */
export async function spendByLine(tx: Pick<Tx, 'budgetLine' | 'expense'>, applicationId: string) {
  const lines = await tx.budgetLine.findMany({ where: { applicationId }, orderBy: { position: 'asc' } })
  const expenses = await tx.expense.findMany({ where: { applicationId } })
  const sum = (lineId: string | null, status: string) =>
    expenses
      .filter((e) => e.budgetLineId === lineId && e.status === status)
      .reduce((s, e) => s + centsFromDb(e.amountCents), 0)
  const rows = lines.map((l) => {
    const planned = centsFromDb(l.amountCents)
    const spent = sum(l.id, 'ACCEPTED')
    return {
      id: l.id,
      description: l.description,
      planned,
      spent,
      submitted: sum(l.id, 'SUBMITTED'),
      left: planned - spent,
    }
  })
  return { rows, unassigned: { spent: sum(null, 'ACCEPTED'), submitted: sum(null, 'SUBMITTED') } }
}

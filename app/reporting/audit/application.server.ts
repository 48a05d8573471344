import { prisma } from '#app/db.server.ts'
import { centsFromDb } from '#app/money/bigint.ts'
import { columns, type Balances } from './money.ts'

/** Everything about one application for the auditor (read only): snapshot, files, letters, history, money. */
export async function auditApplication(id: string) {
  const app = await prisma.application.findFirst({
    where: { id, status: { not: 'DRAFT' } },
    include: {
      area: { select: { code: true, name: true } },
      round: { select: { year: true } },
      foundation: { select: { id: true, name: true, kvkNumber: true } },
      attachments: {
        orderBy: { createdAt: 'asc' },
        select: { id: true, kind: true, filename: true, sizeBytes: true, sha256: true, createdAt: true },
      },
      documents: {
        orderBy: { createdAt: 'asc' },
        select: { id: true, kind: true, filename: true, sha256: true, createdAt: true, supersedesId: true },
      },
      statusChanges: {
        orderBy: { chainSeq: 'asc' },
        select: {
          id: true,
          fromStatus: true,
          toStatus: true,
          reason: true,
          createdAt: true,
          actorRole: true,
          chainSeq: true,
          actor: { select: { name: true } },
        },
      },
      payments: { orderBy: { paidOn: 'asc' } },
      expenses: { orderBy: { spentOn: 'asc' } },
      accounts: { select: { kind: true, balanceCents: true } },
    },
  })
  if (!app) return null
  const entries = await prisma.ledgerEntry.findMany({
    where: { applicationId: id },
    orderBy: { id: 'asc' },
    select: {
      id: true,
      createdAt: true,
      cause: true,
      amountCents: true,
      memo: true,
      paymentId: true,
      expenseId: true,
      fromAccount: { select: { kind: true } },
      toAccount: { select: { kind: true } },
    },
  })
  const b: Balances = {}
  for (const a of app.accounts) b[a.kind] = (b[a.kind] ?? 0) + centsFromDb(a.balanceCents)
  // Receipts: attachments of kind "receipt" (the grants module may tie them to one expense).
  const receipts = app.attachments.filter((a) => a.kind === 'receipt')
  return {
    id: app.id,
    reference: app.reference,
    title: app.title,
    status: app.status,
    year: app.round.year,
    area: app.area,
    foundation: app.foundation,
    requestedCents: centsFromDb(app.requestedCents),
    awardedCents: app.awardedCents === null ? null : centsFromDb(app.awardedCents),
    decisionReason: app.decisionReason,
    snapshot: app.snapshot,
    attachments: app.attachments.filter((a) => a.kind !== 'receipt'),
    receipts,
    letters: app.documents,
    history: app.statusChanges.map((c) => ({ ...c, chainSeq: Number(c.chainSeq), actor: c.actor.name })),
    payments: app.payments.map((p) => ({
      id: p.id,
      paidOn: p.paidOn,
      amountCents: centsFromDb(p.amountCents),
      description: p.description,
    })),
    expenses: app.expenses.map((e) => ({
      id: e.id,
      spentOn: e.spentOn,
      amountCents: centsFromDb(e.amountCents),
      description: e.description,
    })),
    entries: entries.map((e) => ({
      id: String(e.id),
      createdAt: e.createdAt,
      cause: e.cause,
      from: e.fromAccount.kind,
      to: e.toAccount.kind,
      amountCents: centsFromDb(e.amountCents),
      memo: e.memo,
    })),
    money: columns(b),
  }
}

export async function auditAttachment(applicationId: string, attachmentId: string) {
  const where = { id: attachmentId, applicationId, application: { status: { not: 'DRAFT' as const } } }
  const select = { filename: true, contentType: true, data: true }
  // An attachment of the application, or a file of the grant (a receipt tied to an expense, a photo).
  return (await prisma.attachment.findFirst({ where, select })) ?? (await prisma.grantFile.findFirst({ where, select }))
}

export async function auditLetter(applicationId: string, documentId: string) {
  return prisma.keptDocument.findFirst({
    where: { id: documentId, applicationId },
    select: { filename: true, contentType: true, data: true },
  })
}

// The story of issue 11 on the real services and database: a EUR 2.000,00 award with a 75% advance,
// four eyes on the advance, the SEPA file, three expenses (one rejected), the report, the
// vaststelling at EUR 1.400,00, the recovery of EUR 100,00, and the wijk getting back exactly
// EUR 600,00. Then: the database refuses to change a sent payment or batch.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, expect, test } from 'vitest'
import { prisma } from '#app/db.server.ts'
import { todayIso } from '#app/clock.server.ts'
import { approve } from '#app/review/decisions.server.ts'
import { DomainError } from '#app/domain/errors.ts'
import { balanceOf } from '#app/ledger/ledger.server.ts'
import { verifyLedger } from '#app/ledger/verify.server.ts'
import { pgClient } from '#app/testing/db.ts'
import { seeded } from '#app/testing/fixtures.ts'
import { approvePayment, createBatch, exportBatch, markBatchSent } from './payments.server.ts'
import { submitReport } from './report.server.ts'
import { registerRecoveryReceipt, settle } from './settlement.server.ts'
import { recordExpense, reviewExpense } from './spend.server.ts'

const DEBTOR = { name: 'Gemeente Amersfoort', iban: 'NL02ABNA0123456789', bic: 'ABNANL2A' }
const PDF = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34, 0x0a])
let f: Awaited<ReturnType<typeof seeded>>
beforeAll(async () => {
  f = await seeded()
})

test('from the award to the last euro', async () => {
  const today = todayIso()
  const areaId = f.reviewer.areaIds[0]
  const foundation = await prisma.foundation.create({
    data: {
      name: 'Stichting Buurtfeest',
      kvkNumber: '11223344',
      iban: 'NL91ABNA0417164300',
      accountHolder: 'Stichting Buurtfeest',
      contactName: 'Fee',
      email: 'fee@example.org',
      areas: { create: { areaId } },
    },
  })
  const app = await prisma.application.create({
    data: {
      reference: 'BB-TEST-0011',
      roundId: f.round.id,
      areaId,
      foundationId: foundation.id,
      title: 'Buurtfeest',
      category: 'ontmoeting',
      status: 'SUBMITTED',
      submittedAt: new Date(),
      requestedCents: 200_000n,
      endDate: new Date(`${today}T00:00:00Z`),
      createdById: f.admin.id,
    },
  })
  const area = { kind: 'AREA_AVAILABLE' as const, roundId: f.round.id, areaId }
  await approve(f.reviewer, app.id, 200_000)

  // the advance: 75% of 2.000,00, held for a second person
  const advance = await prisma.payment.findFirstOrThrow({ where: { applicationId: app.id, kind: 'ADVANCE' } })
  expect(advance).toMatchObject({ amountCents: 150_000n, status: 'PROPOSED', iban: 'NL91ABNA0417164300' })
  await expect(prisma.$transaction((tx) => approvePayment(tx, advance.id, f.reviewer.id))).rejects.toMatchObject({
    key: 'grants.errors.sameApprover',
  })
  await prisma.$transaction((tx) => approvePayment(tx, advance.id, f.admin.id))
  const { batch, xml } = await prisma.$transaction(async (tx) => {
    const batch = await createBatch(tx, f.admin.id, today)
    const xml = await exportBatch(tx, batch.id, f.admin.id, DEBTOR, new Date())
    return { batch, xml }
  })
  expect(xml).toContain(`<EndToEndId>${advance.reference}</EndToEndId>`)
  expect(xml).toContain('<InstdAmt Ccy="EUR">1500.00</InstdAmt>')
  expect(xml).toContain('<Ustrd>Buurtbudget BB-TEST-0011 Buurtfeest</Ustrd>')
  // a second export needs a reason, and is recorded
  await expect(
    prisma.$transaction((tx) => exportBatch(tx, batch.id, f.admin.id, DEBTOR, new Date())),
  ).rejects.toMatchObject({ key: 'grants.errors.reexportReason', field: 'reason' })
  await prisma.$transaction((tx) =>
    exportBatch(tx, batch.id, f.admin.id, DEBTOR, new Date(), 'Bank weigerde het bestand'),
  )
  expect(await prisma.batchExport.count({ where: { batchId: batch.id } })).toBe(2)
  await prisma.$transaction((tx) => markBatchSent(tx, batch.id, f.admin.id, today))
  const grant = (kind: 'GRANT_COMMITTED' | 'GRANT_PAID' | 'GRANT_SPENT' | 'GRANT_RECOVERY_DUE') =>
    balanceOf(prisma as never, { kind, roundId: f.round.id, areaId, applicationId: app.id })
  expect(await grant('GRANT_PAID')).toBe(150_000)
  expect(await grant('GRANT_COMMITTED')).toBe(50_000)

  // three expenses with receipts; the reviewer rejects one
  const expenses = []
  for (const [amount, description] of [
    [80_000, 'Tent en tafels'],
    [60_000, 'Muziek'],
    [30_000, 'Vuurwerk'],
  ] as const) {
    expenses.push(
      await prisma.$transaction((tx) =>
        recordExpense(tx, {
          applicationId: app.id,
          spentOn: today,
          supplier: 'Verhuur Amersfoort',
          description,
          amountCents: amount,
          budgetLineId: null,
          receipts: [new File([PDF], 'bon.pdf')],
          actorId: f.admin.id,
          today,
          idempotencyKey: `exp-${description}`,
        }),
      ),
    )
  }
  // a second click with the same key books nothing new
  await prisma.$transaction((tx) =>
    recordExpense(tx, {
      applicationId: app.id,
      spentOn: today,
      supplier: 'Verhuur Amersfoort',
      description: 'Muziek',
      amountCents: 60_000,
      budgetLineId: null,
      receipts: [new File([PDF], 'bon.pdf')],
      actorId: f.admin.id,
      today,
      idempotencyKey: 'exp-Muziek',
    }),
  )
  expect(await prisma.expense.count({ where: { applicationId: app.id } })).toBe(3)
  for (const [i, e] of expenses.entries())
    await prisma.$transaction((tx) =>
      reviewExpense(tx, {
        expenseId: e.id,
        accept: i < 2,
        reason: i < 2 ? '' : 'Vuurwerk valt niet onder de subsidie',
        actorId: f.reviewer.id,
      }),
    )
  expect(await grant('GRANT_SPENT')).toBe(140_000)

  await prisma.$transaction((tx) =>
    submitReport(tx, {
      applicationId: app.id,
      whatHappened: 'Een buurtfeest met 150 bewoners op het plein.',
      participants: 150,
      photos: [],
      actorId: f.admin.id,
    }),
  )
  const before = await balanceOf(prisma as never, area)
  await expect(
    prisma.$transaction((tx) =>
      settle(tx, { applicationId: app.id, finalCents: 200_001, reason: 'Op de bonnen', actorId: f.reviewer.id, today }),
    ),
  ).rejects.toBeInstanceOf(DomainError)
  const { plan, documentId } = await prisma.$transaction((tx) =>
    settle(tx, {
      applicationId: app.id,
      finalCents: 140_000,
      reason: 'Vastgesteld op de geaccepteerde bonnen',
      actorId: f.reviewer.id,
      today,
    }),
  )
  expect(plan).toMatchObject({ recoveryCents: 10_000, finalPaymentCents: 0, returnedCents: 50_000 })
  expect(await grant('GRANT_RECOVERY_DUE')).toBe(10_000)
  await prisma.$transaction((tx) =>
    registerRecoveryReceipt(tx, {
      applicationId: app.id,
      amountCents: 10_000,
      receivedOn: today,
      actorId: f.admin.id,
      today,
    }),
  )
  expect((await balanceOf(prisma as never, area)) - before).toBe(60_000)
  expect((await prisma.application.findUniqueOrThrow({ where: { id: app.id } })).status).toBe('CLOSED')

  // the letter holds the final amount and the recovery, and went out by mail
  const doc = await prisma.keptDocument.findUniqueOrThrow({ where: { id: documentId } })
  const dir = mkdtempSync(path.join(tmpdir(), 'letter-'))
  writeFileSync(path.join(dir, 'l.pdf'), doc.data)
  const text = execFileSync('pdftotext', [path.join(dir, 'l.pdf'), '-'])
    .toString()
    .replace(/\s+/g, ' ')
  expect(text).toMatch(/vast op € ?1\.400,00/)
  expect(text).toMatch(/€ ?100,00 te veel ontvangen/)
  expect(text).toContain('Bezwaar')
  expect(await prisma.outboxMail.count({ where: { template: 'settlement', to: 'fee@example.org' } })).toBe(1)
  expect((await verifyLedger(prisma, [f.round.id])).failures).toEqual([])

  // the database refuses to change or remove what was sent
  const client = await pgClient()
  await expect(client.query(`UPDATE "Payment" SET "amountCents" = 1 WHERE "id" = $1`, [advance.id])).rejects.toThrow(
    'sent payments and batches are immutable',
  )
  await expect(client.query(`DELETE FROM "Payment" WHERE "id" = $1`, [advance.id])).rejects.toThrow(
    'sent payments and batches are immutable',
  )
  await expect(client.query(`UPDATE "PaymentBatch" SET "totalCents" = 1 WHERE "id" = $1`, [batch.id])).rejects.toThrow(
    'sent payments and batches are immutable',
  )
  await expect(client.query(`DELETE FROM "PaymentBatch" WHERE "id" = $1`, [batch.id])).rejects.toThrow(
    'sent payments and batches are immutable',
  )
  await client.end()
}, 120_000)

// Bad input on every form of the money after the award (issue 11, "Done when"): amounts, dates,
// files, IBAN, a second approval by the same person, a payment above what is committed. Each row is
// posted through the real route action (as Remix calls it) against this file's real PostgreSQL and
// must give: a 4xx (400 for what the form itself refuses; never a 500), a clear Dutch message AT
// the right field, the typed values kept in the reply, and nothing booked or stored.
import type { ActionFunctionArgs } from '@remix-run/node'
import { beforeAll, describe, expect, test } from 'vitest'
import { prisma } from '#app/db.server.ts'
import { todayIso } from '#app/clock.server.ts'
import { createUserSession } from '#app/auth/session.server.ts'
import { approve } from '#app/review/decisions.server.ts'
import { seeded } from '#app/testing/fixtures.ts'
import * as review from '#app/routes/beoordelen.$id.tsx'
import * as own from '#app/routes/aanvragen.$id.tsx'
import * as batches from '#app/routes/beoordelen.betalingen.tsx'

type Action = (args: ActionFunctionArgs) => unknown
type Reply = { status: number; error: Record<string, string[]>; initial: Record<string, unknown> }
type Row = {
  name: string
  fields: Record<string, string>
  files?: Record<string, File>
  /** the field that must carry the message ('' for the whole form) */
  field: string
  message: RegExp
  status?: number
}

const PDF = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34, 0x0a, 0x25, 0x25, 0x45, 0x4f, 0x46, 0x0a])
const pdf = (name = 'bon.pdf') => new File([PDF], name, { type: 'application/pdf' })

let f: Awaited<ReturnType<typeof seeded>>
let reviewerCookie = ''
let memberCookie = ''
let appId = ''
let advanceId = ''
const today = todayIso()

beforeAll(async () => {
  f = await seeded()
  reviewerCookie = (await createUserSession(f.reviewer.id)).split(';')[0]
  memberCookie = (await createUserSession(f.hoogland.id)).split(';')[0]
  const foundationId = f.hoogland.foundationIds[0]
  await prisma.foundation.update({
    where: { id: foundationId },
    data: { iban: 'NL91ABNA0417164300', accountHolder: 'Stichting Hoogland Leeft' },
  })
  const app = await prisma.application.create({
    data: {
      reference: 'BB-TEST-FORMS',
      roundId: f.round.id,
      areaId: f.reviewer.areaIds[0],
      foundationId,
      title: 'Buurtfeest met formulieren',
      category: 'ontmoeting',
      status: 'SUBMITTED',
      submittedAt: new Date(),
      requestedCents: 200_000n,
      endDate: new Date(`${today}T00:00:00Z`),
      createdById: f.hoogland.id,
    },
  })
  appId = app.id
  await approve(f.reviewer, app.id, 200_000)
  const advance = await prisma.payment.findFirstOrThrow({ where: { applicationId: app.id, kind: 'ADVANCE' } })
  advanceId = advance.id
})

/** Everything a money form could write; compared before and after every bad submission. */
async function books() {
  const [entries, payments, expenses, batches, exports, receipts, documents, statuses] = await Promise.all([
    prisma.ledgerEntry.count(),
    prisma.payment.count(),
    prisma.expense.count(),
    prisma.paymentBatch.count(),
    prisma.batchExport.count(),
    prisma.recoveryReceipt.count(),
    prisma.keptDocument.count(),
    prisma.payment.findMany({ select: { id: true, status: true }, orderBy: { id: 'asc' } }),
  ])
  return { entries, payments, expenses, batches, exports, receipts, documents, statuses }
}

async function post(action: Action, url: string, params: Record<string, string>, cookie: string, row: Row) {
  const form = new FormData()
  for (const [k, v] of Object.entries(row.fields)) form.append(k, v)
  for (const [k, file] of Object.entries(row.files ?? {})) form.append(k, file)
  let value: unknown
  try {
    value = await action({
      request: new Request(url, { method: 'POST', headers: { Cookie: cookie }, body: form }),
      params,
      context: {},
    })
  } catch (thrown) {
    value = thrown
  }
  if (value instanceof Response) return { status: value.status, error: {}, initial: {}, text: await value.text() }
  const v = value as {
    type?: string
    data?: { result?: { error?: Record<string, string[]>; initialValue?: Record<string, unknown> } }
    init?: { status?: number }
  }
  expect(v?.type, `not a form reply: ${String(value)}`).toBe('DataWithResponseInit')
  return {
    status: v.init?.status ?? 200,
    error: v.data?.result?.error ?? {},
    initial: v.data?.result?.initialValue ?? {},
    text: '',
  }
}

async function expectRefused(action: Action, url: string, params: Record<string, string>, cookie: string, row: Row) {
  const before = await books()
  const reply: Reply & { text: string } = await post(action, url, params, cookie, row)
  expect(reply.status, `${row.name}: ${reply.text}`).toBe(row.status ?? 400)
  expect(
    reply.error[row.field]?.join(' ') ?? '',
    `${row.name}: message at ${row.field || 'the form'} (${JSON.stringify(reply.error)})`,
  ).toMatch(row.message)
  // typed values kept (all but the files and the hidden intent come back as typed)
  // (Conform leaves out what was left empty)
  for (const [k, typed] of Object.entries(row.fields))
    if (typed !== '') expect(reply.initial[k], `${row.name}: ${k} kept`).toBe(typed)
  expect(await books(), `${row.name}: nothing booked`).toEqual(before)
}

const propose = (over: Record<string, string>) => ({
  intent: 'propose-payment',
  kind: 'TRANCHE',
  amount: '100,00',
  payOn: today,
  description: 'Tweede termijn',
  ...over,
})

describe('the reviewer: payments, expenses, settlement, recovery (/beoordelen/:id)', () => {
  const rows: Row[] = [
    { name: 'amount not a number', fields: propose({ amount: 'twaalf' }), field: 'amount', message: /bedrag/i },
    { name: 'amount zero', fields: propose({ amount: '0' }), field: 'amount', message: /meer dan € 0,00/ },
    { name: 'amount negative', fields: propose({ amount: '-5,00' }), field: 'amount', message: /bedrag/i },
    {
      name: 'amount with three decimals',
      fields: propose({ amount: '12,345' }),
      field: 'amount',
      message: /hoogstens twee cijfers achter de komma/,
    },
    { name: 'amount absurd', fields: propose({ amount: '1e309' }), field: 'amount', message: /bedrag/i },
    {
      name: 'amount beyond any number',
      fields: propose({ amount: '9'.repeat(30) }),
      field: 'amount',
      message: /bedrag/i,
    },
    {
      name: 'payment above what is committed',
      fields: propose({ amount: '5.000,00' }),
      field: 'amount',
      message: /toegekend|vastgelegd|verplichting|resterend|meer dan/i,
      status: 422,
    },
    {
      name: 'date that does not exist',
      fields: propose({ payOn: '2026-02-30' }),
      field: 'payOn',
      message: /bestaat niet/,
    },
    { name: 'date in another format', fields: propose({ payOn: '30-02-2026' }), field: 'payOn', message: /als datum/ },
    { name: 'no description', fields: propose({ description: ' ' }), field: 'description', message: /omschrijving/ },
    { name: 'unknown kind', fields: propose({ kind: 'FINAL' }), field: 'kind', message: /soort betaling/ },
    {
      name: 'a control character',
      fields: propose({ description: 'Termijn\u0007' }),
      field: 'description',
      message: /teken/,
    },
    {
      name: 'a second approval by the same person',
      fields: { intent: 'approve-payment', paymentId: 'ADVANCE' },
      // a button without a field: the message is the form's
      field: '',
      message: /zelf voorgesteld; een andere medewerker/,
      status: 403,
    },
    {
      name: 'approve an unknown payment id',
      fields: { intent: 'approve-payment', paymentId: '../etc' },
      field: 'paymentId',
      message: /Onbekend/,
    },
    {
      name: 'cancel without a reason',
      fields: { intent: 'cancel-payment', paymentId: 'ADVANCE', reason: '' },
      field: 'reason',
      message: /reden/,
    },
    {
      name: 'settle: amount not a number',
      fields: { intent: 'settle', finalAmount: 'veel', reason: 'Vastgesteld op de bonnen.' },
      field: 'finalAmount',
      message: /bedrag/i,
    },
    {
      name: 'settle: reason too short',
      fields: { intent: 'settle', finalAmount: '1.000,00', reason: 'ok' },
      field: 'reason',
      message: /10 tekens/,
    },
    {
      name: 'settle before the report',
      fields: { intent: 'settle', finalAmount: '1.000,00', reason: 'Vastgesteld op de bonnen.' },
      field: '',
      message: /kan nu niet worden vastgesteld/,
      status: 409,
    },
    {
      name: 'recovery: zero',
      fields: { intent: 'recovery', amount: '0,00', receivedOn: today },
      field: 'amount',
      message: /meer dan € 0,00/,
    },
    {
      name: 'recovery: date that does not exist',
      fields: { intent: 'recovery', amount: '10,00', receivedOn: '2026-04-31' },
      field: 'receivedOn',
      message: /bestaat niet/,
    },
    {
      name: 'recovery with nothing to recover',
      fields: { intent: 'recovery', amount: '10,00', receivedOn: today },
      field: '',
      message: /terug/i,
      status: 409,
    },
    {
      name: 'review: neither accept nor reject',
      fields: { intent: 'review-expense', expenseId: 'clxxxxxxxxxxxxxxxxxxxxxxx', decision: 'misschien' },
      field: 'decision',
      message: /goedkeuren of afkeuren/,
    },
    {
      name: 'review: reject without a reason',
      fields: { intent: 'review-expense', expenseId: 'clxxxxxxxxxxxxxxxxxxxxxxx', decision: 'reject', reason: '' },
      field: 'reason',
      message: /reden van het afkeuren/,
    },
  ]
  test.each(rows)('$name', async (row) => {
    const fields = Object.fromEntries(Object.entries(row.fields).map(([k, v]) => [k, v === 'ADVANCE' ? advanceId : v]))
    await expectRefused(
      review.action as Action,
      `http://localhost/beoordelen/${appId}`,
      { id: appId },
      reviewerCookie,
      { ...row, fields },
    )
  })
})

const expense = (over: Record<string, string>) => ({
  intent: 'expense',
  spentOn: today,
  supplier: 'Bouwmarkt Hoogland',
  description: 'Verf en kwasten',
  amount: '45,50',
  ...over,
})

describe('the foundation: expenses and the verantwoording (/aanvragen/:id)', () => {
  const rows: Row[] = [
    {
      name: 'amount not a number',
      fields: expense({ amount: 'vijf euro' }),
      files: { receipts: pdf() },
      field: 'amount',
      message: /bedrag/i,
    },
    {
      name: 'amount zero',
      fields: expense({ amount: '0' }),
      files: { receipts: pdf() },
      field: 'amount',
      message: /meer dan € 0,00/,
    },
    {
      name: 'date that does not exist',
      fields: expense({ spentOn: '2026-02-30' }),
      files: { receipts: pdf() },
      field: 'spentOn',
      message: /bestaat niet/,
    },
    {
      name: 'date in the future',
      fields: expense({ spentOn: '2099-01-01' }),
      files: { receipts: pdf() },
      field: 'spentOn',
      message: /toekomst|vandaag/i,
      status: 422,
    },
    {
      name: 'no supplier',
      fields: expense({ supplier: '' }),
      files: { receipts: pdf() },
      field: 'supplier',
      message: /leverancier/,
    },
    { name: 'no receipt', fields: expense({}), field: 'receipts', message: /bon|bewijs/i, status: 422 },
    {
      name: 'a receipt that is not a PDF or photo',
      fields: expense({}),
      files: { receipts: new File(['MZ\x90\x00 not a receipt'], 'bon.pdf', { type: 'application/pdf' }) },
      field: 'receipts',
      message: /PDF|foto|bestand/i,
      status: 422,
    },
    {
      name: 'a budget line of another application',
      fields: expense({ budgetLineId: 'clxxxxxxxxxxxxxxxxxxxxxxx' }),
      files: { receipts: pdf() },
      field: 'budgetLineId',
      message: /begrotingspost/,
      status: 422,
    },
    {
      name: 'report: too short',
      fields: { intent: 'report', whatHappened: 'Leuk', participants: '10' },
      field: 'whatHappened',
      message: /20 tekens/,
    },
    {
      name: 'report: participants negative',
      fields: { intent: 'report', whatHappened: 'Het buurtfeest was een groot succes.', participants: '-3' },
      field: 'participants',
      message: /heel getal/,
    },
    {
      name: 'report: participants a fraction',
      fields: { intent: 'report', whatHappened: 'Het buurtfeest was een groot succes.', participants: '1,5' },
      field: 'participants',
      message: /heel getal/,
    },
  ]
  test.each(rows)('$name', async (row) => {
    await expectRefused(own.action as Action, `http://localhost/aanvragen/${appId}`, { id: appId }, memberCookie, row)
  })
})

describe('the batches page (/beoordelen/betalingen)', () => {
  const rows: Row[] = [
    {
      name: 'mark a malformed batch id as sent',
      fields: { intent: 'mark-sent', batchId: "1' OR '1'='1" },
      field: 'batchId',
      message: /Onbekend/,
    },
    {
      name: 'mark an unknown batch as sent',
      fields: { intent: 'mark-sent', batchId: 'clxxxxxxxxxxxxxxxxxxxxxxx' },
      field: '',
      message: /niet gevonden|bestaat niet/i,
      status: 404,
    },
  ]
  test.each(rows)('$name', async (row) => {
    await expectRefused(batches.action as Action, 'http://localhost/beoordelen/betalingen', {}, reviewerCookie, row)
  })
})

test('a payment dated next year is scheduled, not booked, and nobody is told it was paid', async () => {
  const nextYear = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`
  const before = await books()
  const mails = await prisma.outboxMail.count()
  const form = new FormData()
  for (const [k, v] of Object.entries(propose({ payOn: nextYear, amount: '10,00' }))) form.append(k, v)
  const res = (await review.action({
    request: new Request(`http://localhost/beoordelen/${appId}`, {
      method: 'POST',
      headers: { Cookie: reviewerCookie },
      body: form,
    }),
    params: { id: appId },
    context: {},
  })) as Response
  expect(res.status).toBe(302)
  const p = await prisma.payment.findFirstOrThrow({ where: { applicationId: appId, kind: 'TRANCHE' } })
  expect(p.paidOn?.toISOString().slice(0, 10)).toBe(nextYear)
  expect(p.status).not.toBe('SENT')
  expect(await prisma.ledgerEntry.count()).toBe(before.entries)
  expect(await prisma.outboxMail.count()).toBe(mails)
  // and today's batch leaves it out
  await prisma.payment.update({ where: { id: p.id }, data: { status: 'CANCELLED', cancelReason: 'test' } })
})

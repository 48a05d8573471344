// Objections (bezwaar) on a real PostgreSQL: registered in time and late (by the objection term),
// founded with a new decision whose letter supersedes the old letter, unfounded and inadmissible with
// their own letter, the ledger balancing after a founded objection that raises or lowers the amount,
// and the conflict-of-interest refusal.
import { extractText, getDocumentProxy } from 'unpdf'
import { beforeAll, describe, expect, test } from 'vitest'
import { prisma } from '#app/db.server.ts'
import { DomainError } from '#app/domain/errors.ts'
import { cancelPayment } from '#app/grants/payments.server.ts'
import { translate } from '#app/i18n/i18n.ts'
import { balanceOf } from '#app/ledger/ledger.server.ts'
import { verifyLedger } from '#app/ledger/verify.server.ts'
import { seeded } from '#app/testing/fixtures.ts'
import { approve, reject } from './decisions.server.ts'
import { decideObjection, registerObjection } from './objections.server.ts'
import { mayDecideObjection, mayRegisterObjection } from './policy.ts'

process.env.PORTAL_CLOCK = '2026-06-01'
const TODAY = '2026-06-01'

let f: Awaited<ReturnType<typeof seeded>>
let areaId: string
beforeAll(async () => {
  f = await seeded()
  areaId = f.reviewer.areaIds[0]
})

const refusal = async (work: Promise<unknown>) => {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(DomainError)
  return error as DomainError
}

let counter = 0
async function submitted(requestedCents: number) {
  counter += 1
  const reference = `BEZWAAR-${counter}`
  const foundation = await prisma.foundation.create({
    data: {
      name: `Stichting Bezwaar ${counter}`,
      kvkNumber: String(70_000_000 + counter),
      iban: 'NL91ABNA0417164300',
      accountHolder: `Stichting Bezwaar ${counter}`,
      contactName: 'Bea Zwaar',
      email: `bezwaar${counter}@example.org`,
      areas: { create: { areaId } },
    },
  })
  return prisma.application.create({
    data: {
      reference,
      roundId: f.round.id,
      areaId,
      foundationId: foundation.id,
      title: `Initiatief ${reference}`,
      category: 'ontmoeting',
      description: 'x'.repeat(30),
      status: 'SUBMITTED',
      submittedAt: new Date(),
      requestedCents: BigInt(requestedCents),
      endDate: new Date('2026-09-30T00:00:00Z'),
      createdById: f.admin.id,
    },
  })
}

const available = () => balanceOf(prisma as never, { kind: 'AREA_AVAILABLE', roundId: f.round.id, areaId })
const committed = (applicationId: string) =>
  balanceOf(prisma as never, { kind: 'GRANT_COMMITTED', roundId: f.round.id, areaId, applicationId })
const pdfText = async (id: string) => {
  const doc = await prisma.keptDocument.findUniqueOrThrow({ where: { id } })
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(doc.data)), { mergePages: true })
  return text.replace(/\s+/g, ' ')
}
const register = (applicationId: string, receivedOn = TODAY) =>
  registerObjection(f.reviewer, applicationId, {
    receivedOn,
    objectorName: 'Bea Zwaar namens de stichting',
    grounds: 'Het bedrag is te laag: de begroting is volledig binnen de regeling.',
  })

describe('policy', () => {
  const app = { id: 'a1', areaId: 'w1', foundationId: 'f1', status: 'AWARDED' as const }
  const reviewer = { id: 'u1', role: 'REVIEWER' as const, areaIds: ['w1'], foundationIds: [] }
  test('an objection needs an effective decision, and one open at a time', () => {
    expect(mayRegisterObjection(reviewer, app, { hasEffectiveDecision: true, openObjection: false })).toEqual({
      ok: true,
    })
    expect(
      mayRegisterObjection(
        reviewer,
        { ...app, status: 'SUBMITTED' },
        { hasEffectiveDecision: false, openObjection: false },
      ),
    ).toMatchObject({ ok: false, reason: 'objection.errors.notDecided' })
    expect(mayRegisterObjection(reviewer, app, { hasEffectiveDecision: true, openObjection: true })).toMatchObject({
      ok: false,
      reason: 'objection.errors.alreadyOpen',
    })
  })
  test('founded only while the decision can be replaced; never twice', () => {
    const settled = { ...app, status: 'SETTLED' as const }
    expect(mayDecideObjection(reviewer, settled, { decided: false }, 'FOUNDED')).toMatchObject({
      reason: 'objection.errors.cannotRedecide',
    })
    expect(mayDecideObjection(reviewer, settled, { decided: false }, 'UNFOUNDED')).toEqual({ ok: true })
    expect(mayDecideObjection(reviewer, app, { decided: true }, 'UNFOUNDED')).toMatchObject({
      reason: 'objection.errors.alreadyDecided',
    })
  })
})

test('registered in time: the term of the contested decision, in the history; not before a decision', async () => {
  const app = await submitted(80_000)
  expect((await refusal(register(app.id))).key).toBe('objection.errors.notDecided')
  await approve(f.reviewer, app.id, 80_000)
  const objection = await register(app.id)
  expect(objection.late).toBe(false)
  expect(objection.decisionId).toBe(
    (await prisma.decision.findFirstOrThrow({ where: { applicationId: app.id, state: 'EFFECTIVE' } })).id,
  )
  expect(objection.termEndsOn.getTime()).toBeGreaterThan(objection.receivedOn.getTime())
  const history = await prisma.statusChange.findMany({ where: { applicationId: app.id }, orderBy: { chainSeq: 'asc' } })
  expect(history.at(-1)?.data).toMatchObject({ event: 'objection-registered', objectionId: objection.id, late: false })
  // a second one while the first is open is refused; a date in the future is a field error
  expect((await refusal(register(app.id))).key).toBe('objection.errors.alreadyOpen')
  const other = await submitted(10_000)
  await approve(f.reviewer, other.id, 10_000)
  const future = await refusal(register(other.id, '2026-06-02'))
  expect(future).toMatchObject({ key: 'objection.errors.receivedInFuture', field: 'receivedOn' })
})

test('late: flagged by the term; deciding needs the reason; inadmissible keeps the decision and has its letter', async () => {
  const app = await submitted(60_000)
  await reject(f.reviewer, app.id, 'Dit initiatief valt buiten de regeling van het Buurtbudget.')
  // the decision was sent on 22 January: the term ended on Thursday 5 March 2026
  await prisma.application.update({ where: { id: app.id }, data: { decidedAt: new Date('2026-01-22T10:00:00Z') } })
  const objection = await register(app.id, '2026-03-06')
  expect(objection.late).toBe(true)
  expect(objection.termEndsOn.toISOString().slice(0, 10)).toBe('2026-03-05')
  const missing = await refusal(
    decideObjection(f.reviewer, objection.id, { outcome: 'INADMISSIBLE', reasons: 'Het bezwaar kwam te laat binnen.' }),
  )
  expect(missing).toMatchObject({ key: 'objection.errors.lateReasonRequired', field: 'lateReason' })
  expect(translate('nl', missing.key)).toContain('te laat')
  const done = await decideObjection(f.reviewer, objection.id, {
    outcome: 'INADMISSIBLE',
    reasons: 'Het bezwaar kwam na de termijn binnen en de stichting gaf geen reden.',
    lateReason: 'Geen verschoonbare termijnoverschrijding (artikel 6:11 Awb).',
  })
  expect(done.newDecisionId).toBeNull()
  const letter = await prisma.keptDocument.findUniqueOrThrow({ where: { id: done.documentId } })
  expect(letter).toMatchObject({ kind: 'OBJECTION_DECISION', supersedesId: null })
  const text = await pdfText(done.documentId)
  expect(text).toContain('niet-ontvankelijk')
  expect(text).toContain('na afloop van de bezwaartermijn')
  expect(text).toContain('Rechtbank Midden-Nederland')
  expect((await prisma.decision.findFirstOrThrow({ where: { applicationId: app.id } })).state).toBe('EFFECTIVE')
  expect((await prisma.application.findUniqueOrThrow({ where: { id: app.id } })).status).toBe('REJECTED')
  // decided once only
  expect(
    (
      await refusal(
        decideObjection(f.reviewer, objection.id, { outcome: 'UNFOUNDED', reasons: 'Nog een keer beslissen.' }),
      )
    ).key,
  ).toBe('objection.errors.alreadyDecided')
})

test('unfounded: a letter that says so, the decision and the money stand, the foundation is mailed', async () => {
  const app = await submitted(90_000)
  await approve(f.reviewer, app.id, 70_000, 'Een deel van de begroting valt buiten de regeling.')
  const before = { available: await available(), committed: await committed(app.id) }
  const objection = await register(app.id)
  const done = await decideObjection(f.reviewer, objection.id, {
    outcome: 'UNFOUNDED',
    reasons: 'De catering valt buiten de regeling; het besluit was juist.',
  })
  expect(await pdfText(done.documentId)).toContain('ongegrond')
  expect(await available()).toBe(before.available)
  expect(await committed(app.id)).toBe(before.committed)
  const decisions = await prisma.decision.findMany({ where: { applicationId: app.id } })
  expect(decisions.map((d) => d.state)).toEqual(['EFFECTIVE'])
  const mail = await prisma.outboxMail.findFirstOrThrow({
    where: { template: 'objection-decision', to: `bezwaar${counter}@example.org` },
  })
  expect(mail.data).toMatchObject({ outcome: 'UNFOUNDED', reference: app.reference })
})

test('founded, raising the amount: a new decision, its letter supersedes the old, the ledger balances', async () => {
  const app = await submitted(200_000)
  await approve(f.reviewer, app.id, 120_000, 'Alleen de huur en de materialen vallen binnen de regeling.')
  const old = await prisma.decision.findFirstOrThrow({ where: { applicationId: app.id, state: 'EFFECTIVE' } })
  const before = { available: await available(), committed: await committed(app.id) }
  const objection = await register(app.id)
  const done = await decideObjection(f.reviewer, objection.id, {
    outcome: 'FOUNDED',
    reasons: 'De begroting valt toch volledig binnen de regeling; wij kennen het hele bedrag toe.',
    amountCents: 200_000,
    hearingOn: '2026-05-28',
  })
  // the decisions: the old one superseded, the new one effective and pointing at it
  const decisions = await prisma.decision.findMany({ where: { applicationId: app.id }, orderBy: { proposedAt: 'asc' } })
  expect(decisions.map((d) => [d.kind, d.state])).toEqual([
    ['PARTIAL_AWARD', 'SUPERSEDED'],
    ['AWARD', 'EFFECTIVE'],
  ])
  expect(decisions[1]).toMatchObject({ supersedesId: old.id, documentId: done.documentId, amountCents: 200_000n })
  // the letters: the new one supersedes the old one; both are kept
  const letters = await prisma.keptDocument.findMany({
    where: { applicationId: app.id },
    orderBy: { createdAt: 'asc' },
  })
  expect(letters.map((l) => [l.kind, l.supersedesId])).toEqual([
    ['DECISION', null],
    ['OBJECTION_DECISION', old.documentId],
  ])
  const text = await pdfText(done.documentId)
  expect(text).toContain('gegrond')
  expect(text).toContain('2.000,00')
  expect(text).toContain('Dit besluit vervangt het besluit van')
  expect(text).toContain('gehoord')
  // the money: 800,00 more committed out of the wijk's available budget, by one ledger entry
  expect(await committed(app.id)).toBe(before.committed + 80_000)
  expect(await available()).toBe(before.available - 80_000)
  expect((await prisma.application.findUniqueOrThrow({ where: { id: app.id } })).awardedCents).toBe(200_000n)
  expect((await verifyLedger(prisma, [f.round.id])).failures).toEqual([])
  const history = await prisma.statusChange.findMany({ where: { applicationId: app.id }, orderBy: { chainSeq: 'asc' } })
  expect(history.at(-1)?.data).toMatchObject({
    event: 'objection-decided',
    outcome: 'FOUNDED',
    awardedCentsBefore: 120_000,
    awardedCentsAfter: 200_000,
    supersedesDocumentId: old.documentId,
  })
})

test('founded, lowering the amount: not below what is on its way; then released to the wijk, the ledger balances', async () => {
  const app = await submitted(150_000)
  await approve(f.reviewer, app.id, 150_000)
  const objection = await register(app.id)
  // the advance (75%) is proposed: lowering to 1.000,00 would release money that is on its way
  const advance = await prisma.payment.findFirstOrThrow({ where: { applicationId: app.id, kind: 'ADVANCE' } })
  const decide = () =>
    decideObjection(f.reviewer, objection.id, {
      outcome: 'PARTLY_FOUNDED',
      reasons: 'Een deel van het initiatief gaat niet door; wij verlagen de subsidie.',
      amountCents: 100_000,
    })
  const tooLow = await refusal(decide())
  expect(tooLow).toMatchObject({ key: 'objection.errors.belowPaid', field: 'amount' })
  expect(translate('nl', tooLow.key, tooLow.params)).toContain('1.125,00')
  expect((await prisma.decision.findMany({ where: { applicationId: app.id } })).map((d) => d.state)).toEqual([
    'EFFECTIVE',
  ])
  await prisma.$transaction((tx) => cancelPayment(tx, advance.id, 'Bezwaar loopt'))
  const before = { available: await available(), committed: await committed(app.id) }
  const done = await decide()
  expect(done.newDecisionId).not.toBeNull()
  expect(await committed(app.id)).toBe(before.committed - 50_000)
  expect(await available()).toBe(before.available + 50_000)
  const app2 = await prisma.application.findUniqueOrThrow({ where: { id: app.id } })
  expect(app2).toMatchObject({ status: 'AWARDED', awardedCents: 100_000n })
  expect((await verifyLedger(prisma, [f.round.id])).failures).toEqual([])
})

test('founded against a rejection: the application becomes awarded, with its advance', async () => {
  const app = await submitted(40_000)
  await reject(f.reviewer, app.id, 'Dit initiatief valt buiten de regeling van het Buurtbudget.')
  const objection = await register(app.id)
  const before = await available()
  await decideObjection(f.reviewer, objection.id, {
    outcome: 'FOUNDED',
    reasons: 'Het initiatief valt wel binnen de regeling: het is een ontmoeting voor de hele buurt.',
    amountCents: 40_000,
  })
  expect((await prisma.application.findUniqueOrThrow({ where: { id: app.id } })).status).toBe('AWARDED')
  expect(await available()).toBe(before - 40_000)
  expect(await prisma.payment.count({ where: { applicationId: app.id, kind: 'ADVANCE' } })).toBe(1)
})

test('a reviewer linked to the foundation is refused registering and deciding an objection', async () => {
  const app = await submitted(30_000)
  await approve(f.reviewer, app.id, 30_000)
  const objection = await register(app.id)
  await prisma.staffFoundationLink.create({
    data: { userId: f.reviewer2.id, foundationId: app.foundationId, note: 'Voorzitter', createdById: f.admin.id },
  })
  const error = await refusal(
    decideObjection(f.reviewer2, objection.id, { outcome: 'UNFOUNDED', reasons: 'Het besluit was juist genomen.' }),
  )
  expect(error.key).toBe('decide.conflict')
  expect(error.status).toBe(403)
  expect((await prisma.objection.findUniqueOrThrow({ where: { id: objection.id } })).outcome).toBeNull()
})

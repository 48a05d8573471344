// Conflicts of interest, the whole grid on a real PostgreSQL (issue 10, point 4 and its "Done when"):
// every kind of conflict × every action a reviewer takes on a foundation's application. The reviewer
// with the conflict is refused with the clear Dutch message that names the colleague who can take
// over, and nothing is written (ledger, status history, decisions, payments, expenses, batches,
// objections, letters, mails: all unchanged). Then the colleague without a conflict does the same
// thing and it works, so each cell is refused for the conflict and for nothing else.
// The table is checked against the services' exports: a new action must get a row here, or a
// stated reason why it is no conflict action.
import { beforeAll, describe, expect, test } from 'vitest'
import { prisma } from '#app/db.server.ts'
import { todayIso } from '#app/clock.server.ts'
import { refusal } from '#app/testing/refusal.ts'
import { seeded } from '#app/testing/fixtures.ts'
import * as payments from '#app/grants/payments.server.ts'
import * as settlement from '#app/grants/settlement.server.ts'
import * as spend from '#app/grants/spend.server.ts'
import { submitReport } from '#app/grants/report.server.ts'
import * as decisions from './decisions.server.ts'
import * as objections from './objections.server.ts'
import type { Staff } from './policy.ts'

process.env.PORTAL_CLOCK = '2026-06-01'

const DEBTOR = { name: 'Gemeente Amersfoort', iban: 'NL02ABNA0123456789', bic: 'ABNANL2A' }

let f: Awaited<ReturnType<typeof seeded>>
/** The reviewer who gets the conflict. */
let conflicted: Staff
/** Colleagues of the same wijk without a conflict: the second takes over in each cell. */
let colleague: Staff & { name: string }
let third: Staff & { name: string }
let areaId: string
let serial = 0

beforeAll(async () => {
  f = await seeded()
  const area = await f.area('WK030719') // Hoogland: beoordelaar and beoordelaar2 both review it
  areaId = area.id
  const t = await prisma.user.create({
    data: {
      email: 'derde.beoordelaar@amersfoort.example',
      name: 'Derde Beoordelaar',
      passwordHash: 'x',
      role: 'REVIEWER',
      emailVerifiedAt: new Date(),
      reviewerAreas: { create: { areaId } },
    },
  })
  third = { id: t.id, name: t.name, role: 'REVIEWER', areaIds: [areaId], foundationIds: [] }
  conflicted = f.reviewer
  colleague = f.reviewer2
  expect(conflicted.areaIds).toContain(areaId)
  expect(colleague.areaIds).toContain(areaId)
  // Four eyes on decisions from EUR 500; on payments from EUR 40; no automatic advance (each cell
  // makes the payments it needs).
  await prisma.budgetRound.update({
    where: { id: f.round.id },
    data: { fourEyesThresholdCents: 50_000n, paymentApprovalThresholdCents: 4_000n, advancePercent: 0 },
  })
})

// ---- states an application is in before the action ----

async function submitted() {
  serial += 1
  const reference = `GRID-${String(serial).padStart(3, '0')}`
  const foundation = await prisma.foundation.create({
    data: {
      name: `Stichting ${reference}`,
      kvkNumber: String(70_000_000 + serial),
      iban: 'NL91ABNA0417164300',
      accountHolder: `Stichting ${reference}`,
      contactName: 'Fee',
      email: `${reference.toLowerCase()}@example.org`,
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
      requestedCents: 60_000n,
      endDate: new Date('2026-05-15T00:00:00Z'),
      createdById: f.hoogland.id,
    },
  })
}

async function incompleteAndOverdue() {
  const app = await submitted()
  await prisma.application.update({ where: { id: app.id }, data: { status: 'INCOMPLETE' } })
  await prisma.informationRequest.create({
    data: {
      applicationId: app.id,
      question: 'Stuur de offerte van de geluidsinstallatie mee.',
      dueOn: new Date('2026-05-01T00:00:00Z'),
      askedById: third.id,
    },
  })
  return app
}

/** An award of EUR 600 (above the round's four-eyes threshold) proposed by the third reviewer. */
async function awaitingConfirmation() {
  const app = await submitted()
  await expect(decisions.approve(third, app.id, 60_000)).resolves.toMatchObject({ state: 'AWAITING_CONFIRMATION' })
  return app
}

/** EUR 100 awarded by the third reviewer, in effect at once. */
async function awarded() {
  const app = await submitted()
  await expect(
    decisions.approve(third, app.id, 10_000, 'Een deel van de begroting valt buiten de regeling.'),
  ).resolves.toMatchObject({ state: 'EFFECTIVE' })
  return app
}

async function withPayment(amountCents: number) {
  const app = await awarded()
  const payment = await prisma.$transaction((tx) =>
    payments.proposePayment(tx, {
      applicationId: app.id,
      kind: 'TRANCHE',
      amountCents,
      payOn: todayIso(),
      description: 'Eerste betaling',
      actorId: third.id,
    }),
  )
  return { app, payment }
}
/** EUR 50 proposed, waiting for a second person (at or above the payment threshold). */
const proposedPayment = () => withPayment(5_000)
/** EUR 20 released for the next batch (below the payment threshold). */
const releasedPayment = () => withPayment(2_000)

/** A batch (made by the third reviewer) holding the application's released payment. */
async function batched() {
  const { app, payment } = await releasedPayment()
  // Only this payment in the batch: earlier cells' released payments are cancelled first.
  await prisma.payment.updateMany({
    where: { status: 'RELEASED', batchId: null, applicationId: { not: app.id } },
    data: { status: 'CANCELLED', cancelledAt: new Date(), cancelReason: 'Opgeruimd door de test' },
  })
  const batch = await prisma.$transaction((tx) => payments.createBatch(tx, third.id, todayIso()))
  expect(batch.count).toBe(1)
  return { app, payment, batch }
}

async function exported() {
  const state = await batched()
  await prisma.$transaction((tx) => payments.exportBatch(tx, state.batch.id, third.id, DEBTOR, new Date()))
  return state
}

/** EUR 20 paid (the batch sent to the bank) and an expense of EUR 10 waiting for the reviewer. */
async function expenseWaiting() {
  const state = await exported()
  await prisma.$transaction((tx) => payments.markBatchSent(tx, state.batch.id, third.id, todayIso()))
  const expense = await prisma.expense.create({
    data: {
      applicationId: state.app.id,
      amountCents: 1_000n,
      spentOn: new Date('2026-05-10T00:00:00Z'),
      supplier: 'Bouwmarkt',
      description: 'Verf voor de bankjes',
      recordedById: f.hoogland.id,
      status: 'SUBMITTED',
    },
  })
  return { ...state, expense }
}

/** EUR 20 paid and the verantwoording submitted: ready for the vaststelling. */
async function reportSubmitted() {
  const state = await exported()
  await prisma.$transaction((tx) => payments.markBatchSent(tx, state.batch.id, third.id, todayIso()))
  await prisma.$transaction((tx) =>
    submitReport(tx, {
      applicationId: state.app.id,
      whatHappened: 'Het buurtfeest is gehouden op het plein, met muziek en eten.',
      participants: 80,
      photos: [],
      actorId: f.hoogland.id,
    }),
  )
  return state
}

/** Settled at EUR 15 after EUR 20 was paid: EUR 5 to recover. */
async function recoveryOpen() {
  const state = await reportSubmitted()
  await prisma.$transaction((tx) =>
    settlement.settle(tx, {
      applicationId: state.app.id,
      finalCents: 1_500,
      reason: 'Een bon ontbrak.',
      actorId: third.id,
      today: todayIso(),
    }),
  )
  return state
}

const newObjection = {
  receivedOn: '2026-06-01',
  objectorName: 'Fee de Vries',
  grounds: 'Het bedrag is lager dan gevraagd zonder goede reden.',
}

async function objectionRegistered() {
  const app = await awarded()
  const objection = await objections.registerObjection(third, app.id, newObjection)
  return { app, objection }
}

// ---- the actions: what the reviewer does, from which state ----

type Who = Staff
type Cell = {
  /** The service function(s) this row proves guarded (checked against the exports below). */
  services: string[]
  /** What the reviewer does; must be refused to the conflicted one and work for the colleague. */
  prepare: () => Promise<{ applicationId: string; run: (who: Who) => Promise<unknown> }>
  /** The refusal's message key (the batch's names the application's reference). */
  key?: 'decide.conflict' | 'conflicts.inBatch'
  /** Instead of a refusal, the payment is left out of the conflicted reviewer's batch. */
  leftOut?: (applicationId: string) => Promise<void>
}

const ACTIONS: Record<string, Cell> = {
  'review: claim (in behandeling nemen)': {
    services: ['claim'],
    prepare: async () => {
      const app = await submitted()
      return { applicationId: app.id, run: (who) => decisions.claim(who, app.id) }
    },
  },
  'review: award': {
    services: ['approve'],
    prepare: async () => {
      const app = await submitted()
      return {
        applicationId: app.id,
        run: (who) => decisions.approve(who, app.id, 10_000, 'Een deel van de begroting valt buiten de regeling.'),
      }
    },
  },
  'review: reject': {
    services: ['reject'],
    prepare: async () => {
      const app = await submitted()
      return {
        applicationId: app.id,
        run: (who) => decisions.reject(who, app.id, 'Het initiatief past niet binnen de regeling.'),
      }
    },
  },
  'review: request information (aanvulling)': {
    services: ['askInformation'],
    prepare: async () => {
      const app = await submitted()
      return {
        applicationId: app.id,
        run: (who) => decisions.askInformation(who, app.id, { question: 'Stuur de offerte mee.', dueOn: '2026-06-20' }),
      }
    },
  },
  'review: not consider (buiten behandeling, Awb 4:5)': {
    services: ['decideNotConsidered'],
    prepare: async () => {
      const app = await incompleteAndOverdue()
      return { applicationId: app.id, run: (who) => decisions.decideNotConsidered(who, app.id) }
    },
  },
  'confirm: second approval (vier ogen)': {
    services: ['confirmAward'],
    prepare: async () => {
      const app = await awaitingConfirmation()
      return { applicationId: app.id, run: (who) => decisions.confirmAward(who, app.id) }
    },
  },
  'confirm: send the award back': {
    services: ['sendBackAward'],
    prepare: async () => {
      const app = await awaitingConfirmation()
      return {
        applicationId: app.id,
        run: (who) => decisions.sendBackAward(who, app.id, 'Het bedrag is niet onderbouwd in de begroting.'),
      }
    },
  },
  'pay: propose a payment': {
    services: ['proposePayment'],
    prepare: async () => {
      const app = await awarded()
      return {
        applicationId: app.id,
        run: (who) =>
          prisma.$transaction((tx) =>
            payments.proposePayment(tx, {
              applicationId: app.id,
              kind: 'TRANCHE',
              amountCents: 2_000,
              payOn: todayIso(),
              description: 'Tussentijdse betaling',
              actorId: who.id,
            }),
          ),
      }
    },
  },
  'pay: approve a payment (vier ogen)': {
    services: ['approvePayment'],
    prepare: async () => {
      const { app, payment } = await proposedPayment()
      expect(payment.status).toBe('PROPOSED')
      return {
        applicationId: app.id,
        run: (who) => prisma.$transaction((tx) => payments.approvePayment(tx, payment.id, who.id)),
      }
    },
  },
  'pay: cancel a payment': {
    services: ['cancelPayment'],
    prepare: async () => {
      const { app, payment } = await releasedPayment()
      return {
        applicationId: app.id,
        run: (who) => prisma.$transaction((tx) => payments.cancelPayment(tx, payment.id, 'Verkeerde termijn', who.id)),
      }
    },
  },
  'pay: gather released payments in a batch': {
    services: ['createBatch'],
    prepare: async () => {
      const { app } = await releasedPayment()
      return {
        applicationId: app.id,
        run: (who) => prisma.$transaction((tx) => payments.createBatch(tx, who.id, todayIso(), { areaIds: [areaId] })),
      }
    },
    leftOut: async (applicationId) => {
      const payment = await prisma.payment.findFirstOrThrow({ where: { applicationId } })
      expect(payment).toMatchObject({ status: 'RELEASED', batchId: null })
    },
  },
  'pay: export the batch as a SEPA file': {
    services: ['exportBatch'],
    key: 'conflicts.inBatch',
    prepare: async () => {
      const { app, batch } = await batched()
      return {
        applicationId: app.id,
        run: (who) =>
          prisma.$transaction((tx) =>
            payments.exportBatch(tx, batch.id, who.id, DEBTOR, new Date(), undefined, { areaIds: [areaId] }),
          ),
      }
    },
  },
  'pay: mark the batch as sent to the bank (books the payments)': {
    services: ['markBatchSent'],
    key: 'conflicts.inBatch',
    prepare: async () => {
      const { app, batch } = await exported()
      return {
        applicationId: app.id,
        run: (who) =>
          prisma.$transaction((tx) => payments.markBatchSent(tx, batch.id, who.id, todayIso(), { areaIds: [areaId] })),
      }
    },
  },
  'settle: accept an expense (counts as spent)': {
    services: ['reviewExpense'],
    prepare: async () => {
      const { app, expense } = await expenseWaiting()
      return {
        applicationId: app.id,
        run: (who) =>
          prisma.$transaction((tx) =>
            spend.reviewExpense(tx, { expenseId: expense.id, accept: true, reason: '', actorId: who.id }),
          ),
      }
    },
  },
  'settle: the vaststelling': {
    services: ['settle'],
    prepare: async () => {
      const { app } = await reportSubmitted()
      return {
        applicationId: app.id,
        run: (who) =>
          prisma.$transaction((tx) =>
            settlement.settle(tx, {
              applicationId: app.id,
              finalCents: 1_500,
              reason: 'Een bon ontbrak.',
              actorId: who.id,
              today: todayIso(),
            }),
          ),
      }
    },
  },
  'settle: register money received back (terugvordering)': {
    services: ['registerRecoveryReceipt'],
    prepare: async () => {
      const { app } = await recoveryOpen()
      return {
        applicationId: app.id,
        run: (who) =>
          prisma.$transaction((tx) =>
            settlement.registerRecoveryReceipt(tx, {
              applicationId: app.id,
              amountCents: 500,
              receivedOn: '2026-06-01',
              actorId: who.id,
              today: todayIso(),
            }),
          ),
      }
    },
  },
  'objection: register a bezwaar': {
    services: ['registerObjection'],
    prepare: async () => {
      const app = await awarded()
      return { applicationId: app.id, run: (who) => objections.registerObjection(who, app.id, newObjection) }
    },
  },
  'objection: decide on the bezwaar': {
    services: ['decideObjection'],
    prepare: async () => {
      const { app, objection } = await objectionRegistered()
      return {
        applicationId: app.id,
        run: (who) =>
          objections.decideObjection(who, objection.id, {
            outcome: 'UNFOUNDED',
            reasons: 'De beschikking is goed gemotiveerd; het bezwaar geeft geen nieuwe feiten.',
          }),
      }
    },
  },
}

/** Exported functions of the services that take an actor but are no conflict action, and why. */
const NOT_A_CONFLICT_ACTION: Record<string, string> = {
  release: 'giving an application back is exactly what a reviewer who finds a conflict should do',
  handOver: 'an administrator’s act; the reviewer it goes to is checked (mayReceive refuses a conflict)',
  proposeAdvance: 'follows a decision in effect, taken by someone who passed the conflict check',
  closeIfDone: 'the portal’s own step after the last payment or receipt',
  recordExpense: 'the foundation’s act, not staff’s',
  decisionsOf: 'reads',
  interestsOf: 'reads',
  reviewedApplication: 'reads',
  pendingCents: 'reads',
  batchInScope: 'reads',
  configuredDebtor: 'configuration',
  spendByLine: 'reads',
  readGrantFile: 'reads an upload',
  objectionsOf: 'reads',
  objectionPageState: 'reads',
}

describe('the table covers every action of the review, payment and settlement services', () => {
  test('each exported function has a row in the grid or a reason why it is no conflict action', () => {
    const exported = Object.entries({ ...decisions, ...payments, ...settlement, ...spend, ...objections })
      .filter(([, v]) => typeof v === 'function')
      .map(([name]) => name)
    const covered = new Set(Object.values(ACTIONS).flatMap((c) => c.services))
    const missing = exported.filter((name) => !covered.has(name) && !(name in NOT_A_CONFLICT_ACTION))
    expect(missing).toEqual([])
    // and the table names only functions that exist
    expect([...covered].filter((name) => !exported.includes(name))).toEqual([])
  })
})

// ---- the kinds of conflict ----

const KINDS = {
  'linked to the foundation (confirmed by an administrator)': (app: { id: string; foundationId: string }) =>
    prisma.staffFoundationLink.create({
      data: {
        userId: conflicted.id,
        foundationId: app.foundationId,
        note: 'Penningmeester van de stichting',
        createdById: f.admin.id,
        confirmedById: f.admin.id,
        confirmedAt: new Date(),
      },
    }),
  'declared an interest in the foundation': (app: { id: string; foundationId: string }) =>
    prisma.interestDeclaration.create({
      data: { userId: conflicted.id, foundationId: app.foundationId, reason: 'Mijn zus zit in het bestuur.' },
    }),
  'declared an interest in this one application': (app: { id: string; foundationId: string }) =>
    prisma.interestDeclaration.create({
      data: {
        userId: conflicted.id,
        foundationId: app.foundationId,
        applicationId: app.id,
        reason: 'Ik woon aan het plein van dit initiatief.',
      },
    }),
} as const

/** Everything a refused action could have written, for this application and overall. */
async function snapshot(applicationId: string) {
  const where = { applicationId }
  return {
    ledgerEntries: await prisma.ledgerEntry.count(),
    accountBalances: (
      await prisma.account.findMany({ orderBy: { key: 'asc' }, select: { key: true, balanceCents: true } })
    ).map((a) => `${a.key}=${a.balanceCents}`),
    statusChanges: await prisma.statusChange.findMany({ where, select: { id: true } }),
    application: await prisma.application.findUniqueOrThrow({
      where: { id: applicationId },
      select: { status: true, ownerId: true, awardedCents: true, decidedAt: true },
    }),
    decisions: await prisma.decision.findMany({ where, select: { id: true, state: true }, orderBy: { id: 'asc' } }),
    payments: await prisma.payment.findMany({
      where,
      select: { id: true, status: true, batchId: true, approvedById: true },
      orderBy: { id: 'asc' },
    }),
    batches: await prisma.paymentBatch.findMany({ select: { id: true, status: true }, orderBy: { id: 'asc' } }),
    batchExports: await prisma.batchExport.count(),
    expenses: await prisma.expense.findMany({ where, select: { id: true, status: true }, orderBy: { id: 'asc' } }),
    informationRequests: await prisma.informationRequest.count({ where }),
    settlements: await prisma.settlement.count({ where }),
    recoveryReceipts: await prisma.recoveryReceipt.count(),
    objections: await prisma.objection.findMany({ where, select: { id: true, outcome: true } }),
    keptDocuments: await prisma.keptDocument.count({ where }),
    mails: await prisma.outboxMail.count(),
  }
}

describe.each(Object.entries(KINDS))('a reviewer %s', (_kind, makeConflict) => {
  test.each(Object.entries(ACTIONS))(
    '%s: refused with the message naming who can take over, nothing written; a colleague can',
    async (_action, cell) => {
      const { applicationId, run } = await cell.prepare()
      const app = await prisma.application.findUniqueOrThrow({ where: { id: applicationId } })
      await makeConflict(app)
      const before = await snapshot(applicationId)
      if (cell.leftOut) {
        // Gathering a batch is not one application's act: the conflicted payment is left out, for a colleague.
        await run(conflicted).catch((e: unknown) => {
          expect(e).toMatchObject({ key: 'grants.errors.nothingToBatch' })
        })
        await cell.leftOut(applicationId)
      } else {
        const refused = await refusal(run(conflicted))
        expect(refused.key).toBe(cell.key ?? 'decide.conflict')
        expect(refused.status).toBe(403)
        expect(refused.text).toContain('mag ')
        expect(refused.text).toContain('Een collega')
        expect(refused.text).toContain(colleague.name)
        if (cell.key === 'conflicts.inBatch') expect(refused.text).toContain(app.reference)
        expect(await snapshot(applicationId)).toEqual(before)
      }
      // The colleague without a conflict takes over, and it works.
      await run(colleague)
      expect(await snapshot(applicationId)).not.toEqual(before)
    },
  )
})

// docs/decisions/0042: the functioneel beheerder approves no grant and reads no application, so a
// bezwaar stays with the wijk's reviewers; the service refuses an administrator too (not only the route).
test('an administrator cannot register or decide a bezwaar; nothing is written', async () => {
  const { app, objection } = await objectionRegistered()
  const before = await snapshot(app.id)
  const admin: Staff = { ...f.admin, areaIds: [], foundationIds: [] }
  const register = await refusal(objections.registerObjection(admin, app.id, newObjection))
  expect(register).toMatchObject({ key: 'decide.onlyReviewers', status: 403 })
  expect(register.text).toBe('Alleen beoordelaars mogen dit doen.')
  const decide = await refusal(
    objections.decideObjection(admin, objection.id, {
      outcome: 'UNFOUNDED',
      reasons: 'De beschikking is goed gemotiveerd; het bezwaar geeft geen nieuwe feiten.',
    }),
  )
  expect(decide).toMatchObject({ key: 'decide.onlyReviewers', status: 403 })
  expect(await snapshot(app.id)).toEqual(before)
})

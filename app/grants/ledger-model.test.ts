// Model-based test of the books after the award (docs/decisions/0029). fast-check generates random
// sequences of publish, award, reserve, confirm, release (of a reservation), propose (advance,
// tranche, future-dated), approve, batch (export + sent: the payment), record/accept/reject an
// expense, report, settle, recover, reverse and close a round, runs each against the real services
// on the real database, and checks after EVERY step: the outcome (done or refused) is what the model
// predicts; every account's stored balance equals the sum of its entries AND the model's balance (one
// query recomputes them all); the number of entries is the model's; and the invariants of issue 11
// hold in the model (and so in the books): every round sums to zero, no account below its limit, per
// grant paid never above committed and spent never above paid, per wijk allocated = its accounts.
// At every sequence's end verifyLedger (what `npm run ledger:verify` runs) finds nothing and counts
// the model's entries; at the end of the test the CLI itself runs on committed sequences.
//
// Speed (thousands of sequences inside `npm test`): one fixture (two rounds, funded, and three
// applications) is shared; every sequence runs in ONE transaction that is rolled back at its end, each
// step inside a savepoint (a refused step is rolled back to it, as its own transaction would be).
// Depth: a fifth of the sequences are lifecycles (one grant from award or reservation to the closed
// round, every step with random parameters, sometimes replaced or followed by a random command), so
// accept and recover are done, not only refused; the test asserts every verb was done at least once.
// LEDGER_MODEL_RUNS (default 2,000; on 2 Dec 2026 at load 1.5-4: 2,000 sequences, 15,038 steps in
// 193 s, the whole file 216 s; accept done 59 times, recover 162, approve 29, every verb > 0) and
// LEDGER_MODEL_STEPS (default 16, the random sequences' maximum length) tune it;
// LEDGER_MODEL_SEED replays a failure that fast-check reported.
import { execFile } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { promisify } from 'node:util'
import fc from 'fast-check'
import { beforeAll, expect, test } from 'vitest'
import { prisma, type Tx } from '#app/db.server.ts'
import { todayIso } from '#app/clock.server.ts'
import { addDays } from '#app/applications/clock.ts'
import { publishAllocationIn, simulateAllocation } from '#app/allocation/publish.server.ts'
import { DomainError } from '#app/domain/errors.ts'
import type { AccountKind } from '#app/generated/prisma/enums.ts'
import { accountKey, AREA_KINDS, mayGoNegative } from '#app/ledger/accounts.ts'
import { InsufficientFundsError, post } from '#app/ledger/ledger.server.ts'
import { reverse } from '#app/ledger/reverse.server.ts'
import { verifyLedger } from '#app/ledger/verify.server.ts'
import { centsFromDb } from '#app/money/bigint.ts'
import { closeRound } from '#app/rounds/lifecycle.server.ts'
import { seeded } from '#app/testing/fixtures.ts'
import { testDatabaseUrl } from '#app/testing/db.ts'
import {
  approvePayment,
  createBatch,
  exportBatch,
  markBatchSent,
  proposeAdvance,
  proposePayment,
} from './payments.server.ts'
import { registerRecoveryReceipt, settle } from './settlement.server.ts'
import { recordExpense, reviewExpense } from './spend.server.ts'
import { submitReport } from './report.server.ts'

const RUNS = Number(process.env.LEDGER_MODEL_RUNS ?? 2000)
const MAX_COMMANDS = Number(process.env.LEDGER_MODEL_STEPS ?? 16)
const SEED = process.env.LEDGER_MODEL_SEED ? Number(process.env.LEDGER_MODEL_SEED) : undefined
const THRESHOLD = 50_000
const POT = 600_000
const DEBTOR = { name: 'Gemeente Amersfoort', iban: 'NL02ABNA0123456789', bic: 'ABNANL2A' }
const PDF = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34, 0x0a, 0x25, 0x25, 0x45, 0x4f, 0x46, 0x0a])

type AppState = 'SUBMITTED' | 'RESERVED' | 'AWARDED' | 'REPORT_SUBMITTED' | 'SETTLED' | 'CLOSED'
type MPayment = { id: string; amount: number; kind: string; status: string; proposer: string; future: boolean }
type MExpense = { id: string; amount: number; status: 'SUBMITTED' | 'ACCEPTED' | 'REJECTED' }
type MApp = {
  id: string
  areaId: string
  requested: number
  status: AppState
  awarded: number
  hadAdvance: boolean
  payments: MPayment[]
  expenses: MExpense[]
  recovery: { amount: number; received: number } | null
}
type MEntry = { from: string; to: string; amount: number; cause: string }
type Policy = 'RETURN_TO_MUNICIPALITY' | 'CARRY_OVER_PER_AREA'
type Fixture = { roundId: string; nextRoundId: string; apps: { id: string; areaId: string }[] }

class Model {
  balances = new Map<string, number>()
  entries: MEntry[] = []
  steps = 0
  closed = false
  /** The round's pot setting (BudgetRound.potCents) and the published total per wijk. */
  potSetting = POT
  lines = new Map<string, number>()
  published = false
  apps: MApp[]
  readonly roundId: string
  readonly nextRoundId: string
  constructor(
    readonly fx: Fixture,
    public tx: Tx,
    readonly policy: Policy,
    readonly areaIds: string[],
  ) {
    this.roundId = fx.roundId
    this.nextRoundId = fx.nextRoundId
    this.apps = fx.apps.map((a) => ({
      id: a.id,
      areaId: a.areaId,
      requested: 150_000,
      status: 'SUBMITTED',
      awarded: 0,
      hadAdvance: false,
      payments: [],
      expenses: [],
      recovery: null,
    }))
    // the fixture's funding of both rounds (committed once, before every sequence)
    for (const roundId of [fx.roundId, fx.nextRoundId])
      this.move(
        this.key('BUDGET_SOURCE', undefined, undefined, roundId),
        this.key('ROUND_POT', undefined, undefined, roundId),
        POT,
        'ROUND_FUNDING',
      )
  }
  /** The same books and applications, for a sequence that starts from this state in transaction `tx`. */
  copy(tx: Tx): Model {
    const m = new Model(this.fx, tx, this.policy, this.areaIds)
    m.balances = new Map(this.balances)
    m.entries = [...this.entries]
    m.potSetting = this.potSetting
    m.lines = new Map(this.lines)
    m.published = this.published
    m.apps = structuredClone(this.apps)
    return m
  }
  key(kind: AccountKind, app?: MApp, areaId?: string, roundId = this.roundId) {
    return accountKey({ kind, roundId, areaId: app?.areaId ?? areaId ?? null, applicationId: app?.id ?? null })
  }
  bal(key: string) {
    return this.balances.get(key) ?? 0
  }
  move(from: string, to: string, amount: number, cause: string) {
    this.balances.set(from, this.bal(from) - amount)
    this.balances.set(to, this.bal(to) + amount)
    this.entries.push({ from, to, amount, cause })
  }
  g(app: MApp, kind: AccountKind) {
    return this.bal(this.key(kind, app))
  }
  area(app: MApp) {
    return this.key('AREA_AVAILABLE', undefined, app.areaId)
  }
  pot() {
    return this.key('ROUND_POT')
  }
  pending(app: MApp) {
    return app.payments.filter((p) => ['PROPOSED', 'RELEASED'].includes(p.status)).reduce((s, p) => s + p.amount, 0)
  }
  closeIfDone(app: MApp) {
    if (app.status !== 'SETTLED') return
    const open = app.payments.some((p) => ['PROPOSED', 'RELEASED', 'BATCHED'].includes(p.status))
    const holds = (['GRANT_COMMITTED', 'GRANT_PAID', 'GRANT_RECOVERY_DUE', 'GRANT_RESERVED'] as const).some(
      (k) => this.g(app, k) > 0,
    )
    if (!open && !holds) app.status = 'CLOSED'
  }
}

/** An account key's parts (app/ledger/accounts.ts: kind:round:area:application). */
const parts = (key: string) => {
  const [kind, roundId, areaId, applicationId] = key.split(':')
  return { kind: kind as AccountKind, roundId, areaId, applicationId }
}

/**
 * The invariants of issue 11 (item 1), on the model's books (which the step has just shown to be the
 * database's, to the cent): every round sums to zero; no account below its limit; per grant paid never
 * above committed and spent never above paid; per wijk allocated equals the sum of its accounts.
 */
export function invariantFailures(m: Model): string[] {
  const failures: string[] = []
  const roundTotal = new Map<string, number>()
  const areaTotal = new Map<string, number>()
  for (const [key, v] of m.balances) {
    const p = parts(key)
    roundTotal.set(p.roundId, (roundTotal.get(p.roundId) ?? 0) + v)
    if (!mayGoNegative(p.kind) && v < 0) failures.push(`${key} below zero: ${v}`)
    if (AREA_KINDS.includes(p.kind))
      areaTotal.set(`${p.roundId}:${p.areaId}`, (areaTotal.get(`${p.roundId}:${p.areaId}`) ?? 0) + v)
  }
  for (const [roundId, total] of roundTotal) if (total !== 0) failures.push(`round ${roundId} sums to ${total}`)
  const flow = new Map<string, number>()
  const add = (k: string, v: number) => flow.set(k, (flow.get(k) ?? 0) + v)
  for (const e of m.entries) {
    const f = parts(e.from)
    const t = parts(e.to)
    const grant = t.applicationId !== '-' ? t.applicationId : f.applicationId
    if (grant !== '-') {
      add(`${grant}|${f.kind}>${t.kind}`, e.amount)
      add(`${grant}|${t.kind}>${f.kind}`, -e.amount)
    }
    if (f.kind === 'ROUND_POT' && t.kind === 'AREA_AVAILABLE') add(`alloc|${t.roundId}:${t.areaId}`, e.amount)
    if (f.kind === 'AREA_AVAILABLE' && t.kind === 'ROUND_POT') add(`alloc|${f.roundId}:${f.areaId}`, -e.amount)
  }
  for (const app of m.apps) {
    const f = (a: AccountKind, b: AccountKind) => flow.get(`${app.id}|${a}>${b}`) ?? 0
    const committed = f('AREA_AVAILABLE', 'GRANT_COMMITTED') + f('GRANT_RESERVED', 'GRANT_COMMITTED')
    const paid = f('GRANT_COMMITTED', 'GRANT_PAID')
    const spent = f('GRANT_PAID', 'GRANT_SPENT')
    if (paid > committed) failures.push(`${app.id}: paid ${paid} > committed ${committed}`)
    if (spent > paid) failures.push(`${app.id}: spent ${spent} > paid ${paid}`)
  }
  for (const key of new Set([
    ...areaTotal.keys(),
    ...[...flow.keys()].filter((k) => k.startsWith('alloc|')).map((k) => k.slice(6)),
  ])) {
    const allocated = flow.get(`alloc|${key}`) ?? 0
    if (allocated !== (areaTotal.get(key) ?? 0))
      failures.push(`wijk ${key}: allocated ${allocated}, accounts ${areaTotal.get(key) ?? 0}`)
  }
  return failures
}

type Ctx = { actor: string; second: string; today: string }
let ctx: Ctx
let foundationId: string
let areaPool: string[]
/** Per unspent policy: the published fixture every sequence starts from (its model). */
let shared: Record<Policy, Model>
let fixtures = 0

/**
 * Two rounds (the second for carry-over), both funded, three submitted applications, and version 1
 * of the allocation published with the real service (checked against the model like any step).
 * Committed: the starting point of many sequences.
 */
async function makeFixture(policy: Policy): Promise<Model> {
  fixtures++
  const year = 3000 + fixtures * 2
  return prisma.$transaction(
    async (tx) => {
      const mk = (y: number) =>
        tx.budgetRound.create({
          data: {
            year: y,
            name: `Model ${y}`,
            potCents: BigInt(POT),
            opensOn: new Date(`${y}-01-01T00:00:00Z`),
            closesOn: new Date(`${y}-03-31T00:00:00Z`),
            paymentApprovalThresholdCents: BigInt(THRESHOLD),
            areas: { create: areaPool.map((areaId) => ({ areaId })) },
          },
        })
      const round = await mk(year)
      const next = await mk(year + 1)
      for (const roundId of [round.id, next.id])
        await post(tx, {
          from: { kind: 'BUDGET_SOURCE', roundId },
          to: { kind: 'ROUND_POT', roundId },
          amountCents: POT,
          cause: 'ROUND_FUNDING',
          actorId: ctx.actor,
        })
      const apps = []
      for (let i = 0; i < 3; i++) {
        const areaId = areaPool[i === 0 ? 0 : 1]
        const app = await tx.application.create({
          data: {
            reference: `MODEL-${year}-${i}`,
            roundId: round.id,
            areaId,
            foundationId,
            title: `Modelinitiatief ${i}`,
            category: 'ontmoeting',
            status: 'SUBMITTED',
            requestedCents: 150_000n,
            endDate: new Date(`${year}-06-30T00:00:00Z`),
            createdById: ctx.actor,
          },
        })
        apps.push({ id: app.id, areaId })
      }
      const m = new Model({ roundId: round.id, nextRoundId: next.id, apps }, tx, policy, areaPool)
      await publish(m, POT, 50_000)
      await checkBooks(m)
      return m
    },
    { timeout: 60_000 },
  )
}

beforeAll(async () => {
  const f = await seeded()
  ctx = { actor: f.reviewer.id, second: f.admin.id, today: todayIso() }
  areaPool = f.reviewer.areaIds.slice(0, 2)
  const foundation = await prisma.foundation.create({
    data: {
      name: 'Stichting Modelwijk',
      kvkNumber: '87654321',
      iban: 'NL91ABNA0417164300',
      accountHolder: 'Stichting Modelwijk',
      contactName: 'Model',
      email: 'model@example.org',
    },
  })
  foundationId = foundation.id
  // Payments of the demo data that wait would be gathered into the model's batches.
  await prisma.payment.updateMany({
    where: { status: { in: ['PROPOSED', 'RELEASED'] } },
    data: { status: 'CANCELLED', cancelReason: 'model test' },
  })
  shared = {
    RETURN_TO_MUNICIPALITY: await makeFixture('RETURN_TO_MUNICIPALITY'),
    CARRY_OVER_PER_AREA: await makeFixture('CARRY_OVER_PER_AREA'),
  }
})

/** Runs one step in a savepoint: 'ok', or 'refused' (a DomainError, rolled back); anything else fails. */
async function attempt(
  m: Model,
  work: (tx: Tx) => Promise<unknown>,
  refusal: (e: unknown) => boolean = (e) => e instanceof DomainError,
): Promise<'ok' | 'refused'> {
  await m.tx.$executeRawUnsafe('SAVEPOINT step')
  try {
    await work(m.tx)
    await m.tx.$executeRawUnsafe('RELEASE SAVEPOINT step')
    return 'ok'
  } catch (error) {
    await m.tx.$executeRawUnsafe('ROLLBACK TO SAVEPOINT step')
    if (refusal(error)) return 'refused'
    throw error
  }
}

type BookRow = { key: string; stored: bigint; computed: bigint; entries: number }
/**
 * After every step, one query: per account of the sequence's rounds its stored balance and the sum of
 * its entries; both must equal the model's, and the number of entries the model's. Then the invariants.
 */
async function checkBooks(m: Model) {
  const rows = await m.tx.$queryRaw<BookRow[]>`
    SELECT a."key", a."balanceCents" AS stored,
      (COALESCE((SELECT SUM(e."amountCents") FROM "LedgerEntry" e WHERE e."toAccountId" = a."id"), 0)
       - COALESCE((SELECT SUM(e."amountCents") FROM "LedgerEntry" e WHERE e."fromAccountId" = a."id"), 0))::bigint AS computed,
      (SELECT COUNT(*) FROM "LedgerEntry" e WHERE e."roundId" IN (${m.roundId}, ${m.nextRoundId}))::int AS entries
    FROM "Account" a WHERE a."roundId" IN (${m.roundId}, ${m.nextRoundId})`
  const stored = Object.fromEntries(rows.map((r) => [r.key, centsFromDb(r.stored)] as const).filter(([, v]) => v !== 0))
  const computed = Object.fromEntries(
    rows.map((r) => [r.key, centsFromDb(r.computed)] as const).filter(([, v]) => v !== 0),
  )
  const model = Object.fromEntries([...m.balances].filter(([, v]) => v !== 0))
  expect(computed, 'balances recomputed from the entries').toEqual(model)
  expect(stored, 'stored balances').toEqual(model)
  expect(rows[0]?.entries ?? 0, 'number of entries').toBe(m.entries.length)
  expect(invariantFailures(m)).toEqual([])
}

type Cmd = fc.AsyncCommand<Model, Model>
const cmd = (name: string, check: (m: Model) => boolean, exec: (m: Model) => Promise<void>): Cmd => ({
  check: (m) => !m.closed && check(m),
  run: async (m) => {
    m.steps++
    await exec(m)
    await checkBooks(m)
  },
  toString: () => name,
})
/** How often each step was done and refused, so the test shows it exercised both. */
const tally = new Map<string, { ok: number; refused: number }>()
const expectOutcome = (name: string, got: 'ok' | 'refused', want: boolean) => {
  expect(got, `${name}: expected ${want ? 'ok' : 'refused'}`).toBe(want ? 'ok' : 'refused')
  const t = tally.get(name) ?? { ok: 0, refused: 0 }
  t[got === 'ok' ? 'ok' : 'refused']++
  tally.set(name, t)
}

/** Mostly the first application, so a short sequence still goes deep into one grant's life. */
const anyApp = fc.oneof(
  { arbitrary: fc.constant(0), weight: 2 },
  { arbitrary: fc.integer({ min: 0, max: 2 }), weight: 1 },
)
/** Per mille of what the step works on: mostly within, sometimes beyond it (to be refused). */
const ratio = fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 1300 }))
const part = (r: number, of: number) => Math.max(1, Math.ceil((of * r) / 1000))
const amount = fc.oneof(fc.integer({ min: 1, max: 160_000 }), fc.integer({ min: 1, max: 5_000 }))

/**
 * publish: the real publishAllocation (in the sequence's transaction). The model books, per wijk, the
 * difference with what it published before (back to the pot first, then a pot change, then out), and
 * refuses where a wijk would lose more than it has free. The first publication opens every sequence.
 */
async function publish(m: Model, pot: number, fixed: number) {
  const params = {
    potCents: pot,
    fixedAllowanceCents: fixed,
    priorityWeightMilli: 1000,
    inhabitantsYear: null,
    unspentPolicy: m.policy,
  }
  const sim = await simulateAllocation(m.roundId, params, m.tx)
  if (!sim.ok) throw new Error(sim.message)
  for (const line of sim.lines) expect(line.publishedCents ?? 0, 'published total').toBe(m.lines.get(line.areaId) ?? 0)
  const diffs = sim.lines.map((l) => ({ areaId: l.areaId, diff: l.totalCents - (m.lines.get(l.areaId) ?? 0) }))
  const area = (areaId: string) => m.key('AREA_AVAILABLE', undefined, areaId)
  const short = diffs.some((d) => d.diff < 0 && m.bal(area(d.areaId)) < -d.diff)
  // the moves the service will book, in its order; a pot without enough money is a plain error
  const moves: [string, string, number][] = []
  const potChange = pot - m.potSetting
  const source = m.key('BUDGET_SOURCE')
  if (potChange > 0) moves.push([source, m.pot(), potChange])
  const ordered = [...diffs].sort((a, b) => a.diff - b.diff)
  for (const d of ordered.filter((x) => x.diff < 0)) moves.push([area(d.areaId), m.pot(), -d.diff])
  if (potChange < 0) moves.push([m.pot(), source, -potChange])
  for (const d of ordered.filter((x) => x.diff > 0)) moves.push([m.pot(), area(d.areaId), d.diff])
  const sim2 = new Map(m.balances)
  let potShort = false
  for (const [from, to, a] of moves) {
    if (!from.startsWith('BUDGET_SOURCE') && (sim2.get(from) ?? 0) < a) potShort = true
    sim2.set(from, (sim2.get(from) ?? 0) - a)
    sim2.set(to, (sim2.get(to) ?? 0) + a)
  }
  const want = !short && !potShort
  const got = await attempt(
    m,
    (tx) => publishAllocationIn(tx, m.roundId, params, ctx.actor, m.published ? 'Nieuwe inwonersaantallen' : null),
    // short in a wijk: refused with the wijken named; short in the pot (only after reversals): the
    // ledger's own refusal (InsufficientFundsError)
    (e) => (short && e instanceof DomainError) || (!short && potShort && e instanceof InsufficientFundsError),
  )
  expectOutcome('publish', got, want)
  if (!want) return
  for (const [from, to, a] of moves)
    m.move(from, to, a, potChange !== 0 && (from === source || to === source) ? 'ROUND_FUNDING' : 'ALLOCATION')
  m.potSetting = pot
  for (const l of sim.lines) m.lines.set(l.areaId, l.totalCents)
  m.published = true
}

const inTx = (fn: (tx: Tx) => Promise<unknown>) => fn

/** Every command; the ones on one application take its index from `appIdx`. */
const commandsFor = (appIdx: fc.Arbitrary<number>) => [
  fc.tuple(fc.integer({ min: 400_000, max: 800_000 }), fc.constantFrom(0, 50_000, 150_000)).map(([pot, fixed]) =>
    cmd(
      `publish(${pot}, ${fixed})`,
      () => true,
      (m) => publish(m, pot, fixed),
    ),
  ),
  fc.tuple(appIdx, amount).map(([i, a]) =>
    cmd(
      `award(${i}, ${a})`,
      () => true,
      async (m) => {
        const app = m.apps[i]
        const want = app.status === 'SUBMITTED' && a <= app.requested && m.bal(m.area(app)) >= a
        const got = await attempt(
          m,
          inTx(async (tx) => {
            const row = await tx.application.findUniqueOrThrow({ where: { id: app.id } })
            if (row.status !== 'SUBMITTED' || app.status !== 'SUBMITTED' || a > app.requested)
              throw new DomainError('grants.errors.notAwarded')
            await post(tx, {
              from: { kind: 'AREA_AVAILABLE', roundId: m.roundId, areaId: app.areaId },
              to: { kind: 'GRANT_COMMITTED', roundId: m.roundId, areaId: app.areaId, applicationId: app.id },
              amountCents: a,
              cause: 'AWARD',
              actorId: ctx.actor,
            }).catch(() => {
              throw new DomainError('grants.errors.insufficient')
            })
            await tx.application.update({ where: { id: app.id }, data: { status: 'AWARDED', awardedCents: BigInt(a) } })
          }),
        )
        expectOutcome('award', got, want)
        if (want) {
          m.move(m.area(app), m.key('GRANT_COMMITTED', app), a, 'AWARD')
          app.status = 'AWARDED'
          app.awarded = a
        }
      },
    ),
  ),
  fc.tuple(appIdx, amount).map(([i, a]) =>
    cmd(
      `reserve(${i}, ${a})`,
      () => true,
      async (m) => {
        const app = m.apps[i]
        const want = app.status === 'SUBMITTED' && a <= app.requested && m.bal(m.area(app)) >= a
        const got = await attempt(
          m,
          inTx(async (tx) => {
            if (app.status !== 'SUBMITTED' || a > app.requested) throw new DomainError('grants.errors.notAwarded')
            await post(tx, {
              from: { kind: 'AREA_AVAILABLE', roundId: m.roundId, areaId: app.areaId },
              to: { kind: 'GRANT_RESERVED', roundId: m.roundId, areaId: app.areaId, applicationId: app.id },
              amountCents: a,
              cause: 'RESERVATION',
              actorId: ctx.actor,
            }).catch(() => {
              throw new DomainError('grants.errors.insufficient')
            })
          }),
        )
        expectOutcome('reserve', got, want)
        if (want) {
          m.move(m.area(app), m.key('GRANT_RESERVED', app), a, 'RESERVATION')
          app.status = 'RESERVED'
        }
      },
    ),
  ),
  fc.tuple(appIdx, fc.boolean()).map(([i, confirm]) =>
    cmd(
      `${confirm ? 'confirm' : 'release'}(${i})`,
      (m) => m.apps[i].status === 'RESERVED',
      async (m) => {
        const app = m.apps[i]
        const held = m.g(app, 'GRANT_RESERVED')
        const got = await attempt(
          m,
          inTx(async (tx) => {
            if (held <= 0) throw new DomainError('grants.errors.insufficient')
            await post(tx, {
              from: { kind: 'GRANT_RESERVED', roundId: m.roundId, areaId: app.areaId, applicationId: app.id },
              to: confirm
                ? { kind: 'GRANT_COMMITTED', roundId: m.roundId, areaId: app.areaId, applicationId: app.id }
                : { kind: 'AREA_AVAILABLE', roundId: m.roundId, areaId: app.areaId },
              amountCents: held,
              cause: confirm ? 'AWARD' : 'RESERVATION_RELEASE',
              actorId: ctx.actor,
            })
            await tx.application.update({
              where: { id: app.id },
              data: confirm ? { status: 'AWARDED', awardedCents: BigInt(held) } : {},
            })
          }),
        )
        expectOutcome(confirm ? 'confirm' : 'release', got, held > 0)
        if (held > 0) {
          m.move(
            m.key('GRANT_RESERVED', app),
            confirm ? m.key('GRANT_COMMITTED', app) : m.area(app),
            held,
            confirm ? 'AWARD' : 'RESERVATION_RELEASE',
          )
          app.status = confirm ? 'AWARDED' : 'SUBMITTED'
          if (confirm) app.awarded = held
        }
      },
    ),
  ),
  appIdx.map((i) =>
    cmd(
      `advance(${i})`,
      (m) => ['AWARDED', 'REPORT_SUBMITTED'].includes(m.apps[i].status),
      async (m) => {
        const app = m.apps[i]
        const a = Math.floor((app.awarded * 75) / 100)
        const proposes = !app.hadAdvance && a > 0
        const want = proposes && a <= m.g(app, 'GRANT_COMMITTED') - m.pending(app)
        let id: string | undefined
        const got = await attempt(
          m,
          inTx(async (tx) => {
            id = (await proposeAdvance(tx, app.id, ctx.actor, ctx.today))?.id
          }),
        )
        expectOutcome('advance', got, want || !proposes)
        expect(Boolean(id)).toBe(want)
        if (want && id) {
          app.hadAdvance = true
          app.payments.push({
            id,
            amount: a,
            kind: 'ADVANCE',
            status: a >= THRESHOLD ? 'PROPOSED' : 'RELEASED',
            proposer: ctx.actor,
            future: false,
          })
        }
      },
    ),
  ),
  fc.tuple(appIdx, ratio, fc.boolean(), fc.boolean()).map(([i, r, future, bySecond]) =>
    cmd(
      `tranche(${i}, ${r}‰${future ? ', future' : ''})`,
      () => true,
      async (m) => {
        const app = m.apps[i]
        const a = part(r, m.g(app, 'GRANT_COMMITTED') - m.pending(app))
        const proposer = bySecond ? ctx.second : ctx.actor
        const want =
          ['AWARDED', 'REPORT_SUBMITTED'].includes(app.status) && a <= m.g(app, 'GRANT_COMMITTED') - m.pending(app)
        let id = ''
        const got = await attempt(
          m,
          inTx(async (tx) => {
            const p = await proposePayment(tx, {
              applicationId: app.id,
              kind: 'TRANCHE',
              amountCents: a,
              payOn: future ? addDays(ctx.today, 30) : ctx.today,
              description: 'Tweede termijn',
              actorId: proposer,
            })
            id = p.id
          }),
        )
        expectOutcome('tranche', got, want)
        if (want)
          app.payments.push({
            id,
            amount: a,
            kind: 'TRANCHE',
            status: a >= THRESHOLD ? 'PROPOSED' : 'RELEASED',
            proposer,
            future,
          })
      },
    ),
  ),
  fc.tuple(appIdx, fc.nat(), fc.boolean()).map(([i, k, same]) =>
    cmd(
      `approve(${i}, #${k}, ${same ? 'same person' : 'other person'})`,
      (m) => m.apps[i].payments.length > 0,
      async (m) => {
        // mostly a payment that waits for approval; sometimes any (to be refused)
        const waiting = m.apps[i].payments.filter((p) => p.status === 'PROPOSED')
        const pool = waiting.length > 0 && k % 4 !== 0 ? waiting : m.apps[i].payments
        const p = pool[k % pool.length]
        const approver = same ? p.proposer : p.proposer === ctx.actor ? ctx.second : ctx.actor
        const want = p.status === 'PROPOSED' && approver !== p.proposer
        const got = await attempt(
          m,
          inTx((tx) => approvePayment(tx, p.id, approver)),
        )
        expectOutcome('approve', got, want)
        if (want) p.status = 'RELEASED'
      },
    ),
  ),
  fc.constant(
    cmd(
      'batch',
      () => true,
      async (m) => {
        const ready = m.apps.flatMap((app) =>
          app.payments.filter((p) => p.status === 'RELEASED' && !p.future).map((p) => ({ app, p })),
        )
        // booked one by one: refused as a whole when any payment finds its commitment short
        const sim = new Map<string, number>()
        let fits = ready.length > 0
        for (const { app, p } of ready) {
          const left = (sim.get(app.id) ?? m.g(app, 'GRANT_COMMITTED')) - p.amount
          if (left < 0) fits = false
          sim.set(app.id, left)
        }
        const got = await attempt(
          m,
          inTx(async (tx) => {
            const batch = await createBatch(tx, ctx.actor, ctx.today)
            await exportBatch(tx, batch.id, ctx.actor, DEBTOR, new Date())
            await markBatchSent(tx, batch.id, ctx.actor, ctx.today)
          }),
        )
        expectOutcome('batch', got, fits)
        if (!fits) return
        for (const { app, p } of ready) {
          m.move(m.key('GRANT_COMMITTED', app), m.key('GRANT_PAID', app), p.amount, 'PAYMENT')
          if (p.kind === 'FINAL') m.move(m.key('GRANT_PAID', app), m.key('GRANT_SPENT', app), p.amount, 'SETTLEMENT')
          p.status = 'SENT'
          m.closeIfDone(app)
        }
      },
    ),
  ),
  fc.tuple(appIdx, ratio, fc.boolean()).map(([i, r, future]) =>
    cmd(
      `expense(${i}, ${r}‰${future ? ', future date' : ''})`,
      () => true,
      async (m) => {
        const app = m.apps[i]
        const a = part(r, Math.max(1, app.awarded / 3))
        const want = app.status === 'AWARDED' && !future
        let id = ''
        const got = await attempt(
          m,
          inTx(async (tx) => {
            const e = await recordExpense(tx, {
              applicationId: app.id,
              spentOn: future ? addDays(ctx.today, 3) : ctx.today,
              supplier: 'Bouwmarkt Hoogland',
              description: 'Verf en kwasten',
              amountCents: a,
              budgetLineId: null,
              receipts: [new File([PDF], 'bon.pdf', { type: 'application/pdf' })],
              actorId: ctx.second,
              today: ctx.today,
            })
            id = e.id
          }),
        )
        expectOutcome('expense', got, want)
        if (want) app.expenses.push({ id, amount: a, status: 'SUBMITTED' })
      },
    ),
  ),
  fc.tuple(appIdx, fc.nat(), fc.boolean()).map(([i, k, accept]) =>
    cmd(
      `${accept ? 'accept' : 'reject'}(${i}, #${k})`,
      (m) => m.apps[i].expenses.length > 0,
      async (m) => {
        const app = m.apps[i]
        const e = app.expenses[k % app.expenses.length]
        const open = e.status === 'SUBMITTED' && ['AWARDED', 'REPORT_SUBMITTED'].includes(app.status)
        const want = open && (!accept || m.g(app, 'GRANT_PAID') >= e.amount)
        const got = await attempt(
          m,
          inTx((tx) =>
            reviewExpense(tx, { expenseId: e.id, accept, reason: 'Geen bon van deze winkel', actorId: ctx.actor }),
          ),
        )
        expectOutcome(accept ? 'accept' : 'reject', got, want)
        if (!want) return
        e.status = accept ? 'ACCEPTED' : 'REJECTED'
        if (accept) m.move(m.key('GRANT_PAID', app), m.key('GRANT_SPENT', app), e.amount, 'EXPENSE')
      },
    ),
  ),
  appIdx.map((i) =>
    cmd(
      `report(${i})`,
      () => true,
      async (m) => {
        const app = m.apps[i]
        const want = app.status === 'AWARDED'
        const got = await attempt(
          m,
          inTx((tx) =>
            submitReport(tx, {
              applicationId: app.id,
              whatHappened: 'Het buurtfeest was een groot succes met veel bewoners.',
              participants: 120,
              photos: [],
              actorId: ctx.second,
            }),
          ),
        )
        expectOutcome('report', got, want)
        if (want) app.status = 'REPORT_SUBMITTED'
      },
    ),
  ),
  fc.tuple(appIdx, fc.oneof(ratio, fc.constant(0))).map(([i, r]) =>
    cmd(
      `settle(${i}, ${r}‰)`,
      () => true,
      async (m) => {
        const app = m.apps[i]
        const C = m.g(app, 'GRANT_COMMITTED')
        const P = m.g(app, 'GRANT_PAID')
        const S = m.g(app, 'GRANT_SPENT')
        const final = r === 0 ? 0 : part(r, app.awarded)
        const want =
          app.status === 'REPORT_SUBMITTED' &&
          m.g(app, 'GRANT_RESERVED') === 0 &&
          final <= Math.min(app.awarded, C + P + S)
        const got = await attempt(
          m,
          inTx((tx) =>
            settle(tx, {
              applicationId: app.id,
              finalCents: final,
              reason: 'Vastgesteld op de bonnen',
              actorId: ctx.actor,
              today: ctx.today,
            }),
          ),
        )
        expectOutcome('settle', got, want)
        if (!want) return
        for (const p of app.payments) if (['PROPOSED', 'RELEASED'].includes(p.status)) p.status = 'CANCELLED'
        const paidOut = P + S
        const k = (kind: AccountKind) => m.key(kind, app)
        if (final >= paidOut) {
          const extra = final - paidOut
          if (P > 0) m.move(k('GRANT_PAID'), k('GRANT_SPENT'), P, 'SETTLEMENT')
          if (C - extra > 0) m.move(k('GRANT_COMMITTED'), m.area(app), C - extra, 'SETTLEMENT')
          if (extra > 0)
            app.payments.push({
              id: 'final',
              amount: extra,
              kind: 'FINAL',
              status: 'RELEASED',
              proposer: ctx.actor,
              future: false,
            })
        } else {
          const r = paidOut - final
          const fromPaid = Math.min(r, P)
          if (fromPaid > 0) m.move(k('GRANT_PAID'), k('GRANT_RECOVERY_DUE'), fromPaid, 'SETTLEMENT')
          if (r - fromPaid > 0) m.move(k('GRANT_SPENT'), k('GRANT_RECOVERY_DUE'), r - fromPaid, 'SETTLEMENT')
          if (P - fromPaid > 0) m.move(k('GRANT_PAID'), k('GRANT_SPENT'), P - fromPaid, 'SETTLEMENT')
          if (C > 0) m.move(k('GRANT_COMMITTED'), m.area(app), C, 'SETTLEMENT')
          app.recovery = { amount: r, received: 0 }
        }
        app.status = 'SETTLED'
        m.closeIfDone(app)
        const finalPayment = await m.tx.payment.findFirst({ where: { applicationId: app.id, kind: 'FINAL' } })
        const fp = app.payments.find((p) => p.id === 'final')
        if (fp) fp.id = finalPayment!.id
      },
    ),
  ),
  fc.tuple(appIdx, ratio).map(([i, r]) =>
    cmd(
      `recover(${i}, ${r}‰)`,
      (m) => m.apps[i].recovery !== null,
      async (m) => {
        const app = m.apps[i]
        const rec = app.recovery!
        const outstanding = rec.amount - rec.received
        const a = part(r, outstanding)
        const want = outstanding > 0 && a <= outstanding && m.g(app, 'GRANT_RECOVERY_DUE') >= a
        const got = await attempt(
          m,
          inTx((tx) =>
            registerRecoveryReceipt(tx, {
              applicationId: app.id,
              amountCents: a,
              receivedOn: ctx.today,
              actorId: ctx.actor,
              today: ctx.today,
            }),
          ),
        )
        expectOutcome('recover', got, want)
        if (!want) return
        m.move(m.key('GRANT_RECOVERY_DUE', app), m.key('GRANT_RECOVERED', app), a, 'RECOVERY')
        m.move(m.key('GRANT_RECOVERED', app), m.area(app), a, 'RECOVERY')
        rec.received += a
        m.closeIfDone(app)
      },
    ),
  ),
  fc.nat().map((k) =>
    cmd(
      `reverse(#${k})`,
      () => true,
      async (m) => {
        const rows = await m.tx.ledgerEntry.findMany({
          where: { roundId: m.roundId, cause: { not: 'REVERSAL' } },
          include: { fromAccount: true, toAccount: true },
          orderBy: { id: 'asc' },
        })
        const reversed = new Set(
          (await m.tx.ledgerEntry.findMany({ where: { roundId: m.roundId, reversesId: { not: null } } })).map((r) =>
            String(r.reversesId),
          ),
        )
        const entry = rows[k % rows.length]
        const amt = centsFromDb(entry.amountCents)
        const want =
          !reversed.has(String(entry.id)) &&
          (entry.toAccount.kind === 'BUDGET_SOURCE' || m.bal(entry.toAccount.key) >= amt)
        const got = await attempt(
          m,
          inTx((tx) => reverse(tx, entry.id, 'Verkeerd geboekt', ctx.actor)),
        )
        expectOutcome('reverse', got, want)
        if (want) m.move(entry.toAccount.key, entry.fromAccount.key, amt, 'REVERSAL')
      },
    ),
  ),
  fc.constant(
    cmd(
      'close round',
      (m) => m.steps >= 3,
      async (m) => {
        const open = m.apps.some((app) =>
          (['GRANT_RESERVED', 'GRANT_COMMITTED', 'GRANT_PAID', 'GRANT_RECOVERY_DUE'] as const).some(
            (kind) => m.g(app, kind) > 0,
          ),
        )
        const got = await attempt(
          m,
          inTx((tx) => closeRound(tx, m.roundId, ctx.actor)),
        )
        expectOutcome('close', got, !open)
        if (open) return
        m.closed = true
        for (const areaId of m.areaIds) {
          const from = m.key('AREA_AVAILABLE', undefined, areaId)
          const amt = m.bal(from)
          if (amt <= 0) continue
          if (m.policy === 'RETURN_TO_MUNICIPALITY') {
            m.move(from, m.key('ROUND_RETURNED', undefined, areaId), amt, 'ROUND_CLOSE')
          } else {
            m.move(from, m.key('ROUND_CARRIED_OVER', undefined, areaId), amt, 'CARRY_OVER')
            const n = m.nextRoundId
            m.move(
              m.key('BUDGET_SOURCE', undefined, undefined, n),
              m.key('ROUND_POT', undefined, undefined, n),
              amt,
              'CARRY_OVER',
            )
            m.move(
              m.key('ROUND_POT', undefined, undefined, n),
              m.key('AREA_AVAILABLE', undefined, areaId, n),
              amt,
              'CARRY_OVER',
            )
          }
        }
      },
    ),
  ),
]
const commands = commandsFor(anyApp)

// The lifecycle's steps more often than its dead ends; closing the round ends a sequence, so rarely.
const [
  publishCmd,
  award,
  reserve,
  confirm,
  advance,
  tranche,
  approve,
  batch,
  expense,
  review,
  report,
  settleCmd,
  recover,
  rev,
  close,
] = commands
const weighted = [publishCmd, award, award, award, reserve, confirm, advance, advance, tranche, tranche, approve]
weighted.push(batch, batch, batch, expense, expense, review, review, report, report, settleCmd, settleCmd)
weighted.push(recover, recover, rev, close)
const random = fc.commands(weighted, { maxCommands: MAX_COMMANDS, size: 'max' })
/**
 * A lifecycle: one application's way from the award to the closed round, in order (award or reserve
 * and confirm, advance, approval, batch, expenses, their review, report, settlement, the final
 * payment's batch, recovery, close), every step with random parameters, and any step sometimes
 * replaced by, or followed by, a random command of the whole set. Fully random sequences seldom get a
 * grant as far as an accepted expense or a recovery; these do, and the model checks them the same way.
 */
const lifecycle = fc.integer({ min: 0, max: 2 }).chain((i) => {
  const c = commandsFor(fc.constant(i))
  const [, award1, reserve1, confirm1, advance1, tranche1, approve1, batch1, expense1, review1] = c
  const [, , , , , , , , , , report1, settle1, recover1, , close1] = c
  const noise = fc.oneof(...weighted)
  const slot = (step: fc.Arbitrary<Cmd>) =>
    fc
      .tuple(
        fc.oneof({ weight: 5, arbitrary: step }, { weight: 1, arbitrary: noise }),
        fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: noise }),
      )
      .map(([a, b]) => (b ? [a, b] : [a]))
  const skeleton = [fc.oneof(award1, reserve1), confirm1, advance1, approve1, tranche1, batch1, expense1, expense1]
  skeleton.push(review1, review1, approve1, batch1, report1, settle1, batch1, recover1, recover1, close1)
  return fc.tuple(...skeleton.map(slot)).map((slots) => slots.flat())
})
// a fifth of the sequences are lifecycles, the rest fully random
const sequences = fc.oneof({ weight: 4, arbitrary: random }, { weight: 1, arbitrary: lifecycle })
const policies = fc.constantFrom<Policy>('RETURN_TO_MUNICIPALITY', 'CARRY_OVER_PER_AREA')

const ROLLBACK = Symbol('rollback')
let done = 0

/**
 * One sequence in one transaction: publish (version 1), the commands, then verifyLedger on the
 * sequence's rounds and the applications' statuses against the model. Rolled back unless `commit`.
 */
async function runSequence(start: Model, cmds: Iterable<Cmd>, commit = false): Promise<Model> {
  let model: Model | undefined
  try {
    await prisma.$transaction(
      async (tx) => {
        const m = start.copy(tx)
        model = m
        await fc.asyncModelRun(() => ({ model: m, real: m }), cmds)
        const result = await verifyLedger(tx, [m.roundId, m.nextRoundId])
        expect(result.failures).toEqual([])
        expect(result.entries, 'verifyLedger counts the model entries').toBe(m.entries.length)
        expect(result.accounts).toBe(new Set(m.entries.flatMap((e) => [e.from, e.to])).size)
        const rows = await tx.application.findMany({ where: { id: { in: m.apps.map((a) => a.id) } } })
        for (const app of m.apps)
          expect(rows.find((r) => r.id === app.id)?.status, app.id).toBe(
            app.status === 'RESERVED' ? 'SUBMITTED' : app.status,
          )
        if (!commit) throw ROLLBACK
      },
      { maxWait: 60_000, timeout: 600_000 },
    )
  } catch (error) {
    if (error !== ROLLBACK) throw error
  }
  done++
  return model!
}

const run = promisify(execFile)
/** `npm run ledger:verify` itself (app/cli/ledger-verify.ts) on this test's database. */
async function ledgerVerifyCli(): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'app/cli/ledger-verify.ts'], {
      env: { ...process.env, DATABASE_URL: testDatabaseUrl() },
      timeout: 240_000,
    })
    return { code: 0, out: stdout + stderr }
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string }
    return { code: typeof e.code === 'number' ? e.code : -1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` }
  }
}

test('thousands of random sequences after the award keep the books right after every step', async () => {
  let steps = 0
  const t0 = Date.now()
  const progress: string[] = []
  await fc.assert(
    fc.asyncProperty(policies, sequences, async (policy, cmds) => {
      const m = await runSequence(shared[policy], cmds)
      steps += m.steps
      if (done % 250 === 0) {
        progress.push(`${done} after ${Math.round((Date.now() - t0) / 1000)} s`)
        // every sequence was rolled back: clear the dead rows, or the same keys' index entries pile up
        await prisma.$executeRawUnsafe('VACUUM')
      }
    }),
    { numRuns: RUNS, seed: SEED },
  )
  const summary =
    `ledger model: ${done} sequences, ${steps} steps, ${Math.round((Date.now() - t0) / 1000)} s ` +
    `(${progress.join('; ')}), ${JSON.stringify(Object.fromEntries(tally))}`
  console.log(summary)
  if (process.env.LEDGER_MODEL_SUMMARY) writeFileSync(process.env.LEDGER_MODEL_SUMMARY, summary)
  expect(done).toBeGreaterThanOrEqual(RUNS)
  // every verb was really done (not only refused) somewhere in the run
  const verbs = ['publish', 'award', 'reserve', 'confirm', 'release', 'advance', 'tranche', 'approve', 'batch']
  verbs.push('expense', 'accept', 'reject', 'report', 'settle', 'recover', 'reverse', 'close')
  for (const name of verbs) expect(tally.get(name)?.ok ?? 0, name).toBeGreaterThan(0)
}, 1_800_000)

test('`npm run ledger:verify` agrees with the model on committed sequences, and fails where the books do not', async () => {
  const before = await prisma.ledgerEntry.count()
  const accountsBefore = await prisma.account.count()
  const roundsBefore = await prisma.budgetRound.count()
  // two sequences per policy, committed, each on its own rounds
  let added = 0
  let addedAccounts = 0
  for (const [i, policy] of (
    ['RETURN_TO_MUNICIPALITY', 'CARRY_OVER_PER_AREA', 'RETURN_TO_MUNICIPALITY', 'CARRY_OVER_PER_AREA'] as const
  ).entries()) {
    const start = await makeFixture(policy)
    const [cmds] = fc.sample(fc.commands(weighted, { maxCommands: 40, size: 'max' }), { numRuns: 1, seed: 11 + i })
    const m = await runSequence(start, cmds, true)
    added += m.entries.length
    addedAccounts += new Set(m.entries.flatMap((e) => [e.from, e.to])).size
  }
  const good = await ledgerVerifyCli()
  expect(good.out).toContain(
    `${roundsBefore + 8} rondes, ${accountsBefore + addedAccounts} rekeningen, ${before + added} boekingen gecontroleerd; 0 fouten.`,
  )
  expect(good.code).toBe(0)
  // one stored balance off by a cent: the CLI names it and exits 1
  const account = await prisma.account.findFirstOrThrow({
    where: { kind: 'AREA_AVAILABLE', roundId: shared.CARRY_OVER_PER_AREA.roundId },
  })
  await prisma.account.update({ where: { id: account.id }, data: { balanceCents: { increment: 1n } } })
  try {
    const bad = await ledgerVerifyCli()
    expect(bad.code).toBe(1)
    expect(bad.out).toContain(`FOUT: ${account.key}: stored balance`)
  } finally {
    await prisma.account.update({ where: { id: account.id }, data: { balanceCents: { decrement: 1n } } })
  }
}, 900_000)

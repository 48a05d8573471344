import fc from 'fast-check'
import type { ActionFunctionArgs } from '@remix-run/node'
import { beforeAll, describe, expect, test } from 'vitest'
import { prisma } from '#app/db.server.ts'
import { createUserSession } from '#app/auth/session.server.ts'
import * as newApplication from '#app/routes/aanvragen.nieuw.tsx'
import * as ownApplication from '#app/routes/aanvragen.$id.tsx'
import { seeded } from '#app/testing/fixtures.ts'
import { CATEGORIES } from './categories.ts'
import { eligibilityReasons } from './eligibility.ts'
import { sniffType } from './attachments.server.ts'
import { samplePdf } from './sample-pdf.ts'
import { MAX_BUDGET_LINES } from './schema.ts'

/**
 * Property-based fuzzing of every action of the application form, called directly with Request
 * objects against this file's real PostgreSQL: hostile and random submissions (wrong types, huge
 * strings, negative and absurd amounts, broken encodings, control characters, script tags, extra and
 * malformed fields, fake files). Never a 5xx, never a stored invalid record, always a Dutch message.
 */

process.env.PORTAL_CLOCK = '2026-06-01'

let cookie = ''
let otherCookie = ''
let areaId = ''
let foundationId = ''
let draftId = ''
let foreignId = ''
let foreignBefore = ''

beforeAll(async () => {
  const f = await seeded()
  cookie = (await createUserSession(f.hoogland.id)).split(';')[0]
  otherCookie = (await createUserSession(f.zielhorst.id)).split(';')[0]
  areaId = (await f.area('WK030719')).id
  foundationId = f.hoogland.foundationIds[0]
  draftId = await newDraft()
  const foreign = await prisma.application.findUniqueOrThrow({ where: { reference: 'BB-2026-0002' } })
  foreignId = foreign.id
  foreignBefore = JSON.stringify(foreign, (_k, v) => (typeof v === 'bigint' ? String(v) : v))
})

async function newDraft() {
  const form = new FormData()
  for (const [k, v] of Object.entries({ intent: 'save', title: 'Fuzzconcept', category: 'groen', areaId }))
    form.append(k, v)
  const r = await newApplication.action({
    request: new Request('http://localhost/aanvragen/nieuw', {
      method: 'POST',
      headers: { Cookie: cookie },
      body: form,
    }),
    params: {},
    context: {},
  })
  return (r as Response).headers.get('Location')!.split('/').pop()!
}

const VALID: Record<string, string> = {
  title: 'Buurtfeest Hoogland',
  category: 'ontmoeting',
  location: 'Het plein bij de kerk',
  description: 'Een middag met muziek en spelletjes voor de hele buurt, georganiseerd door bewoners.',
  goal: 'Buren leren elkaar kennen en de straat wordt weer van iedereen.',
  targetGroup: 'Alle bewoners',
  expectedParticipants: '120',
  support: 'Handtekeningenlijst met 60 namen.',
  ownContribution: 'Tien vrijwilligers.',
  partners: 'Indebuurt033',
  permits: '',
  startDate: '2026-08-01',
  endDate: '2026-08-01',
  'lines[0].description': 'Muziek',
  'lines[0].amount': '450,00',
  'lines[1].description': 'Spellen',
  'lines[1].amount': '1.200',
  otherIncome: '',
  advancePercent: '75',
  declarationTrue: 'on',
  declarationPublish: 'on',
  attachmentKind: 'quote',
}
const FIELDS = [
  ...Object.keys(VALID),
  'areaId',
  'intent',
  'version',
  'draftId',
  'attachment',
  'lines[2].amount',
  'lines[7].description',
]

const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }), // lone surrogates and other broken encodings
  fc.constantFrom(
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    '\'; DROP TABLE "Application"; --',
    '\u0000',
    'a\u0000b',
    '\uD800',
    '\uFEFF',
    '-1',
    '-0,01',
    '0',
    '0,00',
    '1e309',
    'NaN',
    'Infinity',
    '١٢٣',
    '12.345.678.901,23',
    '99999999999999999999',
    '1,234.56',
    '€ -5',
    '  ',
    '',
    'on',
    'off',
    'true',
    '2026-02-30',
    '2026-13-01',
    '9999-12-31',
    '0000-00-00',
    '2027-01-01',
    'x'.repeat(5001),
    'é'.repeat(130),
    '__proto__',
    'constructor',
  ),
  fc.nat({ max: 10 }).map((n) => 'Lorem ipsum '.repeat(n * 500)), // up to ~60 kB
)

const fakeFile = fc.oneof(
  fc.constant(new File([samplePdf(['fuzz'])], 'offerte.pdf', { type: 'application/pdf' })),
  fc.uint8Array({ maxLength: 64 }).map((b) => new File([b], 'offerte.pdf', { type: 'application/pdf' })),
  fc.constant(new File([new Uint8Array([0x4d, 0x5a, 0x90, 0x00])], 'setup.pdf', { type: 'application/pdf' })),
  fc.constant(new File([], '', { type: 'application/octet-stream' })),
)

type Entry = [string, string | File]

/** A valid form with a few fields replaced, removed, doubled or added: reaches the database often. */
const mutatedValid = fc
  .tuple(
    fc.constantFrom('save', 'submit', 'submit', 'autosave', 'Submit', ''),
    fc.boolean(),
    fc.array(
      fc.tuple(
        fc.constantFrom(...FIELDS),
        fc.oneof(
          hostileString,
          fakeFile.map((f) => f as string | File),
        ),
      ),
      { maxLength: 4 },
    ),
    fc.array(fc.constantFrom(...FIELDS), { maxLength: 2 }),
    fc.array(
      fc.tuple(
        fc.oneof(
          fc.string({ maxLength: 20 }),
          fc.constantFrom(
            'status',
            'requestedCents',
            'foundationId',
            'lines[31].amount',
            'lines[99999999].amount',
            'lines[-1].amount',
            'snapshot',
            'id',
          ),
        ),
        hostileString,
      ),
      { maxLength: 3 },
    ),
  )
  .map(([intent, withQuote, replaced, removed, extra]) => {
    const values = new Map<string, string | File>(Object.entries({ ...VALID, areaId, intent }))
    if (withQuote)
      values.set('attachment', new File([samplePdf(['Offerte'])], 'offerte.pdf', { type: 'application/pdf' }))
    for (const [k, v] of replaced) values.set(k, v)
    for (const k of removed) values.delete(k)
    const entries: Entry[] = [...values.entries()]
    for (const e of extra) entries.push(e)
    return entries
  })

/** Anything at all: random keys and values. */
const randomForm = fc
  .array(
    fc.tuple(
      fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 12 })),
      fc.oneof(
        hostileString,
        fakeFile.map((f) => f as string | File),
      ),
    ),
    { maxLength: 25 },
  )
  .map((e) => e as Entry[])

const anyForm = fc.oneof({ weight: 3, arbitrary: mutatedValid }, { weight: 2, arbitrary: randomForm })

/** The other forms on the application page. */
const otherIntentForm = fc
  .tuple(
    fc.constantFrom('withdraw', 'answer', 'delete-attachment'),
    fc.array(
      fc.tuple(
        fc.constantFrom('confirm', 'reason', 'answer', 'attachmentId', 'attachment', 'attachmentKind', 'intent'),
        fc.oneof(
          hostileString,
          fakeFile.map((f) => f as string | File),
        ),
      ),
      { maxLength: 5 },
    ),
  )
  .map(([intent, rest]) => [['intent', intent], ...rest] as Entry[])

function toBody(entries: Entry[], multipart: boolean): FormData | URLSearchParams {
  if (multipart) {
    const form = new FormData()
    for (const [k, v] of entries) form.append(k, v)
    return form
  }
  const params = new URLSearchParams()
  for (const [k, v] of entries) params.append(k, typeof v === 'string' ? v : v.name)
  return params
}

const ENGLISH = /\b(invalid|expected|required|received|too (big|small)|must|string|number|undefined|null|NaN)\b/i
const stats = { runs: 0, byStatus: new Map<number, number>() }

/** Calls an action; returns its status and messages. Any thrown non-Response error is a 500 and fails. */
async function run(
  action: (args: ActionFunctionArgs) => Promise<unknown>,
  path: string,
  params: Record<string, string>,
  entries: Entry[],
  multipart: boolean,
  who = cookie,
) {
  const request = new Request(`http://localhost${path}`, {
    method: 'POST',
    headers: { Cookie: who },
    body: toBody(entries, multipart),
  })
  let status: number
  let payload: unknown = null
  try {
    const result = (await action({ request, params, context: {} })) as unknown
    if (result instanceof Response) status = result.status
    else {
      const d = result as { type?: string; data?: unknown; init?: { status?: number } | null }
      status = d?.type === 'DataWithResponseInit' ? (d.init?.status ?? 200) : 200
      payload = d?.type === 'DataWithResponseInit' ? d.data : d
    }
  } catch (thrown) {
    if (!(thrown instanceof Response))
      throw new Error(`a 500: ${String(thrown)}\n${JSON.stringify(entries).slice(0, 500)}`)
    status = thrown.status
    payload = { thrown: await thrown.text() }
  }
  stats.runs++
  stats.byStatus.set(status, (stats.byStatus.get(status) ?? 0) + 1)
  expect(status, JSON.stringify(entries).slice(0, 300)).toBeLessThan(500)
  if (status === 400 || status === 409) {
    const error = (payload as { result?: { error?: Record<string, string[] | null> } })?.result?.error
    const thrownText = (payload as { thrown?: string })?.thrown
    if (thrownText) {
      expect(thrownText).not.toMatch(ENGLISH)
    } else {
      expect(error, JSON.stringify(payload).slice(0, 300)).toBeTruthy()
      const messages = Object.values(error!).flatMap((m) => m ?? [])
      expect(messages.length).toBeGreaterThan(0)
      for (const message of messages) expect(message, message).not.toMatch(ENGLISH)
      // A field-level message whenever the input itself was wrong; form-level only for rules about the whole application.
      const fieldKeys = Object.keys(error!).filter((k) => k !== '' && error![k]?.length)
      if (fieldKeys.length === 0)
        expect(messages.join(' ')).toMatch(
          /ingediend|ergens anders opgeslagen|niet compleet|gesloten|gecontroleerd|vraag van de gemeente|besloten|Bijlagen van een ingediende|status van de aanvraag/,
        )
    }
  }
  return status
}

describe('fuzzing every action of the application form (fast-check, real PostgreSQL)', () => {
  test('new application (save, submit, autosave): 5,000 hostile submissions', async () => {
    const since = new Date()
    const runs = stats.runs
    await fc.assert(
      fc.asyncProperty(anyForm, fc.boolean(), async (entries, multipart) => {
        await run(newApplication.action, '/aanvragen/nieuw', {}, entries, multipart)
      }),
      { numRuns: 5000 },
    )
    expect(stats.runs - runs).toBe(5000)
    await expectNoInvalidRecord(since, true)
  }, 600_000)

  test('existing draft (save, submit, autosave): 2,500 hostile submissions', async () => {
    const since = new Date()
    const runs = stats.runs
    await fc.assert(
      fc.asyncProperty(anyForm, fc.boolean(), async (entries, multipart) => {
        const status = await run(ownApplication.action, `/aanvragen/${draftId}`, { id: draftId }, entries, multipart)
        // Once the draft was submitted, continue fuzzing a fresh one.
        if (
          status === 302 &&
          (await prisma.application.findUniqueOrThrow({ where: { id: draftId } })).status !== 'DRAFT'
        )
          draftId = await newDraft()
      }),
      { numRuns: 2500 },
    )
    expect(stats.runs - runs).toBe(2500)
    await expectNoInvalidRecord(since, true)
  }, 600_000)

  test('withdraw, answer, delete an attachment, and a guessed id of another foundation: 2,500 hostile submissions', async () => {
    const submitted = await prisma.application.findUniqueOrThrow({ where: { reference: 'BB-2026-0006' } })
    const since = new Date()
    const runs = stats.runs
    await fc.assert(
      fc.asyncProperty(
        otherIntentForm,
        fc.boolean(),
        fc.constantFrom('draft', 'submitted', 'foreign'),
        async (entries, multipart, target) => {
          const id = target === 'draft' ? draftId : target === 'submitted' ? submitted.id : foreignId
          const status = await run(ownApplication.action, `/aanvragen/${id}`, { id }, entries, multipart)
          if (target === 'foreign') expect([400, 404]).toContain(status)
          if (status === 302 && target === 'submitted') {
            // A withdrawal succeeded: put a fresh submitted one in its place for the next runs.
            await prisma.application.update({ where: { id: submitted.id }, data: { status: 'SUBMITTED' } })
          }
        },
      ),
      { numRuns: 2500 },
    )
    // The other foundation's application was never touched.
    const foreign = await prisma.application.findUniqueOrThrow({ where: { id: foreignId } })
    expect(JSON.stringify(foreign, (_k, v) => (typeof v === 'bigint' ? String(v) : v))).toBe(foreignBefore)
    // And a member of another foundation cannot reach this foundation's draft either.
    expect(
      await run(
        ownApplication.action,
        `/aanvragen/${draftId}`,
        { id: draftId },
        [
          ['intent', 'save'],
          ['title', 'Overgenomen'],
          ['category', 'groen'],
          ['areaId', areaId],
        ],
        false,
        otherCookie,
      ),
    ).toBeGreaterThanOrEqual(400)
    expect(stats.runs - runs).toBe(2501)
    await expectNoInvalidRecord(since, false)
  }, 600_000)
})

/**
 * What every fuzz test checks at its end, on what the database holds (not on what earlier tests did,
 * so each test also passes when run alone): no stored application breaks a rule.
 */
async function expectNoInvalidRecord(since: Date, expectWrites: boolean) {
  const apps = await prisma.application.findMany({
    where: { foundationId },
    include: {
      budgetLines: true,
      attachments: { select: { contentType: true, sizeBytes: true, data: true } },
      round: true,
    },
  })
  expect(apps.length).toBeGreaterThan(0)
  let submittedCount = 0
  for (const a of apps) {
    const where = `${a.reference} ${a.status}`
    expect(a.title.trim().length, where).toBeGreaterThanOrEqual(3)
    expect(a.title.length, where).toBeLessThanOrEqual(120)
    expect(CATEGORIES as readonly string[], where).toContain(a.category)
    expect(a.budgetLines.length, where).toBeLessThanOrEqual(MAX_BUDGET_LINES)
    for (const l of a.budgetLines) {
      expect(l.amountCents > 0n, where).toBe(true)
      expect(l.description.trim().length, where).toBeGreaterThanOrEqual(2)
    }
    const costs = a.budgetLines.reduce((s, l) => s + l.amountCents, 0n)
    const expected = costs - a.otherIncomeCents > 0n ? costs - a.otherIncomeCents : 0n
    expect(a.requestedCents, where).toBe(expected)
    expect(a.otherIncomeCents >= 0n, where).toBe(true)
    for (const t of [
      a.title,
      a.description,
      a.location,
      a.goal,
      a.targetGroup,
      a.support,
      a.ownContribution,
      a.partners,
      a.permits,
      a.otherIncomeNote,
    ]) {
      expect(/[\u0000-\u0008]/.test(t), where).toBe(false)
      expect(t.length, where).toBeLessThanOrEqual(5000)
    }
    if (a.expectedParticipants !== null)
      expect(a.expectedParticipants >= 1 && a.expectedParticipants <= 100_000, where).toBe(true)
    if (a.advancePercent !== null) expect(a.advancePercent >= 0 && a.advancePercent <= 100, where).toBe(true)
    expect(a.attachments.length, where).toBeLessThanOrEqual(10)
    for (const f of a.attachments) {
      expect(sniffType(f.data.subarray(0, 16)), where).toBe(f.contentType)
      expect(f.sizeBytes, where).toBe(f.data.byteLength)
    }
    if (a.status !== 'DRAFT' && a.snapshot) {
      submittedCount++
      const s = a.snapshot as Record<string, unknown> & {
        budgetLines: { amountCents: number }[]
        attachments: { kind: 'quote' }[]
        round: never
        foundation: { servesArea: boolean; verified: boolean }
      }
      const reasons = eligibilityReasons({
        today: '2026-06-01',
        round: s.round,
        foundation: s.foundation,
        application: {
          category: s.category as string,
          startDate: s.startDate as string,
          endDate: s.endDate as string,
          lineCents: s.budgetLines.map((l) => l.amountCents),
          otherIncomeCents: s.otherIncomeCents as number,
          requestedCents: s.requestedCents as number,
          advancePercent: s.advancePercent as number,
          declarationTrue: s.declarationTrue as boolean,
          declarationPublish: s.declarationPublish as boolean,
          attachmentKinds: s.attachments.map((x) => x.kind),
        },
      })
      expect(reasons, where).toEqual([])
      expect(a.decisionDueOn, where).not.toBeNull()
    }
  }
  // The fuzzing really reached the database: this test saved applications.
  if (expectWrites) expect(apps.filter((a) => a.updatedAt >= since).length).toBeGreaterThan(0)
  expect(submittedCount).toBeGreaterThan(0)
  console.log(
    `fuzz: ${stats.runs} submissions, statuses ${JSON.stringify(Object.fromEntries(stats.byStatus))}, ${apps.length} applications stored, ${submittedCount} submitted`,
  )
}

// Conflicts of interest on paying, on a real PostgreSQL (and, at the end, batches per wijk): a staff member linked to the foundation, or
// with a declared interest in the application, is refused proposing and approving its payments with
// the clear message (naming who can take over); nothing is written; someone without a conflict can.
import { beforeAll, expect, test } from 'vitest'
import { prisma } from '#app/db.server.ts'
import { todayIso } from '#app/clock.server.ts'
import { DomainError } from '#app/domain/errors.ts'
import { translate } from '#app/i18n/i18n.ts'
import { approve } from '#app/review/decisions.server.ts'
import { seeded } from '#app/testing/fixtures.ts'
import { approvePayment, proposePayment } from './payments.server.ts'
import { createUserSession } from '#app/auth/session.server.ts'
import * as betalingen from '#app/routes/beoordelen.betalingen.tsx'
import * as sepaExport from '#app/routes/beoordelen.betalingen_.$batchId.tsx'

process.env.PORTAL_CLOCK = '2026-06-01'

let f: Awaited<ReturnType<typeof seeded>>
beforeAll(async () => {
  f = await seeded()
})

const refusal = async (work: Promise<unknown>) => {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(DomainError)
  return error as DomainError
}

async function awardedGrant(reference: string) {
  const areaId = f.reviewer.areaIds[0]
  const foundation = await prisma.foundation.create({
    data: {
      name: `Stichting ${reference}`,
      kvkNumber: String(Math.floor(10_000_000 + Math.random() * 89_999_999)),
      iban: 'NL91ABNA0417164300',
      accountHolder: `Stichting ${reference}`,
      contactName: 'Fee',
      email: `${reference.toLowerCase()}@example.org`,
      areas: { create: { areaId } },
    },
  })
  const app = await prisma.application.create({
    data: {
      reference,
      roundId: f.round.id,
      areaId,
      foundationId: foundation.id,
      title: 'Buurtfeest',
      category: 'ontmoeting',
      status: 'SUBMITTED',
      submittedAt: new Date(),
      requestedCents: 100_000n,
      createdById: f.admin.id,
    },
  })
  await approve(f.reviewer, app.id, 100_000)
  return app
}

const propose = (applicationId: string, actorId: string) =>
  prisma.$transaction((tx) =>
    proposePayment(tx, {
      applicationId,
      kind: 'TRANCHE',
      amountCents: 5_000,
      payOn: todayIso(),
      description: 'Tussentijdse betaling',
      actorId,
    }),
  )

test('a reviewer linked to the foundation is refused proposing a payment, with who can take over', async () => {
  const app = await awardedGrant('PAYCONFLICT-1')
  await prisma.staffFoundationLink.create({
    data: { userId: f.reviewer2.id, foundationId: app.foundationId, note: 'Bestuurslid', createdById: f.admin.id },
  })
  const before = await prisma.payment.count({ where: { applicationId: app.id } })
  const error = await refusal(propose(app.id, f.reviewer2.id))
  expect(error.key).toBe('decide.conflict')
  expect(error.status).toBe(403)
  expect(translate('nl', error.key, error.params)).toContain('mag haar daarom niet beoordelen, bevestigen, betalen')
  expect(translate('nl', error.key, error.params)).toContain(f.reviewer.name)
  expect(await prisma.payment.count({ where: { applicationId: app.id } })).toBe(before)
  // without a conflict it goes
  await expect(propose(app.id, f.reviewer.id)).resolves.toMatchObject({ amountCents: 5_000n })
})

test('a staff member with a declared interest in the application is refused approving its payment', async () => {
  // every payment waits for a second person
  await prisma.budgetRound.update({ where: { id: f.round.id }, data: { paymentApprovalThresholdCents: 1_000n } })
  const app = await awardedGrant('PAYCONFLICT-2')
  const advance = await prisma.payment.findFirstOrThrow({ where: { applicationId: app.id, kind: 'ADVANCE' } })
  expect(advance.status).toBe('PROPOSED')
  await prisma.interestDeclaration.create({
    data: {
      userId: f.admin.id,
      foundationId: app.foundationId,
      applicationId: app.id,
      reason: 'Mijn buurman is voorzitter van deze stichting.',
    },
  })
  const error = await refusal(prisma.$transaction((tx) => approvePayment(tx, advance.id, f.admin.id)))
  expect(['decide.conflict', 'decide.conflictNobody']).toContain(error.key)
  expect(error.status).toBe(403)
  expect((await prisma.payment.findUniqueOrThrow({ where: { id: advance.id } })).status).toBe('PROPOSED')
  // a colleague without a conflict approves it
  await expect(prisma.$transaction((tx) => approvePayment(tx, advance.id, f.reviewer2.id))).resolves.toMatchObject({
    status: 'RELEASED',
  })
})

// ---- issue 11 finding: payment batches are per wijk (docs/decisions/0042) ----

async function signedIn(userId: string, body?: Record<string, string>) {
  const cookie = (await createUserSession(userId)).split(';')[0]
  return new Request('http://localhost/beoordelen/betalingen', {
    method: body ? 'POST' : 'GET',
    headers: { Cookie: cookie, ...(body ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}) },
    body: body ? new URLSearchParams(body) : undefined,
  })
}

async function answer(fn: () => Promise<unknown>): Promise<{ status: number; body: unknown }> {
  try {
    const result = await fn()
    if (result instanceof Response) return { status: result.status, body: await result.text() }
    const init = (result as { init?: { status?: number } } | null)?.init
    return { status: init?.status ?? 200, body: result }
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, body: null }
    throw thrown
  }
}

const text = (value: unknown) =>
  typeof value === 'string' ? value : JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? String(v) : v))

test('a reviewer sees, batches, exports and sends only the payments of their own wijken', async () => {
  await prisma.budgetRound.update({ where: { id: f.round.id }, data: { paymentApprovalThresholdCents: 10_000_000n } })
  // a released payment in the north (beoordelaar's wijken) and one in the south (beoordelaar.zuid's)
  const north = await awardedGrant('PAYSCOPE-N')
  const southArea = f.reviewerSouth.areaIds[0]
  expect(f.reviewer.areaIds).not.toContain(southArea)
  const southFoundation = await prisma.foundation.create({
    data: {
      name: 'Stichting Zuid',
      kvkNumber: '55667788',
      iban: 'NL91ABNA0417164300',
      accountHolder: 'Stichting Zuid',
      contactName: 'Zoë',
      email: 'zuid@example.org',
      areas: { create: { areaId: southArea } },
    },
  })
  const southApp = await prisma.application.create({
    data: {
      reference: 'PAYSCOPE-S',
      roundId: f.round.id,
      areaId: southArea,
      foundationId: southFoundation.id,
      title: 'Zomerfeest',
      category: 'ontmoeting',
      status: 'SUBMITTED',
      submittedAt: new Date(),
      requestedCents: 100_000n,
      createdById: f.admin.id,
    },
  })
  await approve(f.reviewerSouth, southApp.id, 100_000)
  await propose(north.id, f.reviewer.id)
  await propose(southApp.id, f.reviewerSouth.id)

  // the page: the south reviewer sees the south payment and not the north one
  const page = await answer(async () =>
    betalingen.loader({ request: await signedIn(f.reviewerSouth.id), params: {}, context: {} }),
  )
  expect(page.status).toBe(200)
  expect(text(page.body)).toContain('PAYSCOPE-S')
  expect(text(page.body)).not.toContain('PAYSCOPE-N')
  expect(text(page.body)).not.toContain(north.id)

  // a batch gathers only the caller's wijken
  const created = await answer(async () =>
    betalingen.action({
      request: await signedIn(f.reviewerSouth.id, { intent: 'create-batch' }),
      params: {},
      context: {},
    }),
  )
  expect(created.status).toBe(302)
  const batch = await prisma.paymentBatch.findFirstOrThrow({
    where: { payments: { some: { applicationId: southApp.id } } },
    include: { payments: { include: { application: { select: { areaId: true } } } } },
  })
  expect(batch.payments.every((p) => f.reviewerSouth.areaIds.includes(p.application.areaId))).toBe(true)
  expect(
    await prisma.payment.findFirstOrThrow({ where: { applicationId: north.id, status: 'RELEASED' } }),
  ).toMatchObject({ batchId: null })

  // the north reviewer neither sees, exports nor sends the south batch
  const northPage = await answer(async () =>
    betalingen.loader({ request: await signedIn(f.reviewer.id), params: {}, context: {} }),
  )
  expect(text(northPage.body)).not.toContain(batch.id)
  expect(text(northPage.body)).not.toContain('PAYSCOPE-S')
  const exportsBefore = await prisma.batchExport.count({ where: { batchId: batch.id } })
  const foreignExport = await answer(async () =>
    sepaExport.action({ request: await signedIn(f.reviewer.id, {}), params: { batchId: batch.id }, context: {} }),
  )
  expect(foreignExport.status).toBe(404)
  expect(await prisma.batchExport.count({ where: { batchId: batch.id } })).toBe(exportsBefore)

  // its own reviewer exports it: one transaction per payment of the south, none of the north
  const ownExport = await answer(async () =>
    sepaExport.action({ request: await signedIn(f.reviewerSouth.id, {}), params: { batchId: batch.id }, context: {} }),
  )
  expect(ownExport.status).toBe(200)
  expect(text(ownExport.body)).toContain('PAYSCOPE-S')
  expect(text(ownExport.body)).not.toContain('PAYSCOPE-N')

  const foreignSend = await answer(async () =>
    betalingen.action({
      request: await signedIn(f.reviewer.id, { intent: 'mark-sent', batchId: batch.id }),
      params: {},
      context: {},
    }),
  )
  expect(foreignSend.status).toBe(404)
  expect((await prisma.paymentBatch.findUniqueOrThrow({ where: { id: batch.id } })).status).toBe('EXPORTED')
  const ownSend = await answer(async () =>
    betalingen.action({
      request: await signedIn(f.reviewerSouth.id, { intent: 'mark-sent', batchId: batch.id }),
      params: {},
      context: {},
    }),
  )
  expect(ownSend.status).toBe(302)
  expect((await prisma.paymentBatch.findUniqueOrThrow({ where: { id: batch.id } })).status).toBe('SENT')
})

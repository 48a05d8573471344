// Conflicts of interest on paying, on a real PostgreSQL: a staff member linked to the foundation, or
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

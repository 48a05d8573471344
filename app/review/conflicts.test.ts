// Conflicts of interest on a real PostgreSQL: a reviewer linked to a foundation, or with a declared
// interest in one application, is refused reviewing and confirming, with the message naming who can
// take over; the policy's rules are checked on their own as well.
import { beforeAll, describe, expect, test } from 'vitest'
import { prisma } from '#app/db.server.ts'
import { DomainError } from '#app/domain/errors.ts'
import { translate } from '#app/i18n/i18n.ts'
import { seeded } from '#app/testing/fixtures.ts'
import { approve, confirmAward, claim } from './decisions.server.ts'
import { conflictVerdict, hasConflict, mayConfirm, mayConfirmLink, mayDecide, mayDeclareInterest } from './policy.ts'
import { confirmLink, declareInterest, linkToFoundation } from './conflicts.server.ts'
import { refusal as refused } from '#app/testing/refusal.ts'

process.env.PORTAL_CLOCK = '2026-06-01'

let f: Awaited<ReturnType<typeof seeded>>
beforeAll(async () => {
  f = await seeded()
})

async function submittedApplication(reference: string, requestedCents: number) {
  const area = await f.area('WK030719') // Hoogland
  const foundation = await prisma.foundation.findUniqueOrThrow({
    where: { id: (await prisma.application.findUniqueOrThrow({ where: { reference: 'BB-2026-0001' } })).foundationId },
  })
  return prisma.application.create({
    data: {
      reference,
      roundId: f.round.id,
      areaId: area.id,
      foundationId: foundation.id,
      title: `Initiatief ${reference}`,
      category: 'ontmoeting',
      description: 'x'.repeat(30),
      status: 'SUBMITTED',
      submittedAt: new Date(),
      requestedCents: BigInt(requestedCents),
      createdById: f.hoogland.id,
    },
  })
}

const refusal = async (work: Promise<unknown>) => {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(DomainError)
  return error as DomainError
}

describe('policy', () => {
  const app = { id: 'a1', areaId: 'w1', foundationId: 'f1', status: 'SUBMITTED' as const, colleagues: ['Thijs'] }
  const reviewer = { id: 'u1', role: 'REVIEWER' as const, areaIds: ['w1'], foundationIds: [] }
  test('membership, a link or a declaration is a conflict', () => {
    expect(hasConflict(reviewer, app)).toBe(false)
    expect(hasConflict({ ...reviewer, foundationIds: ['f1'] }, app)).toBe(true)
    expect(hasConflict(reviewer, app, { foundationIds: ['f1'], applicationIds: [] })).toBe(true)
    expect(hasConflict(reviewer, app, { foundationIds: [], applicationIds: ['a1'] })).toBe(true)
    expect(hasConflict(reviewer, app, { foundationIds: ['f2'], applicationIds: ['a2'] })).toBe(false)
  })
  test('the refusal names who can take over, or says nobody can', () => {
    const interests = { foundationIds: ['f1'], applicationIds: [] }
    expect(conflictVerdict(reviewer, app, interests)).toMatchObject({ ok: false, params: { others: 'Thijs' } })
    expect(conflictVerdict(reviewer, { ...app, colleagues: [] }, interests)).toMatchObject({
      ok: false,
      reason: 'decide.conflictNobody',
    })
    expect(mayDecide(reviewer, app, interests)).toMatchObject({ ok: false, reason: 'decide.conflict' })
  })
  test('the proposer can never confirm; another reviewer can', () => {
    const pending = { ...app, pending: { proposedById: 'u1' } }
    expect(mayConfirm(reviewer, pending)).toMatchObject({ ok: false, reason: 'decide.notYourOwn' })
    expect(mayConfirm({ ...reviewer, id: 'u2' }, pending)).toEqual({ ok: true })
    expect(mayConfirm({ ...reviewer, id: 'u2' }, app)).toMatchObject({ ok: false, reason: 'decide.nothingToConfirm' })
    expect(mayConfirm({ ...reviewer, id: 'u2', role: 'AUDITOR' }, pending)).toMatchObject({ ok: false })
  })
})

test('a reviewer linked to the foundation is refused reviewing, with the colleague who can take over', async () => {
  const app = await submittedApplication('CONFLICT-1', 50_000)
  await prisma.staffFoundationLink.create({
    data: {
      userId: f.reviewer.id,
      foundationId: app.foundationId,
      note: 'Penningmeester van de stichting',
      createdById: f.admin.id,
      confirmedById: f.admin.id,
      confirmedAt: new Date(),
    },
  })
  // one at a time: a refusal nobody awaits yet would be an unhandled rejection
  for (const attempt of [() => approve(f.reviewer, app.id, 50_000), () => claim(f.reviewer, app.id)]) {
    const error = await refusal(attempt())
    expect(error.key).toBe('decide.conflict')
    expect(error.status).toBe(403)
    expect(translate('nl', error.key, error.params)).toContain(
      'Een collega van deze wijk kan het overnemen: Thijs Verbeek.',
    )
  }
  // nothing was written
  expect(await prisma.decision.count({ where: { applicationId: app.id } })).toBe(0)
  expect((await prisma.application.findUniqueOrThrow({ where: { id: app.id } })).status).toBe('SUBMITTED')
  // the colleague without a conflict can
  await expect(approve(f.reviewer2, app.id, 50_000)).resolves.toMatchObject({ state: 'EFFECTIVE' })
  await prisma.$executeRaw`DELETE FROM "StaffFoundationLink" WHERE "userId" = ${f.reviewer.id}`
})

test('a second reviewer with a declared interest in the application is refused confirming', async () => {
  const app = await submittedApplication('CONFLICT-2', 300_000)
  await prisma.budgetRound.update({ where: { id: f.round.id }, data: { fourEyesThresholdCents: 250_000n } })
  await expect(approve(f.reviewer, app.id, 300_000)).resolves.toMatchObject({ state: 'AWAITING_CONFIRMATION' })
  await prisma.interestDeclaration.create({
    data: {
      userId: f.reviewer2.id,
      foundationId: app.foundationId,
      applicationId: app.id,
      reason: 'Mijn zus organiseert dit initiatief.',
    },
  })
  const error = await refusal(confirmAward(f.reviewer2, app.id))
  expect(error.key).toBe('decide.conflictNobody') // the only other reviewer proposed it
  expect(translate('nl', error.key, error.params)).toContain('vraag de functioneel beheerder')
  // the proposer cannot confirm either
  expect((await refusal(confirmAward(f.reviewer, app.id))).key).toBe('decide.notYourOwn')
  const decision = await prisma.decision.findFirstOrThrow({ where: { applicationId: app.id } })
  expect(decision.state).toBe('AWAITING_CONFIRMATION')
  // the declaration is kept
  expect(await prisma.interestDeclaration.count({ where: { applicationId: app.id } })).toBe(1)
})

describe('declaring an interest and linking to a foundation', () => {
  test('policy: staff only, with a reason; an administrator confirms a link, never their own', () => {
    expect(mayDeclareInterest({ role: 'REVIEWER' }, 'Mijn zus zit in het bestuur.')).toEqual({ ok: true })
    expect(mayDeclareInterest({ role: 'REVIEWER' }, 'kort')).toMatchObject({ reason: 'conflicts.reasonRequired' })
    expect(mayDeclareInterest({ role: 'FOUNDATION_MEMBER' }, 'Mijn zus zit in het bestuur.')).toMatchObject({
      reason: 'conflicts.onlyStaff',
    })
    expect(mayConfirmLink({ id: 'a', role: 'ADMINISTRATOR' }, { userId: 'r', confirmed: false })).toEqual({ ok: true })
    expect(mayConfirmLink({ id: 'r', role: 'REVIEWER' }, { userId: 'r', confirmed: false })).toMatchObject({
      reason: 'conflicts.onlyAdministratorConfirms',
    })
    expect(mayConfirmLink({ id: 'a', role: 'ADMINISTRATOR' }, { userId: 'a', confirmed: false })).toMatchObject({
      reason: 'conflicts.notYourOwnLink',
    })
  })

  test('a declaration in an application is kept, goes into its history and blocks the reviewer at once', async () => {
    const app = await submittedApplication('CONFLICT-3', 40_000)
    const short = await refused(
      declareInterest(f.reviewer, { foundationId: app.foundationId, applicationId: app.id, reason: 'x' }),
    )
    expect(short).toMatchObject({ key: 'conflicts.reasonRequired', field: 'reason', status: 422 })
    expect(await prisma.interestDeclaration.count({ where: { applicationId: app.id } })).toBe(0)
    await declareInterest(f.reviewer, {
      foundationId: app.foundationId,
      applicationId: app.id,
      reason: 'Ik woon naast het speelveld van dit initiatief.',
    })
    const history = await prisma.statusChange.findFirstOrThrow({ where: { applicationId: app.id } })
    expect(history).toMatchObject({
      actorId: f.reviewer.id,
      reason: 'Ik woon naast het speelveld van dit initiatief.',
      data: { event: 'interest-declared' },
    })
    const error = await refused(claim(f.reviewer, app.id))
    expect(error.key).toBe('decide.conflict')
    expect(error.text).toContain('Thijs Verbeek')
    // an application of another foundation cannot be declared under this one
    const other = await prisma.foundation.findFirstOrThrow({ where: { id: { not: app.foundationId } } })
    expect(
      await refused(
        declareInterest(f.reviewer, { foundationId: other.id, applicationId: app.id, reason: 'Ik ken ze goed.' }),
      ),
    ).toMatchObject({ key: 'conflicts.wrongFoundation' })
  })

  test('a link blocks from the moment it is recorded; only an administrator confirms it', async () => {
    const app = await submittedApplication('CONFLICT-4', 40_000)
    const link = await linkToFoundation(
      f.reviewer2,
      app.foundationId,
      'Vrijwilliger bij het buurthuis van de stichting.',
    )
    expect(link.confirmedAt).toBeNull()
    expect((await refused(approve(f.reviewer2, app.id, 40_000))).key).toBe('decide.conflict')
    expect((await refused(confirmLink(f.reviewer, link.id))).key).toBe('conflicts.onlyAdministratorConfirms')
    await expect(confirmLink(f.admin, link.id)).resolves.toMatchObject({ confirmedById: f.admin.id })
    expect((await refused(confirmLink(f.admin, link.id))).key).toBe('conflicts.alreadyConfirmed')
    expect((await refused(claim(f.reviewer2, app.id))).key).toBe('decide.conflict')
    expect(await prisma.decision.count({ where: { applicationId: app.id } })).toBe(0)
    await prisma.$executeRaw`DELETE FROM "StaffFoundationLink" WHERE "id" = ${link.id}`
  })
})

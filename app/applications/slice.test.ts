import { beforeAll, describe, expect, test } from 'vitest'
import { prisma } from '#app/db.server.ts'
import { areaMoney, checkLedger } from '#app/ledger/reports.server.ts'
import { seeded } from '#app/testing/fixtures.ts'
import { refusal } from '#app/testing/refusal.ts'
import {
  EligibilityError,
  getOwnApplication,
  listOwnApplications,
  saveDraft,
  submitApplication,
} from './applications.server.ts'
import { DomainError } from '#app/domain/errors.ts'
import { approve, reject } from '#app/review/decisions.server.ts'
import { getForStaff } from './review.server.ts'
import { bookAcceptedExpense, bookPastPayment } from '#app/grants/history.server.ts'
import { applicationSchema } from './schema.ts'
import { samplePdf } from './sample-pdf.ts'

process.env.PORTAL_CLOCK = '2026-06-01'

let f: Awaited<ReturnType<typeof seeded>>
beforeAll(async () => {
  f = await seeded()
})

function input(areaId: string, overrides: Partial<Record<string, unknown>> = {}) {
  const parsed = applicationSchema.parse({
    title: 'Buurtmoestuin Liendertseweg',
    category: 'groen',
    areaId,
    description: 'Bewoners leggen samen een moestuin aan op een braakliggend stuk grond.',
    startDate: '2026-07-01',
    endDate: '2026-09-30',
    lines: [
      { description: 'Plantenbakken', amount: '1.234,56' },
      { description: 'Aarde en zaden', amount: '300' },
      { description: 'Gereedschap', amount: '65,44' },
    ],
    // The fields of the full application form (issue 5).
    location: 'Braakliggend stuk aan de Liendertseweg',
    goal: 'Buren tuinieren samen en leren elkaar kennen; de oogst gaat naar de buurttafel.',
    targetGroup: 'Bewoners van de Liendertseweg en omgeving',
    expectedParticipants: '30',
    support: '42 handtekeningen van omwonenden.',
    ownContribution: 'Twaalf vrijwilligers onderhouden de tuin.',
    advancePercent: '75',
    declarationTrue: 'on',
    declarationPublish: 'on',
    attachment: new File([samplePdf(['Offerte tuincentrum'])], 'offerte.pdf', { type: 'application/pdf' }),
    attachmentKind: 'quote',
    ...overrides,
  })
  return parsed
}

describe('the walking skeleton, through the domain modules on a real PostgreSQL', () => {
  test('draft, submit, approve, pay, spend: the wijk’s books add up to the cent', async () => {
    const hoogland = await f.area('WK030719')
    const before = (await areaMoney(f.round.id, [hoogland.id]))[0]

    const draft = await saveDraft(f.hoogland, { ...input(hoogland.id), startDate: undefined, endDate: undefined })
    expect(draft.status).toBe('DRAFT')
    const submitted = await submitApplication(f.hoogland, draft.id, input(hoogland.id))
    expect(submitted.status).toBe('SUBMITTED')
    expect(Number(submitted.requestedCents)).toBe(1_600_00)

    await approve(f.reviewer, submitted.id, 1_500_00, 'De huur van het podium valt buiten de regeling.')
    await bookPastPayment(f.reviewer.id, submitted.id, {
      amountCents: 1_125_00,
      date: '2026-07-01',
      description: 'Voorschot 75%',
    })
    await bookAcceptedExpense(f.reviewer.id, submitted.id, {
      amountCents: 400_00,
      date: '2026-07-10',
      description: 'Bon tuincentrum',
    })

    const after = (await areaMoney(f.round.id, [hoogland.id]))[0]
    expect(after.allocatedCents).toBe(before.allocatedCents)
    expect(after.availableCents).toBe(before.availableCents - 1_500_00)
    expect(after.committedCents).toBe(before.committedCents + 375_00)
    expect(after.paidCents).toBe(before.paidCents + 725_00)
    expect(after.spentCents).toBe(before.spentCents + 400_00)
    expect(after.balanced).toBe(true)

    const books = await checkLedger(f.round.id)
    expect(books).toMatchObject({ balancesMatchEntries: true, sumOfBalancesIsZero: true, sourceEqualsPot: true })

    const history = await prisma.statusChange.findMany({
      where: { applicationId: submitted.id },
      orderBy: { createdAt: 'asc' },
    })
    expect(history.map((h) => h.toStatus)).toEqual(['DRAFT', 'SUBMITTED', 'AWARDED'])
  })

  test('an award is never more than requested, and a payment never more than still committed', async () => {
    const hoogland = await f.area('WK030719')
    const app = await submitApplication(f.hoogland, undefined, input(hoogland.id))
    await expect(approve(f.reviewer, app.id, 1_600_01)).rejects.toThrow(DomainError)
    const partly = 'De huur van het podium valt buiten de regeling.'
    await approve(f.reviewer, app.id, 1_000_00, partly)
    await expect(approve(f.reviewer, app.id, 1_000_00, partly)).rejects.toMatchObject({ key: 'decide.alreadyDecided' })
    await expect(
      bookPastPayment(f.reviewer.id, app.id, { amountCents: 1_000_01, date: '2026-07-01', description: 'Te veel' }),
    ).rejects.toThrow(DomainError)
    await expect(
      bookAcceptedExpense(f.reviewer.id, app.id, {
        amountCents: 1,
        date: '2026-07-01',
        description: 'Nog niets betaald',
      }),
    ).rejects.toThrow(DomainError)
    // Nothing half-written: the refused payment left no Payment row.
    expect(await prisma.payment.count({ where: { applicationId: app.id, kind: 'MANUAL' } })).toBe(0)
  })

  test('a foundation sees only its own applications; a reviewer only those in their wijken', async () => {
    const zielhorst = await f.area('WK030720')
    const theirs = await submitApplication(
      f.zielhorst,
      undefined,
      input(zielhorst.id, { title: 'Zielhorster lampionnenoptocht' }),
    )
    expect(await getOwnApplication(f.hoogland, theirs.id)).toBeNull()
    expect((await listOwnApplications(f.hoogland)).map((a) => a.id)).not.toContain(theirs.id)
    expect(await getOwnApplication(f.zielhorst, theirs.id)).not.toBeNull()
    expect(await getForStaff(f.reviewer, theirs.id)).not.toBeNull()
    expect(await getForStaff(f.reviewerSouth, theirs.id)).toBeNull()
    await expect(approve(f.reviewerSouth, theirs.id, 100)).rejects.toMatchObject({ status: 404 })
    expect(await refusal(saveDraft(f.hoogland, input(zielhorst.id)))).toMatchObject({
      key: 'errors.applications.notYourArea',
      field: 'areaId',
    })
  })

  test('a double submit creates one submission', async () => {
    const hoogland = await f.area('WK030719')
    const draft = await saveDraft(f.hoogland, input(hoogland.id))
    const results = await Promise.all([1, 2, 3].map(() => submitApplication(f.hoogland, draft.id, input(hoogland.id))))
    expect(new Set(results.map((r) => r.id)).size).toBe(1)
    const changes = await prisma.statusChange.count({ where: { applicationId: draft.id, toStatus: 'SUBMITTED' } })
    expect(changes).toBe(1)
  })

  test('an initiative outside the round year is refused and the draft stays', async () => {
    const hoogland = await f.area('WK030719')
    const draft = await saveDraft(f.hoogland, input(hoogland.id))
    const refused = await submitApplication(
      f.hoogland,
      draft.id,
      input(hoogland.id, { startDate: '2027-01-05', endDate: '2027-01-06' }),
    ).catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(EligibilityError)
    expect((refused as EligibilityError).reasons.find((r) => r.field === 'startDate')?.message).toContain('2026')
    expect((await prisma.application.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe('DRAFT')
  })

  test('a rejection records the reason and moves no money', async () => {
    const hoogland = await f.area('WK030719')
    const app = await submitApplication(f.hoogland, undefined, input(hoogland.id))
    const entries = await prisma.ledgerEntry.count()
    await reject(f.reviewer, app.id, 'Past niet binnen de regeling: het initiatief is niet openbaar toegankelijk.')
    const stored = await prisma.application.findUniqueOrThrow({ where: { id: app.id } })
    expect(stored.status).toBe('REJECTED')
    expect(stored.decisionReason).toContain('openbaar')
    expect(await prisma.ledgerEntry.count()).toBe(entries)
  })
})

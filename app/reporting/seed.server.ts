// Seed data of the reporting module (issue 12): a consented, awarded, partly paid and spent initiative
// in Kruiskamp with a receipt (so the public pages show granted and realised there), and the
// city-wide Stadspeiling indicators 2014-2016 (/work/shared/data/README.md). Idempotent.
import { createHash } from 'node:crypto'
import { prisma, type Tx } from '#app/db.server.ts'
import { buildSnapshot } from '#app/applications/applications.server.ts'
import { bookAcceptedExpense, bookPastPayment } from '#app/grants/history.server.ts'
import { approve } from '#app/review/decisions.server.ts'
import { samplePdf } from '#app/applications/sample-pdf.ts'

export const CITY_SCOPE = 'GM0307'

/** Realised city figures of the Stadspeiling (source: O&S), values in thousandths. */
export const CITY_INDICATORS: { measure: string; values: [number, number][] }[] = [
  {
    measure: 'RAPPORTCIJFER_BUURT',
    values: [
      [2014, 7300],
      [2015, 7400],
      [2016, 7400],
    ],
  },
  {
    measure: 'SOCIALE_COHESIE',
    values: [
      [2014, 6400],
      [2015, 6300],
      [2016, 6400],
    ],
  },
  {
    measure: 'BETROKKENHEID',
    values: [
      [2014, 35000],
      [2015, 34000],
      [2016, 35000],
    ],
  },
]

export async function seedReporting(passwordHash: string) {
  for (const { measure, values } of CITY_INDICATORS)
    for (const [year, valueMilli] of values)
      await prisma.indicator.upsert({
        where: { scope_year_measure_kind: { scope: CITY_SCOPE, year, measure, kind: 'REALISED' } },
        create: { scope: CITY_SCOPE, year, measure, kind: 'REALISED', valueMilli },
        update: {},
      })

  const reference = 'BB-2026-0007'
  if (await prisma.application.findUnique({ where: { reference } })) return
  const round = await prisma.budgetRound.findUnique({ where: { year: 2026 } })
  const area = await prisma.area.findUnique({ where: { code: 'WK030707' } })
  const reviewer = await prisma.user.findUnique({
    where: { email: 'beoordelaar.zuid@amersfoort.example' },
    include: { reviewerAreas: true },
  })
  if (!round || !area || !reviewer) return
  const member = await prisma.user.upsert({
    where: { email: 'aanvrager@kruiskampkoppelt.example' },
    create: {
      email: 'aanvrager@kruiskampkoppelt.example',
      name: 'Yusuf Demir',
      role: 'FOUNDATION_MEMBER',
      passwordHash,
      emailVerifiedAt: new Date('2025-11-03T10:00:00Z'),
    },
    update: {},
  })
  const foundation = await prisma.foundation.upsert({
    where: { kvkNumber: '70312458' },
    create: {
      name: 'Stichting Kruiskamp Koppelt',
      kvkNumber: '70312458',
      iban: 'NL91ABNA0417164300',
      accountHolder: 'Stichting Kruiskamp Koppelt',
      contactName: 'Yusuf Demir',
      email: 'info@kruiskampkoppelt.example',
      phone: '033 469 12 34',
      verifiedAt: new Date('2025-11-03T10:00:00Z'),
      areas: { create: [{ areaId: area.id }] },
      members: { create: [{ userId: member.id, role: 'FOUNDATION_ADMIN' }] },
    },
    update: {},
  })
  const submittedAt = new Date('2026-01-20T10:00:00Z')
  const app = await prisma.application.create({
    data: {
      reference,
      roundId: round.id,
      areaId: area.id,
      foundationId: foundation.id,
      title: 'Buurtmaaltijd Kruiskamp',
      category: 'ontmoeting',
      description: 'Elke maand koken buren uit Kruiskamp samen in het wijkcentrum en eten ze met wie wil aanschuiven.',
      startDate: new Date('2026-02-01T00:00:00Z'),
      endDate: new Date('2026-11-30T00:00:00Z'),
      status: 'SUBMITTED',
      submittedAt,
      requestedCents: 320_000n,
      createdById: member.id,
      location: 'Wijkcentrum Kruiskamp',
      goal: 'Buren van verschillende afkomst leren elkaar kennen aan tafel.',
      targetGroup: 'Alle bewoners van Kruiskamp, vooral wie alleen woont',
      expectedParticipants: 40,
      support: 'Acht vaste kookvrijwilligers.',
      ownContribution: 'Vrijwilligers koken en ruimen op.',
      partners: 'Sociaal Wijkteam',
      advancePercent: 75,
      declarationTrue: true,
      declarationPublish: true,
      budgetLines: {
        create: [
          { position: 0, description: 'Boodschappen (10 maaltijden)', amountCents: 250_000n },
          { position: 1, description: 'Huur keuken wijkcentrum', amountCents: 70_000n },
        ],
      },
      statusChanges: {
        create: [
          { toStatus: 'DRAFT', actorId: member.id, createdAt: new Date('2026-01-19T10:00:00Z') },
          { fromStatus: 'DRAFT', toStatus: 'SUBMITTED', actorId: member.id, createdAt: submittedAt },
        ],
      },
    },
  })
  await prisma.application.update({
    where: { id: app.id },
    data: {
      snapshot: { ...(await buildSnapshot(prisma as unknown as Tx, app.id)), submittedAt: submittedAt.toISOString() },
    },
  })
  const staff = {
    id: reviewer.id,
    role: reviewer.role,
    areaIds: reviewer.reviewerAreas.map((r) => r.areaId),
    foundationIds: [],
  }
  // Below the round's four-eyes threshold (EUR 2.500,00), so one reviewer decides.
  await approve(
    staff,
    app.id,
    240_000,
    'De post voor materiaal is lager toegekend: de keuken van het buurthuis is al ingericht.',
  )
  // The seed books the advance as it was paid (in February), instead of the proposal the award makes.
  await prisma.payment.deleteMany({ where: { applicationId: app.id, status: 'PROPOSED' } })
  await bookPastPayment(staff.id, app.id, { amountCents: 180_000, date: '2026-02-03', description: 'Voorschot 75%' })
  await bookAcceptedExpense(staff.id, app.id, {
    amountCents: 48_250,
    date: '2026-02-28',
    description: 'Boodschappen buurtmaaltijd februari',
  })
  await bookAcceptedExpense(staff.id, app.id, {
    amountCents: 7_000,
    date: '2026-02-28',
    description: 'Huur keuken februari',
  })
  const receipt = samplePdf(['Kassabon Supermarkt Kruiskamp', 'Boodschappen buurtmaaltijd', 'Totaal EUR 482,50'])
  await prisma.attachment.create({
    data: {
      applicationId: app.id,
      kind: 'receipt',
      filename: 'bon-boodschappen-februari.pdf',
      contentType: 'application/pdf',
      sizeBytes: receipt.byteLength,
      sha256: createHash('sha256').update(receipt).digest('hex'),
      data: receipt,
      uploadedById: member.id,
    },
  })
}

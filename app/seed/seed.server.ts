import { readFileSync } from 'node:fs'
import path from 'node:path'
import { projectRoot } from '#app/db/embedded.server.ts'
import { composeIBAN } from 'ibantools'
import { prisma } from '#app/db.server.ts'
import { hashPassword } from '#app/auth/password.server.ts'
import { bookAcceptedExpense, bookPastPayment } from '#app/grants/history.server.ts'
import { approve, confirmAward, reject } from '#app/review/decisions.server.ts'
import { publishAllocation } from '#app/allocation/publish.server.ts'
import { fundRound } from '#app/rounds/rounds.server.ts'
import { createHash } from 'node:crypto'
import type { Tx } from '#app/db.server.ts'
import { buildSnapshot } from '#app/applications/applications.server.ts'
import { CATEGORIES } from '#app/applications/categories.ts'
import { decisionDueOn } from '#app/applications/clock.ts'
import { samplePdf } from '#app/applications/sample-pdf.ts'
import type { ApplicationStatus, Role } from '#app/generated/prisma/enums.ts'
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TOTP_SECRET } from './demo-accounts.ts'
import { seedReporting } from '#app/reporting/seed.server.ts'

// From the project root, not this file: in `npm start` this module runs from the server bundle.
const CSV = path.join(projectRoot(), 'prisma/data/amersfoort-wijken-2024.csv')

export function readAreasCsv(text = readFileSync(CSV, 'utf8')) {
  const [header, ...rows] = text.trim().split(/\r?\n/)
  const columns = header.split(',')
  return rows.map((row) => {
    const cells = row.split(',')
    const get = (name: string) => cells[columns.indexOf(name)] ?? ''
    return {
      code: get('code'),
      name: get('name'),
      inhabitants: Number(get('inhabitants')),
      priority: get('priority') === 'true',
    }
  })
}

const iban = (bank: string, account: string) => {
  const value = composeIBAN({ countryCode: 'NL', bban: `${bank}${account}` })
  if (!value) throw new Error(`invalid seed IBAN ${bank}${account}`)
  return value
}

const FOUNDATIONS = [
  {
    key: 'hoogland',
    name: 'Stichting Hoogland Leeft',
    kvkNumber: '74218530',
    iban: iban('INGB', '0007421853'),
    contactName: 'Marieke van den Brink',
    email: 'bestuur@hooglandleeft.example',
    areas: ['WK030719', 'WK030727'],
  },
  {
    key: 'zielhorst',
    name: 'Stichting Wijkbudget Zielhorst',
    kvkNumber: '68103327',
    iban: iban('RABO', '0316810332'),
    contactName: 'Ahmed El Amrani',
    email: 'info@wijkbudgetzielhorst.example',
    areas: ['WK030720'],
  },
  {
    key: 'soesterkwartier',
    name: 'Stichting Soesterkwartier Samen',
    kvkNumber: '81550274',
    iban: iban('TRIO', '0391550274'),
    contactName: 'Fatma Yilmaz',
    email: 'contact@soesterkwartiersamen.example',
    areas: ['WK030703'],
  },
  {
    key: 'nieuwland',
    name: 'Stichting Nieuwland Verbindt',
    kvkNumber: '59977104',
    iban: iban('ABNA', '0459977104'),
    contactName: 'Jeroen Bakker',
    email: 'post@nieuwlandverbindt.example',
    areas: ['WK030724'],
  },
  {
    key: 'kattenbroek',
    name: 'Stichting Buurtbudget Kattenbroek',
    kvkNumber: '41190822',
    iban: iban('SNSB', '0941190822'),
    contactName: 'Ineke de Vries',
    email: 'bestuur@buurtbudgetkattenbroek.example',
    areas: ['WK030721'],
  },
] as const

const ROUND_YEAR = 2026

type SeedApplication = {
  reference: string
  foundation: (typeof FOUNDATIONS)[number]['key']
  area: string
  title: string
  category: string
  description: string
  start: string
  end: string
  lines: [string, number][]
  status: ApplicationStatus
  award?: number
  payments?: [number, string][]
  expenses?: [number, string][]
  rejection?: string
}

/** What the full application form asks besides title, description and budget (issue 5). */
const INTAKE: Record<
  string,
  {
    location: string
    goal: string
    targetGroup: string
    expectedParticipants: number
    support: string
    ownContribution: string
    partners: string
    permits: string
  }
> = {
  'BB-2026-0001': {
    location: 'Ateliers en tuinen rond de Zevenhuizerstraat en de Kapel van Hoogland',
    goal: 'Buren leren de kunstenaars in hun eigen straat kennen; de route brengt oud- en nieuw-Hooglanders met elkaar in gesprek.',
    targetGroup: 'Alle bewoners van Hoogland en Hoogland-West',
    expectedParticipants: 1200,
    support: 'Twintig kunstenaars hebben toegezegd; 140 handtekeningen op de lijst bij de supermarkt.',
    ownContribution: 'Vijftien vrijwilligers bemensen de route; de kunstenaars stellen hun atelier gratis open.',
    partners: 'Kapel van Hoogland, Indebuurt033',
    permits: 'Vlaggen langs de openbare weg: melding bij de gemeente gedaan.',
  },
  'BB-2026-0002': {
    location: 'Rond de Zielhorsterplas en het Zielhorsterpark',
    goal: 'Een schonere buurt en buren die elkaar ontmoeten; kinderen leren dat zwerfafval niet vanzelf verdwijnt.',
    targetGroup: 'Gezinnen, de basisschool en de scouting uit Zielhorst',
    expectedParticipants: 60,
    support: 'Aangekondigd in de wijkkrant; 35 aanmeldingen in de eerste week.',
    ownContribution: 'Vrijwilligers organiseren en zetten de soep; de scouting leent de kar.',
    partners: 'Scouting Zielhorst, de basisschool, Sociaal Wijkteam',
    permits: 'Geen vergunning nodig; afspraken met de afvalinzameling over het ophalen van de zakken.',
  },
  'BB-2026-0003': {
    location: 'Buurthuis in het Soesterkwartier',
    goal: 'Jonge moeders die vaak alleen thuis zitten vinden elkaar en de weg naar hulp in de wijk.',
    targetGroup: 'Moeders met kinderen tot 4 jaar',
    expectedParticipants: 25,
    support: 'Drie proefochtenden met gemiddeld 14 moeders; wachtlijst bij het consultatiebureau.',
    ownContribution: 'Vier vaste vrijwilligers; het buurthuis rekent een gereduceerd tarief.',
    partners: 'Consultatiebureau, Sociaal Wijkteam',
    permits: '',
  },
  'BB-2026-0004': {
    location: 'Grasveld midden in Nieuwland',
    goal: 'Een feest waar nieuwe en oude bewoners elkaar ontmoeten.',
    targetGroup: 'Alle bewoners van Nieuwland',
    expectedParticipants: 300,
    support: 'Idee uit de bewonersavond van november.',
    ownContribution: 'Vrijwilligers bakken en ruimen op.',
    partners: '',
    permits: 'Evenementenmelding nodig.',
  },
  'BB-2026-0005': {
    location: 'Het plein in het hart van Kattenbroek',
    goal: 'Kinderen die de zomer thuis zijn bewegen en spelen samen.',
    targetGroup: 'Kinderen van 6 tot 12 jaar',
    expectedParticipants: 80,
    support: 'Vraag van ouders op het schoolplein.',
    ownContribution: 'Tien vrijwilligers begeleiden de middagen.',
    partners: 'Sportbedrijf Amersfoort',
    permits: '',
  },
  'BB-2026-0006': {
    location: 'Braakliggend stuk naast de speeltuin bij De Neng',
    goal: 'Bewoners tuinieren samen; de oogst gaat naar de buurttafel voor wie het nodig heeft.',
    targetGroup: 'Bewoners van Hoogland, ook ouderen en kinderen',
    expectedParticipants: 40,
    support: '52 handtekeningen van omwonenden.',
    ownContribution: 'Een groep van twaalf tuinders onderhoudt de tuin het hele seizoen.',
    partners: 'Speeltuinvereniging De Neng',
    permits: 'Toestemming van de gemeente voor tijdelijk gebruik van het stuk grond aangevraagd.',
  },
}

const APPLICATIONS: SeedApplication[] = [
  {
    reference: 'BB-2026-0001',
    foundation: 'hoogland',
    area: 'WK030719',
    title: 'Kunstroute Hoogland',
    category: 'kunst_cultuur',
    description:
      'Een weekend lang openen twintig kunstenaars uit Hoogland hun atelier en tuin. Een wandelroute langs de adressen brengt buren met elkaar in gesprek.',
    start: '2026-05-16',
    end: '2026-05-17',
    lines: [
      ['Drukwerk routekaart en posters', 145000],
      ['Bewegwijzering en vlaggen', 98000],
      ['Opening met muziek in de Kapel', 207000],
    ],
    status: 'AWARDED',
    award: 450000,
    payments: [[337500, 'Voorschot 75%']],
    expenses: [[145000, 'Drukkerij De Eem: routekaart en posters']],
  },
  {
    reference: 'BB-2026-0002',
    foundation: 'zielhorst',
    area: 'WK030720',
    title: 'Opruimactie zwerfafval Zielhorst',
    category: 'schoon_heel_veilig',
    description:
      'Op Landelijke Opschoondag ruimen bewoners, de basisschool en de scouting samen zwerfafval op rond de Zielhorsterplas. Na afloop soep en een prijs voor de grootste vondst.',
    start: '2026-03-21',
    end: '2026-03-21',
    lines: [
      ['Grijpers, vuilniszakken en hesjes', 42500],
      ['Soep en drinken voor 60 deelnemers', 27500],
      ['Prijzen voor kinderen', 15000],
    ],
    status: 'SUBMITTED',
  },
  {
    reference: 'BB-2026-0003',
    foundation: 'soesterkwartier',
    area: 'WK030703',
    title: 'Mamacafé Soesterkwartier',
    category: 'ontmoeting',
    description:
      'Elke woensdagochtend een laagdrempelige ontmoetingsplek voor moeders met jonge kinderen in het buurthuis, met koffie, een speelhoek en af en toe een gastspreker.',
    start: '2026-02-04',
    end: '2026-12-16',
    lines: [
      ['Huur buurthuis (40 ochtenden)', 160000],
      ['Koffie, thee en fruit', 48000],
      ['Speelgoed en materialen', 32000],
    ],
    status: 'AWARDED',
    award: 240000,
    payments: [[180000, 'Voorschot 75%']],
  },
  {
    reference: 'BB-2026-0004',
    foundation: 'nieuwland',
    area: 'WK030724',
    title: 'Burendag-barbecue Nieuwland',
    category: 'ontmoeting',
    description: 'Een barbecue voor de hele wijk op Burendag, met een springkussen en muziek van een lokale band.',
    start: '2026-09-26',
    end: '2026-09-26',
    lines: [
      ['Vlees en vegetarische alternatieven', 180000],
      ['Springkussen', 45000],
    ],
    status: 'REJECTED',
    rejection:
      'Een barbecue waarvan de kosten grotendeels uit eten bestaan valt buiten de regeling: het Buurtbudget betaalt geen catering als hoofddoel. Een aanvraag voor de activiteiten zelf is welkom.',
  },
  {
    reference: 'BB-2026-0005',
    foundation: 'kattenbroek',
    area: 'WK030721',
    title: 'Zomerspelen op het Kattenbroekse plein',
    category: 'sport_spel',
    description:
      'Drie middagen in de zomervakantie sport- en spelactiviteiten voor kinderen van 6 tot 12 jaar, begeleid door vrijwilligers.',
    start: '2026-07-20',
    end: '2026-08-07',
    lines: [['Huur spelmaterialen', 60000]],
    status: 'DRAFT',
  },
  {
    reference: 'BB-2026-0006',
    foundation: 'hoogland',
    area: 'WK030719',
    title: 'Moestuin bij De Neng',
    category: 'groen',
    description:
      'Bewoners leggen samen een moestuin aan op het braakliggende stuk naast de speeltuin; de oogst gaat naar de buurttafel.',
    start: '2026-04-01',
    end: '2026-10-31',
    lines: [
      ['Plantenbakken en aarde', 85000],
      ['Zaden, planten en gereedschap', 37500],
    ],
    status: 'SUBMITTED',
  },
]

/**
 * Fills an empty database with Amersfoort's real wijken and a realistic round 2026. Idempotent:
 * running it again changes nothing that is there, and money is only ever booked through the ledger.
 */
export async function seed(log: (message: string) => void = () => {}) {
  for (const area of readAreasCsv()) {
    await prisma.area.upsert({ where: { code: area.code }, create: area, update: {} })
  }
  const areas = new Map((await prisma.area.findMany()).map((a) => [a.code, a]))
  // The CBS 2024 figures are also the inhabitants of reference year 2024 (AreaPopulation).
  for (const area of readAreasCsv()) {
    const areaId = areas.get(area.code)!.id
    await prisma.areaPopulation.upsert({
      where: { areaId_year: { areaId, year: 2024 } },
      create: { areaId, year: 2024, inhabitants: area.inhabitants },
      update: {},
    })
  }

  const passwordHash = await hashPassword(DEMO_PASSWORD)
  const users = new Map<string, string>()
  for (const account of DEMO_ACCOUNTS) {
    const user = await prisma.user.upsert({
      where: { email: account.email },
      create: { email: account.email, name: account.name, role: account.role as Role, passwordHash },
      update: {},
    })
    users.set(account.key, user.id)
  }
  // Demo accounts have verified addresses, and the demo staff marked `totp` the documented TOTP secret
  // (only set where nothing is set yet, so running the seed again changes nothing).
  const demoEmails = DEMO_ACCOUNTS.map((a) => a.email)
  await prisma.user.updateMany({
    where: { email: { in: demoEmails }, emailVerifiedAt: null },
    data: { emailVerifiedAt: new Date('2025-11-03T10:00:00Z') },
  })
  await prisma.user.updateMany({
    where: { email: { in: DEMO_ACCOUNTS.filter((a) => a.totp).map((a) => a.email) }, totpSecret: null },
    data: { totpSecret: DEMO_TOTP_SECRET, totpEnabledAt: new Date('2025-11-03T10:00:00Z') },
  })

  const foundations = new Map<string, string>()
  for (const f of FOUNDATIONS) {
    const foundation = await prisma.foundation.upsert({
      where: { kvkNumber: f.kvkNumber },
      create: {
        name: f.name,
        kvkNumber: f.kvkNumber,
        iban: f.iban,
        accountHolder: f.name,
        contactName: f.contactName,
        email: f.email,
        verifiedAt: new Date('2025-11-03T10:00:00Z'),
        areas: { create: f.areas.map((code) => ({ areaId: areas.get(code)!.id })) },
      },
      update: {},
    })
    foundations.set(f.key, foundation.id)
  }
  for (const account of DEMO_ACCOUNTS) {
    if (account.foundation) {
      const userId = users.get(account.key)!
      const foundationId = foundations.get(account.foundation)!
      await prisma.membership.upsert({
        where: { userId_foundationId: { userId, foundationId } },
        create: { userId, foundationId, role: 'FOUNDATION_ADMIN' },
        update: {},
      })
    }
    for (const code of account.areas ?? []) {
      const userId = users.get(account.key)!
      const areaId = areas.get(code)!.id
      await prisma.reviewerArea.upsert({
        where: { userId_areaId: { userId, areaId } },
        create: { userId, areaId },
        update: {},
      })
    }
  }

  const admin = users.get('beheerder')!
  const round = await prisma.budgetRound.upsert({
    where: { year: ROUND_YEAR },
    create: {
      year: ROUND_YEAR,
      name: 'Buurtbudget 2026',
      potCents: 45_000_000n,
      fixedAllowanceCents: 100_000n,
      opensOn: new Date('2026-01-01T00:00:00Z'),
      closesOn: new Date('2026-12-31T00:00:00Z'),
      maxAmountCents: 750_000n,
      categories: [...CATEGORIES],
      reportTermWeeks: 4,
      advancePercent: 75,
      areas: { create: [...areas.values()].map((a) => ({ areaId: a.id, weightMilli: a.priority ? 1500 : 1000 })) },
    },
    update: {},
  })
  await fundRound(round.id, admin)
  if (!(await prisma.allocation.findFirst({ where: { roundId: round.id, status: 'PUBLISHED' } }))) {
    await publishAllocation(
      round.id,
      {
        potCents: 45_000_000,
        fixedAllowanceCents: 100_000,
        priorityWeightMilli: 1500,
        inhabitantsYear: 2024,
        unspentPolicy: 'RETURN_TO_MUNICIPALITY',
        areas: {},
      },
      admin,
      null,
    )
    log('Verdeling 2026 gepubliceerd (versie 1).')
  }

  const reviewerFor = (code: string) =>
    users.get(DEMO_ACCOUNTS.find((a) => a.role === 'REVIEWER' && a.areas?.includes(code))!.key)!
  for (const a of APPLICATIONS) {
    if (await prisma.application.findUnique({ where: { reference: a.reference } })) continue
    const member = users.get(DEMO_ACCOUNTS.find((d) => d.foundation === a.foundation)!.key)!
    const submitted = a.status !== 'DRAFT'
    const submittedAt = new Date(`${a.start.slice(0, 4)}-01-15T09:30:00Z`)
    const app = await prisma.application.create({
      data: {
        reference: a.reference,
        roundId: round.id,
        areaId: areas.get(a.area)!.id,
        foundationId: foundations.get(a.foundation)!,
        title: a.title,
        category: a.category,
        description: a.description,
        startDate: new Date(`${a.start}T00:00:00Z`),
        endDate: new Date(`${a.end}T00:00:00Z`),
        status: submitted ? 'SUBMITTED' : 'DRAFT',
        submittedAt: submitted ? submittedAt : null,
        requestedCents: BigInt(a.lines.reduce((s, [, c]) => s + c, 0)),
        createdById: member,
        ...INTAKE[a.reference],
        advancePercent: 75,
        declarationTrue: submitted,
        declarationPublish: submitted,
        budgetLines: {
          create: a.lines.map(([description, cents], position) => ({
            position,
            description,
            amountCents: BigInt(cents),
          })),
        },
        statusChanges: {
          create: [
            { toStatus: 'DRAFT', actorId: member, createdAt: new Date(submittedAt.getTime() - 86_400_000) },
            ...(submitted
              ? [
                  {
                    fromStatus: 'DRAFT' as const,
                    toStatus: 'SUBMITTED' as const,
                    actorId: member,
                    createdAt: submittedAt,
                  },
                ]
              : []),
          ],
        },
      },
    })
    // A quote for every application, and for the submitted ones the frozen snapshot and the decision term.
    const quote = samplePdf([
      `Offerte voor ${a.title}`,
      ...a.lines.map(([d, c]) => `${d}: EUR ${(c / 100).toFixed(2)}`),
    ])
    await prisma.attachment.create({
      data: {
        applicationId: app.id,
        kind: 'quote',
        filename: `offerte-${a.reference.toLowerCase()}.pdf`,
        contentType: 'application/pdf',
        sizeBytes: quote.byteLength,
        sha256: createHash('sha256').update(quote).digest('hex'),
        data: quote,
        uploadedById: member,
      },
    })
    if (submitted) {
      const submittedOn = submittedAt.toISOString().slice(0, 10)
      const snapshot = {
        ...(await buildSnapshot(prisma as unknown as Tx, app.id)),
        submittedAt: submittedAt.toISOString(),
        decisionDueOn: decisionDueOn(submittedOn),
      }
      await prisma.application.update({
        where: { id: app.id },
        data: { snapshot, decisionDueOn: new Date(`${snapshot.decisionDueOn}T00:00:00Z`) },
      })
    }
    const reviewer = await staffUser(reviewerFor(a.area))
    if (a.status === 'AWARDED') {
      const reasons =
        a.award! < a.lines.reduce((s, [, c]) => s + c, 0)
          ? 'Een deel van de begroting valt buiten de regeling; dat deel kennen wij niet toe.'
          : undefined
      const award = await approve(reviewer, app.id, a.award!, reasons)
      // Above the round's four-eyes threshold a second reviewer of the wijk confirms (issue 10).
      if (award.state === 'AWAITING_CONFIRMATION') {
        const second = DEMO_ACCOUNTS.find(
          (d) => d.role === 'REVIEWER' && d.areas?.includes(a.area) && users.get(d.key) !== reviewer.id,
        )
        if (second) await confirmAward(await staffUser(users.get(second.key)!), app.id)
      }
    }
    if (a.status === 'REJECTED') await reject(reviewer, app.id, a.rejection!)
    if (a.status === 'AWARDED' || a.status === 'REJECTED') {
      // The story in order: submitted 15 January, decided a week later, paid 1 February, spent in April
      // (approve/reject stamp the real time of seeding, which would come after the payment date). The
      // status history keeps the real time of seeding: it is append-only and hash-chained (decision 0031).
      const decidedAt = new Date(`${a.start.slice(0, 4)}-01-22T10:00:00Z`)
      await prisma.application.update({ where: { id: app.id }, data: { decidedAt } })
      // The seed books the payments as they were made, instead of the advance proposal of the award.
      if (a.payments?.length) await prisma.payment.deleteMany({ where: { applicationId: app.id, status: 'PROPOSED' } })
    }
    for (const [cents, description] of a.payments ?? [])
      await bookPastPayment(reviewer.id, app.id, { amountCents: cents, date: '2026-02-01', description })
    for (const [cents, description] of a.expenses ?? [])
      await bookAcceptedExpense(reviewer.id, app.id, { amountCents: cents, date: '2026-04-20', description })
    log(`Aanvraag ${a.reference} ${a.title} (${a.status}).`)
  }
  // ---- audit: reporting seed (issue 12) ----
  await seedReporting(passwordHash)
}

async function staffUser(id: string) {
  const user = await prisma.user.findUniqueOrThrow({
    where: { id },
    include: { reviewerAreas: true, memberships: true },
  })
  return {
    id: user.id,
    role: user.role,
    areaIds: user.reviewerAreas.map((r) => r.areaId),
    foundationIds: user.memberships.map((m) => m.foundationId),
  }
}

export async function isEmpty() {
  return (await prisma.area.count()) === 0
}

// Every mail template is sent by some event of the portal. The list under test is TEMPLATE_NAMES
// itself (the templates in emails/index.ts), so a new template without a sender fails here: for each
// template the real service function of its event runs against the test database, and the outbox
// must then hold a mail with that template for the person the event is about.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { prisma } from '#app/db.server.ts'
import { submitApplication } from '#app/applications/applications.server.ts'
import { samplePdf } from '#app/applications/sample-pdf.ts'
import { applicationSchema } from '#app/applications/schema.ts'
import { requestPasswordReset, resendVerification } from '#app/auth/accounts.server.ts'
import { inviteMember } from '#app/foundations/members.server.ts'
import { bookPastPayment } from '#app/grants/history.server.ts'
import { sendReportReminders } from '#app/grants/reminders.server.ts'
import { reportDueOn } from '#app/grants/report.server.ts'
import { settle } from '#app/grants/settlement.server.ts'
import { sendDeadlineWarnings } from '#app/jobs/deadline-warnings.server.ts'
import { approve, askInformation } from '#app/review/decisions.server.ts'
import { decideObjection, registerObjection } from '#app/review/objections.server.ts'
import { seeded } from '#app/testing/fixtures.ts'
import { TEMPLATE_NAMES, type TemplateName } from './render.ts'

process.env.PORTAL_CLOCK = '2026-06-01'
const TODAY = '2026-06-01'
const NL = { lang: 'nl' } as const

let f: Awaited<ReturnType<typeof seeded>>
let areaId: string
beforeAll(async () => {
  f = await seeded()
  areaId = f.reviewer.areaIds[0]
})
// Each event starts from an empty outbox (the seed queues mails of its own), so what is found was sent by it.
beforeEach(async () => {
  await prisma.outboxMail.deleteMany()
})

let counter = 0
/** A foundation of its own (its address is where the applicant's mails go) with a submitted application. */
async function submitted(requestedCents: number, extra: { endDate?: string; decisionDueOn?: string } = {}) {
  counter += 1
  const foundation = await prisma.foundation.create({
    data: {
      name: `Stichting Elke Mail ${counter}`,
      kvkNumber: String(81_000_000 + counter),
      iban: 'NL91ABNA0417164300',
      accountHolder: `Stichting Elke Mail ${counter}`,
      contactName: 'Mai Ling',
      email: `elke-mail-${counter}@example.org`,
      areas: { create: { areaId } },
    },
  })
  const app = await prisma.application.create({
    data: {
      reference: `BB-MAIL-${counter}`,
      roundId: f.round.id,
      areaId,
      foundationId: foundation.id,
      title: `Initiatief ${counter}`,
      category: 'ontmoeting',
      description: 'x'.repeat(30),
      status: 'SUBMITTED',
      submittedAt: new Date(),
      requestedCents: BigInt(requestedCents),
      endDate: new Date(`${extra.endDate ?? '2026-09-30'}T00:00:00Z`),
      decisionDueOn: extra.decisionDueOn ? new Date(`${extra.decisionDueOn}T00:00:00Z`) : undefined,
      createdById: f.admin.id,
    },
  })
  return { app, foundation }
}

/** Drives the event that sends the template and says to whom it must have gone (and, if useful, what the mail is about). */
type Sender = () => Promise<{ to: string; reference?: string }>

const SENDERS: Partial<Record<TemplateName, Sender>> = {
  async invitation() {
    const foundation = await prisma.foundation.findFirstOrThrow({
      where: { members: { some: { userId: f.hoogland.id } } },
    })
    await inviteMember(f.hoogland, foundation.id, 'nieuw-lid@example.org', 'MEMBER', NL)
    return { to: 'nieuw-lid@example.org' }
  },

  async 'email-verification'() {
    // A sign-in with the right password but an unverified address sends a fresh link.
    const user = await prisma.user.create({
      data: {
        email: 'onbevestigd@example.org',
        name: 'Otto Nbevestigd',
        role: 'FOUNDATION_MEMBER',
        passwordHash: 'not-used-here',
      },
    })
    await resendVerification(user.id, NL)
    return { to: user.email }
  },

  async 'password-reset'() {
    await requestPasswordReset(f.zielhorst.email, NL)
    return { to: f.zielhorst.email }
  },

  async 'application-receipt'() {
    const hoogland = await f.area('WK030719')
    const input = applicationSchema.parse({
      title: 'Moestuin voor iedereen',
      category: 'groen',
      areaId: hoogland.id,
      description: 'Bewoners leggen samen een moestuin aan op een braakliggend stuk grond.',
      startDate: '2026-07-01',
      endDate: '2026-09-30',
      lines: [{ description: 'Plantenbakken', amount: '1.000' }],
      location: 'Liendertseweg',
      goal: 'Buren leren elkaar kennen.',
      targetGroup: 'Bewoners',
      expectedParticipants: '30',
      support: '42 handtekeningen.',
      ownContribution: 'Vrijwilligers.',
      advancePercent: '75',
      declarationTrue: 'on',
      declarationPublish: 'on',
      attachment: new File([samplePdf(['Offerte'])], 'offerte.pdf', { type: 'application/pdf' }),
      attachmentKind: 'quote',
    })
    const app = await submitApplication(f.hoogland, undefined, input)
    return { to: f.hoogland.email, reference: app.reference }
  },

  async 'missing-information'() {
    const { app, foundation } = await submitted(50_000)
    await askInformation(f.reviewer, app.id, {
      question: 'Stuur de offerte van de plantenbakken mee.',
      dueOn: '2026-06-15',
    })
    return { to: foundation.email, reference: app.reference }
  },

  async decision() {
    const { app, foundation } = await submitted(80_000) // below the four-eyes threshold: effective at once
    await approve(f.reviewer, app.id, 80_000)
    return { to: foundation.email, reference: app.reference }
  },

  async 'second-approval-needed'() {
    const { app } = await submitted(400_000) // at or above the threshold: a second reviewer must confirm
    const result = await approve(f.reviewer, app.id, 400_000)
    expect(result.state).toBe('AWAITING_CONFIRMATION')
    const other = await prisma.user.findFirstOrThrow({
      where: { role: 'REVIEWER', active: true, id: { not: f.reviewer.id }, reviewerAreas: { some: { areaId } } },
      orderBy: { name: 'asc' },
    })
    return { to: other.email, reference: app.reference }
  },

  async 'payment-notice'() {
    const { app, foundation } = await submitted(80_000)
    await approve(f.reviewer, app.id, 80_000)
    await bookPastPayment(f.reviewer.id, app.id, { amountCents: 60_000, date: TODAY, description: 'Voorschot 75%' })
    return { to: foundation.email, reference: app.reference }
  },

  async 'report-reminder'() {
    const { app, foundation } = await submitted(80_000, { endDate: '2026-06-10' })
    await approve(f.reviewer, app.id, 80_000)
    await sendReportReminders(reportDueOn('2026-06-10', f.round.reportTermWeeks))
    return { to: foundation.email, reference: app.reference }
  },

  async settlement() {
    // A small grant settled at the award (vaststelling bij verlening), as the reviewer's page does it.
    const { app, foundation } = await submitted(40_000)
    await approve(f.reviewer, app.id, 40_000)
    await prisma.$transaction((tx) =>
      settle(tx, {
        applicationId: app.id,
        finalCents: 40_000,
        reason: 'Vastgesteld bij de verlening',
        actorId: f.reviewer.id,
        today: TODAY,
        atAward: true,
      }),
    )
    return { to: foundation.email, reference: app.reference }
  },

  async 'deadline-warning'() {
    const { app } = await submitted(50_000, { decisionDueOn: '2026-06-10' }) // due within 14 days
    await sendDeadlineWarnings(TODAY)
    return { to: f.reviewer.email, reference: app.reference }
  },

  async 'objection-decision'() {
    const { app, foundation } = await submitted(80_000)
    await approve(f.reviewer, app.id, 80_000)
    const objection = await registerObjection(f.reviewer, app.id, {
      receivedOn: TODAY,
      objectorName: 'Mai Ling namens de stichting',
      grounds: 'Het bedrag is te laag: de begroting is volledig binnen de regeling.',
    })
    await decideObjection(f.reviewer, objection.id, {
      outcome: 'UNFOUNDED',
      reasons: 'De begroting is getoetst aan de regeling; het besluit blijft staan.',
    })
    return { to: foundation.email, reference: app.reference }
  },
}

describe('every mail template is sent by an event of the portal', () => {
  it('knows the templates (the list under test is not empty)', () => {
    expect(TEMPLATE_NAMES.length).toBeGreaterThanOrEqual(12)
  })

  for (const template of TEMPLATE_NAMES) {
    it(`${template}: its event puts it in the outbox for the right person`, async () => {
      const send = SENDERS[template]
      if (!send) expect.fail(`no event of the portal is known to send the mail template "${template}"`)
      const { to, reference } = await send()
      const queued = await prisma.outboxMail.findMany({ where: { template }, select: { to: true, data: true } })
      expect(queued.map((m) => m.to)).toContain(to)
      if (reference) {
        const mine = queued.filter((m) => m.to === to)
        expect(mine.some((m) => (m.data as { reference?: string }).reference === reference)).toBe(true)
      }
    })
  }
})

// The real events queue their mails in their own transaction: receipt on submission, decision (with
// the decision letter as PDF, whose text is checked) on approve and reject, payment notice on a payment; delivered over SMTP.
import { extractText, getDocumentProxy } from 'unpdf'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { prisma } from '#app/db.server.ts'
import { submitApplication } from '#app/applications/applications.server.ts'
import { bookPastPayment } from '#app/grants/history.server.ts'
import { approve, reject } from '#app/review/decisions.server.ts'
import { samplePdf } from '#app/applications/sample-pdf.ts'
import { applicationSchema } from '#app/applications/schema.ts'
import { seeded } from '#app/testing/fixtures.ts'
import { startSmtp, type TestSmtp } from './testing/smtp.ts'
import { createMailWorker, silentLogger, smtpTransport } from './worker.server.ts'

process.env.PORTAL_CLOCK = '2026-06-01'

let f: Awaited<ReturnType<typeof seeded>>
let smtp: TestSmtp
beforeAll(async () => {
  f = await seeded()
  await prisma.outboxMail.deleteMany() // mails of the seed's own decisions
  smtp = await startSmtp()
})
afterAll(() => smtp.close())

/** The text of a PDF, its whitespace (line breaks, non-breaking spaces) as single spaces. */
async function pdfText(bytes: Uint8Array) {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true })
  return text.replace(/\s+/g, ' ')
}

function input(areaId: string, title: string) {
  return applicationSchema.parse({
    title,
    category: 'groen',
    areaId,
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
}

describe('mails of the application lifecycle', () => {
  it('queue a receipt, a decision with its PDF and a payment notice, and deliver them', async () => {
    const hoogland = await f.area('WK030719')
    const app = await submitApplication(f.hoogland, undefined, input(hoogland.id, 'Moestuin Liendert'))
    const receipt = await prisma.outboxMail.findFirstOrThrow({ where: { template: 'application-receipt' } })
    expect(receipt.to).toBe(f.hoogland.email)
    expect(receipt.data).toMatchObject({
      reference: app.reference,
      submittedOn: '2026-06-01',
      decisionDueOn: '2026-07-27',
    })
    expect(receipt.text).toContain('27 juli 2026')
    expect(receipt.text).toContain(`/aanvragen/${app.id}`)

    await approve(f.reviewer, app.id, 800_00, 'Een deel van de begroting valt buiten de regeling.')
    const decisions = await prisma.outboxMail.findMany({ where: { template: 'decision' } })
    expect(decisions.length).toBeGreaterThanOrEqual(1)
    expect(decisions.map((d) => d.to)).toContain('bestuur@hooglandleeft.example')
    expect(decisions[0].subject).toBe(`Besluit op uw aanvraag ${app.reference}: toegekend`)
    expect(decisions[0].text).toContain('13 juli 2026') // objection term: 6 weeks after 1 June

    await bookPastPayment(f.reviewer.id, app.id, {
      amountCents: 600_00,
      date: '2026-06-02',
      description: 'Voorschot 75%',
    })
    expect(await prisma.outboxMail.count({ where: { template: 'payment-notice' } })).toBe(decisions.length)

    const total = await prisma.outboxMail.count()
    const worker = createMailWorker({ transport: smtpTransport(smtp.url), logger: silentLogger })
    expect(await worker.drain()).toBe(total)
    await worker.stop()
    const mails = await smtp.parsed()
    const decision = mails.find((m) => m.subject?.startsWith('Besluit op uw aanvraag'))!
    expect(decision.attachments).toHaveLength(1)
    expect(decision.attachments[0].filename).toBe(`beschikking-${app.reference}.pdf`)
    expect(decision.attachments[0].content.subarray(0, 5).toString()).toBe('%PDF-')
    // The letter itself: whose it is, what was decided, in Dutch amounts, and the objection clause.
    const letter = await pdfText(decision.attachments[0].content)
    const foundation = await prisma.foundation.findUniqueOrThrow({ where: { id: app.foundationId } })
    expect(letter).toContain(`Kenmerk: ${app.reference}`)
    expect(letter).toContain(foundation.name)
    expect(letter).toContain('verleent u een subsidie van € 800,00. Dat is minder dan de aangevraagde € 1.000,00.')
    expect(letter).toContain('Een deel van de begroting valt buiten de regeling.') // the reasons of the partial award
    expect(letter).toContain(
      'binnen 6 weken na de dag waarop dit besluit is verzonden bezwaar maken, dus uiterlijk op 13 juli 2026.',
    )
    expect(mails.find((m) => /^Betaald: €\s600,00 voor/.test(m.subject ?? ''))).toBeDefined()
  })

  it('a rejection sends the decision with the reason', async () => {
    const hoogland = await f.area('WK030719')
    const app = await submitApplication(f.hoogland, undefined, input(hoogland.id, 'Moestuin Zuid'))
    await reject(f.reviewer, app.id, 'Het initiatief is niet openbaar toegankelijk.')
    const mail = await prisma.outboxMail.findFirstOrThrow({
      where: { template: 'decision', subject: { contains: app.reference } },
    })
    expect(mail.subject).toContain('afgewezen')
    expect(mail.text).toContain('Het initiatief is niet openbaar toegankelijk.')
  })
})

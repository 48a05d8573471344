// The letter with the decision on an objection (beslissing op bezwaar), generated from the data:
// letterhead, date, reference, the foundation, the objection (received on, by whom), a late objection
// and what was done with it, the outcome with its reasons, for a founded objection the new decision
// and amount and that it replaces the contested one, and the appeal clause (beroep bij de rechtbank,
// Awb 8:1 and 6:7). Dutch first; English as a courtesy translation. Kept unchanged (KeptDocument).
import { loadPdfKit } from '#app/documents/pdfkit.server.ts'
import { MUNICIPALITY } from '#app/documents/decision-letter.server.ts'
import { formatMailDate, formatMailMoney, type MailLang } from '../../emails/components/format.ts'

export type ObjectionLetterOutcome = 'FOUNDED' | 'PARTLY_FOUNDED' | 'UNFOUNDED' | 'INADMISSIBLE'

export interface ObjectionLetter {
  lang: MailLang
  outcome: ObjectionLetterOutcome
  sentOn: string
  reference: string
  title: string
  foundation: { name: string; kvkNumber: string; street: string; postalCode: string; city: string; contactName: string }
  receivedOn: string
  objectorName: string
  /** The day the contested decision was sent. */
  contestedOn: string
  late: boolean
  lateReason?: string
  hearingOn?: string
  reasons: string
  /** Founded: the new decision. */
  newDecision?: { kind: 'AWARD' | 'PARTIAL_AWARD' | 'REJECTION'; amountCents: number; requestedCents: number }
  appealDeadline: string
  signers: { name: string; role: string }[]
}

function texts(l: ObjectionLetter) {
  const date = (iso: string) => formatMailDate(l.lang, iso)
  const money = formatMailMoney
  const d = l.newDecision
  if (l.lang === 'en') {
    return {
      subject: 'Decision on your objection',
      labels: { date: 'Date', reference: 'Reference', subject: 'Subject', kvk: 'KvK number' },
      salutation: `Dear ${l.foundation.contactName},`,
      received: `On ${date(l.receivedOn)} we received the objection of ${l.objectorName} against our decision of ${date(l.contestedOn)} on the application "${l.title}" (${l.reference}).`,
      late: l.late
        ? `The objection was received after the objection term had ended. ${l.outcome === 'INADMISSIBLE' ? 'We declare it inadmissible' : 'We still consider it'}: ${l.lateReason ?? ''}`
        : '',
      hearing: l.hearingOn ? `You were given the opportunity to be heard on ${date(l.hearingOn)}.` : '',
      outcomeHead: 'Decision',
      outcome: {
        FOUNDED: 'The municipal executive declares your objection founded and revokes the contested decision.',
        PARTLY_FOUNDED:
          'The municipal executive declares your objection partly founded and revokes the contested decision.',
        UNFOUNDED: 'The municipal executive declares your objection unfounded. The contested decision stands.',
        INADMISSIBLE: 'The municipal executive declares your objection inadmissible. The contested decision stands.',
      }[l.outcome],
      newHead: 'New decision',
      newDecision: d
        ? d.kind === 'REJECTION'
          ? 'The application is rejected.'
          : `A subsidy of ${money(d.amountCents)} is awarded${d.kind === 'PARTIAL_AWARD' ? ` (requested: ${money(d.requestedCents)})` : ''}.`
        : '',
      replaces: d ? `This decision replaces the decision of ${date(l.contestedOn)}.` : '',
      reasonsHead: 'Reasons',
      appealHead: 'Appeal',
      appeal: `If you disagree with this decision, you may appeal to the Rechtbank Midden-Nederland within 6 weeks of the day after this letter was sent, so no later than ${date(l.appealDeadline)} (Awb articles 8:1 and 6:7), by post or digitally through www.rechtspraak.nl. State the reference ${l.reference}.`,
      closing: 'Yours sincerely,',
      onBehalf: 'on behalf of the municipal executive of Amersfoort,',
      translation: 'Courtesy translation; the Dutch letter is the decision.',
    }
  }
  return {
    subject: 'Beslissing op uw bezwaar',
    labels: { date: 'Datum', reference: 'Kenmerk', subject: 'Onderwerp', kvk: 'KvK-nummer' },
    salutation: `Geachte ${l.foundation.contactName},`,
    received: `Op ${date(l.receivedOn)} hebben wij het bezwaarschrift van ${l.objectorName} ontvangen tegen ons besluit van ${date(l.contestedOn)} op de aanvraag "${l.title}" (${l.reference}).`,
    late: l.late
      ? `Het bezwaarschrift is ontvangen na afloop van de bezwaartermijn. ${l.outcome === 'INADMISSIBLE' ? 'Wij verklaren het niet-ontvankelijk' : 'Wij nemen het toch in behandeling'}: ${l.lateReason ?? ''}`
      : '',
    hearing: l.hearingOn ? `U bent op ${date(l.hearingOn)} in de gelegenheid gesteld te worden gehoord.` : '',
    outcomeHead: 'Beslissing',
    outcome: {
      FOUNDED:
        'Het college van burgemeester en wethouders verklaart uw bezwaar gegrond en herroept het bestreden besluit.',
      PARTLY_FOUNDED:
        'Het college van burgemeester en wethouders verklaart uw bezwaar gedeeltelijk gegrond en herroept het bestreden besluit.',
      UNFOUNDED:
        'Het college van burgemeester en wethouders verklaart uw bezwaar ongegrond. Het bestreden besluit blijft in stand.',
      INADMISSIBLE:
        'Het college van burgemeester en wethouders verklaart uw bezwaar niet-ontvankelijk. Het bestreden besluit blijft in stand.',
    }[l.outcome],
    newHead: 'Nieuw besluit',
    newDecision: d
      ? d.kind === 'REJECTION'
        ? 'De aanvraag wordt afgewezen.'
        : `Het college verleent u een subsidie van ${money(d.amountCents)}${d.kind === 'PARTIAL_AWARD' ? ` (aangevraagd: ${money(d.requestedCents)})` : ''}.`
      : '',
    replaces: d ? `Dit besluit vervangt het besluit van ${date(l.contestedOn)}.` : '',
    reasonsHead: 'Motivering',
    appealHead: 'Beroep',
    appeal: `Bent u het niet eens met deze beslissing, dan kunt u binnen 6 weken na de dag waarop deze beslissing is verzonden beroep instellen bij de Rechtbank Midden-Nederland, dus uiterlijk op ${date(l.appealDeadline)} (artikelen 8:1 en 6:7 Awb), per post of digitaal via www.rechtspraak.nl. Vermeld het kenmerk ${l.reference}.`,
    closing: 'Met vriendelijke groet,',
    onBehalf: 'namens het college van burgemeester en wethouders van Amersfoort,',
    translation: '',
  }
}

export async function objectionLetterPdf(letter: ObjectionLetter): Promise<Buffer> {
  const t = texts(letter)
  const PDFDocument = await loadPdfKit()
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: {
      Title: `${t.subject} ${letter.reference}`,
      Author: MUNICIPALITY.name,
      CreationDate: new Date(`${letter.sentOn}T12:00:00Z`),
    },
    lang: letter.lang,
  } as PDFKit.PDFDocumentOptions)
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  const head = (text: string) => doc.moveDown(0.8).font('Helvetica-Bold').fontSize(11).text(text).font('Helvetica')

  doc.font('Helvetica-Bold').fontSize(14).text(MUNICIPALITY.name)
  doc.font('Helvetica').fontSize(9).text(MUNICIPALITY.department)
  doc.text(`${MUNICIPALITY.postal} · ${MUNICIPALITY.visit}`)
  doc.text(`${MUNICIPALITY.email} · ${MUNICIPALITY.phone}`)
  doc.moveDown(1.5)
  doc.fontSize(10).text(letter.foundation.name)
  doc.text(`t.a.v. ${letter.foundation.contactName}`)
  if (letter.foundation.street) doc.text(letter.foundation.street)
  doc.text(`${letter.foundation.postalCode} ${letter.foundation.city}`.trim())
  doc.text(`${t.labels.kvk}: ${letter.foundation.kvkNumber}`)
  doc.moveDown()
  doc.text(`${t.labels.date}: ${formatMailDate(letter.lang, letter.sentOn)}`)
  doc.text(`${t.labels.reference}: ${letter.reference}`)
  doc.text(`${t.labels.subject}: ${t.subject}`)
  if (t.translation) doc.moveDown(0.5).fontSize(8).text(t.translation).fontSize(10)
  doc.moveDown(1.2).fontSize(11)
  doc.text(t.salutation)
  doc.moveDown(0.5).text(t.received)
  if (t.late) doc.moveDown(0.5).text(t.late)
  if (t.hearing) doc.moveDown(0.5).text(t.hearing)

  head(t.outcomeHead)
  doc.text(t.outcome)
  if (t.newDecision) {
    head(t.newHead)
    doc.text(t.newDecision)
    doc.moveDown(0.3).text(t.replaces)
  }
  head(t.reasonsHead)
  doc.text(letter.reasons)
  head(t.appealHead)
  doc.text(t.appeal)

  doc.moveDown(1.5).text(t.closing)
  doc.text(t.onBehalf)
  for (const s of letter.signers) doc.moveDown(0.8).font('Helvetica-Bold').text(s.name).font('Helvetica').text(s.role)
  doc.end()
  return done
}

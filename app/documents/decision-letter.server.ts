// The beschikking as a PDF, generated from the decision's data: letterhead, date, reference, the
// foundation, what was asked, the decision and amount, reasons, conditions (report due date, what the
// report holds, the advance), the legal basis, the objection clause and the signature. Dutch first;
// English as a courtesy translation. The bytes are kept unchanged with the decision (KeptDocument).
import { loadPdfKit } from '#app/documents/pdfkit.server.ts'
import { formatMailDate, formatMailMoney, type MailLang } from '../../emails/components/format.ts'

export type LetterKind = 'award' | 'partialAward' | 'rejection' | 'notConsidered'

export interface DecisionLetter {
  lang: MailLang
  kind: LetterKind
  /** The day the decision is sent (bekendmaking); the objection term starts the day after. */
  sentOn: string
  reference: string
  title: string
  areaName: string
  roundName: string
  foundation: { name: string; kvkNumber: string; street: string; postalCode: string; city: string; contactName: string }
  requestedCents: number
  awardedCents?: number
  /** Required for a rejection, a partial award and not considering. */
  reasons?: string
  /** Award only. */
  reportDueOn?: string
  advancePercent?: number
  iban?: string
  /** Not considered only: the aanvulling and its due date. */
  informationDueOn?: string
  legalBasis: string
  objectionDeadline: string
  signers: { name: string; role: string }[]
  /** A letter that replaces an earlier one (after a founded objection). */
  replaces?: string
}

export const MUNICIPALITY = {
  name: 'Gemeente Amersfoort',
  department: 'Team Wijken – Buurtbudget',
  postal: 'Postbus 4000, 3800 EA Amersfoort',
  visit: 'Stadhuisplein 1, 3811 LM Amersfoort',
  email: 'buurtbudget@amersfoort.nl',
  phone: '14 033',
  web: 'www.amersfoort.nl/bezwaar',
}

const advanceOf = (letter: DecisionLetter) =>
  Math.floor(((letter.awardedCents ?? 0) * (letter.advancePercent ?? 0)) / 100)

function texts(letter: DecisionLetter) {
  const money = formatMailMoney
  const date = (iso: string) => formatMailDate(letter.lang, iso)
  const requested = money(letter.requestedCents)
  const awarded = money(letter.awardedCents ?? 0)
  if (letter.lang === 'en') {
    return {
      subject: {
        award: 'Decision on your application: subsidy awarded',
        partialAward: 'Decision on your application: subsidy partly awarded',
        rejection: 'Decision on your application: rejected',
        notConsidered: 'Decision on your application: not considered',
      }[letter.kind],
      labels: { date: 'Date', reference: 'Reference', subject: 'Subject', kvk: 'KvK number', round: 'Round' },
      salutation: `Dear ${letter.foundation.contactName},`,
      asked: `On behalf of ${letter.foundation.name} you applied for a subsidy of ${requested} from the Buurtbudget ${letter.roundName} for the initiative "${letter.title}" in ${letter.areaName}.`,
      decisionHead: 'Decision',
      decision: {
        award: `The municipal executive (college van burgemeester en wethouders) awards you a subsidy of ${awarded}.`,
        partialAward: `The municipal executive awards you a subsidy of ${awarded}. That is less than the ${requested} you requested.`,
        rejection: 'The municipal executive rejects your application.',
        notConsidered: 'The municipal executive does not consider your application (Awb article 4:5).',
      }[letter.kind],
      reasonsHead: 'Reasons',
      notConsideredIntro: letter.informationDueOn
        ? `We asked you for more information, to be given by ${date(letter.informationDueOn)}. We did not receive it in time, so we cannot assess the application.`
        : '',
      conditionsHead: 'Conditions',
      conditions: [
        letter.reportDueOn
          ? `Report (verantwoording) no later than ${date(letter.reportDueOn)}: a short account of what took place, how many residents took part, and the actual costs with receipts for every expense.`
          : '',
        `Advance: ${money(advanceOf(letter))} (${letter.advancePercent ?? 0}% of the award) is paid within four weeks of the date of this letter${letter.iban ? ` to account ${letter.iban}` : ''}. The rest follows when we settle the subsidy after your report.`,
        'Spend the subsidy only on the initiative as described in the application. Tell us at once if it changes or does not take place.',
      ].filter(Boolean),
      legalHead: 'Legal basis',
      legal: `This decision is based on the ${letter.legalBasis}.`,
      objectionHead: 'Objection',
      objection: `If you disagree with this decision, you may lodge an objection within 6 weeks of the day after this letter was sent, so no later than ${date(letter.objectionDeadline)}. Send your objection to the municipal executive of Amersfoort, ${MUNICIPALITY.postal}, or digitally through ${MUNICIPALITY.web} (with DigiD or eHerkenning). State your name and address, the date, the reference ${letter.reference}, why you disagree, and sign it.`,
      replaces: letter.replaces ? `This decision replaces the decision of ${date(letter.replaces)}.` : '',
      closing: 'Yours sincerely,',
      onBehalf: 'on behalf of the municipal executive of Amersfoort,',
      translation: 'Courtesy translation; the Dutch letter is the decision.',
    }
  }
  return {
    subject: {
      award: 'Besluit op uw aanvraag: subsidie verleend',
      partialAward: 'Besluit op uw aanvraag: subsidie gedeeltelijk verleend',
      rejection: 'Besluit op uw aanvraag: afgewezen',
      notConsidered: 'Besluit op uw aanvraag: buiten behandeling gesteld',
    }[letter.kind],
    labels: { date: 'Datum', reference: 'Kenmerk', subject: 'Onderwerp', kvk: 'KvK-nummer', round: 'Ronde' },
    salutation: `Geachte ${letter.foundation.contactName},`,
    asked: `Namens ${letter.foundation.name} heeft u een subsidie van ${requested} aangevraagd uit het Buurtbudget ${letter.roundName} voor het initiatief "${letter.title}" in ${letter.areaName}.`,
    decisionHead: 'Besluit',
    decision: {
      award: `Het college van burgemeester en wethouders verleent u een subsidie van ${awarded}.`,
      partialAward: `Het college van burgemeester en wethouders verleent u een subsidie van ${awarded}. Dat is minder dan de aangevraagde ${requested}.`,
      rejection: 'Het college van burgemeester en wethouders wijst uw aanvraag af.',
      notConsidered:
        'Het college van burgemeester en wethouders stelt uw aanvraag buiten behandeling (artikel 4:5 Awb).',
    }[letter.kind],
    reasonsHead: 'Motivering',
    notConsideredIntro: letter.informationDueOn
      ? `Wij hebben u gevraagd de aanvraag aan te vullen, uiterlijk op ${date(letter.informationDueOn)}. Die aanvulling hebben wij niet op tijd ontvangen; daardoor kunnen wij de aanvraag niet beoordelen.`
      : '',
    conditionsHead: 'Voorwaarden',
    conditions: [
      letter.reportDueOn
        ? `Verantwoording uiterlijk op ${date(letter.reportDueOn)}: een kort verslag van wat er is gebeurd, hoeveel bewoners meededen, en de werkelijke kosten met een bon of factuur van elke uitgave.`
        : '',
      `Voorschot: ${money(advanceOf(letter))} (${letter.advancePercent ?? 0}% van de subsidie) maken wij binnen vier weken na de datum van deze beschikking over${letter.iban ? ` op rekening ${letter.iban}` : ''}. De rest volgt bij de vaststelling van de subsidie na uw verantwoording.`,
      'Besteed de subsidie alleen aan het initiatief zoals in de aanvraag beschreven. Meld het ons direct als het verandert of niet doorgaat.',
    ].filter(Boolean),
    legalHead: 'Grondslag',
    legal: `Dit besluit is genomen op grond van de ${letter.legalBasis}.`,
    objectionHead: 'Bezwaar',
    objection: `Bent u het niet eens met dit besluit, dan kunt u binnen 6 weken na de dag waarop dit besluit is verzonden bezwaar maken, dus uiterlijk op ${date(letter.objectionDeadline)}. Stuur uw bezwaarschrift aan het college van burgemeester en wethouders van Amersfoort, ${MUNICIPALITY.postal}, of dien het digitaal in via ${MUNICIPALITY.web} (met DigiD of eHerkenning). Vermeld uw naam en adres, de datum, het kenmerk ${letter.reference}, waarom u het niet eens bent met het besluit, en onderteken het.`,
    replaces: letter.replaces ? `Dit besluit vervangt het besluit van ${date(letter.replaces)}.` : '',
    closing: 'Met vriendelijke groet,',
    onBehalf: 'namens het college van burgemeester en wethouders van Amersfoort,',
    translation: '',
  }
}

export async function decisionLetterPdf(letter: DecisionLetter): Promise<Buffer> {
  const t = texts(letter)
  const PDFDocument = await loadPdfKit()
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: {
      Title: `${letter.lang === 'nl' ? 'Beschikking' : 'Decision'} ${letter.reference}`,
      Author: MUNICIPALITY.name,
      // A fixed creation date keeps the bytes a function of the data (the same letter, the same hash).
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

  // Letterhead block
  doc.font('Helvetica-Bold').fontSize(14).text(MUNICIPALITY.name)
  doc.font('Helvetica').fontSize(9).text(MUNICIPALITY.department)
  doc.text(`${MUNICIPALITY.postal} · ${MUNICIPALITY.visit}`)
  doc.text(`${MUNICIPALITY.email} · ${MUNICIPALITY.phone}`)
  doc.moveDown(1.5)
  // Addressee
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
  doc.moveDown(0.5).text(t.asked)
  if (t.replaces) doc.moveDown(0.5).text(t.replaces)

  head(t.decisionHead)
  doc.text(t.decision)
  if (letter.kind === 'notConsidered' && t.notConsideredIntro) {
    head(t.reasonsHead)
    doc.text(t.notConsideredIntro)
    if (letter.reasons) doc.moveDown(0.3).text(letter.reasons)
  } else if (letter.reasons) {
    head(t.reasonsHead)
    doc.text(letter.reasons)
  }
  if (letter.kind === 'award' || letter.kind === 'partialAward') {
    head(t.conditionsHead)
    for (const c of t.conditions) doc.text(`• ${c}`, { indent: 0 }).moveDown(0.3)
  }
  head(t.legalHead)
  doc.text(t.legal)
  head(t.objectionHead)
  doc.text(t.objection)

  // Signature block
  doc.moveDown(1.5).text(t.closing)
  doc.text(t.onBehalf)
  for (const s of letter.signers) {
    doc.moveDown(0.8).font('Helvetica-Bold').text(s.name).font('Helvetica').text(s.role)
  }
  doc.end()
  return done
}

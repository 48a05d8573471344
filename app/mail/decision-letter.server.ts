// The decision letter (beschikking) as a PDF, attached to the decision mail. Kept simple: the
// facts of the decision and the objection clause, in the mail's language.
import PDFDocument from 'pdfkit'
import { formatMailDate, formatMailMoney, type MailLang } from '../../emails/components/format.ts'

export interface DecisionLetter {
  lang: MailLang
  foundationName: string
  reference: string
  title: string
  outcome: 'awarded' | 'rejected'
  requestedCents: number
  awardedCents?: number
  reason?: string
  decidedOn: string
  objectionDeadline: string
}

export function decisionLetterPdf(letter: DecisionLetter): Promise<Buffer> {
  const nl = letter.lang === 'nl'
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: `${nl ? 'Beschikking' : 'Decision'} ${letter.reference}`, Author: 'Gemeente Amersfoort' },
    lang: letter.lang,
  } as PDFKit.PDFDocumentOptions)
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  doc.fontSize(10).text(nl ? 'Gemeente Amersfoort — Buurtbudget' : 'Municipality of Amersfoort — Buurtbudget')
  doc.moveDown().text(letter.foundationName)
  doc.moveDown().text(`${nl ? 'Datum' : 'Date'}: ${formatMailDate(letter.lang, letter.decidedOn)}`)
  doc.text(`${nl ? 'Kenmerk' : 'Reference'}: ${letter.reference}`)
  doc
    .moveDown()
    .fontSize(16)
    .text(nl ? `Beschikking: ${letter.title}` : `Decision: ${letter.title}`)
  doc.moveDown().fontSize(11)
  if (letter.outcome === 'awarded') {
    doc.text(
      nl
        ? `Het college van burgemeester en wethouders verleent u een subsidie van ${formatMailMoney(letter.awardedCents ?? 0)} uit het Buurtbudget voor "${letter.title}" (aangevraagd: ${formatMailMoney(letter.requestedCents)}). Na afloop legt u verantwoording af over de besteding; daarna stellen wij de subsidie definitief vast.`
        : `The municipal executive grants you a subsidy of ${formatMailMoney(letter.awardedCents ?? 0)} from the Buurtbudget for "${letter.title}" (requested: ${formatMailMoney(letter.requestedCents)}). Afterwards you report on how it was spent; we then settle the grant.`,
    )
  } else {
    doc.text(
      nl
        ? `Het college van burgemeester en wethouders wijst uw aanvraag voor "${letter.title}" af. Reden: ${letter.reason ?? ''}`
        : `The municipal executive rejects your application for "${letter.title}". Reason: ${letter.reason ?? ''}`,
    )
  }
  doc
    .moveDown()
    .text(
      nl
        ? `Bezwaar: bent u het niet eens met dit besluit, dan kunt u tot en met ${formatMailDate('nl', letter.objectionDeadline)} (6 weken na verzending) een bezwaarschrift indienen bij het college van burgemeester en wethouders van Amersfoort.`
        : `Objection: if you disagree with this decision, you can lodge an objection with the municipal executive of Amersfoort until and including ${formatMailDate('en', letter.objectionDeadline)} (6 weeks after it was sent).`,
    )
  doc.end()
  return done
}

// The settlement letter (beschikking tot vaststelling) as a PDF: the final amount, what follows from
// it (a final payment or a recovery), the reasons and the objection clause. Kept with keepDocument.
import { loadPdfKit } from '#app/documents/pdfkit.server.ts'
import { formatMailDate, formatMailMoney, type MailLang } from '../../emails/components/format.ts'

export interface SettlementLetter {
  lang: MailLang
  foundationName: string
  reference: string
  title: string
  awardedCents: number
  paidOutCents: number
  finalCents: number
  finalPaymentCents: number
  recoveryCents: number
  recoveryDueOn: string | null
  reason: string
  settledOn: string
  objectionDeadline: string
}

export async function settlementLetterPdf(letter: SettlementLetter): Promise<Buffer> {
  const nl = letter.lang === 'nl'
  const PDFDocument = await loadPdfKit()
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: `${nl ? 'Vaststelling' : 'Settlement'} ${letter.reference}`, Author: 'Gemeente Amersfoort' },
    lang: letter.lang,
  } as PDFKit.PDFDocumentOptions)
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  const money = formatMailMoney
  doc.fontSize(10).text(nl ? 'Gemeente Amersfoort — Buurtbudget' : 'Municipality of Amersfoort — Buurtbudget')
  doc.moveDown().text(letter.foundationName)
  doc.moveDown().text(`${nl ? 'Datum' : 'Date'}: ${formatMailDate(letter.lang, letter.settledOn)}`)
  doc.text(`${nl ? 'Kenmerk' : 'Reference'}: ${letter.reference}`)
  doc
    .moveDown()
    .fontSize(16)
    .text(nl ? `Vaststelling subsidie: ${letter.title}` : `Settlement of the grant: ${letter.title}`)
  doc.moveDown().fontSize(11)
  doc.text(
    nl
      ? `Het college van burgemeester en wethouders stelt de subsidie voor "${letter.title}" vast op ${money(letter.finalCents)} (verleend: ${money(letter.awardedCents)}; al betaald: ${money(letter.paidOutCents)}).`
      : `The municipal executive settles the grant for "${letter.title}" at ${money(letter.finalCents)} (awarded: ${money(letter.awardedCents)}; paid so far: ${money(letter.paidOutCents)}).`,
  )
  doc.moveDown()
  if (letter.finalPaymentCents > 0) {
    doc.text(
      nl
        ? `Nabetaling: wij betalen u nog ${money(letter.finalPaymentCents)}.`
        : `Final payment: we will pay you a further ${money(letter.finalPaymentCents)}.`,
    )
  } else if (letter.recoveryCents > 0) {
    doc.text(
      nl
        ? `Terugvordering: u hebt ${money(letter.recoveryCents)} te veel ontvangen. Wij vorderen dit bedrag terug; betaal het uiterlijk ${formatMailDate('nl', letter.recoveryDueOn ?? letter.settledOn)} terug onder vermelding van ${letter.reference}.`
        : `Recovery: you received ${money(letter.recoveryCents)} too much. We recover this amount; please pay it back by ${formatMailDate('en', letter.recoveryDueOn ?? letter.settledOn)} quoting ${letter.reference}.`,
    )
  } else {
    doc.text(nl ? 'Er volgt geen betaling en geen terugvordering.' : 'No further payment and no recovery follow.')
  }
  doc.moveDown().text(`${nl ? 'Motivering' : 'Reasons'}: ${letter.reason}`)
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

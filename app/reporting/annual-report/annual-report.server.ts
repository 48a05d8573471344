// The annual report "Buurtbudget <year>" (issue 12, point 8), generated from the data in the shape of
// the municipal accounts: important events (the administrator's text), the indicators table
// (realisation per year, target, source), visible results, measures with amounts, spend per wijk with
// the priority wijken marked, and examples of initiatives (only those whose foundation consented).
import { loadPdfKit } from '#app/documents/pdfkit.server.ts'
import { prisma } from '#app/db.server.ts'
import { fill, messages, type Lang } from '#app/i18n/i18n.ts'
import { formatMoney } from '#app/money/money.ts'
import { cityIndicators } from '#app/reporting/indicators/indicators.server.ts'
import { MEASURES } from '#app/reporting/indicators/parse.ts'
import { publicAreas, publicInitiatives, publicRound } from '#app/reporting/open-data/open-data.server.ts'

export async function annualReport(year: number) {
  const round = await publicRound(year)
  if (!round) return null
  const [texts, city, areas, initiatives] = await Promise.all([
    prisma.annualReportText.findUnique({ where: { year } }),
    cityIndicators(),
    publicAreas(round.id),
    publicInitiatives(round.id),
  ])
  const sum = (pick: (a: (typeof areas)[number]) => number) => areas.reduce((s, a) => s + pick(a), 0)
  return {
    year,
    roundName: round.name,
    events: texts?.events ?? '',
    results: texts?.results ?? '',
    city,
    areas,
    totals: {
      potCents: round.potCents,
      allocatedCents: sum((a) => a.allocatedCents),
      grantedCents: sum((a) => a.grantedCents),
      paidCents: sum((a) => a.paidCents),
      realisedCents: sum((a) => a.realisedCents),
    },
    examples: initiatives.slice(0, 6),
  }
}

export type AnnualReport = NonNullable<Awaited<ReturnType<typeof annualReport>>>

const indicator = (v: number | undefined, lang: Lang) =>
  v === undefined ? '–' : (v / 1000).toLocaleString(lang === 'en' ? 'en-GB' : 'nl-NL', { maximumFractionDigits: 3 })

/** The report as a PDF (pdfkit, like the beschikking). Text only, so a reader or a test can extract it. */
export async function annualReportPdf(report: AnnualReport, lang: Lang = 'nl'): Promise<Buffer> {
  const m = messages(lang)
  const a = m.annualReport
  const t = m.indicators
  const r = m.reporting
  const PDFDocument = await loadPdfKit()
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: {
      Title: fill(a.title, { year: report.year }),
      Author: 'Gemeente Amersfoort',
      CreationDate: new Date(`${report.year}-12-31T12:00:00Z`),
    },
    lang,
  } as PDFKit.PDFDocumentOptions)
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  const head = (text: string) =>
    doc.moveDown(1).font('Helvetica-Bold').fontSize(13).text(text).font('Helvetica').fontSize(10)
  /** A table as rows of cells at fixed x positions (first column left-aligned, the others right). */
  const table = (widths: number[], rows: string[][], bold = 0) => {
    const left = doc.page.margins.left
    for (const [i, row] of rows.entries()) {
      if (doc.y > doc.page.height - doc.page.margins.bottom - 30) doc.addPage()
      const y = doc.y
      let x = left
      doc.font(i < bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9)
      let height = 0
      for (const [c, cell] of row.entries()) {
        const w = widths[c]
        doc.text(cell, x, y, { width: w - 6, align: c === 0 ? 'left' : 'right' })
        height = Math.max(height, doc.y - y)
        x += w
      }
      doc.x = left
      doc.y = y + height + 3
    }
    doc.font('Helvetica').fontSize(10)
  }

  doc
    .font('Helvetica-Bold')
    .fontSize(20)
    .text(fill(a.title, { year: report.year }))
  doc
    .font('Helvetica')
    .fontSize(10)
    .text(fill(a.intro, { year: report.year }))

  head(a.events)
  doc.text(report.events.trim() || a.noEvents)

  head(a.indicators)
  const years = report.city.filter((c) => Object.keys(c.realised).length > 0)
  const targetOf = (measure: (typeof MEASURES)[number]) => report.city.find((c) => c.target[measure] !== undefined)
  const iw = [170, ...years.map(() => 50), 90, 100]
  table(
    iw,
    [
      [t.measure, ...years.map((y) => String(y.year)), t.target, t.source],
      ...MEASURES.map((measure) => {
        const target = targetOf(measure)
        return [
          t.measures[measure],
          ...years.map((y) => indicator(y.realised[measure], lang)),
          target ? `${indicator(target.target[measure], lang)} (${target.year})` : t.noTarget,
          years[0]?.source ?? 'Stadspeiling (O&S)',
        ]
      }),
    ],
    1,
  )
  doc.moveDown(0.3).fontSize(8).text(t.noCause).fontSize(10)

  head(a.results)
  doc.text(report.results.trim() || a.noEvents)

  head(a.measures)
  table(
    [300, 150],
    [
      [a.pot, formatMoney(report.totals.potCents)],
      [a.allocatedTotal, formatMoney(report.totals.allocatedCents)],
      [a.grantedTotal, formatMoney(report.totals.grantedCents)],
      [a.paidTotal, formatMoney(report.totals.paidCents)],
      [a.realisedTotal, formatMoney(report.totals.realisedCents)],
    ],
  )

  head(a.perArea)
  doc.fontSize(8).text(a.priorityMark).fontSize(10).moveDown(0.3)
  table(
    [150, 90, 90, 90, 80],
    [
      [r.area, r.allocated, r.granted, r.realised, r.perInhabitant],
      ...report.areas.map((x) => [
        `${x.name}${x.priority ? ' *' : ''}`,
        formatMoney(x.allocatedCents),
        formatMoney(x.grantedCents),
        formatMoney(x.realisedCents),
        formatMoney(x.inhabitants > 0 ? Math.round(x.realisedCents / x.inhabitants) : 0),
      ]),
      [
        r.total,
        formatMoney(report.totals.allocatedCents),
        formatMoney(report.totals.grantedCents),
        formatMoney(report.totals.realisedCents),
        '',
      ],
    ],
    1,
  )

  head(a.examples)
  if (report.examples.length === 0) doc.text(a.noExamples)
  for (const e of report.examples)
    doc.text(`${e.title} (${e.areaName}, ${e.foundation}): ${r.granted.toLowerCase()} ${formatMoney(e.grantedCents)}`)

  doc.end()
  return done
}

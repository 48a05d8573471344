// pdfkit is loaded when the first PDF is made, not at server start (it is ≈0.3 s of the cold start,
// and most starts make no letter at all; docs/decisions/0050-cold-start.md).
type PdfKit = typeof import('pdfkit')

let loaded: Promise<PdfKit> | undefined

export function loadPdfKit(): Promise<PdfKit> {
  return (loaded ??= import('pdfkit').then((m) => ((m as { default?: PdfKit }).default ?? m) as PdfKit))
}

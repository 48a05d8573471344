import type { LoaderFunctionArgs } from '@remix-run/node'
import { getLang } from '#app/i18n/lang.server.ts'
import { annualReport, annualReportPdf } from '#app/reporting/annual-report/annual-report.server.ts'

// Public: /open-boeken/<year>/jaarverslag.pdf, the annual report as a PDF, generated from the data.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const report = await annualReport(Number(params.year))
  if (!report) throw new Response('Niet gevonden', { status: 404 })
  const pdf = await annualReportPdf(report, await getLang(request))
  return new Response(new Uint8Array(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `inline; filename="buurtbudget-${report.year}-jaarverslag.pdf"`,
      'Cache-Control': 'public, max-age=300',
    },
  })
}

import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission } from '#app/auth/session.server.ts'
import { messages } from '#app/i18n/i18n.ts'
import { getLang } from '#app/i18n/lang.server.ts'
import { pickRound } from '#app/reporting/audit/dashboard.server.ts'
import { parseExportFile } from '#app/reporting/exports/names.ts'
import { SPECS } from '#app/reporting/exports/queries.server.ts'
import { ledgerCsvByCopy } from '#app/reporting/exports/copy.server.ts'
import { csvStream, toWebStream, xlsxStream } from '#app/reporting/exports/write.server.ts'

// /controle/export/<name>.csv?round=<year>[&wijk=<code>][&sep=semicolon] and .xlsx: streamed.
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'read:application:any')
  const file = parseExportFile(params.file)
  if (!file) throw new Response('Niet gevonden', { status: 404 })
  const url = new URL(request.url)
  const round = await pickRound(url.searchParams.get('round'))
  if (!round) throw new Response('Niet gevonden', { status: 404 })
  const q = (name: string) => url.searchParams.get(name) || undefined
  const filter = {
    roundId: round.id,
    areaCode: q('wijk'),
    actor: q('actor'),
    entity: q('entity'),
    kind: q('kind'),
    from: q('from'),
    to: q('to'),
  }
  // A date that does not exist is a 400 with its reason, not a download that breaks halfway.
  for (const day of [filter.from, filter.to])
    if (day !== undefined && !isCalendarDay(day))
      throw new Response(messages(await getLang(request)).badQuery.date, {
        status: 400,
        headers: { 'Content-Type': 'text/plain; charset=utf-8' },
      })
  const spec = SPECS[file.name]
  const base = `buurtbudget-${round.year}-${file.name}`
  if (file.format === 'csv') {
    const delimiter = url.searchParams.get('sep') === 'semicolon' ? ';' : ','
    // The ledger, the one export that grows to a million rows, comes straight from COPY (decision 0049).
    const csv =
      file.name === 'ledger-entries'
        ? await ledgerCsvByCopy(filter, { delimiter })
        : csvStream(spec.columns, spec.rows(filter), { delimiter })
    return new Response(toWebStream(csv), {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${base}.csv"`,
        'Cache-Control': 'no-store',
      },
    })
  }
  return new Response(toWebStream(xlsxStream(file.name, spec.columns, spec.rows(filter))), {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="${base}.xlsx"`,
      'Cache-Control': 'no-store',
    },
  })
}

const isCalendarDay = (s: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false
  const d = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
}

import type { LoaderFunctionArgs } from '@remix-run/node'
import { stringify } from 'csv-stringify/sync'
import {
  OPEN_DATA_FILES,
  openDataRows,
  publicRound,
  type OpenDataFile,
} from '#app/reporting/open-data/open-data.server.ts'

// Public downloads, stable per round: /open-data/<year>/wijken.csv|json, /open-data/<year>/initiatieven.csv|json (CC0).
export async function loader({ params }: LoaderFunctionArgs) {
  const match = /^(wijken|initiatieven)\.(csv|json)$/.exec(params.file ?? '')
  const round = match ? await publicRound(Number(params.year)) : null
  if (!match || !round) throw new Response('Niet gevonden', { status: 404 })
  const file = match[1] as OpenDataFile
  const rows = await openDataRows(round.year, round.id, file)
  const headers = { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'public, max-age=300' }
  if (match[2] === 'json')
    return new Response(
      JSON.stringify({ licentie: 'CC0-1.0', jaar: round.year, bestand: file, rijen: rows }, null, 2),
      {
        headers: { ...headers, 'Content-Type': 'application/json; charset=utf-8' },
      },
    )
  const csv = stringify(rows, {
    header: true,
    columns: [...OPEN_DATA_FILES[file]],
    cast: { boolean: (v) => String(v) },
  })
  return new Response(csv, {
    headers: {
      ...headers,
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="buurtbudget-${round.year}-${file}.csv"`,
    },
  })
}

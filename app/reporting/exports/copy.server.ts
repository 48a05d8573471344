// The ledger's CSV export straight from PostgreSQL's COPY ... TO STDOUT: the bytes go from the
// database to the client without a JavaScript object per row. At 1,000,000 entries the row-by-row
// export (Prisma batches through csv-stringify) grew the server by about 300 MB and took 20 times
// as long as COPY (issue 12, docs/decisions/0049-ledger-export-by-copy.md). The columns, headers and
// money format are those of SPECS['ledger-entries'] (queries.server.ts); exports.test.ts holds the
// two to the same rows.
import { PassThrough, type Readable } from 'node:stream'
import { to as copyTo } from 'pg-copy-streams'
import { poolConnection, prisma } from '#app/db.server.ts'
import type { CsvOptions } from './write.server.ts'

const BOM = Buffer.from([0xef, 0xbb, 0xbf])
const EXPORT_TIMEOUT_MS = 10 * 60 * 1000

/** PostgreSQL text for euros with two decimals, as `euros()` writes them (no thousands separator). */
const eurosSql = (decimal: '.' | ',') =>
  decimal === '.'
    ? `to_char(e."amountCents" / 100.0, 'FM999999999999990.00')`
    : `replace(to_char(e."amountCents" / 100.0, 'FM999999999999990.00'), '.', ',')`

/** The COPY statement; COPY takes no bind parameters, so the ids are checked and quoted here. */
export function ledgerCopySql(roundId: string, areaId: string | null, options: CsvOptions): string {
  const literal = (id: string) => {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw new Error(`not an id: ${JSON.stringify(id)}`)
    return `'${id}'`
  }
  const area = areaId ? `AND e."areaId" = ${literal(areaId)}` : ''
  const delimiter = options.delimiter === ';' ? ';' : ','
  return `COPY (
    SELECT e."id" AS "id",
           to_char(e."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "tijdstip",
           e."cause"::text AS "oorzaak", fa."kind"::text AS "van_rekening", ta."kind"::text AS "naar_rekening",
           ar."code" AS "wijk", ap."reference" AS "aanvraag", e."amountCents" AS "bedrag_cent",
           ${eurosSql(delimiter === ';' ? ',' : '.')} AS "bedrag_eur", e."memo" AS "omschrijving", e."actorId" AS "door"
    FROM "LedgerEntry" e
    JOIN "Account" fa ON fa."id" = e."fromAccountId"
    JOIN "Account" ta ON ta."id" = e."toAccountId"
    LEFT JOIN "Area" ar ON ar."id" = e."areaId"
    LEFT JOIN "Application" ap ON ap."id" = e."applicationId"
    WHERE e."roundId" = ${literal(roundId)} ${area}
    ORDER BY e."id"
  ) TO STDOUT WITH (FORMAT csv, HEADER true, DELIMITER '${delimiter}')`
}

/**
 * The round's ledger entries (of one wijk, when `areaCode` is given) as CSV with a byte order mark.
 * The database connection goes back to the pool when the stream ends, fails or is abandoned.
 */
export async function ledgerCsvByCopy(filter: { roundId: string; areaCode?: string }, options: CsvOptions) {
  let areaId: string | null = null
  if (filter.areaCode) {
    const area = await prisma.area.findUnique({ where: { code: filter.areaCode }, select: { id: true } })
    areaId = area?.id ?? 'no-such-area'
  }
  const sql = ledgerCopySql(filter.roundId, areaId, options)
  const client = await poolConnection()
  let released = false
  const release = (error?: Error) => {
    if (released) return
    released = true
    client.release(error)
  }
  const out = new PassThrough()
  out.write(BOM)
  let copy: Readable & { query_timeout?: number; callback?: () => void }
  try {
    // The pool's 15 s per statement would cut off a slow download: the export gets its own limit,
    // in a read-only transaction (one consistent snapshot of the books).
    await client.query('BEGIN READ ONLY')
    await client.query(`SET LOCAL statement_timeout = ${EXPORT_TIMEOUT_MS}`)
    copy = client.query(Object.assign(copyTo(sql), { query_timeout: EXPORT_TIMEOUT_MS + 5000 }))
  } catch (error) {
    release(error as Error)
    throw error
  }
  copy.on('error', (error) => {
    // A broken COPY leaves the connection in an unknown state: it is dropped, not reused.
    release(error)
    out.destroy(error)
  })
  copy.on('end', () => {
    // pg's read timer waits for a callback that pg-copy-streams never calls: call it, or the timer
    // would fire later on whatever query the pooled connection runs by then.
    copy.callback?.()
    client.query('COMMIT').then(
      () => release(),
      (error: Error) => release(error),
    )
  })
  // The client went away: stop the COPY (its connection is dropped, the query cancelled with it).
  out.on('close', () => {
    if (!copy.readableEnded && !released) {
      copy.callback?.()
      copy.destroy()
      release(new Error('export abandoned'))
    }
  })
  copy.pipe(out)
  return out as Readable
}

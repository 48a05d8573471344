// The exports parse back with equal sums; an XLSX of 100,000 rows is read back by exceljs.
import { Readable } from 'node:stream'
import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { beforeAll, describe, expect, it } from 'vitest'
import { prisma } from '#app/db.server.ts'
import { seeded } from '#app/testing/fixtures.ts'
import { loader } from '#app/routes/controle.export.$file.tsx'
import { createUserSession } from '#app/auth/session.server.ts'
import { euros, type Cell } from './names.ts'
import { SPECS } from './queries.server.ts'
import { ledgerCsvByCopy } from './copy.server.ts'
import { csvStream, xlsxStream } from './write.server.ts'

async function text(stream: Readable) {
  const chunks: Buffer[] = []
  for await (const c of stream) chunks.push(Buffer.from(c))
  return Buffer.concat(chunks)
}

describe('exports', () => {
  let roundId: string
  let cookie: string
  beforeAll(async () => {
    const s = await seeded()
    roundId = s.round.id
    cookie = (await createUserSession(s.auditor.id)).split(';')[0]
  })

  it('the ledger entries CSV (through the route) parses back with the sum of the entries', async () => {
    const response = (await loader({
      request: new Request('http://localhost/controle/export/ledger-entries.csv?round=2026', {
        headers: { Cookie: cookie },
      }),
      params: { file: 'ledger-entries.csv' },
      context: {},
    })) as Response
    expect(response.headers.get('Content-Type')).toContain('text/csv')
    const bytes = Buffer.from(await response.arrayBuffer())
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const rows = parse(bytes, { bom: true, columns: true }) as Record<string, string>[]
    const db = await prisma.ledgerEntry.aggregate({ where: { roundId }, _sum: { amountCents: true }, _count: true })
    expect(rows).toHaveLength(db._count)
    expect(rows.reduce((s, r) => s + Number(r.bedrag_cent), 0)).toBe(Number(db._sum.amountCents))
    expect(rows.reduce((s, r) => s + Math.round(Number(r.bedrag_eur) * 100), 0)).toBe(Number(db._sum.amountCents))
  })

  it('with ";" and decimal commas for Dutch Excel, every export parses back', async () => {
    for (const [name, spec] of Object.entries(SPECS)) {
      const bytes = await text(csvStream(spec.columns, spec.rows({ roundId }), { delimiter: ';' }))
      const rows = parse(bytes, { bom: true, columns: true, delimiter: ';' }) as Record<string, string>[]
      expect(Object.keys(rows[0] ?? Object.fromEntries(spec.columns.map((c) => [c.header, ''])))).toEqual(
        spec.columns.map((c) => c.header),
      )
      if (name === 'payments') {
        const db = await prisma.payment.aggregate({ where: { application: { roundId } }, _sum: { amountCents: true } })
        expect(rows.reduce((s, r) => s + Number(r.bedrag_eur.replace(',', '')), 0)).toBe(Number(db._sum.amountCents))
      }
      if (name === 'expenses') {
        const db = await prisma.expense.aggregate({ where: { application: { roundId } }, _sum: { amountCents: true } })
        expect(rows.length).toBeGreaterThan(0)
        expect(rows.reduce((s, r) => s + Number(r.bedrag_eur.replace(',', '')), 0)).toBe(Number(db._sum.amountCents))
      }
      if (name === 'applications') expect(rows.map((r) => r.kenmerk)).toContain('BB-2026-0001')
    }
  })

  it('the ledger CSV from COPY has exactly the rows and cells of the row-by-row export, with "," and ";", for the round and one wijk', async () => {
    const entry = await prisma.ledgerEntry.findFirstOrThrow({ where: { roundId, areaId: { not: null } } })
    const someArea = { area: await prisma.area.findUniqueOrThrow({ where: { id: entry.areaId! } }) }
    for (const delimiter of [',', ';'] as const)
      for (const areaCode of [undefined, someArea.area!.code]) {
        const spec = SPECS['ledger-entries']
        const byRows = parse(await text(csvStream(spec.columns, spec.rows({ roundId, areaCode }), { delimiter })), {
          bom: true,
          columns: true,
          delimiter,
        }) as Record<string, string>[]
        const copied = await text(await ledgerCsvByCopy({ roundId, areaCode }, { delimiter }))
        expect([...copied.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
        const byCopy = parse(copied, { bom: true, columns: true, delimiter }) as Record<string, string>[]
        expect(byRows.length).toBeGreaterThan(areaCode ? 0 : 5)
        expect(byCopy).toEqual(byRows)
      }
  })

  it('an abandoned COPY export gives its connection back (no pool leak)', async () => {
    const before = await prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM pg_stat_activity WHERE query LIKE 'COPY (%' AND state <> 'idle'`
    for (let i = 0; i < 25; i++) {
      const stream = await ledgerCsvByCopy({ roundId }, { delimiter: ',' })
      await new Promise((resolve) => stream.once('readable', resolve))
      stream.destroy()
    }
    // 25 exports on a pool of at most 20 connections: a leak would leave the next query waiting.
    const full = await text(await ledgerCsvByCopy({ roundId }, { delimiter: ',' }))
    expect(full.length).toBeGreaterThan(100)
    const after = await prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM pg_stat_activity WHERE query LIKE 'COPY (%' AND state <> 'idle'`
    expect(Number(after[0].n)).toBeLessThanOrEqual(Number(before[0].n))
  })

  it('an XLSX of 100,000 rows is read back by exceljs with the same sum', async () => {
    const n = 100_000
    async function* rows(): AsyncGenerator<Record<string, Cell>> {
      for (let i = 0; i < n; i++) yield { id: String(i), amount: (i % 1000) + 1, memo: `regel ${i} – één` }
    }
    const columns = [
      { key: 'id', header: 'id' },
      { key: 'amount', header: 'bedrag_eur', money: true },
      { key: 'memo', header: 'omschrijving' },
    ]
    const bytes = await text(xlsxStream('test', columns, rows()))
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
    const sheet = workbook.worksheets[0]
    expect(sheet.rowCount).toBe(n + 1)
    let cents = 0
    sheet.eachRow((row, i) => {
      if (i > 1) cents += Math.round(Number(row.getCell(2).value) * 100)
    })
    let expected = 0
    for (let i = 0; i < n; i++) expected += (i % 1000) + 1
    expect(cents).toBe(expected)
    expect(sheet.getRow(n + 1).getCell(3).value).toBe(`regel ${n - 1} – één`)
  }, 300_000)

  it('formats euros exactly', () => {
    expect(euros(123456)).toBe('1234.56')
    expect(euros(-5, ',')).toBe('-0,05')
  })
})

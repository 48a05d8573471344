// CSV (csv-stringify) and XLSX (exceljs' streaming writer) from an async row source, with
// backpressure, so memory stays constant however many rows.
import { once } from 'node:events'
import { PassThrough, Readable } from 'node:stream'
import { stringify } from 'csv-stringify'
import { euros, type Cell } from './names.ts'
import type { Column } from './queries.server.ts'

export type CsvOptions = { delimiter: ',' | ';' }

/** UTF-8 with a byte order mark, so Excel reads the accents; `;` and decimal commas for Dutch Excel. */
export function csvStream(columns: Column[], rows: AsyncIterable<Record<string, Cell>>, options: CsvOptions): Readable {
  const decimal = options.delimiter === ';' ? ',' : '.'
  const stringifier = stringify({
    delimiter: options.delimiter,
    bom: true,
    header: true,
    columns: columns.map((c) => ({ key: c.key, header: c.header })),
  })
  void (async () => {
    try {
      for await (const row of rows) {
        const out: Record<string, Cell> = { ...row }
        for (const c of columns)
          if (c.money && typeof row[c.key] === 'number') out[c.key] = euros(row[c.key] as number, decimal)
        if (!stringifier.write(out)) await once(stringifier, 'drain')
      }
      stringifier.end()
    } catch (error) {
      stringifier.destroy(error as Error)
    }
  })()
  return stringifier
}

/** An .xlsx written row by row (money as a number in euros with two decimals' format). */
export function xlsxStream(sheetName: string, columns: Column[], rows: AsyncIterable<Record<string, Cell>>): Readable {
  const out = new PassThrough()
  void (async () => {
    try {
      // exceljs is loaded on the first spreadsheet, not at server start (≈0.7 s of the cold start).
      const { default: ExcelJS } = await import('exceljs')
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false })
      const sheet = workbook.addWorksheet(sheetName)
      sheet.columns = columns.map((c) => ({
        header: c.header,
        key: c.key,
        width: Math.max(12, c.header.length + 2),
        ...(c.money ? { style: { numFmt: '#,##0.00' } } : {}),
      }))
      for await (const row of rows) {
        const values: Record<string, Cell> = { ...row }
        // Cents to euros: exact enough for display (two decimals), the cents are in the CSV.
        for (const c of columns)
          if (c.money && typeof row[c.key] === 'number') values[c.key] = (row[c.key] as number) / 100
        sheet.addRow(values).commit()
        if (out.writableNeedDrain) await once(out, 'drain')
      }
      sheet.commit()
      await workbook.commit()
    } catch (error) {
      out.destroy(error as Error)
    }
  })()
  return out
}

/**
 * A web stream that reads `stream` only when its reader asks (no read-ahead): Node 20's
 * Readable.toWeb reads on as far as the source gives, so a fast database filled memory.
 */
export function toWebStream(stream: Readable): ReadableStream<Uint8Array> {
  const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { done, value } = await chunks.next()
        if (done) controller.close()
        else controller.enqueue(typeof value === 'string' ? Buffer.from(value) : value)
      },
      async cancel() {
        await chunks.return?.()
        stream.destroy()
      },
    },
    { highWaterMark: 0 },
  )
}

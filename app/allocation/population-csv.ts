/**
 * Reading inhabitants per wijk (CBS figures) from a CSV file with the same columns as the seed data
 * (prisma/data/amersfoort-wijken-2024.csv): code,name,inhabitants,priority,priority_basis.
 *
 * Pure: text in, rows or row-level Dutch errors out. A comma or semicolon (Dutch Excel) separates the
 * columns; fields may be quoted ("..."), with "" for a quote inside. Columns may come in any order;
 * `priority_basis` may be empty. Line numbers in errors count the header as line 1, as a spreadsheet does.
 */

export const POPULATION_CSV_COLUMNS = ['code', 'name', 'inhabitants', 'priority', 'priority_basis'] as const

export type PopulationRow = { line: number; code: string; name: string; inhabitants: number; priority: boolean }
export type PopulationCsvError = { line: number; message: string }
export type PopulationCsvResult = { ok: true; rows: PopulationRow[] } | { ok: false; errors: PopulationCsvError[] }

/** Largest believable number of inhabitants of one wijk; catches a typo such as a missing separator. */
export const MAX_INHABITANTS = 1_000_000
const CODE = /^WK\d{6}$/

/** Splits one CSV line into fields (RFC 4180 quoting, on one line). Null when a quote is not closed. */
export function splitCsvLine(line: string, separator: string): string[] | null {
  const fields: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"' && field.trim() === '') {
      quoted = true
      field = ''
    } else if (c === separator) {
      fields.push(field.trim())
      field = ''
    } else field += c
  }
  if (quoted) return null
  fields.push(field.trim())
  return fields
}

export function parsePopulationCsv(text: string): PopulationCsvResult {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop()
  if (lines.length === 0) return { ok: false, errors: [{ line: 1, message: 'Het bestand is leeg.' }] }
  const separator = lines[0].includes(';') && !lines[0].includes(',') ? ';' : ','
  const header = (splitCsvLine(lines[0], separator) ?? []).map((h) => h.toLowerCase())
  const missing = POPULATION_CSV_COLUMNS.filter((c) => !header.includes(c))
  if (missing.length > 0) {
    return {
      ok: false,
      errors: [
        {
          line: 1,
          message: `De kopregel mist ${missing.length === 1 ? 'de kolom' : 'de kolommen'} ${missing.join(', ')}. Verwacht: ${POPULATION_CSV_COLUMNS.join(',')}.`,
        },
      ],
    }
  }
  const index = Object.fromEntries(POPULATION_CSV_COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<
    (typeof POPULATION_CSV_COLUMNS)[number],
    number
  >

  const rows: PopulationRow[] = []
  const errors: PopulationCsvError[] = []
  const seen = new Map<string, number>()
  lines.slice(1).forEach((raw, i) => {
    const line = i + 2
    if (raw.trim() === '') return
    const cells = splitCsvLine(raw, separator)
    if (cells === null) {
      errors.push({ line, message: 'Een aanhalingsteken (") wordt niet gesloten.' })
      return
    }
    if (cells.length !== header.length) {
      errors.push({ line, message: `Deze regel heeft ${cells.length} kolommen, de kopregel ${header.length}.` })
      return
    }
    const rowErrors: string[] = []
    const code = cells[index.code].toUpperCase()
    const name = cells[index.name]
    const inhabitantsText = cells[index.inhabitants].replace(/[.\s]/g, '')
    const priorityText = cells[index.priority].toLowerCase()
    if (!CODE.test(code)) rowErrors.push(`de wijkcode "${cells[index.code]}" is geen CBS-wijkcode (zoals WK030701)`)
    if (name === '') rowErrors.push('de naam van de wijk ontbreekt')
    const inhabitants = Number(inhabitantsText)
    if (!/^\d+$/.test(inhabitantsText))
      rowErrors.push(`het aantal inwoners "${cells[index.inhabitants]}" is geen geheel getal van 0 of meer`)
    else if (inhabitants > MAX_INHABITANTS)
      rowErrors.push(`het aantal inwoners ${inhabitants} is meer dan ${MAX_INHABITANTS.toLocaleString('nl-NL')}`)
    if (!['true', 'false', 'ja', 'nee'].includes(priorityText))
      rowErrors.push(`prioriteit moet true of false zijn, niet "${cells[index.priority]}"`)
    if (CODE.test(code)) {
      const earlier = seen.get(code)
      if (earlier !== undefined) rowErrors.push(`de wijkcode ${code} stond al op regel ${earlier}`)
      else seen.set(code, line)
    }
    if (rowErrors.length > 0) {
      errors.push({ line, message: capitalise(rowErrors.join('; ')) + '.' })
      return
    }
    rows.push({ line, code, name, inhabitants, priority: priorityText === 'true' || priorityText === 'ja' })
  })
  if (errors.length > 0) return { ok: false, errors }
  if (rows.length === 0)
    return { ok: false, errors: [{ line: 2, message: 'Het bestand bevat geen wijken, alleen een kopregel.' }] }
  return { ok: true, rows }
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

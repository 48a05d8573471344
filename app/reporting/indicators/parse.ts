// The Stadspeiling indicators per wijk and year, as an administrator imports them from CSV (issue 12,
// point 7). Pure: the text in, the rows or the row-level errors (in Dutch) out.

export const MEASURES = ['RAPPORTCIJFER_BUURT', 'SOCIALE_COHESIE', 'BETROKKENHEID'] as const
export type Measure = (typeof MEASURES)[number]

/** The CSV columns: one row per wijk (CBS code) and year; empty cells are allowed (not measured). */
export const INDICATOR_COLUMNS = [
  'wijkcode',
  'jaar',
  'rapportcijfer_buurt',
  'sociale_cohesie',
  'betrokkenheid_pct',
] as const
const COLUMN_MEASURE: Record<string, Measure> = {
  rapportcijfer_buurt: 'RAPPORTCIJFER_BUURT',
  sociale_cohesie: 'SOCIALE_COHESIE',
  betrokkenheid_pct: 'BETROKKENHEID',
}
/** The range a value must lie in: a report mark and a scale score 0-10, a percentage 0-100. */
const RANGE: Record<Measure, [number, number]> = {
  RAPPORTCIJFER_BUURT: [0, 10],
  SOCIALE_COHESIE: [0, 10],
  BETROKKENHEID: [0, 100],
}

export type IndicatorRow = { scope: string; year: number; measure: Measure; valueMilli: number }
export type RowError = { line: number; message: string }

/** "7,3" or "7.3" -> 7300 (thousandths); null when it is not a number with at most 3 decimals. */
export function milli(text: string): number | null {
  const t = text.trim().replace(',', '.')
  if (!/^\d{1,3}(\.\d{1,3})?$/.test(t)) return null
  const [whole, frac = ''] = t.split('.')
  return Number(whole) * 1000 + Number(frac.padEnd(3, '0'))
}

/**
 * Parses the CSV (`;` or `,` as separator, a header row with at least wijkcode and jaar). Every row
 * with a problem gets one message naming its line; nothing is returned as valid when any row fails,
 * so an import is all or nothing.
 */
export function parseIndicatorCsv(
  text: string,
  knownCodes: ReadonlySet<string>,
): { rows: IndicatorRow[]; errors: RowError[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  const errors: RowError[] = []
  const rows: IndicatorRow[] = []
  const headerLine = lines.findIndex((l) => l.trim() !== '')
  if (headerLine < 0) return { rows, errors: [{ line: 1, message: 'Het bestand is leeg.' }] }
  const sep = lines[headerLine].includes(';') ? ';' : ','
  const header = lines[headerLine].split(sep).map((h) => h.trim().toLowerCase())
  const missing = ['wijkcode', 'jaar'].filter((c) => !header.includes(c))
  const measures = header.filter((h) => h in COLUMN_MEASURE)
  if (missing.length || measures.length === 0)
    return {
      rows,
      errors: [
        {
          line: headerLine + 1,
          message: `De kopregel moet de kolommen wijkcode, jaar en minstens één van ${Object.keys(COLUMN_MEASURE).join(', ')} hebben.`,
        },
      ],
    }
  const seen = new Set<string>()
  for (let i = headerLine + 1; i < lines.length; i++) {
    const raw = lines[i]
    if (raw.trim() === '') continue
    const line = i + 1
    const cells = raw.split(sep).map((c) => c.trim())
    if (cells.length !== header.length) {
      errors.push({ line, message: `Regel ${line}: ${cells.length} kolommen, de kopregel heeft er ${header.length}.` })
      continue
    }
    const cell = (name: string) => cells[header.indexOf(name)]
    const code = cell('wijkcode').toUpperCase()
    if (!knownCodes.has(code)) {
      errors.push({ line, message: `Regel ${line}: wijkcode "${cell('wijkcode')}" is geen wijk van Amersfoort.` })
      continue
    }
    const year = Number(cell('jaar'))
    if (!/^\d{4}$/.test(cell('jaar')) || year < 2000 || year > 2100) {
      errors.push({ line, message: `Regel ${line}: jaar "${cell('jaar')}" is geen jaartal (bijvoorbeeld 2026).` })
      continue
    }
    const key = `${code}/${year}`
    if (seen.has(key)) {
      errors.push({ line, message: `Regel ${line}: ${code} ${year} staat al eerder in het bestand.` })
      continue
    }
    seen.add(key)
    const rowProblems: string[] = []
    const parsed: IndicatorRow[] = []
    for (const column of measures) {
      const value = cell(column)
      if (value === '') continue
      const measure = COLUMN_MEASURE[column]
      const v = milli(value)
      const [lo, hi] = RANGE[measure]
      if (v === null || v < lo * 1000 || v > hi * 1000)
        rowProblems.push(`${column} "${value}" ligt niet tussen ${lo} en ${hi}`)
      else parsed.push({ scope: code, year, measure, valueMilli: v })
    }
    if (rowProblems.length) errors.push({ line, message: `Regel ${line}: ${rowProblems.join('; ')}.` })
    else if (parsed.length === 0) errors.push({ line, message: `Regel ${line}: geen enkele waarde ingevuld.` })
    else rows.push(...parsed)
  }
  if (rows.length === 0 && errors.length === 0)
    errors.push({ line: headerLine + 1, message: 'Het bestand heeft geen regels met waarden.' })
  return errors.length ? { rows: [], errors } : { rows, errors }
}

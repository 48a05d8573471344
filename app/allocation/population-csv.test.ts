import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parsePopulationCsv, splitCsvLine } from './population-csv.ts'

const HEADER = 'code,name,inhabitants,priority,priority_basis'

describe('parsePopulationCsv', () => {
  it('reads the seed file: 31 Amersfoort wijken, 161,825 inhabitants', () => {
    const result = parsePopulationCsv(readFileSync('prisma/data/amersfoort-wijken-2024.csv', 'utf8'))
    if (!result.ok) throw new Error(JSON.stringify(result.errors))
    expect(result.rows).toHaveLength(31)
    expect(result.rows.reduce((s, r) => s + r.inhabitants, 0)).toBe(161_825)
    expect(result.rows.find((r) => r.code === 'WK030703')).toMatchObject({
      name: 'Soesterkwartier',
      inhabitants: 12185,
      priority: true,
      line: 4,
    })
  })

  it('gives every wrong row its own Dutch error with the line number', () => {
    const text = [
      HEADER,
      'WK030701,Stadskern,5775,false,',
      'WK0307,Nederberg,2095,false,',
      'WK030703,Soesterkwartier,twaalf,true,x',
      'WK030704,,420,misschien,',
      'WK030701,Stadskern,5775,false,',
      'WK030705,Schothorst,-3,false,',
      'WK030706,Liendert,10',
    ].join('\n')
    const result = parsePopulationCsv(text)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7, 8])
    expect(result.errors[0].message).toContain('"WK0307" is geen CBS-wijkcode')
    expect(result.errors[1].message).toContain('"twaalf" is geen geheel getal')
    expect(result.errors[2].message).toMatch(/naam van de wijk ontbreekt; prioriteit moet true of false zijn/)
    expect(result.errors[3].message).toContain('stond al op regel 2')
    expect(result.errors[4].message).toContain('"-3"')
    expect(result.errors[5].message).toContain('3 kolommen')
  })

  it('names the missing columns of the header', () => {
    const result = parsePopulationCsv('code,naam,inwoners\nWK030701,Stadskern,5775')
    expect(result).toEqual({
      ok: false,
      errors: [{ line: 1, message: expect.stringContaining('name, inhabitants, priority, priority_basis') }],
    })
  })

  it('refuses an empty file and a file with only a header', () => {
    expect(parsePopulationCsv('')).toMatchObject({ ok: false, errors: [{ line: 1 }] })
    expect(parsePopulationCsv(`${HEADER}\n\n`)).toMatchObject({ ok: false, errors: [{ line: 2 }] })
  })

  it('accepts semicolons, quotes, a BOM, CRLF, columns in another order and Dutch thousands dots', () => {
    const text =
      '\uFEFFname;code;priority;inhabitants;priority_basis\r\n"Hoogland; dorp";wk030719;TRUE;"1.234";"zegt ""ja"""\r\n'
    expect(parsePopulationCsv(text)).toEqual({
      ok: true,
      rows: [{ line: 2, code: 'WK030719', name: 'Hoogland; dorp', inhabitants: 1234, priority: true }],
    })
  })

  it('refuses an implausibly large number of inhabitants', () => {
    const result = parsePopulationCsv(`${HEADER}\nWK030701,Stadskern,57750000,false,`)
    expect(result).toMatchObject({
      ok: false,
      errors: [{ line: 2, message: expect.stringContaining('meer dan 1.000.000') }],
    })
  })

  it('splitCsvLine: an unclosed quote is an error', () => {
    expect(splitCsvLine('a,"b', ',')).toBeNull()
    expect(splitCsvLine('a, "b,c" ,d', ',')).toEqual(['a', 'b,c', 'd'])
  })
})

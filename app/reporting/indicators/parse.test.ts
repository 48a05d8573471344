import { describe, expect, it } from 'vitest'
import { milli, parseIndicatorCsv } from './parse.ts'

const codes = new Set(['WK030707', 'WK030719'])

describe('indicator CSV', () => {
  it('reads semicolons and decimal commas into thousandths; empty cells are not measured', () => {
    const csv =
      '\uFEFFwijkcode;jaar;rapportcijfer_buurt;sociale_cohesie;betrokkenheid_pct\nWK030707;2026;7,1;6,2;33\nwk030719;2026;7.5;;\n'
    const { rows, errors } = parseIndicatorCsv(csv, codes)
    expect(errors).toEqual([])
    expect(rows).toEqual([
      { scope: 'WK030707', year: 2026, measure: 'RAPPORTCIJFER_BUURT', valueMilli: 7100 },
      { scope: 'WK030707', year: 2026, measure: 'SOCIALE_COHESIE', valueMilli: 6200 },
      { scope: 'WK030707', year: 2026, measure: 'BETROKKENHEID', valueMilli: 33000 },
      { scope: 'WK030719', year: 2026, measure: 'RAPPORTCIJFER_BUURT', valueMilli: 7500 },
    ])
  })

  it('names every bad row in Dutch and imports nothing then', () => {
    const csv = [
      'wijkcode,jaar,rapportcijfer_buurt,betrokkenheid_pct',
      'WK030707,2026,7.1,33',
      'WK999999,2026,7.1,33',
      'WK030719,20x6,7.1,33',
      'WK030719,2026,11,33',
      'WK030707,2026,7.0,30',
      'WK030719,2025,7.1',
    ].join('\n')
    const { rows, errors } = parseIndicatorCsv(csv, codes)
    expect(rows).toEqual([])
    expect(errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7])
    expect(errors[0].message).toBe('Regel 3: wijkcode "WK999999" is geen wijk van Amersfoort.')
    expect(errors[1].message).toContain('geen jaartal')
    expect(errors[2].message).toBe('Regel 5: rapportcijfer_buurt "11" ligt niet tussen 0 en 10.')
    expect(errors[3].message).toContain('staat al eerder in het bestand')
    expect(errors[4].message).toContain('3 kolommen, de kopregel heeft er 4')
  })

  it('refuses a file without the needed header or without values', () => {
    expect(parseIndicatorCsv('naam;waarde\nx;1', codes).errors[0].message).toContain('kopregel')
    expect(parseIndicatorCsv('', codes).errors[0].message).toBe('Het bestand is leeg.')
    expect(parseIndicatorCsv('wijkcode;jaar;sociale_cohesie\n', codes).errors[0].message).toContain('geen regels')
  })

  it('reads numbers exactly', () => {
    expect(milli('7,3')).toBe(7300)
    expect(milli('35')).toBe(35000)
    expect(milli('6.125')).toBe(6125)
    expect(milli('6.1255')).toBeNull()
    expect(milli('-1')).toBeNull()
    expect(milli('abc')).toBeNull()
  })
})

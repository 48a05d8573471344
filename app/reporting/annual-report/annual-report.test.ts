// The annual report and the indicators on real PostgreSQL: the import is all or nothing with row
// errors, and the PDF's text holds the indicators table and the per-wijk totals.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { prisma } from '#app/db.server.ts'
import { formatMoney } from '#app/money/money.ts'
import { seeded } from '#app/testing/fixtures.ts'
import { areaIndicators, cityIndicators, importIndicators } from '../indicators/indicators.server.ts'
import { annualReport, annualReportPdf } from './annual-report.server.ts'

let f: Awaited<ReturnType<typeof seeded>>
beforeAll(async () => {
  f = await seeded()
}, 240_000)

describe('indicators', () => {
  it('imports per wijk and year, and refuses the whole file when a row is wrong', async () => {
    const bad = await importIndicators(
      f.admin.id,
      'wijkcode;jaar;rapportcijfer_buurt\nWK030707;2025;7,2\nWK000000;2025;7\n',
    )
    expect(bad).toEqual({
      ok: false,
      errors: [{ line: 3, message: expect.stringContaining('geen wijk van Amersfoort') }],
    })
    expect(await prisma.indicator.count({ where: { scope: 'WK030707' } })).toBe(0)
    const good = await importIndicators(
      f.admin.id,
      'wijkcode;jaar;rapportcijfer_buurt;sociale_cohesie;betrokkenheid_pct\nWK030707;2025;7,2;6,1;31\n',
    )
    expect(good).toEqual({ ok: true, count: 3 })
    const rows = await areaIndicators(f.round.id, 2026)
    const kruiskamp = rows.find((r) => r.code === 'WK030707')!
    expect(kruiskamp.measuredIn).toBe(2025)
    expect(kruiskamp.values).toEqual({ RAPPORTCIJFER_BUURT: 7200, SOCIALE_COHESIE: 6100, BETROKKENHEID: 31000 })
    expect(kruiskamp.realisedCents).toBeGreaterThan(0)
    expect(kruiskamp.perInhabitantCents).toBe(Math.round(kruiskamp.realisedCents / kruiskamp.inhabitants))
    expect(await prisma.auditEvent.count({ where: { action: 'indicators.imported' } })).toBe(1)
  })

  it('has the city figures 2014-2016 of the Stadspeiling from the seed', async () => {
    const city = await cityIndicators()
    expect(city.map((c) => c.year)).toEqual(expect.arrayContaining([2014, 2015, 2016]))
    expect(city.find((c) => c.year === 2015)!.realised).toEqual({
      RAPPORTCIJFER_BUURT: 7400,
      SOCIALE_COHESIE: 6300,
      BETROKKENHEID: 34000,
    })
  })
})

describe('the annual report', () => {
  it('PDF text holds the indicators table and the per-wijk totals', async () => {
    const report = (await annualReport(2026))!
    const pdf = await annualReportPdf(report, 'nl')
    const dir = mkdtempSync(path.join(tmpdir(), 'jaarverslag-'))
    writeFileSync(path.join(dir, 'r.pdf'), pdf)
    const text = execFileSync('pdftotext', ['-layout', path.join(dir, 'r.pdf'), '-']).toString()
    const flat = text.replace(/\s+/g, ' ')
    expect(flat).toContain('Buurtbudget 2026')
    // The indicators table: a row per indicator with the realisation per year.
    expect(text).toMatch(/Rapportcijfer buurt\/woonomgeving\s+7,3\s+7,4\s+7,4/)
    expect(text).toMatch(/Schaalscore sociale cohesie \(0-10\)\s+6,4\s+6,3\s+6,4/)
    expect(text).toMatch(/% betrokkenheid bij buurt\s+35\s+34\s+35/)
    expect(flat).toContain('Stadspeiling (O&S)')
    // Every wijk with its allocated, granted and realised amounts, and the total.
    const money = (c: number) => formatMoney(c).replace(/\s/g, ' ')
    for (const a of report.areas) {
      const line = text.split('\n').find((l) => l.trim().startsWith(a.name + (a.priority ? ' *' : '')))
      expect(line, a.name).toBeTruthy()
      const normal = line!.replace(/\s+/g, ' ')
      expect(normal, a.name).toContain(money(a.allocatedCents).replace(/\s+/g, ' '))
      expect(normal, a.name).toContain(money(a.realisedCents).replace(/\s+/g, ' '))
    }
    const kruiskamp = report.areas.find((a) => a.code === 'WK030707')!
    expect(kruiskamp.realisedCents).toBe(55_250)
    expect(report.totals.realisedCents).toBe(report.areas.reduce((s, a) => s + a.realisedCents, 0))
    expect(flat.replace(/\s/g, '')).toContain(`Totaal${money(report.totals.allocatedCents)}`.replace(/\s/g, ''))
  })
})

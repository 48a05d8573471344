// Bad input on the auditor's pages (issue 11, "Done when": bad input on every form): drawing a
// sample and recording a finding (/controle/steekproef), and the audit trail's date filters
// (/controle/spoor and its export). Each row goes through the real route action or loader against
// this file's PostgreSQL: a 4xx or a message, never a 500; a clear Dutch message AT the field; the
// typed values kept; no sample or finding written.
import { beforeAll, describe, expect, test } from 'vitest'
import { createUserSession } from '#app/auth/session.server.ts'
import { prisma } from '#app/db.server.ts'
import * as sampling from '#app/routes/controle.steekproef.tsx'
import * as trail from '#app/routes/controle.spoor.tsx'
import * as exporting from '#app/routes/controle.export.$file.tsx'
import { type Action, type Loader, type Row, callAction, callLoader, expectRefused } from '#app/testing/bad-input.ts'
import { seeded } from '#app/testing/fixtures.ts'

process.env.PORTAL_CLOCK = '2026-11-26'

let auditor = ''
let sample: { id: string; expenseIds: string[] }
const URL_ = 'http://localhost/controle/steekproef?round=2026'

async function written() {
  const [samples, findings] = await Promise.all([prisma.auditSample.count(), prisma.auditFinding.count()])
  return { samples, findings }
}

beforeAll(async () => {
  const f = await seeded()
  auditor = (await createUserSession(f.auditor.id)).split(';')[0]
  // One good draw, so findings can be posted against a real sample and expense.
  const drawn = await callAction(sampling.action as Action, URL_, {}, auditor, draw({}))
  expect(drawn.status, drawn.text.slice(0, 300)).toBe(302)
  sample = await prisma.auditSample.findFirstOrThrow({ orderBy: { createdAt: 'desc' } })
  expect(sample.expenseIds.length).toBeGreaterThan(0)
})

function draw(over: Record<string, string>) {
  return {
    intent: 'draw',
    wijk: 'WK030719',
    seed: 'controle-2026',
    method: 'RANDOM',
    sizeBy: 'COUNT',
    size: '1',
    ...over,
  }
}
// The sample is drawn in beforeAll; the rows are made before it, so its ids are filled in when sent.
const finding = (over: Record<string, string>) => ({
  intent: 'finding',
  sampleId: 'SAMPLE',
  expenseId: 'EXPENSE',
  verdict: 'REMARK',
  text: 'Bon ontbreekt bij deze uitgave.',
  ...over,
})

const withIds = (row: Row): Row => ({
  ...row,
  fields: Object.fromEntries(
    Object.entries(row.fields).map(([k, v]) => [
      k,
      v === 'SAMPLE' ? sample.id : v === 'EXPENSE' ? sample.expenseIds[0] : v,
    ]),
  ),
})

describe('drawing a sample (/controle/steekproef)', () => {
  const rows = (): Row[] => [
    { name: 'seed empty', fields: draw({ seed: '' }), field: 'seed', message: /startgetal/ },
    { name: 'seed with spaces', fields: draw({ seed: 'twee woorden' }), field: 'seed', message: /startgetal/ },
    { name: 'seed too long', fields: draw({ seed: 'a'.repeat(41) }), field: 'seed', message: /1 tot 40 tekens/ },
    { name: 'size zero', fields: draw({ size: '0' }), field: 'size', message: /1 of meer/ },
    { name: 'size negative', fields: draw({ size: '-3' }), field: 'size', message: /1 of meer/ },
    { name: 'size a word', fields: draw({ size: 'veel' }), field: 'size', message: /heel getal/ },
    { name: 'size with a decimal', fields: draw({ size: '2,5' }), field: 'size', message: /heel getal/ },
    { name: 'size beyond any sample', fields: draw({ size: '9'.repeat(20) }), field: 'size', message: /heel getal/ },
    {
      name: 'a percentage above 100',
      fields: draw({ sizeBy: 'PERCENT', size: '150' }),
      field: 'size',
      message: /1 tot en met 100/,
    },
    { name: 'wijk empty', fields: draw({ wijk: '' }), field: 'wijk', message: /Kies een wijk/ },
    {
      name: 'a wijk that does not exist',
      fields: draw({ wijk: 'WK999999' }),
      field: 'wijk',
      message: /Kies een wijk van deze ronde/,
    },
    { name: 'an unknown method', fields: draw({ method: 'GUESS' }), field: 'method', message: /[a-z]/ },
    { name: 'an unknown size kind', fields: draw({ sizeBy: 'HALF' }), field: 'sizeBy', message: /[a-z]/ },
  ]
  test.each(rows().map((r) => [r.name, r] as const))('%s', async (_name, row) => {
    await expectRefused(sampling.action as Action, URL_, {}, auditor, row, written)
  })
})

describe('recording a finding (/controle/steekproef)', () => {
  const rows = (): Row[] => [
    { name: 'text empty', fields: finding({ text: '' }), field: 'text', message: /Beschrijf de bevinding/ },
    { name: 'text of two letters', fields: finding({ text: 'ok' }), field: 'text', message: /minstens 3 tekens/ },
    {
      name: 'text only spaces',
      fields: finding({ text: '      ' }),
      field: 'text',
      message: /Beschrijf de bevinding/,
      notKept: ['text'],
    },
    { name: 'text too long', fields: finding({ text: 'x'.repeat(4001) }), field: 'text', message: /hoogstens 4000/ },
    { name: 'no verdict', fields: finding({ verdict: '' }), field: 'verdict', message: /ernst van de bevinding/ },
    { name: 'an unknown verdict', fields: finding({ verdict: 'FATAL' }), field: 'verdict', message: /ernst/ },
  ]
  test.each(rows().map((r) => [r.name, r] as const))('%s', async (_name, row) => {
    await expectRefused(sampling.action as Action, URL_, {}, auditor, withIds(row), written)
  })

  test('a finding on an expense outside the sample, or on a sample that does not exist, is a 404 and writes nothing', async () => {
    const overs: Record<string, string>[] = [
      { expenseId: 'zzzzzzzzzzzzzzzzzzzzzzzz' },
      { sampleId: 'zzzzzzzzzzzzzzzzzzzzzzzz' },
    ]
    for (const over of overs) {
      const before = await written()
      const fields = withIds({ name: '', fields: finding(over), field: '', message: /./ }).fields
      const reply = await callAction(sampling.action as Action, URL_, {}, auditor, fields)
      expect(reply.status, reply.text.slice(0, 300)).toBe(404)
      expect(reply.error[''].join(' ')).toMatch(/Niet gevonden/)
      expect(reply.initial.text).toBe('Bon ontbreekt bij deze uitgave.')
      expect(await written()).toEqual(before)
    }
  })
})

describe('the audit trail’s date filters (/controle/spoor and its export)', () => {
  for (const day of ['2026-13-45', '2026-02-30', '2026-00-10', '0000-00-00'])
    test(`a from or to date ${day} is a Dutch message at the filter, the typed date kept, never a 500`, async () => {
      for (const k of ['from', 'to'] as const) {
        const r = await callLoader(trail.loader as Loader, `http://localhost/controle/spoor?${k}=${day}`, {}, auditor)
        expect(r.status).toBe(200)
        const d = r.value as Awaited<ReturnType<typeof trail.loader>>
        expect(d.filterErrors[k]).toMatch(/Deze datum bestaat niet/)
        expect(d.filter[k]).toBe(day)
        // The rest of the page still answers: the trail without that filter.
        expect(d.total).toBeGreaterThan(0)
        const csv = await callLoader(
          exporting.loader as Loader,
          `http://localhost/controle/export/trail.csv?round=2026&${k}=${day}`,
          { file: 'trail.csv' },
          auditor,
        )
        expect(csv.status).toBe(400)
        expect(await (csv.value as Response).text()).toMatch(/Deze datum bestaat niet/)
      }
    })

  test('a good date range filters without a message; a huge or broken page number is page 1 or the last, not a 500', async () => {
    const ok = await callLoader(
      trail.loader as Loader,
      'http://localhost/controle/spoor?from=2026-01-01&to=2026-12-31',
      {},
      auditor,
    )
    expect((ok.value as { filterErrors: object }).filterErrors).toEqual({})
    // The to-date counts its whole day: the seed's 2026 events are found.
    expect((ok.value as { total: number }).total).toBeGreaterThan(0)
    for (const page of ['1e30', '-5', 'abc', '99999999999999999999']) {
      const r = await callLoader(trail.loader as Loader, `http://localhost/controle/spoor?page=${page}`, {}, auditor)
      expect(r.status, page).toBe(200)
    }
  })
})

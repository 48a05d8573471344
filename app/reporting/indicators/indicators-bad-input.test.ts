// Bad input on the indicator import (/beheer/indicatoren): a file that is not a CSV, an empty file,
// a bad number, a file too large, wrong columns. Each goes through the real route action against
// this file's PostgreSQL: a 400 with a Dutch message AT the file field (or at the pasted lines),
// and nothing imported (all or nothing: no indicator, no audit event).
import { beforeAll, describe, test } from 'vitest'
import { createUserSession } from '#app/auth/session.server.ts'
import { prisma } from '#app/db.server.ts'
import * as indicators from '#app/routes/beheer.indicatoren.tsx'
import { type Action, type Row, expectRefused } from '#app/testing/bad-input.ts'
import { seeded } from '#app/testing/fixtures.ts'

process.env.PORTAL_CLOCK = '2026-11-26'

let admin = ''
const URL_ = 'http://localhost/beheer/indicatoren'
const HEADER = 'wijkcode;jaar;rapportcijfer_buurt;sociale_cohesie;betrokkenheid_pct\n'
const csv = (text: string, name = 'stadspeiling.csv', type = 'text/csv') => ({
  file: new File([Buffer.from(text)], name, { type }),
})

async function written() {
  const [values, imports] = await Promise.all([
    prisma.indicator.findMany({ orderBy: [{ scope: 'asc' }, { year: 'asc' }, { measure: 'asc' }, { kind: 'asc' }] }),
    prisma.auditEvent.count({ where: { action: 'indicators.imported' } }),
  ])
  return { values, imports }
}

beforeAll(async () => {
  const f = await seeded()
  admin = (await createUserSession(f.admin.id)).split(';')[0]
})

describe('the indicator import (/beheer/indicatoren)', () => {
  const rows: Row[] = [
    {
      name: 'a picture instead of a CSV',
      fields: { intent: 'import' },
      files: { file: new File([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2])], 'wijk.png', { type: 'image/png' }) },
      field: 'file',
      message: /Kies een CSV-bestand/,
    },
    {
      name: 'binary content in a file named .csv',
      fields: { intent: 'import' },
      files: csv('\u0000\u0001PK\u0003\u0004', 'stadspeiling.csv', 'application/octet-stream'),
      field: 'file',
      message: /Kies een CSV-bestand/,
    },
    {
      name: 'an empty file',
      fields: { intent: 'import' },
      files: csv(''),
      field: 'file',
      message: /Kies een bestand of plak de regels/,
    },
    {
      name: 'a file with only spaces and newlines',
      fields: { intent: 'import' },
      files: csv('  \n\n  '),
      field: 'file',
      message: /Kies een bestand of plak de regels/,
    },
    {
      name: 'a bad number',
      fields: { intent: 'import' },
      files: csv(HEADER + 'WK030707;2026;zeven;6,2;33\n'),
      field: 'file',
      message: /niets geïmporteerd: 1 regels hebben een fout/,
    },
    {
      name: 'a good line and a bad one: nothing imported',
      fields: { intent: 'import' },
      files: csv(HEADER + 'WK030707;2026;7,1;6,2;33\nWK030719;2026;7,5;;1e309\n'),
      field: 'file',
      message: /niets geïmporteerd/,
    },
    {
      name: 'wrong columns',
      fields: { intent: 'import' },
      files: csv('naam;waarde\nHoogland;7\n'),
      field: 'file',
      message: /niets geïmporteerd/,
    },
    {
      name: 'a file too large',
      fields: { intent: 'import' },
      files: csv(HEADER + 'WK030707;2026;7,1;6,2;33\n'.repeat(90_000)),
      field: 'file',
      message: /te groot: hoogstens 2 MB/,
    },
    {
      name: 'pasted lines with a bad number',
      fields: { intent: 'import', csv: HEADER + 'WK030707;2026;7,1;veel;33' },
      field: 'csv',
      message: /niets geïmporteerd/,
      // kept, but multipart sends its newline as CRLF, as a browser does
      notKept: ['csv'],
    },
  ]
  test.each(rows.map((r) => [r.name, r] as const))('%s', async (_name, row) => {
    await expectRefused(indicators.action as Action, URL_, {}, admin, row, written)
  })
})

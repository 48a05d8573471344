// Bad input on the objection forms (/beoordelen/:id/bezwaar): registering a bezwaar and deciding
// it. Each row goes through the real route action against this file's PostgreSQL: a 400 with a
// Dutch message AT the field, the typed values kept, and no objection, letter or ledger entry written.
import { beforeAll, describe, test } from 'vitest'
import { createUserSession } from '#app/auth/session.server.ts'
import { prisma } from '#app/db.server.ts'
import * as objection from '#app/routes/beoordelen.$id_.bezwaar.tsx'
import { type Action, type Row, expectRefused } from '#app/testing/bad-input.ts'
import { seeded } from '#app/testing/fixtures.ts'

process.env.PORTAL_CLOCK = '2026-11-26'

let reviewer = ''
let appId = ''

async function written() {
  const [objections, letters, entries] = await Promise.all([
    prisma.objection.findMany({ orderBy: { id: 'asc' } }),
    prisma.keptDocument.count(),
    prisma.ledgerEntry.count(),
  ])
  return { objections, letters, entries }
}

beforeAll(async () => {
  const f = await seeded()
  reviewer = (await createUserSession(f.reviewer.id)).split(';')[0]
  appId = (await prisma.application.findUniqueOrThrow({ where: { reference: 'BB-2026-0001' } })).id
})

const register = (over: Record<string, string>) => ({
  intent: 'register-objection',
  receivedOn: '2026-11-20',
  objectorName: 'Stichting Hoogland Leeft',
  grounds: 'Het toegekende bedrag is lager dan gevraagd zonder uitleg.',
  ...over,
})
const decide = (over: Record<string, string>) => ({
  intent: 'decide-objection',
  objectionId: 'zzzzzzzzzzzzzzzzzzzzzzzz',
  outcome: 'UPHELD',
  reasons: 'Het bezwaar is gegrond; het bedrag wordt aangepast.',
  ...over,
})

describe('the objection forms (/beoordelen/:id/bezwaar)', () => {
  const rows: Row[] = [
    {
      name: 'received on a date that does not exist',
      fields: register({ receivedOn: '2026-02-30' }),
      field: 'receivedOn',
      message: /ontvangstdatum/,
    },
    {
      name: 'received on 2026-13-45',
      fields: register({ receivedOn: '2026-13-45' }),
      field: 'receivedOn',
      message: /ontvangstdatum/,
    },
    { name: 'no received date', fields: register({ receivedOn: '' }), field: 'receivedOn', message: /ontvangstdatum/ },
    { name: 'no objector', fields: register({ objectorName: '' }), field: 'objectorName', message: /wie het bezwaar/ },
    {
      name: 'grounds too short',
      fields: register({ grounds: 'nee' }),
      field: 'grounds',
      message: /minstens 10 tekens/,
    },
    { name: 'no grounds', fields: register({ grounds: '' }), field: 'grounds', message: /gronden van het bezwaar/ },
    {
      name: 'a hearing on a date that does not exist',
      fields: register({ hearingOn: '2026-04-31' }),
      field: 'hearingOn',
      message: /hoorzitting/,
    },
    {
      name: 'a decision no one can take',
      fields: decide({ outcome: 'MAYBE' }),
      field: 'outcome',
      message: /Kies de beslissing/,
    },
    { name: 'reasons too short', fields: decide({ reasons: 'ok' }), field: 'reasons', message: /minstens 10 tekens/ },
    { name: 'an amount that is not one', fields: decide({ amount: 'veel' }), field: 'amount', message: /bedrag/i },
    { name: 'a negative amount', fields: decide({ amount: '-10,00' }), field: 'amount', message: /bedrag/i },
  ]
  test.each(rows.map((r) => [r.name, r] as const))('%s', async (_name, row) => {
    await expectRefused(
      objection.action as Action,
      `http://localhost/beoordelen/${appId}/bezwaar`,
      { id: appId },
      reviewer,
      row,
      written,
    )
  })
})

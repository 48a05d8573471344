// Bad input on the administrator's foundation decisions (/beheer/stichtingen: verify a foundation,
// confirm or reject its IBAN change). These are button forms (intent + foundationId); a value no
// page sends, or a foundation that cannot be decided on, must be a 4xx with a Dutch message AT the
// field (the row shows it), what was sent kept, and no foundation changed.
import { beforeAll, describe, test } from 'vitest'
import { createUserSession } from '#app/auth/session.server.ts'
import { prisma } from '#app/db.server.ts'
import * as foundations from '#app/routes/beheer.stichtingen.tsx'
import { type Action, type Row, expectRefused } from '#app/testing/bad-input.ts'
import { seeded } from '#app/testing/fixtures.ts'

process.env.PORTAL_CLOCK = '2026-11-26'

let admin = ''
let verified = ''
const URL_ = 'http://localhost/beheer/stichtingen'

async function written() {
  return prisma.foundation.findMany({
    orderBy: { id: 'asc' },
    select: { id: true, verifiedAt: true, iban: true, pendingIban: true, accountHolder: true },
  })
}

beforeAll(async () => {
  const f = await seeded()
  admin = (await createUserSession(f.admin.id)).split(';')[0]
  verified = (await prisma.foundation.findFirstOrThrow({ where: { verifiedAt: { not: null }, pendingIban: null } })).id
})

describe('a foundation decision (/beheer/stichtingen)', () => {
  const rows = (): Row[] => [
    {
      name: 'no foundation',
      fields: { intent: 'verify', foundationId: '' },
      field: 'foundationId',
      message: /ongeldige waarde/,
    },
    {
      name: 'a decision no page offers',
      fields: { intent: 'delete', foundationId: 'VERIFIED' },
      field: 'intent',
      message: /ongeldige waarde/,
    },
    {
      name: 'a foundation that does not exist',
      fields: { intent: 'verify', foundationId: 'zzzzzzzzzzzzzzzzzzzzzzzz' },
      field: 'foundationId',
      message: /al geverifieerd of bestaat niet/,
      status: 409,
    },
    {
      name: 'verifying a foundation that is verified already',
      fields: { intent: 'verify', foundationId: 'VERIFIED' },
      field: 'foundationId',
      message: /al geverifieerd of bestaat niet/,
      status: 409,
    },
    {
      name: 'confirming an IBAN change that was never asked',
      fields: { intent: 'confirmIban', foundationId: 'VERIFIED' },
      field: 'foundationId',
      message: /geen wijziging van het rekeningnummer/,
      status: 409,
    },
    {
      name: 'rejecting an IBAN change that was never asked',
      fields: { intent: 'rejectIban', foundationId: 'VERIFIED' },
      field: 'foundationId',
      message: /geen wijziging van het rekeningnummer/,
      status: 409,
    },
  ]
  test.each(rows().map((r) => [r.name, r] as const))('%s', async (_name, row) => {
    const fields = Object.fromEntries(Object.entries(row.fields).map(([k, v]) => [k, v === 'VERIFIED' ? verified : v]))
    await expectRefused(foundations.action as Action, URL_, {}, admin, { ...row, fields }, written)
  })
})

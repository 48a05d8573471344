// Bad input on the IBAN change (issue 11, "Done when": bad input on every new form, the IBAN): the
// foundation admin's request on /stichting/:id and its confirmation by a municipal administrator on
// /beheer/stichtingen. Real route actions, real PostgreSQL: a 4xx (never a 500), a clear Dutch
// message at the field, the typed input kept, and the foundation's account and the audit trail
// unchanged. The rule for the confirmation (app/foundations/policy.ts, mayConfirmIbanChange;
// docs/decisions/0011): whoever asked for the change may never confirm it.
import { beforeAll, describe, expect, test } from 'vitest'
import { createUserSession } from '#app/auth/session.server.ts'
import { prisma } from '#app/db.server.ts'
import * as foundationPage from '#app/routes/stichting.$id.tsx'
import * as adminPage from '#app/routes/beheer.stichtingen.tsx'
import { type Action, type Row, callAction, expectRefused } from '#app/testing/bad-input.ts'
import { seeded } from '#app/testing/fixtures.ts'

let f: Awaited<ReturnType<typeof seeded>>
let memberCookie = ''
let adminCookie = ''
let reviewerCookie = ''
let foundationId = ''
let otherFoundationId = ''
const CURRENT = 'NL91ABNA0417164300'

beforeAll(async () => {
  f = await seeded()
  memberCookie = (await createUserSession(f.hoogland.id)).split(';')[0]
  adminCookie = (await createUserSession(f.admin.id)).split(';')[0]
  reviewerCookie = (await createUserSession(f.reviewer.id)).split(';')[0]
  foundationId = f.hoogland.foundationIds[0]
  otherFoundationId = f.zielhorst.foundationIds[0]
  await prisma.foundation.update({
    where: { id: foundationId },
    data: { iban: CURRENT, accountHolder: 'Stichting Hoogland Leeft' },
  })
})

/** The account fields of every foundation and the audit trail: what an IBAN form could write. */
async function written() {
  const [accounts, events] = await Promise.all([
    prisma.foundation.findMany({
      select: {
        id: true,
        iban: true,
        accountHolder: true,
        pendingIban: true,
        pendingAccountHolder: true,
        pendingIbanById: true,
        pendingIbanAt: true,
      },
      orderBy: { id: 'asc' },
    }),
    prisma.auditEvent.count(),
  ])
  return { accounts, events }
}

const change = (over: Record<string, string>) => ({
  intent: 'iban',
  iban: 'NL02 ABNA 0123 4567 89',
  accountHolder: 'Stichting Hoogland Leeft',
  ...over,
})

const askChange = (fields: Record<string, string>, id = foundationId, cookie = memberCookie) =>
  callAction(foundationPage.action as Action, `http://localhost/stichting/${id}`, { id }, cookie, fields)

describe('asking for a new IBAN (/stichting/:id)', () => {
  const rows: Row[] = [
    { name: 'no IBAN', fields: change({ iban: '' }), field: 'iban', message: /Vul het IBAN in|IBAN klopt niet/ },
    {
      name: 'a wrong check digit',
      fields: change({ iban: 'NL00 ABNA 0123 4567 89' }),
      field: 'iban',
      message: /Dit IBAN klopt niet/,
    },
    {
      name: 'one digit typed wrong',
      fields: change({ iban: 'NL02 ABNA 0123 4567 88' }),
      field: 'iban',
      message: /Dit IBAN klopt niet/,
    },
    {
      name: 'too short for the Netherlands',
      fields: change({ iban: 'NL02 ABNA 0123 4567 8' }),
      field: 'iban',
      message: /Dit IBAN klopt niet/,
    },
    {
      name: 'too long for the Netherlands',
      fields: change({ iban: 'NL02 ABNA 0123 4567 890' }),
      field: 'iban',
      message: /Dit IBAN klopt niet/,
    },
    {
      name: 'a German length with a Dutch country code',
      fields: change({ iban: 'NL89 3704 0044 0532 0130 00' }),
      field: 'iban',
      message: /Dit IBAN klopt niet/,
    },
    {
      name: 'an unknown country',
      fields: change({ iban: 'XX02 ABNA 0123 4567 89' }),
      field: 'iban',
      message: /Dit IBAN klopt niet/,
    },
    {
      name: 'far too long',
      fields: change({ iban: 'NL02ABNA0123456789'.repeat(20) }),
      field: 'iban',
      message: /Dit IBAN klopt niet/,
    },
    {
      name: 'a NUL byte inside',
      fields: change({ iban: 'NL02ABNA01234\u000056789' }),
      field: 'iban',
      message: /Dit IBAN klopt niet/,
    },
    {
      name: 'letters where digits belong',
      fields: change({ iban: 'NL02 ABNA OI23 4567 89' }),
      field: 'iban',
      message: /Dit IBAN klopt niet/,
    },
    {
      name: 'the account it already has (typed with spaces)',
      fields: change({ iban: 'NL91 ABNA 0417 1643 00' }),
      field: 'iban',
      message: /al het rekeningnummer/,
    },
    {
      name: 'no account holder',
      fields: change({ accountHolder: '' }),
      field: 'accountHolder',
      message: /naam van de rekeninghouder/,
    },
    {
      name: 'account holder only spaces',
      fields: change({ accountHolder: '   ' }),
      field: 'accountHolder',
      message: /naam van de rekeninghouder/,
      notKept: ['accountHolder'],
    },
    {
      name: 'account holder too long',
      fields: change({ accountHolder: 'S'.repeat(201) }),
      field: 'accountHolder',
      message: /Hoogstens 200 tekens/,
    },
    {
      name: 'a NUL byte in the account holder',
      fields: change({ accountHolder: 'Stichting\u0000Hoogland' }),
      field: 'accountHolder',
      message: /teken dat niet kan worden opgeslagen/,
    },
    {
      name: 'a control character in the account holder',
      fields: change({ accountHolder: 'Stichting\u001bHoogland' }),
      field: 'accountHolder',
      message: /teken dat niet kan worden opgeslagen/,
    },
  ]
  test.each(rows)('$name', async (row) => {
    await expectRefused(
      foundationPage.action as Action,
      `http://localhost/stichting/${foundationId}`,
      { id: foundationId },
      memberCookie,
      row,
      written,
    )
  })

  test('another foundation’s IBAN cannot be asked for (404, nothing written)', async () => {
    const before = await written()
    const reply = await askChange(change({}), otherFoundationId)
    expect(reply.status, reply.text).toBe(404)
    expect(await written()).toEqual(before)
  })

  test('a member without the right to change the IBAN is refused (nothing written)', async () => {
    await prisma.membership.updateMany({ where: { foundationId, userId: f.hoogland.id }, data: { role: 'MEMBER' } })
    try {
      const before = await written()
      const reply = await askChange(change({}))
      expect([403, 404], reply.text).toContain(reply.status)
      expect(await written()).toEqual(before)
    } finally {
      await prisma.membership.updateMany({
        where: { foundationId, userId: f.hoogland.id },
        data: { role: 'FOUNDATION_ADMIN' },
      })
    }
  })

  test('spaces and lower case are accepted and stored as the bank writes it; the account itself waits', async () => {
    const reply = await askChange(change({ iban: ' nl02 abna 0123 4567 89 ' }))
    expect(reply.status, reply.text).toBe(302)
    const row = await prisma.foundation.findUniqueOrThrow({ where: { id: foundationId } })
    expect(row).toMatchObject({ iban: CURRENT, pendingIban: 'NL02ABNA0123456789', pendingIbanById: f.hoogland.id })
  })
})

describe('confirming a new IBAN (/beheer/stichtingen)', () => {
  const decide = (fields: Record<string, string>, cookie = adminCookie) =>
    callAction(adminPage.action as Action, 'http://localhost/beheer/stichtingen', {}, cookie, fields)

  test('whoever asked for the change may not confirm it, whichever accounts they hold (403, the IBAN unchanged)', async () => {
    // The administrator asked for it (as a member of the foundation, or by a hand-made request).
    await prisma.foundation.update({
      where: { id: foundationId },
      data: {
        pendingIban: 'NL02ABNA0123456789',
        pendingAccountHolder: 'Stichting Hoogland Leeft',
        pendingIbanById: f.admin.id,
        pendingIbanAt: new Date(),
      },
    })
    for (const intent of ['confirmIban', 'rejectIban']) {
      const before = await written()
      const reply = await decide({ intent, foundationId })
      expect(reply.status, reply.text).toBe(403)
      expect(reply.error[''].join(' ')).toMatch(/U vroeg deze wijziging zelf aan; een andere beheerder/)
      expect(await written()).toEqual(before)
    }
    expect((await prisma.foundation.findUniqueOrThrow({ where: { id: foundationId } })).iban).toBe(CURRENT)
  })

  test('confirming where nothing was asked is refused with a Dutch message (409, nothing written)', async () => {
    const before = await written()
    const reply = await decide({ intent: 'confirmIban', foundationId: otherFoundationId })
    expect(reply.status, reply.text).toBe(409)
    expect(reply.error.foundationId.join(' ')).toMatch(/geen wijziging van het rekeningnummer/)
    expect(await written()).toEqual(before)
  })

  test.each([
    ['an unknown decision', { intent: 'approveAll', foundationId: 'x' }],
    ['no foundation', { intent: 'confirmIban' }],
    ['an unknown foundation', { intent: 'confirmIban', foundationId: 'clxxxxxxxxxxxxxxxxxxxxxxx' }],
  ])('%s is refused with a Dutch message, nothing written', async (_name, fields) => {
    const before = await written()
    const reply = await decide(fields as Record<string, string>)
    expect([400, 404, 409], reply.text).toContain(reply.status)
    // At the field that is wrong (the row of the foundation shows it), not only at the form.
    expect([...(reply.error.foundationId ?? []), ...(reply.error.intent ?? [])].join(' '), reply.text).toMatch(
      /ongeldige waarde|geen wijziging|bestaat niet/i,
    )
    expect(await written()).toEqual(before)
  })

  test('a reviewer may not confirm (403, nothing written)', async () => {
    const before = await written()
    const reply = await decide({ intent: 'confirmIban', foundationId }, reviewerCookie)
    expect(reply.status, reply.text).toBe(403)
    expect(await written()).toEqual(before)
  })

  test('another administrator may: the request by the foundation admin is confirmed', async () => {
    await prisma.foundation.update({ where: { id: foundationId }, data: { pendingIbanById: f.hoogland.id } })
    const reply = await decide({ intent: 'confirmIban', foundationId })
    expect(reply.status, reply.text).toBe(302)
    expect(await prisma.foundation.findUniqueOrThrow({ where: { id: foundationId } })).toMatchObject({
      iban: 'NL02ABNA0123456789',
      pendingIban: null,
    })
  })
})

// Bad input on the round forms (issue 11, "Done when": bad input on every new form): the next round
// (/beheer/rondes/nieuw), closing a round (/beheer/rondes/:year/sluiten) and a round's settings
// (/beheer/rondes). Each row goes through the real route action against this file's PostgreSQL and
// must give a 4xx (never a 500), a clear Dutch message AT the field, the typed values kept, and no
// round, closing, ledger entry or changed setting.
import { beforeAll, describe, expect, test } from 'vitest'
import { createUserSession } from '#app/auth/session.server.ts'
import { prisma } from '#app/db.server.ts'
import * as newRound from '#app/routes/beheer.rondes_.nieuw.tsx'
import * as closeRound from '#app/routes/beheer.rondes_.$year.sluiten.tsx'
import * as rounds from '#app/routes/beheer.rondes.tsx'
import { type Action, type Row, callAction, expectRefused } from '#app/testing/bad-input.ts'
import { seeded } from '#app/testing/fixtures.ts'

process.env.PORTAL_CLOCK = '2026-11-26'

let f: Awaited<ReturnType<typeof seeded>>
let adminCookie = ''
let reviewerCookie = ''

beforeAll(async () => {
  f = await seeded()
  adminCookie = (await createUserSession(f.admin.id)).split(';')[0]
  reviewerCookie = (await createUserSession(f.reviewer.id)).split(';')[0]
})

/** Everything a round form could write. */
async function written() {
  const [rounds, closings, entries, accounts, roundAreas, settings] = await Promise.all([
    prisma.budgetRound.count(),
    prisma.roundClosing.count(),
    prisma.ledgerEntry.count(),
    prisma.account.count(),
    prisma.roundArea.count(),
    prisma.budgetRound.findMany({ orderBy: { year: 'asc' } }),
  ])
  return { rounds, closings, entries, accounts, roundAreas, settings }
}

const next = (over: Record<string, string>) => ({
  year: '2027',
  pot: '450.000,00',
  opensOn: '2027-01-15',
  closesOn: '2027-03-31',
  maxAmount: '2.500,00',
  reportTermWeeks: '12',
  advancePercent: '75',
  fourEyesThreshold: '5.000,00',
  paymentApprovalThreshold: '1.000,00',
  ...over,
})

describe('the next round (/beheer/rondes/nieuw)', () => {
  const rows: Row[] = [
    { name: 'year missing', fields: next({ year: '' }), field: 'year', message: /Vul het jaar/ },
    { name: 'year in two digits', fields: next({ year: '27' }), field: 'year', message: /vier cijfers/ },
    { name: 'year a word', fields: next({ year: 'volgend jaar' }), field: 'year', message: /vier cijfers/ },
    { name: 'year too early', fields: next({ year: '1999' }), field: 'year', message: /tussen 2000 en 2100/ },
    {
      name: 'a year that already has a round',
      fields: next({ year: '2026', opensOn: '2026-01-15', closesOn: '2026-03-31' }),
      field: 'year',
      message: /bestaat al een ronde/,
      status: 422,
    },
    { name: 'pot missing', fields: next({ pot: '' }), field: 'pot', message: /subsidieplafond/ },
    { name: 'pot zero', fields: next({ pot: '0,00' }), field: 'pot', message: /meer dan € 0,00/ },
    { name: 'pot negative', fields: next({ pot: '-100,00' }), field: 'pot', message: /bedrag/i },
    { name: 'pot not a number', fields: next({ pot: 'veel' }), field: 'pot', message: /bedrag/i },
    {
      name: 'pot with three decimals',
      fields: next({ pot: '1.000,001' }),
      field: 'pot',
      message: /hoogstens twee cijfers achter de komma/,
    },
    { name: 'pot beyond any number', fields: next({ pot: '9'.repeat(30) }), field: 'pot', message: /bedrag/i },
    {
      name: 'opening date that does not exist',
      fields: next({ opensOn: '2027-02-30' }),
      field: 'opensOn',
      message: /openingsdatum bestaat niet/,
    },
    {
      name: 'opening date impossible month and day',
      fields: next({ opensOn: '2027-13-45' }),
      field: 'opensOn',
      message: /openingsdatum bestaat niet/,
    },
    {
      name: 'closing date in another format',
      fields: next({ closesOn: '31-03-2027' }),
      field: 'closesOn',
      message: /sluitingsdatum in als datum/,
    },
    {
      name: 'closing date before the opening date',
      fields: next({ opensOn: '2027-03-31', closesOn: '2027-01-15' }),
      field: 'closesOn',
      message: /na de openingsdatum/,
    },
    {
      name: 'closing date on the opening date',
      fields: next({ opensOn: '2027-01-15', closesOn: '2027-01-15' }),
      field: 'closesOn',
      message: /na de openingsdatum/,
    },
    {
      name: 'dates outside the round’s year and the year before',
      fields: next({ opensOn: '2030-01-15', closesOn: '2030-03-31' }),
      field: 'opensOn',
      message: /Kies een datum in 2026 of 2027/,
      status: 422,
    },
    { name: 'maximum not a number', fields: next({ maxAmount: 'geen' }), field: 'maxAmount', message: /bedrag/i },
    {
      name: 'report term zero weeks',
      fields: next({ reportTermWeeks: '0' }),
      field: 'reportTermWeeks',
      message: /tussen 1 en 52/,
    },
    {
      name: 'report term over a year',
      fields: next({ reportTermWeeks: '53' }),
      field: 'reportTermWeeks',
      message: /tussen 1 en 52/,
    },
    {
      name: 'report term a fraction',
      fields: next({ reportTermWeeks: '2,5' }),
      field: 'reportTermWeeks',
      message: /heel getal/,
    },
    {
      name: 'advance above 100 percent',
      fields: next({ advancePercent: '101' }),
      field: 'advancePercent',
      message: /tussen 0 en 100/,
    },
    {
      name: 'advance negative',
      fields: next({ advancePercent: '-5' }),
      field: 'advancePercent',
      message: /heel getal/,
    },
    {
      name: 'advance with a percent sign',
      fields: next({ advancePercent: '75%' }),
      field: 'advancePercent',
      message: /heel getal/,
    },
    {
      name: 'four-eyes threshold not a number',
      fields: next({ fourEyesThreshold: 'vijfduizend' }),
      field: 'fourEyesThreshold',
      message: /bedrag/i,
    },
    {
      name: 'payment approval threshold negative',
      fields: next({ paymentApprovalThreshold: '-1,00' }),
      field: 'paymentApprovalThreshold',
      message: /bedrag/i,
    },
  ]
  test.each(rows)('$name', async (row) => {
    await expectRefused(
      newRound.action as Action,
      'http://localhost/beheer/rondes/nieuw',
      {},
      adminCookie,
      row,
      written,
    )
  })

  test('every mistake at once: each at its own field', async () => {
    const before = await written()
    const reply = await callAction(
      newRound.action as Action,
      'http://localhost/beheer/rondes/nieuw',
      {},
      adminCookie,
      next({ year: 'x', pot: '0', advancePercent: '200', opensOn: '2027-03-31', closesOn: '2027-01-01' }),
    )
    expect(reply.status).toBe(400)
    expect(Object.keys(reply.error).sort()).toEqual(['advancePercent', 'closesOn', 'pot', 'year'])
    expect(await written()).toEqual(before)
  })

  test('a reviewer may not create a round (403, nothing written)', async () => {
    const before = await written()
    const reply = await callAction(
      newRound.action as Action,
      'http://localhost/beheer/rondes/nieuw',
      {},
      reviewerCookie,
      next({}),
    )
    expect(reply.status).toBe(403)
    expect(await written()).toEqual(before)
  })
})

const close = (over: Record<string, string>) => ({
  intent: 'close',
  reason: 'De ronde is afgelopen en alles is verantwoord.',
  ...over,
})

describe('closing a round (/beheer/rondes/:year/sluiten)', () => {
  const rows: Row[] = [
    { name: 'no reason', fields: close({ reason: '' }), field: 'reason', message: /Geef een reden op/ },
    { name: 'reason too short', fields: close({ reason: 'klaar' }), field: 'reason', message: /minstens 10 tekens/ },
    {
      name: 'reason only spaces',
      fields: close({ reason: '            ' }),
      field: 'reason',
      message: /minstens 10 tekens/,
      notKept: ['reason'],
    },
    {
      name: 'reason too long',
      fields: close({ reason: 'a'.repeat(1001) }),
      field: 'reason',
      message: /Hoogstens 1000 tekens/,
    },
    {
      name: 'a control character in the reason',
      fields: close({ reason: 'Afgesloten\u0000 na controle' }),
      field: 'reason',
      message: /teken dat niet kan worden opgeslagen/,
    },
    {
      name: 'not confirmed with the close button',
      fields: close({ intent: 'delete' }),
      field: 'intent',
      message: /Onbekende actie/,
    },
    {
      name: 'a round with open commitments',
      fields: close({}),
      field: '',
      message: /open|verplichting|lopende/i,
      status: 409,
    },
  ]
  test.each(rows)('$name', async (row) => {
    await expectRefused(
      closeRound.action as Action,
      'http://localhost/beheer/rondes/2026/sluiten',
      { year: '2026' },
      adminCookie,
      row,
      written,
    )
  })

  test.each([
    ['1999', 404],
    ['twintig', 404],
    ['2026.5', 404],
  ])('a year without a round (%s) is a %i, nothing written', async (year, status) => {
    const before = await written()
    const reply = await callAction(
      closeRound.action as Action,
      `http://localhost/beheer/rondes/${year}/sluiten`,
      { year },
      adminCookie,
      close({}),
    )
    expect(reply.status, reply.text).toBe(status)
    expect(await written()).toEqual(before)
  })
})

describe('a round’s settings (/beheer/rondes)', () => {
  let roundId = ''
  beforeAll(() => {
    roundId = f.round.id
  })
  const settings = (over: Record<string, string>) => ({
    roundId,
    opensOn: '2026-01-15',
    closesOn: '2026-03-31',
    maxAmount: '2.500,00',
    categories: 'ontmoeting',
    reportTermWeeks: '12',
    advancePercent: '75',
    fourEyesThreshold: '5.000,00',
    legalBasis: 'Algemene wet bestuursrecht en de Subsidieverordening Amersfoort',
    ...over,
  })
  const rows: () => Row[] = () => [
    {
      name: 'opening date that does not exist',
      fields: settings({ opensOn: '2026-02-30' }),
      field: 'opensOn',
      message: /bestaat niet/,
    },
    {
      name: 'closing date before opening date',
      fields: settings({ opensOn: '2026-03-31', closesOn: '2026-01-15' }),
      field: 'closesOn',
      message: /vóór de openingsdatum/,
    },
    {
      name: 'a date in another year',
      fields: settings({ opensOn: '2024-01-15' }),
      field: 'opensOn',
      message: /Kies een datum in 2025 of 2026/,
    },
    {
      name: 'unknown category',
      fields: settings({ categories: 'casino' }),
      field: 'categories',
      message: /uit de lijst/,
    },
    {
      name: 'advance above 100',
      fields: settings({ advancePercent: '150' }),
      field: 'advancePercent',
      message: /tussen 0 en 100/,
    },
    {
      name: 'legal basis too short',
      fields: settings({ legalBasis: 'Awb' }),
      field: 'legalBasis',
      message: /grondslag/,
    },
    { name: 'maximum not a number', fields: settings({ maxAmount: 'x' }), field: 'maxAmount', message: /bedrag/i },
  ]
  test('each bad setting refused at its field, the round unchanged', async () => {
    for (const row of rows())
      await expectRefused(rounds.action as Action, 'http://localhost/beheer/rondes', {}, adminCookie, row, written)
  })
  test('an unknown round id is a 404, nothing written', async () => {
    const before = await written()
    const reply = await callAction(
      rounds.action as Action,
      'http://localhost/beheer/rondes',
      {},
      adminCookie,
      settings({ roundId: 'clxxxxxxxxxxxxxxxxxxxxxxx' }),
    )
    expect(reply.status, reply.text).toBe(404)
    expect(await written()).toEqual(before)
  })
})

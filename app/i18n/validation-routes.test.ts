// The validation messages reach the user in their language through the real route actions
// (docs/decisions/0047): the same bad input gives an English user the English message and a Dutch
// user the Dutch one, at the same field, with what was typed kept. Real PostgreSQL, real cookies.
import { beforeAll, describe, expect, test } from 'vitest'
import { createUserSession } from '#app/auth/session.server.ts'
import { langCookie } from '#app/i18n/lang.server.ts'
import * as signIn from '#app/routes/inloggen.tsx'
import * as newRound from '#app/routes/beheer.rondes_.nieuw.tsx'
import * as register from '#app/routes/stichting-aanmelden.tsx'
import { type Action, callAction } from '#app/testing/bad-input.ts'
import { seeded } from '#app/testing/fixtures.ts'

process.env.PORTAL_CLOCK = '2026-11-26'

let adminSession = ''
let nlCookie = ''
let enCookie = ''
beforeAll(async () => {
  const f = await seeded()
  adminSession = (await createUserSession(f.admin.id)).split(';')[0]
  nlCookie = (await langCookie.serialize('nl')).split(';')[0]
  enCookie = (await langCookie.serialize('en')).split(';')[0]
})

type Case = {
  name: string
  action: Action
  url: string
  signedIn?: boolean
  fields: Record<string, string>
  field: string
  nl: string
  en: string
  /** a typed field that must come back as typed */
  kept: string
}

const round = (over: Record<string, string>) => ({
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

const foundation = (over: Record<string, string>) => ({
  name: 'Stichting Taaltest',
  kvkNumber: '1234',
  iban: 'NL91ABNA0417164300',
  accountHolder: 'Stichting Taaltest',
  street: 'Hof 1',
  postalCode: '3811 CJ',
  city: 'Amersfoort',
  contactName: 'Anna de Vries',
  email: 'info@taaltest.example',
  yourName: 'Anna de Vries',
  yourEmail: 'anna@taaltest.example',
  password: 'paarse olifant fietst naar Hoogland',
  ...over,
})

const cases: Case[] = [
  {
    name: 'sign-in: an e-mail address that is none',
    action: signIn.action as Action,
    url: 'http://localhost/inloggen',
    fields: { email: 'anna-at-example', password: 'iets' },
    field: 'email',
    nl: 'Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.',
    en: 'Please enter a valid e-mail address, for example name@example.nl.',
    kept: 'email',
  },
  {
    name: 'the next round: a pot of "12,345" (three decimals)',
    action: newRound.action as Action,
    url: 'http://localhost/beheer/rondes/nieuw',
    signedIn: true,
    fields: round({ pot: '12,345' }),
    field: 'pot',
    nl: 'Gebruik hoogstens twee cijfers achter de komma, bijvoorbeeld 1.234,56.',
    en: 'Use at most two digits after the decimal comma, for example 1.234,56.',
    kept: 'pot',
  },
  {
    name: 'the next round: a maximum amount of "abc"',
    action: newRound.action as Action,
    url: 'http://localhost/beheer/rondes/nieuw',
    signedIn: true,
    fields: round({ maxAmount: 'abc' }),
    field: 'maxAmount',
    nl: 'Dit is geen geldig bedrag. Schrijf het bijvoorbeeld als 1.234,56 of 1234,56.',
    en: 'This is not a valid amount. Write it, for example, as 1.234,56 or 1234,56.',
    kept: 'maxAmount',
  },
  {
    name: 'the next round: an opening date that is no date (a filled-in term)',
    action: newRound.action as Action,
    url: 'http://localhost/beheer/rondes/nieuw',
    signedIn: true,
    fields: round({ opensOn: '15 januari' }),
    field: 'opensOn',
    nl: 'Vul de openingsdatum in als datum (dd-mm-jjjj).',
    en: 'Please enter the opening date as a date (dd-mm-yyyy).',
    kept: 'opensOn',
  },
  {
    name: 'the next round: an advance above 100 (a filled-in range)',
    action: newRound.action as Action,
    url: 'http://localhost/beheer/rondes/nieuw',
    signedIn: true,
    fields: round({ advancePercent: '120' }),
    field: 'advancePercent',
    nl: 'Vul het voorschotpercentage in tussen 0 en 100.',
    en: 'Please enter the advance percentage between 0 and 100.',
    kept: 'advancePercent',
  },
  {
    name: 'registering a foundation: a KvK number of 4 digits',
    action: register.action as Action,
    url: 'http://localhost/stichting-aanmelden',
    fields: foundation({}),
    field: 'kvkNumber',
    nl: 'Een KvK-nummer heeft precies 8 cijfers, bijvoorbeeld 74218530.',
    en: 'A KvK number has exactly 8 digits, for example 74218530.',
    kept: 'city',
  },
]

describe.each(cases)('$name', (c) => {
  const post = async (lang: string) => {
    const reply = await callAction(
      c.action,
      c.url,
      {},
      [c.signedIn ? adminSession : '', lang].filter(Boolean).join('; '),
      c.fields,
    )
    // the sign-in page answers with the submission's reply itself, not under `result`
    const bare = JSON.parse(reply.text) as { error?: Record<string, string[]>; initialValue?: Record<string, unknown> }
    return { ...reply, error: bare.error ?? reply.error, initial: bare.initialValue ?? reply.initial }
  }

  test('an English user gets the English message at the field, with the typed input kept', async () => {
    const reply = await post(enCookie)
    expect(reply.status, reply.text.slice(0, 300)).toBe(400)
    expect(reply.error[c.field]?.[0]).toBe(c.en)
    expect(reply.initial[c.kept]).toBe(c.fields[c.kept])
    expect(reply.text).not.toContain(c.nl)
  })

  test('a Dutch user gets the Dutch message, as before', async () => {
    for (const lang of [nlCookie, '']) {
      const reply = await post(lang)
      expect(reply.status).toBe(400)
      expect(reply.error[c.field]?.[0]).toBe(c.nl)
      expect(reply.initial[c.kept]).toBe(c.fields[c.kept])
    }
  })
})

test('the password is never sent back, in either language', async () => {
  const reply = await callAction(signIn.action as Action, 'http://localhost/inloggen', {}, enCookie, {
    email: 'anna-at-example',
    password: 'geheim-wachtwoord',
  })
  expect(reply.text).not.toContain('geheim-wachtwoord')
})

// Invitations, password reset, e-mail verification, members and IBAN changes, through the routes,
// with the mails delivered by the project's outbox worker to a real SMTP server (smtp-server).
import { settleDetached } from '#app/auth/accounts.server.ts'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createUserSession, getUser } from '#app/auth/session.server.ts'
import { prisma } from '#app/db.server.ts'
import { startSmtp, type TestSmtp } from '#app/mail/testing/smtp.ts'
import { createMailWorker, silentLogger, smtpTransport, type MailWorker } from '#app/mail/worker.server.ts'
import { seeded } from '#app/testing/fixtures.ts'
import * as invitationRoute from '#app/routes/uitnodiging.$token.tsx'
import * as forgotRoute from '#app/routes/wachtwoord-vergeten.tsx'
import * as resetRoute from '#app/routes/wachtwoord-herstellen.$token.tsx'
import * as verifyRoute from '#app/routes/e-mail-bevestigen.$token.tsx'
import * as selfRegisterRoute from '#app/routes/stichting-aanmelden.tsx'
import * as foundationRoute from '#app/routes/stichting.$id.tsx'
import * as foundationsAdmin from '#app/routes/beheer.stichtingen.tsx'
import * as loginRoute from '#app/routes/inloggen.tsx'

let smtp: TestSmtp
let worker: MailWorker
let hoogland: string
beforeAll(async () => {
  await seeded()
  smtp = await startSmtp()
  worker = createMailWorker({ transport: smtpTransport(smtp.url), logger: silentLogger, pollMs: 20 })
  hoogland = (await prisma.foundation.findUniqueOrThrow({ where: { kvkNumber: '74218530' } })).id
})
afterAll(async () => {
  await worker.stop()
  await smtp.close()
})

/** Delivers the outbox and returns the link (path) in the last mail to `to`. */
async function linkInMail(to: string, path: string) {
  await worker.drain()
  const mails = (await smtp.parsed()).filter((m) => m.to && JSON.stringify(m.to).includes(to))
  expect(mails.length).toBeGreaterThan(0)
  const text = mails[mails.length - 1].text ?? ''
  const match = new RegExp(`https?://[^\\s]+(${path}/[A-Za-z0-9_-]+)`).exec(text)
  expect(match, `link ${path} in mail to ${to}:\n${text}`).not.toBeNull()
  return { path: match![1], token: match![1].split('/').pop()! }
}

const cookieOf = async (email: string) =>
  (await createUserSession((await prisma.user.findUniqueOrThrow({ where: { email } })).id)).split(';')[0]
function post(path: string, body: Record<string, string | string[]>, cookie?: string) {
  const form = new URLSearchParams()
  for (const [k, v] of Object.entries(body)) for (const x of ([] as string[]).concat(v)) form.append(k, x)
  return new Request(`http://localhost${path}`, {
    method: 'POST',
    body: form,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(cookie ? { Cookie: cookie } : {}) },
  })
}
async function answer(fn: () => Promise<unknown>) {
  try {
    const r = await fn()
    if (r instanceof Response)
      return {
        status: r.status,
        location: r.headers.get('Location'),
        cookie: r.headers.get('Set-Cookie'),
        data: null as unknown,
      }
    const init = (r as { init?: { status?: number } }).init
    return { status: init?.status ?? 200, location: null, cookie: null, data: (r as { data?: unknown }).data ?? r }
  } catch (thrown) {
    if (thrown instanceof Response)
      return { status: thrown.status, location: thrown.headers.get('Location'), cookie: null, data: null }
    throw thrown
  }
}
const ctx = { clientIp: '192.0.2.10' }

describe('a foundation admin invites a member by e-mail', () => {
  test('the mail arrives over SMTP; the link works once, creates the account and the membership', async () => {
    const admin = await cookieOf('aanvrager@hooglandleeft.example')
    const sent = await answer(() =>
      foundationRoute.action({
        request: post(
          `/stichting/${hoogland}`,
          { intent: 'invite', email: 'Nieuw.Lid@Hoogland.example', role: 'MEMBER' },
          admin,
        ),
        params: { id: hoogland },
        context: ctx,
      }),
    )
    expect(sent).toMatchObject({ status: 302, location: `/stichting/${hoogland}` })
    const { path, token } = await linkInMail('nieuw.lid@hoogland.example', '/uitnodiging')
    // Other mail (the seed's decisions) goes out too: take the invitation to this address.
    const mail = (await smtp.parsed()).findLast((m) => JSON.stringify(m.to).includes('nieuw.lid@hoogland.example'))!
    expect(mail.subject).toContain('Stichting Hoogland Leeft')

    // A weak password is refused with a Dutch field error; nothing is created.
    const weak = await answer(() =>
      invitationRoute.action({
        request: post(path, { name: 'Nieuw Lid', password: 'wachtwoord123' }),
        params: { token },
        context: ctx,
      }),
    )
    expect(weak.status).toBe(400)
    expect(JSON.stringify(weak.data)).toContain('veelgebruikte wachtwoorden')

    const accepted = await answer(() =>
      invitationRoute.action({
        request: post(path, { name: 'Nieuw Lid', password: 'een lange zin voor het buurtbudget' }),
        params: { token },
        context: ctx,
      }),
    )
    expect(accepted).toMatchObject({ status: 302, location: `/stichting/${hoogland}` })
    const user = await prisma.user.findUniqueOrThrow({
      where: { email: 'nieuw.lid@hoogland.example' },
      include: { memberships: true },
    })
    expect(user.memberships).toEqual([expect.objectContaining({ foundationId: hoogland, role: 'MEMBER' })])
    expect(user.emailVerifiedAt).not.toBeNull()

    // Single use.
    const again = await answer(() =>
      invitationRoute.loader({ request: new Request(`http://localhost${path}`), params: { token }, context: ctx }),
    )
    expect(again.data).toMatchObject({ invitation: null })
    expect(
      await prisma.auditEvent.count({
        where: { foundationId: hoogland, action: { in: ['invitation.sent', 'invitation.accepted'] } },
      }),
    ).toBe(2)
  })

  test('an invitation expires after 7 days', async () => {
    const admin = await cookieOf('aanvrager@hooglandleeft.example')
    // Bounds taken around the action, not a tolerance: this holds however slow the machine is.
    const before = Date.now()
    await answer(() =>
      foundationRoute.action({
        request: post(
          `/stichting/${hoogland}`,
          { intent: 'invite', email: 'laat@hoogland.example', role: 'MEMBER' },
          admin,
        ),
        params: { id: hoogland },
        context: ctx,
      }),
    )
    const { token } = await linkInMail('laat@hoogland.example', '/uitnodiging')
    const after = Date.now()
    const invitation = await prisma.invitation.findFirstOrThrow({ where: { email: 'laat@hoogland.example' } })
    const week = 7 * 24 * 60 * 60 * 1000
    expect(invitation.expiresAt.getTime()).toBeGreaterThanOrEqual(before + week)
    expect(invitation.expiresAt.getTime()).toBeLessThanOrEqual(after + week)
    await prisma.invitation.update({ where: { id: invitation.id }, data: { expiresAt: new Date(Date.now() - 1000) } })
    const late = await answer(() =>
      invitationRoute.action({
        request: post('/x', { name: 'Te Laat', password: 'een lange zin voor het buurtbudget' }),
        params: { token },
        context: ctx,
      }),
    )
    expect(late.status).toBe(400)
    expect(await prisma.user.findUnique({ where: { email: 'laat@hoogland.example' } })).toBeNull()
  })

  test('roles change, members are removed, and the last foundation admin cannot leave or be demoted', async () => {
    const adminCookie = await cookieOf('aanvrager@hooglandleeft.example')
    const admin = await prisma.user.findUniqueOrThrow({ where: { email: 'aanvrager@hooglandleeft.example' } })
    const member = await prisma.user.findUniqueOrThrow({ where: { email: 'nieuw.lid@hoogland.example' } })
    const act = (body: Record<string, string>, cookie = adminCookie) =>
      answer(() =>
        foundationRoute.action({ request: post('/x', body, cookie), params: { id: hoogland }, context: ctx }),
      )

    expect((await act({ intent: 'leave' })).status).toBe(409)
    expect((await act({ intent: 'role', userId: admin.id, role: 'MEMBER' })).status).toBe(409)
    // A plain member may not manage members.
    expect(
      (await act({ intent: 'remove', userId: admin.id }, await cookieOf('nieuw.lid@hoogland.example'))).status,
    ).toBe(403)

    expect((await act({ intent: 'role', userId: member.id, role: 'FOUNDATION_ADMIN' })).status).toBe(302)
    expect((await act({ intent: 'leave' })).status).toBe(302) // now someone else is admin
    expect(
      await prisma.membership.findUnique({
        where: { userId_foundationId: { userId: admin.id, foundationId: hoogland } },
      }),
    ).toBeNull()
    // Restore for the other tests.
    await prisma.membership.create({ data: { userId: admin.id, foundationId: hoogland, role: 'FOUNDATION_ADMIN' } })
    expect((await act({ intent: 'remove', userId: member.id })).status).toBe(302)
    expect(
      await prisma.auditEvent.count({
        where: { foundationId: hoogland, action: { in: ['member.role-changed', 'member.removed'] } },
      }),
    ).toBe(3)
  })
})

describe('password reset', () => {
  test('the answer says nothing about whether the address exists; only a real account gets a mail', async () => {
    const before = smtp.received.length
    const known = await answer(() =>
      forgotRoute.action({
        request: post('/wachtwoord-vergeten', { email: 'controleur@amersfoort.example' }),
        params: {},
        context: ctx,
      }),
    )
    const unknown = await answer(() =>
      forgotRoute.action({
        request: post('/wachtwoord-vergeten', { email: 'bestaat-niet@amersfoort.example' }),
        params: {},
        context: ctx,
      }),
    )
    expect({ ...known, cookie: null }).toEqual({ ...unknown, cookie: null })
    expect(known.cookie).toEqual(unknown.cookie)
    await settleDetached()
    await worker.drain()
    expect(smtp.received.slice(before).map((r) => r.to)).toEqual([['controleur@amersfoort.example']])
  })

  test('the single-use link sets a new password, and a session minted before the reset no longer works', async () => {
    const email = 'aanvrager@nieuwlandverbindt.example'
    const oldSession = await cookieOf(email)
    expect(await getUser(new Request('http://localhost/', { headers: { Cookie: oldSession } }))).not.toBeNull()
    await answer(() =>
      forgotRoute.action({ request: post('/wachtwoord-vergeten', { email }), params: {}, context: ctx }),
    )
    await settleDetached()
    const { token } = await linkInMail(email, '/wachtwoord-herstellen')
    const short = await answer(() =>
      resetRoute.action({ request: post('/x', { password: 'kort' }), params: { token }, context: ctx }),
    )
    expect(short.status).toBe(400)
    expect(JSON.stringify(short.data)).toContain('minstens 12 tekens')
    const done = await answer(() =>
      resetRoute.action({
        request: post('/x', { password: 'nieuwe lange zin voor nieuwland' }),
        params: { token },
        context: ctx,
      }),
    )
    expect(done).toMatchObject({ status: 302, location: '/inloggen' })
    expect(await getUser(new Request('http://localhost/', { headers: { Cookie: oldSession } }))).toBeNull()
    const reuse = await answer(() =>
      resetRoute.action({
        request: post('/x', { password: 'nog een andere lange zin' }),
        params: { token },
        context: ctx,
      }),
    )
    expect(reuse.status).toBe(400)
    const login = await answer(() =>
      loginRoute.action({
        request: post('/inloggen', { email, password: 'nieuwe lange zin voor nieuwland' }),
        params: {},
        context: ctx,
      }),
    )
    expect(login).toMatchObject({ status: 302, location: '/aanvragen' })
  })
})

describe('a foundation registers itself', () => {
  const form = {
    name: 'Stichting Vathorst Viert',
    kvkNumber: '1234 5678',
    iban: 'NL91 ABNA 0417 1643 00',
    accountHolder: 'Stichting Vathorst Viert',
    street: 'Bergenboulevard 1',
    postalCode: '3825 bd',
    city: 'Amersfoort',
    contactName: 'Lotte Visser',
    email: 'info@vathorstviert.example',
    yourName: 'Lotte Visser',
    yourEmail: 'lotte@vathorstviert.example',
    password: 'vathorst viert elk jaar feest',
  }

  test('bad input gets Dutch field errors, not a 500', async () => {
    const bad = await answer(() =>
      selfRegisterRoute.action({
        request: post('/x', { ...form, kvkNumber: '123', iban: 'NL00 BANK 0000 0000 00', areaIds: [] }),
        params: {},
        context: ctx,
      }),
    )
    expect(bad.status).toBe(400)
    const text = JSON.stringify(bad.data)
    expect(text).toContain('precies 8 cijfers')
    expect(text).toContain('Dit IBAN klopt niet')
    expect(text).not.toContain('vathorst viert elk jaar feest')
  })

  test('pending until verified; the e-mail address must be confirmed before signing in', async () => {
    const area = await prisma.area.findUniqueOrThrow({ where: { code: 'WK030709' } })
    const ok = await answer(() =>
      selfRegisterRoute.action({ request: post('/x', { ...form, areaIds: [area.id] }), params: {}, context: ctx }),
    )
    expect(ok.status).toBe(302)
    const foundation = await prisma.foundation.findUniqueOrThrow({ where: { kvkNumber: '12345678' } })
    expect(foundation).toMatchObject({ verifiedAt: null, iban: 'NL91ABNA0417164300', postalCode: '3825 BD' })

    const early = await answer(() =>
      loginRoute.action({
        request: post('/inloggen', { email: form.yourEmail, password: form.password }),
        params: {},
        context: ctx,
      }),
    )
    expect(early.status).toBe(400)
    expect(JSON.stringify(early.data)).toContain('Bevestig eerst uw e-mailadres')

    const { token } = await linkInMail(form.yourEmail, '/e-mail-bevestigen')
    expect(
      (
        await answer(() =>
          verifyRoute.loader({ request: new Request('http://localhost/'), params: { token }, context: ctx }),
        )
      ).data,
    ).toEqual({ ok: true })
    const login = await answer(() =>
      loginRoute.action({
        request: post('/inloggen', { email: form.yourEmail, password: form.password }),
        params: {},
        context: ctx,
      }),
    )
    expect(login.status).toBe(302)
    const session = login.cookie!.split(';')[0]
    // Pending: not yet allowed to apply (the foundation is not among the verified ones).
    expect((await getUser(new Request('http://localhost/', { headers: { Cookie: session } })))?.foundationIds).toEqual(
      [],
    )

    const admin = await cookieOf('beheerder@amersfoort.example')
    expect(
      (
        await answer(() =>
          foundationsAdmin.action({
            request: post('/x', { intent: 'verify', foundationId: foundation.id }, admin),
            params: {},
            context: ctx,
          }),
        )
      ).status,
    ).toBe(302)
    expect((await getUser(new Request('http://localhost/', { headers: { Cookie: session } })))?.foundationIds).toEqual([
      foundation.id,
    ])
  })
})

describe('changing the IBAN', () => {
  test('is recorded and used for payments only after an administrator confirms it', async () => {
    const admin = await cookieOf('aanvrager@hooglandleeft.example')
    const before = await prisma.foundation.findUniqueOrThrow({ where: { id: hoogland } })
    const req = await answer(() =>
      foundationRoute.action({
        request: post(
          '/x',
          { intent: 'iban', iban: 'NL02 ABNA 0123 4567 89', accountHolder: 'Stichting Hoogland Leeft' },
          admin,
        ),
        params: { id: hoogland },
        context: ctx,
      }),
    )
    expect(req.status).toBe(302)
    const pending = await prisma.foundation.findUniqueOrThrow({ where: { id: hoogland } })
    expect(pending).toMatchObject({ iban: before.iban, pendingIban: 'NL02ABNA0123456789' })
    // The auditor sees it but cannot confirm.
    const auditor = await cookieOf('controleur@amersfoort.example')
    expect(
      (
        await answer(() =>
          foundationsAdmin.action({
            request: post('/x', { intent: 'confirmIban', foundationId: hoogland }, auditor),
            params: {},
            context: ctx,
          }),
        )
      ).status,
    ).toBe(403)
    const beheerder = await cookieOf('beheerder@amersfoort.example')
    expect(
      (
        await answer(() =>
          foundationsAdmin.action({
            request: post('/x', { intent: 'confirmIban', foundationId: hoogland }, beheerder),
            params: {},
            context: ctx,
          }),
        )
      ).status,
    ).toBe(302)
    expect(await prisma.foundation.findUniqueOrThrow({ where: { id: hoogland } })).toMatchObject({
      iban: 'NL02ABNA0123456789',
      pendingIban: null,
    })
    const trail = await prisma.auditEvent.findMany({
      where: { foundationId: hoogland, action: { startsWith: 'iban.' } },
      orderBy: { id: 'asc' },
    })
    expect(trail.map((e) => e.action)).toEqual(['iban.change-requested', 'iban.change-confirmed'])
    expect(trail[0].data).toMatchObject({ from: before.iban, to: 'NL02ABNA0123456789' })
  })
})

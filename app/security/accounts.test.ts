/**
 * The second factor, lock-outs, mail rate limits, account enumeration and the demo mailbox
 * (issue 13 findings 4 and 6), against this file's real PostgreSQL and the real route modules.
 */
import { beforeAll, describe, expect, test } from 'vitest'
import { RESET_LIMITS, requestPasswordReset, settleDetached } from '#app/auth/accounts.server.ts'
import { checkSecondFactor, secondFactorLockedForMs, secondFactorWaitMs } from '#app/auth/second-factor.server.ts'
import { createUserSession } from '#app/auth/session.server.ts'
import { totp } from '#app/auth/totp.ts'
import { prisma } from '#app/db.server.ts'
import { INVITATION_LIMITS, inviteMember } from '#app/foundations/members.server.ts'
import { listMailbox } from '#app/mail/mailbox.server.ts'
import { requireLocalMailbox } from '#app/web/guards.server.ts'
import * as register from '#app/routes/stichting-aanmelden.tsx'
import * as secondStep from '#app/routes/inloggen_.tweede-stap.tsx'
import * as forgot from '#app/routes/wachtwoord-vergeten.tsx'
import { DEMO_TOTP_SECRET } from '#app/seed/demo-accounts.ts'
import { seeded } from '#app/testing/fixtures.ts'
import { testDatabaseUrl, withPgClient } from '#app/testing/db.ts'

let f: Awaited<ReturnType<typeof seeded>>
beforeAll(async () => {
  f = await seeded()
})

const form = (path: string, body: Record<string, string>, cookie?: string) =>
  new Request(`http://localhost${path}`, {
    method: 'POST',
    body: new URLSearchParams(body),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(cookie ? { Cookie: cookie } : {}) },
  })
const statusOf = async (fn: () => Promise<unknown>) => {
  try {
    const r = await fn()
    if (r instanceof Response) return r.status
    return (r as { init?: { status?: number } }).init?.status ?? 200
  } catch (error) {
    if (error instanceof Response) return error.status
    throw error
  }
}

describe('the second factor', () => {
  test('finding 4: a TOTP code signs in once; the same code again (in its window) is refused', async () => {
    const code = totp(DEMO_TOTP_SECRET)
    await prisma.user.update({ where: { id: f.admin.id }, data: { totpLastStep: null } })
    expect(await checkSecondFactor(f.admin.id, code)).toBe(true)
    expect(await checkSecondFactor(f.admin.id, code)).toBe(false)
    expect(await prisma.auditEvent.count({ where: { userId: f.admin.id, action: 'totp.code-reused' } })).toBe(1)
  })

  test('finding 4: wrong codes lock the account out with a growing delay over ALL pending sign-ins, even with the right code', async () => {
    expect([0, 1, 2, 3, 4, 5, 20].map(secondFactorWaitMs)).toEqual([0, 0, 0, 30_000, 60_000, 120_000, 3_600_000])
    const auditor = f.auditor.id
    await prisma.user.update({ where: { id: auditor }, data: { totpLastStep: null } })
    let locked = 0
    // Each wrong code from a fresh pending session (a fresh password sign-in each time).
    for (let i = 0; i < 4; i++) {
      const pending = (await createUserSession(auditor, { pendingSecondFactor: true })).split(';')[0]
      const status = await statusOf(() =>
        secondStep.action({
          request: form('/inloggen/tweede-stap', { code: '000000' }, pending),
          params: {},
          context: { clientIp: `198.51.100.${i}` },
        }),
      )
      if (status === 429) locked++
    }
    expect(locked).toBe(1)
    expect(await secondFactorLockedForMs(auditor)).toBeGreaterThan(0)
    // Now even the right code from yet another pending sign-in waits.
    const pending = (await createUserSession(auditor, { pendingSecondFactor: true })).split(';')[0]
    expect(
      await statusOf(() =>
        secondStep.action({
          request: form('/inloggen/tweede-stap', { code: totp(DEMO_TOTP_SECRET) }, pending),
          params: {},
          context: { clientIp: '192.0.2.9' },
        }),
      ),
    ).toBe(429)
  })
})

describe('mail rate limits and no account enumeration', () => {
  test('finding 4: reset mails are rate-limited per account and per client address', async () => {
    const email = f.reviewer.email
    for (let i = 0; i < 6; i++) await requestPasswordReset(email, { lang: 'nl' }, `203.0.113.${i}`)
    expect(await prisma.outboxMail.count({ where: { to: email, template: 'password-reset' } })).toBe(
      RESET_LIMITS.perAccountPerHour,
    )
    const ip = '203.0.113.200'
    for (let i = 0; i < 15; i++) await requestPasswordReset(`niemand${i}@example.org`, { lang: 'nl' }, ip)
    await requestPasswordReset(f.reviewerSouth.email, { lang: 'nl' }, ip)
    expect(await prisma.outboxMail.count({ where: { to: f.reviewerSouth.email, template: 'password-reset' } })).toBe(0)
  })

  test('finding 4: the reset answer does not wait for the work, so it is the same for known and unknown addresses', async () => {
    const ip = '192.0.2.77'
    const answers: { status: number; location: string | null; cookie: string | null }[] = []
    // The work is held up (its per-address lock taken here): the answers must still come, for both
    // addresses alike, so their timing cannot depend on whether the address has an account.
    await withPgClient(testDatabaseUrl(), async (c) => {
      await c.query('SELECT pg_advisory_lock(hashtext($1))', [`reset-ip:${ip}`])
      try {
        for (const email of [f.zielhorst.email, 'bestaat-niet@example.org']) {
          const answer = forgot
            .action({ request: form('/wachtwoord-vergeten', { email }), params: {}, context: { clientIp: ip } })
            .then((r) => r as Response)
          let timer: ReturnType<typeof setTimeout> | undefined
          const held = new Promise<'waited for the work'>((resolve) => {
            timer = setTimeout(() => resolve('waited for the work'), 60_000)
          })
          const r = await Promise.race([answer, held])
          clearTimeout(timer)
          expect(r).toBeInstanceOf(Response)
          const res = r as Response
          answers.push({
            status: res.status,
            location: res.headers.get('location'),
            cookie: res.headers.get('set-cookie'),
          })
        }
      } finally {
        await c.query('SELECT pg_advisory_unlock(hashtext($1))', [`reset-ip:${ip}`])
      }
    })
    expect(answers[0]).toMatchObject({ status: 302, location: '/inloggen' })
    expect(answers[0]).toEqual(answers[1])
    await settleDetached()
    expect(await prisma.outboxMail.count({ where: { to: f.zielhorst.email, template: 'password-reset' } })).toBe(1)
  })

  test('finding 4: registering with an address that has an account (staff too) answers as for a new one', async () => {
    const areas = await prisma.area.findMany({ take: 1 })
    const base = {
      name: 'Stichting Proef',
      iban: 'NL91 ABNA 0417 1643 00',
      accountHolder: 'Stichting Proef',
      street: 'Bergenboulevard 1',
      postalCode: '3825 bd',
      city: 'Amersfoort',
      contactName: 'Proef Persoon',
      email: 'info@proef.example',
      areaIds: areas[0].id,
      yourName: 'Proef Persoon',
      password: 'paarse olifant fietst naar Hoogland',
    }
    const results = []
    for (const [i, yourEmail] of [f.admin.email, 'nieuw.persoon@proef.example'].entries()) {
      const r = await register.action({
        request: form('/stichting-aanmelden', { ...base, kvkNumber: `8765432${i}`, yourEmail }),
        params: {},
        context: { clientIp: '192.0.2.88' },
      })
      results.push(r instanceof Response ? { status: r.status, location: r.headers.get('location') } : r)
    }
    expect(results[1]).toMatchObject({ status: 302, location: '/inloggen' })
    expect(results[0]).toEqual(results[1])
  })

  test('finding 4: invitation mails are rate-limited per address', async () => {
    const inviter = { id: f.hoogland.id, name: 'Test' }
    const foundationId = f.hoogland.foundationIds[0]
    let refused = 0
    for (let i = 0; i <= INVITATION_LIMITS.perAddressPerDay; i++) {
      try {
        await inviteMember(inviter, foundationId, 'vaak.uitgenodigd@example.org', 'MEMBER', { lang: 'nl' })
      } catch (error) {
        expect((error as { status?: number }).status).toBe(429)
        refused++
      }
    }
    expect(refused).toBe(1)
  })
})

describe('the demo mailbox', () => {
  test('finding 6: anonymous visitors see no reset or invitation link; users their own mail; the administrator all', async () => {
    await requestPasswordReset(f.admin.email, { lang: 'nl' }, '192.0.2.150')
    // the member's own mail, made here: the test must not depend on what earlier tests sent
    await requestPasswordReset(f.zielhorst.email, { lang: 'nl' }, '192.0.2.151')
    const anonymous = await listMailbox(await requireLocalMailbox(new Request('http://localhost/mailbox')))
    expect(anonymous).toEqual([])
    const memberCookie = (await createUserSession(f.zielhorst.id)).split(';')[0]
    const own = await listMailbox(
      await requireLocalMailbox(new Request('http://localhost/mailbox', { headers: { Cookie: memberCookie } })),
    )
    expect(own.length).toBeGreaterThan(0)
    expect(new Set(own.map((m) => m.to))).toEqual(new Set([f.zielhorst.email]))
    const adminCookie = (await createUserSession(f.admin.id)).split(';')[0]
    const all = await listMailbox(
      await requireLocalMailbox(new Request('http://localhost/mailbox', { headers: { Cookie: adminCookie } })),
    )
    expect(all.some((m) => m.to === f.admin.email && m.template === 'password-reset')).toBe(true)
  })
})

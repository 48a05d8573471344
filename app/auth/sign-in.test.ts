import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { prisma } from '#app/db.server.ts'
import { seeded } from '#app/testing/fixtures.ts'
import { passwordProblem } from './password-policy.ts'
import { delayMs } from './sign-in.server.ts'
import { SESSION_POLICY, createUserSession, getUser } from './session.server.ts'
import * as account from '#app/routes/account.tsx'
import * as applications from '#app/routes/aanvragen._index.tsx'

const noSleep = async () => {}

/** A second "app instance": the same modules loaded afresh, with their own Prisma client and no shared memory. */
async function loadInstance() {
  vi.resetModules()
  const signIn = await import('./sign-in.server.ts')
  const db = await import('#app/db.server.ts')
  return { authenticate: signIn.authenticate, disconnect: db.disconnectPrisma }
}

let instances: Awaited<ReturnType<typeof loadInstance>>[] = []
beforeAll(async () => {
  await seeded()
  instances = [await loadInstance(), await loadInstance()]
})
afterAll(async () => {
  for (const i of instances) await i.disconnect()
})

describe('the password policy', () => {
  test('at least 12 characters, no common password, not the e-mail address', () => {
    expect(passwordProblem('kort1234')).toBe('tooShort')
    expect(passwordProblem('wachtwoord123')).toBe('common')
    expect(passwordProblem('Password1234')).toBe('common')
    expect(passwordProblem('aaaaaaaaaaaaaaa')).toBe('common')
    expect(passwordProblem('marieke-bakfiets-2026', 'marieke@hooglandleeft.example')).toBe('containsEmail')
    expect(passwordProblem('paarse olifant fietst naar Hoogland')).toBeNull()
  })
})

describe('sign-in attempt limiting (kept in PostgreSQL)', () => {
  test('the 11th wrong password in a minute from one address is refused without checking, even alternating between two app instances', async () => {
    const email = 'aanvrager@wijkbudgetzielhorst.example'
    const ip = '198.51.100.7'
    for (let attempt = 1; attempt <= 10; attempt++) {
      const instance = instances[attempt % 2]
      const result = await instance.authenticate(email, `fout-wachtwoord-${attempt}`, { ip, sleep: noSleep })
      expect(result).toMatchObject({ ok: false, reason: 'invalid', checkedPassword: true })
    }
    // The 11th from that address, now even with the right password, on either instance: refused unchecked.
    for (const instance of instances) {
      const result = await instance.authenticate(email, 'buurtbudget-demo', { ip, sleep: noSleep })
      expect(result).toEqual({ ok: false, reason: 'throttled', checkedPassword: false })
    }
    expect(await prisma.signInAttempt.count({ where: { email, success: false } })).toBe(10)
    expect(
      await prisma.auditEvent.count({ where: { action: 'sign-in.failed', data: { path: ['email'], equals: email } } }),
    ).toBe(10)
    expect(await prisma.auditEvent.count({ where: { action: 'sign-in.throttled' } })).toBe(2)
    // Another account is not affected.
    expect(
      await instances[0].authenticate('aanvrager@hooglandleeft.example', 'buurtbudget-demo', { ip, sleep: noSleep }),
    ).toMatchObject({ ok: true })
  })

  test('no account lock-out: guesses from elsewhere do not keep the owner with the right password out', async () => {
    const email = 'aanvrager@nieuwlandverbindt.example'
    const delays: number[] = []
    for (let attempt = 1; attempt <= 12; attempt++) {
      const result = await instances[attempt % 2].authenticate(email, `fout-${attempt}`, {
        ip: `198.51.100.${100 + attempt}`,
        sleep: noSleep,
      })
      expect(result).toMatchObject({ ok: false, reason: 'invalid' })
    }
    // The owner, from their own address: let through, only after the account-wide growing delay.
    const owner = await instances[0].authenticate(email, 'buurtbudget-demo', {
      ip: '192.0.2.200',
      sleep: async (ms) => void delays.push(ms),
    })
    expect(owner).toMatchObject({ ok: true })
    expect(delays).toEqual([5000])
  })

  test('the limit holds after a restart (it is in the database) and lifts when the minute is over', async () => {
    const email = 'aanvrager@soesterkwartiersamen.example'
    const user = await prisma.user.findUniqueOrThrow({ where: { email } })
    // Just made (the limit window is a minute): leaves the most room for a slow machine.
    const longAgo = new Date(Date.now() - 1_000)
    await prisma.signInAttempt.createMany({
      data: Array.from({ length: 10 }, () => ({ email, ip: '203.0.113.7', success: false, createdAt: longAgo })),
    })
    const fresh = await loadInstance()
    instances.push(fresh)
    expect(await fresh.authenticate(email, 'buurtbudget-demo', { ip: '203.0.113.7', sleep: noSleep })).toMatchObject({
      reason: 'throttled',
      checkedPassword: false,
    })
    await prisma.signInAttempt.updateMany({ where: { email }, data: { createdAt: new Date(Date.now() - 61_000) } })
    expect(await fresh.authenticate(email, 'buurtbudget-demo', { ip: '203.0.113.7', sleep: noSleep })).toMatchObject({
      ok: true,
      user: { id: user.id },
    })
  })

  test('per client address: 50 failures in ten minutes from one address stop that address for every account', async () => {
    const ip = '203.0.113.50'
    await prisma.signInAttempt.createMany({
      data: Array.from({ length: 50 }, (_, i) => ({ email: `iemand${i}@example.org`, ip, success: false })),
    })
    expect(
      await instances[0].authenticate('aanvrager@nieuwlandverbindt.example', 'buurtbudget-demo', {
        ip,
        sleep: noSleep,
      }),
    ).toMatchObject({ reason: 'throttled' })
    expect(
      await instances[0].authenticate('aanvrager@nieuwlandverbindt.example', 'buurtbudget-demo', {
        ip: '203.0.113.51',
        sleep: noSleep,
      }),
    ).toMatchObject({ ok: true })
  })

  test('failures make the answer wait longer and longer', async () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(delayMs)).toEqual([0, 0, 0, 250, 500, 1000, 2000, 4000, 5000, 5000])
    const waits: number[] = []
    const email = 'niemand@example.org'
    for (let i = 0; i < 6; i++)
      await instances[0].authenticate(email, 'x', { ip: '192.0.2.200', sleep: async (ms) => waits.push(ms) })
    expect(waits).toEqual([0, 0, 0, 250, 500, 1000])
  })
})

function requestWith(cookie: string, path = '/x', init: RequestInit = {}) {
  return new Request(`http://localhost${path}`, {
    ...init,
    headers: { Cookie: cookie.split(';')[0], 'Content-Type': 'application/x-www-form-urlencoded' },
  })
}

async function status(fn: () => Promise<unknown>) {
  try {
    const r = await fn()
    return r instanceof Response ? `${r.status} ${r.headers.get('Location') ?? ''}`.trim() : '200'
  } catch (thrown) {
    if (thrown instanceof Response) return `${thrown.status} ${thrown.headers.get('Location') ?? ''}`.trim()
    throw thrown
  }
}

describe('sessions', () => {
  test('after "sign out everywhere" an old cookie gets the sign-in page', async () => {
    const user = await prisma.user.findUniqueOrThrow({ where: { email: 'aanvrager@hooglandleeft.example' } })
    const laptop = await createUserSession(user.id)
    const phone = await createUserSession(user.id)
    expect(await status(() => applications.loader({ request: requestWith(phone), params: {}, context: {} }))).toBe(
      '200',
    )
    expect(
      await status(() =>
        account.action({
          request: requestWith(laptop, '/account', { method: 'POST', body: '' }),
          params: {},
          context: {},
        }),
      ),
    ).toBe('302 /inloggen')
    expect(
      await status(() => applications.loader({ request: requestWith(phone, '/aanvragen'), params: {}, context: {} })),
    ).toBe('302 /inloggen?redirectTo=%2Faanvragen')
    expect(await prisma.auditEvent.count({ where: { action: 'sign-out.everywhere', userId: user.id } })).toBe(1)
  })

  test('a new id at every sign-in: the session of this browser before sign-in is gone', async () => {
    const user = await prisma.user.findUniqueOrThrow({ where: { email: 'aanvrager@hooglandleeft.example' } })
    const before = await createUserSession(user.id)
    const after = await createUserSession(user.id, { request: requestWith(before) })
    expect(after.split(';')[0]).not.toBe(before.split(';')[0])
    expect(await getUser(requestWith(before))).toBeNull()
    expect(await getUser(requestWith(after))).not.toBeNull()
  })

  test('idle timeout and absolute lifetime, stricter for staff', async () => {
    const member = await prisma.user.findUniqueOrThrow({ where: { email: 'aanvrager@hooglandleeft.example' } })
    const reviewer = await prisma.user.findUniqueOrThrow({ where: { email: 'beoordelaar@amersfoort.example' } })
    expect(SESSION_POLICY.staff.idleMs).toBeLessThan(SESSION_POLICY.member.idleMs)
    expect(SESSION_POLICY.staff.absoluteMs).toBeLessThan(SESSION_POLICY.member.absoluteMs)
    const idleFor = async (userId: string, ms: number) => {
      const cookie = await createUserSession(userId)
      // The session just created (by id, not by "seen in the last seconds", which a slow machine breaks).
      const { id } = await prisma.session.findFirstOrThrow({ where: { userId }, orderBy: { createdAt: 'desc' } })
      await prisma.session.update({ where: { id }, data: { lastSeenAt: new Date(Date.now() - ms) } })
      return getUser(requestWith(cookie))
    }
    // 45 minutes idle: a member is still signed in, a reviewer is not.
    expect(await idleFor(member.id, 45 * 60 * 1000)).not.toBeNull()
    expect(await idleFor(reviewer.id, 45 * 60 * 1000)).toBeNull()
    // Past the absolute lifetime nobody is, however active.
    const cookie = await createUserSession(member.id)
    await prisma.session.updateMany({ where: { userId: member.id }, data: { expiresAt: new Date(Date.now() - 1000) } })
    expect(await getUser(requestWith(cookie))).toBeNull()
  })
})

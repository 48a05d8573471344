import { beforeAll, describe, expect, test } from 'vitest'
import { prisma } from '#app/db.server.ts'
import { DEMO_TOTP_SECRET } from '#app/seed/demo-accounts.ts'
import { seeded } from '#app/testing/fixtures.ts'
import * as login from '#app/routes/inloggen.tsx'
import * as secondStep from '#app/routes/inloggen_.tweede-stap.tsx'
import * as review from '#app/routes/beoordelen._index.tsx'
import { totp } from './totp.ts'

beforeAll(async () => {
  await seeded()
})

const ctx = { clientIp: '192.0.2.20' }
function post(path: string, body: Record<string, string>, cookie?: string) {
  return new Request(`http://localhost${path}`, {
    method: 'POST',
    body: new URLSearchParams(body),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(cookie ? { Cookie: cookie } : {}) },
  })
}
const get = (path: string, cookie: string) => new Request(`http://localhost${path}`, { headers: { Cookie: cookie } })
async function answer(fn: () => Promise<unknown>) {
  try {
    const r = await fn()
    if (r instanceof Response)
      return {
        status: r.status,
        location: r.headers.get('Location'),
        cookie: r.headers.get('Set-Cookie')?.split(';')[0] ?? null,
        data: null as never,
      }
    const d = r as { init?: { status?: number; headers?: HeadersInit }; data?: unknown }
    const headers = new Headers(d.init?.headers)
    return {
      status: d.init?.status ?? 200,
      location: null,
      cookie: headers.get('Set-Cookie')?.split(';')[0] ?? null,
      data: (d.data ?? r) as never,
    }
  } catch (thrown) {
    if (thrown instanceof Response)
      return { status: thrown.status, location: thrown.headers.get('Location'), cookie: null, data: null as never }
    throw thrown
  }
}

describe('staff sign in with a second factor', () => {
  test('the password alone signs a reviewer in nowhere; the TOTP code does', async () => {
    const first = await answer(() =>
      login.action({
        request: post('/inloggen', { email: 'beoordelaar@amersfoort.example', password: 'buurtbudget-demo' }),
        params: {},
        context: ctx,
      }),
    )
    expect(first).toMatchObject({ status: 302, location: '/inloggen/tweede-stap?redirectTo=%2Fbeoordelen' })
    const pending = first.cookie!
    expect(
      (await answer(() => review.loader({ request: get('/beoordelen', pending), params: {}, context: ctx }))).location,
    ).toMatch(/^\/inloggen\?redirectTo=/)
    expect(
      (
        await answer(() =>
          secondStep.loader({ request: get('/inloggen/tweede-stap', pending), params: {}, context: ctx }),
        )
      ).data,
    ).toMatchObject({ mode: 'verify' })

    const wrong = await answer(() =>
      secondStep.action({ request: post('/x', { code: '000000' }, pending), params: {}, context: ctx }),
    )
    expect(wrong.status).toBe(400)
    const ok = await answer(() =>
      secondStep.action({
        request: post('/x', { code: totp(DEMO_TOTP_SECRET), redirectTo: '/beoordelen' }, pending),
        params: {},
        context: ctx,
      }),
    )
    expect(ok).toMatchObject({ status: 302, location: '/beoordelen' })
    expect(ok.cookie).not.toBe(pending)
    expect(
      (await answer(() => review.loader({ request: get('/beoordelen', ok.cookie!), params: {}, context: ctx }))).status,
    ).toBe(200)
    // The pending session is gone (rotated).
    expect(
      (await answer(() => secondStep.loader({ request: get('/x', pending), params: {}, context: ctx }))).location,
    ).toBe('/inloggen')
  })

  test('a reviewer without TOTP enrols at first sign-in, gets ten recovery codes, and a recovery code works once', async () => {
    const email = 'beoordelaar.zuid@amersfoort.example'
    const first = await answer(() =>
      login.action({ request: post('/inloggen', { email, password: 'buurtbudget-demo' }), params: {}, context: ctx }),
    )
    const pending = first.cookie!
    const page = await answer(() => secondStep.loader({ request: get('/x', pending), params: {}, context: ctx }))
    expect(page.data).toMatchObject({ mode: 'enrol' })
    const secret = (page.data as { secret: string }).secret.replace(/\s/g, '')
    expect((page.data as { uri: string }).uri).toContain(`secret=${secret}`)
    const enrolled = await answer(() =>
      secondStep.action({ request: post('/x', { code: totp(secret) }, pending), params: {}, context: ctx }),
    )
    expect(enrolled.status).toBe(200)
    const codes = (enrolled.data as { codes: string[] }).codes
    expect(codes).toHaveLength(10)
    expect(
      (await answer(() => review.loader({ request: get('/beoordelen', enrolled.cookie!), params: {}, context: ctx })))
        .status,
    ).toBe(200)

    // Next time: a recovery code instead of the app, once.
    const again = async () =>
      (
        await answer(() =>
          login.action({
            request: post('/inloggen', { email, password: 'buurtbudget-demo' }),
            params: {},
            context: ctx,
          }),
        )
      ).cookie!
    const viaRecovery = await answer(async () =>
      secondStep.action({
        request: post('/x', { code: codes[0].toUpperCase() }, await again()),
        params: {},
        context: ctx,
      }),
    )
    expect(viaRecovery.status).toBe(302)
    const reused = await answer(async () =>
      secondStep.action({ request: post('/x', { code: codes[0] }, await again()), params: {}, context: ctx }),
    )
    expect(reused.status).toBe(400)
    const trail = (
      await prisma.auditEvent.findMany({
        where: { userId: (await prisma.user.findUniqueOrThrow({ where: { email } })).id },
        orderBy: { id: 'asc' },
      })
    ).map((e) => e.action)
    expect(trail).toEqual(
      expect.arrayContaining(['totp.enrolled', 'sign-in', 'recovery-code.used', 'sign-in.second-factor.failed']),
    )
  })
})

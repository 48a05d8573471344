/**
 * Headers, cookies, cross-site refusal, safe redirects, readiness, the 503 page while the database
 * is away and the reconnect afterwards, and one singleton of each (issue 13 findings 3, 5, 7, 9;
 * issue 9 item 4). Through the portal's real HTTP layer in front of the real route modules.
 */
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { createUserSession } from '#app/auth/session.server.ts'
import { resetEnvCache } from '#app/env.server.ts'
import { contentSecurityPolicy } from '#app/server/app.ts'
import { seeded } from '#app/testing/fixtures.ts'
import { testDatabaseUrl, withPgClient, serverUrl } from '#app/testing/db.ts'
import { safeRedirect } from '#app/ui/safe-redirect.ts'
import { creations } from '#app/web/remember.ts'
import { routeIdOf, startTestServer, type RouteModule, type TestServer } from './harness.ts'

process.env.PORTAL_CLOCK = '2026-06-01'

const ROUTES = import.meta.glob<RouteModule>('/app/routes/*.tsx', { eager: true })
const modules = Object.fromEntries(Object.entries(ROUTES).map(([file, mod]) => [routeIdOf(file), mod]))

let server: TestServer
let adminId = ''
let memberId = ''
beforeAll(async () => {
  const f = await seeded()
  adminId = f.admin.id
  memberId = f.hoogland.id
  server = await startTestServer(modules)
})
afterAll(async () => server?.close())

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' }
const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(server.url + path, { headers, redirect: 'manual' })
const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(server.url + path, { method: 'POST', headers: { ...FORM, ...headers }, body, redirect: 'manual' })

describe('headers', () => {
  test('finding 7: a CSP with a fresh nonce per answer, no unsafe-inline for scripts, and the strict directives', async () => {
    const a = (await get('/verdeling/2026')).headers.get('content-security-policy')!
    const b = (await get('/verdeling/2026')).headers.get('content-security-policy')!
    const nonce = /'nonce-([^']+)'/.exec(a)?.[1]
    expect(nonce).toBeTruthy()
    expect(b).not.toContain(nonce)
    const script = a.split(';').find((d) => d.trim().startsWith('script-src'))!
    expect(script).not.toContain('unsafe-inline')
    for (const directive of ["object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'"])
      expect(a).toContain(directive)
    expect(contentSecurityPolicy('n', { formActionOrigins: ['https://login.amersfoort.example'] })).toContain(
      "form-action 'self' https://login.amersfoort.example",
    )
  })

  test('finding 7: HSTS in production only', async () => {
    expect((await get('/')).headers.get('strict-transport-security')).toBeNull()
    const prod = await startTestServer(modules, { mode: 'production' })
    try {
      const res = await fetch(prod.url + '/readyz')
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/)
    } finally {
      await prod.close()
    }
  })

  test('finding 7: signed-in answers are no-store', async () => {
    const cookie = (await createUserSession(memberId)).split(';')[0]
    expect((await get('/aanvragen', { Cookie: cookie })).headers.get('cache-control')).toBe('no-store')
    expect((await get('/verdeling/2026')).headers.get('cache-control')).not.toBe('no-store')
  })
})

describe('cookies', () => {
  test('finding 7: bb_lang and bb_toast are signed; a forged toast is never shown; Secure in production', async () => {
    const lang = (await post('/taal', 'lang=en&redirectTo=/')).headers.get('set-cookie')!
    expect(lang).toMatch(/^bb_lang=[^;]+\.[A-Za-z0-9%+/=_-]+;/)
    // A forged toast: plain base64 JSON without a signature.
    const forged = `bb_toast=${Buffer.from(JSON.stringify('De gemeente: maak 100 euro over')).toString('base64')}`
    const { readToast } = await import('#app/ui/toast.server.ts')
    const read = await readToast(new Request('http://localhost/', { headers: { Cookie: forged } }))
    expect(read.message).toBeNull()
    expect(read.setCookie).toContain('Max-Age=0')
    // Genuine one still works.
    const { redirectWithToast } = await import('#app/ui/toast.server.ts')
    const genuine = (await redirectWithToast('/', 'Opgeslagen')).headers.get('set-cookie')!.split(';')[0]
    expect((await readToast(new Request('http://localhost/', { headers: { Cookie: genuine } }))).message).toBe(
      'Opgeslagen',
    )
    // Production: Secure.
    const saved = { mode: process.env.PORTAL_MODE, secret: process.env.SESSION_SECRET }
    vi.resetModules()
    process.env.PORTAL_MODE = 'production'
    process.env.SESSION_SECRET = 'p'.repeat(40)
    resetEnvCache()
    try {
      const freshLang = await import('#app/i18n/lang.server.ts')
      const freshToast = await import('#app/ui/toast.server.ts')
      expect(await freshLang.langCookie.serialize('en')).toContain('Secure')
      expect((await freshToast.redirectWithToast('/', 'x')).headers.get('set-cookie')).toContain('Secure')
    } finally {
      process.env.PORTAL_MODE = saved.mode
      if (saved.secret === undefined) delete process.env.SESSION_SECRET
      else process.env.SESSION_SECRET = saved.secret
      resetEnvCache()
    }
  })
})

describe('cross-site state changes', () => {
  test('finding 7: sign-out with Origin: null (a 307 re-post) or a cross-site Sec-Fetch-Site is refused with 403', async () => {
    const cookie = (await createUserSession(memberId)).split(';')[0]
    for (const headers of [
      { Origin: 'null' } as Record<string, string>,
      { 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'same-site' },
      { Origin: 'https://evil.example' },
    ]) {
      const res = await post('/uitloggen', '', { Cookie: cookie, ...headers })
      expect(res.status, JSON.stringify(headers)).toBe(403)
      expect(await res.text()).toContain('Geweigerd')
    }
    // The session still works: nothing was signed out.
    expect((await get('/aanvragen', { Cookie: cookie })).status).toBe(200)
    // The same request from this site passes.
    const own = await post('/uitloggen', '', { Cookie: cookie, Origin: server.url, 'Sec-Fetch-Site': 'same-origin' })
    expect(own.status).toBe(302)
  })

  test('finding 3: Origin: null on an ordinary page is no 500', async () => {
    for (const path of ['/', '/inloggen', '/verdeling/2026']) {
      const res = await get(path, { Origin: 'null' })
      expect(res.status, path).toBeLessThan(400)
    }
  })
})

describe('one safe-redirect function', () => {
  const evil = [
    '//evil.example',
    '/\t/evil.example/phish',
    '/%09/evil.example/phish',
    '/\\evil.example',
    '/%5Cevil.example',
    '/%2F/evil.example',
    '%2F%2Fevil.example',
    'https://evil.example',
    '/\r\n/evil.example',
    '/a\r\nSet-Cookie: x=1',
    '/%0D%0ASet-Cookie:x=1',
    ' //evil.example',
    'javascript:alert(1)',
    '/%252F%252Fevil.example',
  ]
  test('finding 5: only same-origin paths after normalisation', () => {
    for (const to of evil) expect(safeRedirect(to, '/home'), JSON.stringify(to)).toBe('/home')
    expect(safeRedirect('/aanvragen/abc?tab=2#x')).toBe('/aanvragen/abc?tab=2#x')
    expect(safeRedirect('/verdeling/2026/é')).toBe('/verdeling/2026/%C3%A9')
  })

  test('finding 5: /taal and /inloggen never send anyone to another site', async () => {
    for (const to of evil) {
      const taal = await post('/taal', `lang=en&redirectTo=${encodeURIComponent(to)}`)
      expect(taal.status).toBe(302)
      expect(taal.headers.get('location'), to).toBe('/')
    }
    const login = await post(
      '/inloggen',
      `email=aanvrager%40hooglandleeft.example&password=buurtbudget-demo&redirectTo=${encodeURIComponent('/\t/evil.example/phish')}`,
    )
    expect(login.status).toBe(302)
    expect(login.headers.get('location')).toBe('/aanvragen')
  })
})

describe('the database away and back', () => {
  test('finding 9: /readyz says ready; while the database refuses connections pages are a 503 in the visitor’s language saying the input is safe; then it recovers by itself', async () => {
    expect(await (await get('/readyz')).text()).toBe('ready')
    const name = new URL(testDatabaseUrl()).pathname.slice(1)
    const admin = serverUrl()
    await withPgClient(admin, async (c) => {
      await c.query(`ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS false`)
      await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name])
    })
    try {
      const ready = await get('/readyz')
      expect(ready.status).toBe(503)
      expect(await ready.text()).toBe('not ready')
      const page = await get('/verdeling/2026')
      expect(page.status).toBe(503)
      const text = await page.text()
      expect(text).toContain('veilig')
      expect(text).not.toMatch(/\n\s+at |PrismaClient|ECONNREFUSED/)
      const en = await get('/verdeling/2026', {
        Cookie: (await post('/taal', 'lang=en')).headers.get('set-cookie')!.split(';')[0],
      })
      expect(await en.text()).toContain('your input is still in the form')
    } finally {
      await withPgClient(admin, (c) => c.query(`ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS true`))
    }
    // Back: no restart, no manual step.
    let status = 0
    for (let i = 0; i < 60 && status !== 200; i++) {
      status = (await get('/verdeling/2026')).status
      if (status !== 200) await new Promise((r) => setTimeout(r, 500))
    }
    expect(status).toBe(200)
    expect(await (await get('/readyz')).text()).toBe('ready')
  })
})

describe('one of each singleton (issue 9 item 4)', () => {
  test('a second copy of the database and environment modules (as the built app has) uses the same client, pool and env', async () => {
    const { prisma } = await import('#app/db.server.ts')
    await prisma.$queryRaw`SELECT 1`
    const { getEnv } = await import('#app/env.server.ts')
    const env = getEnv()
    const before = { db: creations('db'), env: creations('env') }
    vi.resetModules()
    const second = await import('#app/db.server.ts')
    await second.prisma.$queryRaw`SELECT 1`
    const secondEnv = await import('#app/env.server.ts')
    expect(secondEnv.getEnv()).toBe(env)
    expect({ db: creations('db'), env: creations('env') }).toEqual(before)
    expect(before.db).toBeGreaterThanOrEqual(1)
  })
})

void adminId

// Staff sign-in through a real, local OpenID Connect provider (oidc-provider), started by this test.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { prisma } from '#app/db.server.ts'
import { resetEnvCache } from '#app/env.server.ts'
import { seeded } from '#app/testing/fixtures.ts'
import * as start from '#app/routes/inloggen_.oidc.tsx'
import * as callback from '#app/routes/inloggen_.oidc.terug.tsx'
import * as review from '#app/routes/beoordelen._index.tsx'
import { resetOidcConfiguration } from './oidc.server.ts'
import { startOidcProvider, type LocalOidcProvider } from './testing/oidc-provider.ts'

let provider: LocalOidcProvider
beforeAll(async () => {
  await seeded()
  provider = await startOidcProvider({ redirectUris: ['http://localhost:3000/inloggen/oidc/terug'] })
  Object.assign(process.env, {
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: provider.clientId,
    OIDC_CLIENT_SECRET: provider.clientSecret,
    PUBLIC_URL: 'http://localhost:3000',
  })
  resetEnvCache()
  resetOidcConfiguration()
})
afterAll(async () => {
  await provider.close()
})

/** Follows the provider's redirects and fills in its login form like a browser would, until it sends us back. */
async function signInAtProvider(authorizationUrl: string, login: string): Promise<URL> {
  const jar = new Map<string, string>()
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
  const remember = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';')
      const [k, ...v] = pair.split('=')
      jar.set(k.trim(), v.join('='))
    }
  }
  let url = authorizationUrl
  let body: URLSearchParams | undefined
  for (let hop = 0; hop < 15; hop++) {
    const res = await fetch(url, {
      method: body ? 'POST' : 'GET',
      body,
      redirect: 'manual',
      headers: { Cookie: cookieHeader(), ...(body ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}) },
    })
    remember(res)
    body = undefined
    const location = res.headers.get('Location')
    if (location) {
      const next = new URL(location, url)
      if (next.pathname === '/inloggen/oidc/terug') return next
      url = next.toString()
      continue
    }
    const html = await res.text()
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1]
    if (!action) throw new Error(`no form at ${url}: ${html.slice(0, 300)}`)
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1] ?? 'login'
    body = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'wat-dan-ook' } : { prompt })
    url = new URL(action, url).toString()
  }
  throw new Error('too many hops')
}

async function signInVia(login: string) {
  const started = await start.action({
    request: new Request('http://localhost:3000/inloggen/oidc?redirectTo=%2Fbeoordelen', { method: 'POST' }),
    params: {},
    context: {},
  })
  expect(started.status).toBe(302)
  const stateCookie = started.headers.get('Set-Cookie')!.split(';')[0]
  const authUrl = started.headers.get('Location')!
  expect(authUrl.startsWith(provider.issuer)).toBe(true)
  expect(authUrl).toContain('code_challenge_method=S256')
  const back = await signInAtProvider(authUrl, login)
  try {
    return (await callback.loader({
      request: new Request(back.toString(), { headers: { Cookie: stateCookie } }),
      params: {},
      context: { clientIp: '192.0.2.30' },
    })) as Response
  } catch (thrown) {
    if (thrown instanceof Response) return thrown
    throw thrown
  }
}

describe('staff sign in through the municipality’s OpenID Connect provider', () => {
  test('a reviewer known by e-mail is signed in, linked to the provider’s subject, and lands on the review page', async () => {
    const res = await signInVia('beoordelaar@amersfoort.example')
    expect(res.status).toBe(302)
    expect(res.headers.get('Location')).toBe('/beoordelen')
    const session = res.headers
      .getSetCookie()
      .find((c) => c.startsWith('bb_session='))!
      .split(';')[0]
    const page = await review.loader({
      request: new Request('http://localhost:3000/beoordelen', { headers: { Cookie: session } }),
      params: {},
      context: {},
    })
    expect(page.areas.length).toBeGreaterThan(0)
    const user = await prisma.user.findUniqueOrThrow({ where: { email: 'beoordelaar@amersfoort.example' } })
    expect(user.oidcSubject).toBe(`${provider.issuer}|beoordelaar@amersfoort.example`)
    expect(await prisma.auditEvent.count({ where: { action: 'sign-in.oidc', userId: user.id } })).toBe(1)
  })

  test('someone the portal does not know as staff is refused (also a foundation member)', async () => {
    for (const login of ['onbekend@amersfoort.example', 'aanvrager@hooglandleeft.example']) {
      const res = await signInVia(login)
      expect(res.headers.get('Location')).toBe('/inloggen')
      expect(res.headers.getSetCookie().some((c) => c.startsWith('bb_session='))).toBe(false)
    }
    expect(await prisma.auditEvent.count({ where: { action: 'sign-in.oidc.refused' } })).toBe(2)
  })

  test('a callback without the matching state cookie signs nobody in', async () => {
    const started = await start.action({
      request: new Request('http://localhost:3000/inloggen/oidc', { method: 'POST' }),
      params: {},
      context: {},
    })
    const back = await signInAtProvider(started.headers.get('Location')!, 'beoordelaar@amersfoort.example')
    const res = (await callback.loader({ request: new Request(back.toString()), params: {}, context: {} })) as Response
    expect(res.headers.get('Location')).toBe('/inloggen')
    expect(res.headers.getSetCookie().some((c) => c.startsWith('bb_session=') && !c.startsWith('bb_session=;'))).toBe(
      false,
    )
  })
})

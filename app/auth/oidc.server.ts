import { createCookie } from '@remix-run/node'
import * as client from 'openid-client'
import { prisma } from '#app/db.server.ts'
import { getEnv } from '#app/env.server.ts'
import { notFound } from '#app/domain/errors.ts'
import { audit } from './audit.server.ts'
import { isStaff } from './permissions.ts'

/**
 * Staff sign-in through the municipality's OpenID Connect provider (authorization code flow with
 * PKCE, state and nonce; openid-client). The provider is the municipality's identity system, which
 * enforces its own second factor, so a sign-in through it counts as a strong sign-in
 * (docs/decisions/0011-accounts-and-sign-in.md). Only existing, active staff accounts can sign in
 * this way, matched by the provider's subject or, the first time, by a verified e-mail address.
 */
export const oidcConfigured = () => Boolean(getEnv().OIDC_ISSUER)

export const OIDC_CALLBACK_PATH = '/inloggen/oidc/terug'

let configuration: Promise<client.Configuration> | undefined
function config() {
  const env = getEnv()
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) throw notFound()
  const issuer = new URL(env.OIDC_ISSUER)
  // Plain http only for a provider on this machine (tests, local development).
  const local = issuer.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname)
  configuration ??= client
    .discovery(
      issuer,
      env.OIDC_CLIENT_ID,
      env.OIDC_CLIENT_SECRET,
      undefined,
      local ? { execute: [client.allowInsecureRequests] } : undefined,
    )
    .catch((error) => {
      configuration = undefined
      throw error
    })
  return configuration
}

/** For tests that point the portal at another provider. */
export function resetOidcConfiguration() {
  configuration = undefined
}

let cookie: ReturnType<typeof createCookie> | undefined
const stateCookie = () =>
  (cookie ??= createCookie('bb_oidc', {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    maxAge: 600,
    secure: getEnv().PORTAL_MODE === 'production',
    secrets: [getEnv().SESSION_SECRET],
  }))

const callbackUrl = () => new URL(OIDC_CALLBACK_PATH, getEnv().PUBLIC_URL + '/')

/** Where to send the browser, and the cookie that remembers state, nonce and PKCE verifier. */
export async function startOidc(redirectTo: string) {
  const cfg = await config()
  const verifier = client.randomPKCECodeVerifier()
  const state = client.randomState()
  const nonce = client.randomNonce()
  const url = client.buildAuthorizationUrl(cfg, {
    redirect_uri: callbackUrl().toString(),
    scope: 'openid email profile',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  })
  return { url: url.toString(), setCookie: await stateCookie().serialize({ verifier, state, nonce, redirectTo }) }
}

export type OidcResult =
  | { ok: true; userId: string; role: import('#app/generated/prisma/enums.ts').Role; redirectTo: string }
  | { ok: false; reason: 'failed' | 'unknown' }

/** Handles the provider's redirect back: checks the code, state, nonce and token, then finds the staff account. */
export async function finishOidc(request: Request, ip: string): Promise<OidcResult> {
  const saved = await stateCookie().parse(request.headers.get('Cookie'))
  if (!saved || typeof saved !== 'object') return { ok: false, reason: 'failed' }
  const incoming = new URL(request.url)
  const current = callbackUrl()
  current.search = incoming.search
  let claims: (client.IDToken & { email?: unknown; email_verified?: unknown }) | undefined
  try {
    const cfg = await config()
    const tokens = await client.authorizationCodeGrant(cfg, current, {
      pkceCodeVerifier: saved.verifier,
      expectedState: saved.state,
      expectedNonce: saved.nonce,
      idTokenExpected: true,
    })
    claims = tokens.claims()
    // Many providers put the e-mail address only in the userinfo answer, not in the ID token.
    if (claims && typeof claims.email !== 'string') {
      const info = await client.fetchUserInfo(cfg, tokens.access_token, claims.sub)
      claims = { ...claims, email: info.email, email_verified: info.email_verified }
    }
  } catch {
    await audit({ action: 'sign-in.oidc.refused', ip, data: { reason: 'protocol' } })
    return { ok: false, reason: 'failed' }
  }
  if (!claims) return { ok: false, reason: 'failed' }
  const subject = `${claims.iss}|${claims.sub}`
  const email = typeof claims.email === 'string' && claims.email_verified === true ? claims.email.toLowerCase() : null
  const user =
    (await prisma.user.findUnique({ where: { oidcSubject: subject } })) ??
    (email ? await prisma.user.findFirst({ where: { email, oidcSubject: null } }) : null)
  if (!user || !user.active || !isStaff(user.role)) {
    await audit({ action: 'sign-in.oidc.refused', ip, userId: user?.id ?? null, data: { subject, email } })
    return { ok: false, reason: 'unknown' }
  }
  if (!user.oidcSubject) await prisma.user.update({ where: { id: user.id }, data: { oidcSubject: subject } })
  await audit({ action: 'sign-in.oidc', actorId: user.id, userId: user.id, ip, data: { subject } })
  return {
    ok: true,
    userId: user.id,
    role: user.role,
    redirectTo: typeof saved.redirectTo === 'string' ? saved.redirectTo : '',
  }
}

export async function clearOidcCookie() {
  return stateCookie().serialize('', { maxAge: 0 })
}

import { createCookie, type Cookie } from '@remix-run/node'
import { getEnv } from '#app/env.server.ts'
import type { Lang } from './i18n.ts'

let cookie: Cookie | undefined
/** Signed, and Secure in production (docs/decisions/0022). */
function lang(): Cookie {
  const env = getEnv()
  cookie ??= createCookie('bb_lang', {
    path: '/',
    sameSite: 'lax',
    httpOnly: true,
    secure: env.PORTAL_MODE === 'production',
    secrets: [env.SESSION_SECRET],
    maxAge: 60 * 60 * 24 * 365,
  })
  return cookie
}

export const langCookie = {
  serialize: (value: Lang) => lang().serialize(value),
  parse: (header: string | null) => lang().parse(header),
}

/** The language the visitor chose with the switch, or null when they never did. */
export async function chosenLang(request: Request): Promise<Lang | null> {
  const value = await langCookie.parse(request.headers.get('Cookie'))
  return value === 'en' || value === 'nl' ? value : null
}

/** Dutch first; English when the visitor chose it. */
export async function getLang(request: Request): Promise<Lang> {
  const value = await langCookie.parse(request.headers.get('Cookie')).catch(() => null)
  return value === 'en' ? 'en' : 'nl'
}

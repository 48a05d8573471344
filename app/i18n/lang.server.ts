import { createCookie } from '@remix-run/node'
import type { Lang } from './i18n.ts'

export const langCookie = createCookie('bb_lang', {
  path: '/',
  sameSite: 'lax',
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
})

/** The language the visitor chose with the switch, or null when they never did. */
export async function chosenLang(request: Request): Promise<Lang | null> {
  const value = await langCookie.parse(request.headers.get('Cookie'))
  return value === 'en' || value === 'nl' ? value : null
}

/** Dutch first; English when the visitor chose it. */
export async function getLang(request: Request): Promise<Lang> {
  const value = await langCookie.parse(request.headers.get('Cookie'))
  return value === 'en' ? 'en' : 'nl'
}

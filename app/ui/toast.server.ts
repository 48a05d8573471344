import { createCookie, redirect, type Cookie } from '@remix-run/node'
import { getEnv } from '#app/env.server.ts'

let cookie: Cookie | undefined
/** Signed (a forged cookie is ignored, docs/decisions/0022) and Secure in production. */
function toastCookie(): Cookie {
  const env = getEnv()
  cookie ??= createCookie('bb_toast', {
    path: '/',
    sameSite: 'lax',
    httpOnly: true,
    maxAge: 60,
    secure: env.PORTAL_MODE === 'production',
    secrets: [env.SESSION_SECRET],
  })
  return cookie
}

/** Post/redirect/get with a message that the next page shows once. */
export async function redirectWithToast(url: string, message: string, init: ResponseInit = {}) {
  const headers = new Headers(init.headers)
  headers.append('Set-Cookie', await toastCookie().serialize(message))
  return redirect(url, { ...init, headers })
}

export async function readToast(request: Request): Promise<{ message: string | null; setCookie: string | null }> {
  const header = request.headers.get('Cookie')
  if (!header?.includes('bb_toast=')) return { message: null, setCookie: null }
  const message = await toastCookie()
    .parse(header)
    .catch(() => null)
  // A cookie that is not ours (forged or unsigned) is removed and never shown.
  const setCookie = await toastCookie().serialize('', { maxAge: 0 })
  if (typeof message !== 'string' || message === '') return { message: null, setCookie }
  return { message, setCookie }
}

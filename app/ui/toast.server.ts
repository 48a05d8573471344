import { createCookie, redirect } from '@remix-run/node'

const toastCookie = createCookie('bb_toast', { path: '/', sameSite: 'lax', httpOnly: true, maxAge: 60 })

/** Post/redirect/get with a message that the next page shows once. */
export async function redirectWithToast(url: string, message: string, init: ResponseInit = {}) {
  const headers = new Headers(init.headers)
  headers.append('Set-Cookie', await toastCookie.serialize(message))
  return redirect(url, { ...init, headers })
}

export async function readToast(request: Request): Promise<{ message: string | null; setCookie: string | null }> {
  const message = await toastCookie.parse(request.headers.get('Cookie'))
  if (typeof message !== 'string') return { message: null, setCookie: null }
  return { message, setCookie: await toastCookie.serialize('', { maxAge: 0 }) }
}

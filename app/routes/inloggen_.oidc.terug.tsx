import type { LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { clearOidcCookie, finishOidc, oidcConfigured } from '#app/auth/oidc.server.ts'
import { HOME_BY_ROLE } from '#app/auth/permissions.ts'
import { clientIp } from '#app/auth/request.server.ts'
import { createUserSession } from '#app/auth/session.server.ts'
import { messages } from '#app/i18n/i18n.ts'
import { getLang } from '#app/i18n/lang.server.ts'
import { redirectWithToast } from '#app/ui/toast.server.ts'
import { safeRedirect } from '#app/ui/safe-redirect.ts'

// Public: the OpenID Connect provider sends the browser back here; the code is checked before anyone is signed in.
export async function loader({ request, context }: LoaderFunctionArgs) {
  if (!oidcConfigured()) throw new Response('Niet gevonden', { status: 404 })
  const result = await finishOidc(request, clientIp(context))
  const headers = new Headers({ 'Set-Cookie': await clearOidcCookie() })
  if (!result.ok) {
    const m = messages(await getLang(request))
    return redirectWithToast(
      '/inloggen',
      result.reason === 'unknown' ? m.accounts.oidcUnknown : m.accounts.oidcFailed,
      { headers },
    )
  }
  headers.append('Set-Cookie', await createUserSession(result.userId, { request }))
  return redirect(safeRedirect(result.redirectTo, HOME_BY_ROLE[result.role]), { headers })
}

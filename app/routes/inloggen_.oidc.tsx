import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { startOidc } from '#app/auth/oidc.server.ts'
import { orHttpError } from '#app/web/errors.server.ts'

// Public: starts a staff sign-in at the municipality's OpenID Connect provider (404 when none is configured).
export async function action({ request }: ActionFunctionArgs) {
  const { url, setCookie } = await orHttpError(request, () =>
    startOidc(new URL(request.url).searchParams.get('redirectTo') ?? ''),
  )
  return redirect(url, { headers: { 'Set-Cookie': setCookie } })
}

export async function loader() {
  return redirect('/inloggen')
}

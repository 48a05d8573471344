import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { langCookie } from '#app/i18n/lang.server.ts'
import { safeRedirect } from '#app/ui/safe-redirect.ts'

// Public: anyone may choose the language.
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData()
  const lang = form.get('lang') === 'en' ? 'en' : 'nl'
  return redirect(safeRedirect(form.get('redirectTo')), { headers: { 'Set-Cookie': await langCookie.serialize(lang) } })
}

export async function loader() {
  return redirect('/')
}

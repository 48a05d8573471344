import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { getUser } from '#app/auth/session.server.ts'
import { prisma } from '#app/db.server.ts'
import { langCookie } from '#app/i18n/lang.server.ts'
import { safeRedirect } from '#app/ui/safe-redirect.ts'

// Public: anyone may choose the language; for a signed-in user it is stored too, so their screens on
// another device and every mail to them come in that language.
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData()
  const lang = form.get('lang') === 'en' ? 'en' : 'nl'
  const user = await getUser(request)
  if (user) await prisma.user.update({ where: { id: user.id }, data: { lang } })
  return redirect(safeRedirect(form.get('redirectTo')), { headers: { 'Set-Cookie': await langCookie.serialize(lang) } })
}

export async function loader() {
  return redirect('/')
}

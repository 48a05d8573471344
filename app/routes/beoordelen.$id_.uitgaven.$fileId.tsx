import type { LoaderFunctionArgs } from '@remix-run/node'
import { getForStaff } from '#app/applications/review.server.ts'
import { requirePermission } from '#app/auth/session.server.ts'
import { grantFileOf } from '#app/grants/page.server.ts'
import { attachmentResponse } from '#app/web/uploads.server.ts'

/** Downloads a receipt or report photo of a grant in the reviewer's wijken: always as a download. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'read:application:area')
  if (!(await getForStaff(user, params.id!))) throw new Response('Niet gevonden', { status: 404 })
  const file = await grantFileOf(params.id!, params.fileId!)
  if (!file) throw new Response('Niet gevonden', { status: 404 })
  return attachmentResponse(file)
}

import type { LoaderFunctionArgs } from '@remix-run/node'
import { getOwnApplication } from '#app/applications/applications.server.ts'
import { requirePermission } from '#app/auth/session.server.ts'
import { grantFileOf } from '#app/grants/page.server.ts'
import { attachmentResponse } from '#app/web/uploads.server.ts'

/** Downloads a receipt or report photo of the foundation's own grant: always as a download. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'read:application:own')
  if (!(await getOwnApplication(user, params.id!))) throw new Response('Niet gevonden', { status: 404 })
  const file = await grantFileOf(params.id!, params.fileId!)
  if (!file) throw new Response('Niet gevonden', { status: 404 })
  return attachmentResponse(file)
}

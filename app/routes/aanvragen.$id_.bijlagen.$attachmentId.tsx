import type { LoaderFunctionArgs } from '@remix-run/node'
import { getOwnAttachment } from '#app/applications/applications.server.ts'
import { attachmentResponse } from '#app/applications/attachments.server.ts'
import { requirePermission } from '#app/auth/session.server.ts'

/** Downloads an attachment of the member's own foundation: always as a download, never sniffed. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'read:application:own')
  const attachment = await getOwnAttachment(user, params.id!, params.attachmentId!)
  if (!attachment) throw new Response('Niet gevonden', { status: 404 })
  return attachmentResponse(attachment)
}

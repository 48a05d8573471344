import type { LoaderFunctionArgs } from '@remix-run/node'
import { attachmentResponse } from '#app/applications/attachments.server.ts'
import { getAttachmentForStaff } from '#app/applications/review.server.ts'
import { requirePermission } from '#app/auth/session.server.ts'

/** Downloads an attachment of an application in the reviewer's wijken: always as a download, never sniffed. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'read:application:area')
  const attachment = await getAttachmentForStaff(user, params.id!, params.attachmentId!)
  if (!attachment) throw new Response('Niet gevonden', { status: 404 })
  return attachmentResponse(attachment)
}

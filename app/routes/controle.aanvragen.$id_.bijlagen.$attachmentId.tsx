import type { LoaderFunctionArgs } from '@remix-run/node'
import { attachmentResponse } from '#app/applications/attachments.server.ts'
import { requirePermission } from '#app/auth/session.server.ts'
import { auditAttachment } from '#app/reporting/audit/application.server.ts'

/** An attachment (or receipt) of any submitted application, for the auditor: always a download. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'read:application:any')
  const attachment = await auditAttachment(params.id!, params.attachmentId!)
  if (!attachment) throw new Response('Niet gevonden', { status: 404 })
  return attachmentResponse(attachment)
}

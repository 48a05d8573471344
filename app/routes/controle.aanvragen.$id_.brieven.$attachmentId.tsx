import type { LoaderFunctionArgs } from '@remix-run/node'
import { attachmentResponse } from '#app/applications/attachments.server.ts'
import { requirePermission } from '#app/auth/session.server.ts'
import { auditLetter } from '#app/reporting/audit/application.server.ts'

/** A kept letter (KeptDocument) of an application exactly as sent; the id is the document's. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'read:application:any')
  const letter = await auditLetter(params.id!, params.attachmentId!)
  if (!letter) throw new Response('Niet gevonden', { status: 404 })
  return attachmentResponse(letter)
}

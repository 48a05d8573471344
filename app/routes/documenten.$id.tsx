import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission } from '#app/auth/session.server.ts'
import { readableDocument } from '#app/documents/access.server.ts'

/**
 * Downloads a kept letter (beschikking) exactly as it was sent: for the foundation's members, the
 * wijk's reviewers and auditors. The query is scoped: a guessed id of someone else's letter is 404.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'read:document:scoped')
  const doc = await readableDocument(user, params.id!)
  if (!doc) throw new Response('Niet gevonden', { status: 404 })
  return new Response(new Uint8Array(doc.data), {
    headers: {
      'Content-Type': doc.contentType,
      'Content-Disposition': `attachment; filename="${doc.filename.replace(/[^\w.-]/g, '_')}"`,
      'Content-Length': String(doc.data.length),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
      ETag: `"${doc.sha256}"`,
    },
  })
}

import type { LoaderFunctionArgs } from '@remix-run/node'
import { getMailboxAttachment } from '#app/mail/mailbox.server.ts'
import { requireLocalMailbox } from '#app/web/guards.server.ts'

/** An attachment of a mail in the demo mailbox (the decision letter PDF, for instance). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireLocalMailbox(request)
  const attachment = await getMailboxAttachment(scope, params.id ?? '', Number(params.index))
  if (!attachment) throw new Response('Niet gevonden', { status: 404 })
  return new Response(attachment.content, {
    headers: {
      'Content-Type': attachment.contentType,
      'Content-Disposition': `attachment; filename="${attachment.filename.replace(/[^\w.-]/g, '_')}"`,
      'Cache-Control': 'private, no-store',
    },
  })
}

import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler as createMemoryUploadHandler,
  unstable_parseMultipartFormData as parseMultipartFormData,
} from '@remix-run/node'
import { MAX_ATTACHMENT_BYTES } from '#app/applications/schema.ts'
import { translate } from '#app/i18n/i18n.ts'
import { getLang } from '#app/i18n/lang.server.ts'

/** The whole request may carry one attachment plus the form's text fields. */
export const MAX_REQUEST_BYTES = MAX_ATTACHMENT_BYTES + 1024 * 1024

/** Too large: refused with 413 before (the rest of) the body is read. */
export async function tooLarge(request: Request): Promise<Response> {
  return new Response(translate(await getLang(request), 'errors.applications.requestTooLarge'), {
    status: 413,
    statusText: 'Payload Too Large',
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  })
}

/**
 * Reads the form of a request. Multipart bodies go through a size-limited upload handler that counts
 * bytes while streaming: a part over 10 MB stops the parsing at once (413), and a declared
 * Content-Length over the limit is refused before a single byte is read. Memory stays flat.
 */
export async function readForm(request: Request): Promise<FormData> {
  const declared = Number(request.headers.get('Content-Length') ?? '0')
  if (Number.isFinite(declared) && declared > MAX_REQUEST_BYTES) throw await tooLarge(request)
  const type = request.headers.get('Content-Type') ?? ''
  try {
    if (type.startsWith('multipart/form-data')) {
      return await parseMultipartFormData(request, createMemoryUploadHandler({ maxPartSize: MAX_ATTACHMENT_BYTES }))
    }
    return await request.formData()
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) throw await tooLarge(request)
    if (error instanceof Response) throw error
    // A broken body (bad encoding, cut-off upload) is the sender's problem, not a server error.
    throw new Response(translate(await getLang(request), 'errors.applications.formUnreadable'), {
      status: 400,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    })
  }
}

/** The download response: always a download, never rendered or sniffed by the browser. */
export function attachmentResponse(a: { filename: string; contentType: string; data: Uint8Array }) {
  const ascii = a.filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
  return new Response(a.data as unknown as BodyInit, {
    headers: {
      'Content-Type': a.contentType,
      'Content-Length': String(a.data.byteLength),
      'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(a.filename)}`,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cache-Control': 'private, no-store',
    },
  })
}

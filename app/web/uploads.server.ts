import { MAX_ATTACHMENT_BYTES } from '#app/applications/schema.ts'
import { translate } from '#app/i18n/i18n.ts'
import { getLang } from '#app/i18n/lang.server.ts'
import { readLimited } from './request-guard.server.ts'

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
 * Reads the form of a request. The request guard (app/web/request-guard.server.ts) has already
 * counted the body's bytes (at most MAX_REQUEST_BYTES, chunked or not) and checked the multipart
 * structure; a declared Content-Length over the limit is refused here too. The platform's parser
 * reads quoted file names correctly (`a;b=c.pdf`, which Remix's multipart parser refused).
 */
export async function readForm(request: Request): Promise<FormData> {
  const declared = Number(request.headers.get('Content-Length') ?? '0')
  if (Number.isFinite(declared) && declared > MAX_REQUEST_BYTES) throw await tooLarge(request)
  const type = request.headers.get('Content-Type') ?? ''
  try {
    if (!type.startsWith('multipart/form-data') && !type.startsWith('application/x-www-form-urlencoded') && type !== '')
      throw new Response(translate(await getLang(request), 'errors.applications.formUnreadable'), { status: 415 })
    // Counted again here (defence in depth, also for callers without the guard): the body is read
    // up to MAX_REQUEST_BYTES and no further.
    const body = request.body
      ? await readLimited(request.body as unknown as AsyncIterable<Uint8Array>, MAX_REQUEST_BYTES)
      : null
    if (request.body && body === null) throw await tooLarge(request)
    return await new Request(request.url, {
      method: 'POST',
      headers: { 'Content-Type': type },
      body: body ? (new Uint8Array(body) as unknown as BodyInit) : null,
    }).formData()
  } catch (error) {
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

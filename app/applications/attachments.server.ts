import { createHash } from 'node:crypto'
import type { Tx } from '#app/db.server.ts'
import { readLimited } from '#app/web/request-guard.server.ts'
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, type AttachmentKind } from './schema.ts'

/** The whole request may carry one attachment plus the form's text fields. */
export const MAX_REQUEST_BYTES = MAX_ATTACHMENT_BYTES + 1024 * 1024

export const ALLOWED_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const

/** The real type of a file from its first bytes ("magic numbers"), never from its name. */
export function sniffType(head: Uint8Array): (typeof ALLOWED_TYPES)[number] | null {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b)
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf' // %PDF-
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg'
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png'
  return null
}

/** Too large: refused with 413 before (the rest of) the body is read. */
export function tooLarge(): Response {
  return new Response('Het bestand is te groot: een bijlage mag hoogstens 10 MB zijn.', {
    status: 413,
    statusText: 'Payload Too Large',
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
  if (Number.isFinite(declared) && declared > MAX_REQUEST_BYTES) throw tooLarge()
  const type = request.headers.get('Content-Type') ?? ''
  try {
    if (!type.startsWith('multipart/form-data') && !type.startsWith('application/x-www-form-urlencoded') && type !== '')
      throw new Response('Het portaal neemt alleen gewone formulieren aan.', { status: 415 })
    // Counted again here (defence in depth, also for callers without the guard): the body is read
    // up to MAX_REQUEST_BYTES and no further.
    const body = request.body
      ? await readLimited(request.body as unknown as AsyncIterable<Uint8Array>, MAX_REQUEST_BYTES)
      : null
    if (request.body && body === null) throw tooLarge()
    return await new Request(request.url, {
      method: 'POST',
      headers: { 'Content-Type': type },
      body: body ? (new Uint8Array(body) as unknown as BodyInit) : null,
    }).formData()
  } catch (error) {
    if (error instanceof Response) throw error
    // A broken body (bad encoding, cut-off upload) is the sender's problem, not a server error.
    throw new Response('Het formulier kon niet worden gelezen. Probeer het opnieuw.', { status: 400 })
  }
}

export class AttachmentError extends Error {}

/** Checks and stores one uploaded file for an application (or an answer to an aanvulling). */
export async function storeAttachment(
  tx: Tx,
  input: { applicationId: string; infoRequestId?: string; kind: AttachmentKind; file: File; uploadedById: string },
) {
  const { file } = input
  if (file.size === 0) throw new AttachmentError('Het gekozen bestand is leeg.')
  if (file.size > MAX_ATTACHMENT_BYTES) throw new AttachmentError('Een bijlage mag hoogstens 10 MB zijn.')
  const bytes = new Uint8Array(await file.arrayBuffer())
  const contentType = sniffType(bytes.subarray(0, 16))
  if (!contentType) {
    throw new AttachmentError(
      'Dit bestand is geen PDF, JPEG of PNG (wij kijken naar de inhoud, niet naar de naam). Sla het op als PDF en probeer het opnieuw.',
    )
  }
  const count = await tx.attachment.count({ where: { applicationId: input.applicationId } })
  if (count >= MAX_ATTACHMENTS)
    throw new AttachmentError(`Een aanvraag heeft hoogstens ${MAX_ATTACHMENTS} bijlagen. Verwijder eerst een bijlage.`)
  return tx.attachment.create({
    data: {
      applicationId: input.applicationId,
      infoRequestId: input.infoRequestId,
      kind: input.kind,
      filename: safeFilename(file.name, contentType),
      contentType,
      sizeBytes: bytes.byteLength,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      data: bytes,
      uploadedById: input.uploadedById,
    },
    select: {
      id: true,
      kind: true,
      filename: true,
      contentType: true,
      sizeBytes: true,
      sha256: true,
      createdAt: true,
      infoRequestId: true,
    },
  })
}

const EXTENSION = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' } as const

/** A name that is safe in a header and on any disk, with the extension of the real type. */
export function safeFilename(name: string, type: keyof typeof EXTENSION): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    .replace(/\.[^.]*$/, '')
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N} ._-]/gu, '')
    .trim()
    .slice(0, 80)
  return `${base || 'bijlage'}.${EXTENSION[type]}`
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

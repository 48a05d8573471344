import { createHash } from 'node:crypto'
import type { Tx } from '#app/db.server.ts'
import { DomainError } from '#app/domain/errors.ts'
import type { Messages } from '#app/i18n/nl.ts'
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, type AttachmentKind } from './schema.ts'

export const ALLOWED_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const

/** The real type of a file from its first bytes ("magic numbers"), never from its name. */
export function sniffType(head: Uint8Array): (typeof ALLOWED_TYPES)[number] | null {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b)
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf' // %PDF-
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg'
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png'
  return null
}

/** A refused file, shown at the form's file field. */
const attachmentError = (
  key: `errors.attachments.${keyof Messages['errors']['attachments']}`,
  params?: Record<string, number>,
) => new DomainError(key, { field: 'attachment', params, status: 400 })

/** Checks and stores one uploaded file for an application (or an answer to an aanvulling). */
export async function storeAttachment(
  tx: Tx,
  input: { applicationId: string; infoRequestId?: string; kind: AttachmentKind; file: File; uploadedById: string },
) {
  const { file } = input
  if (file.size === 0) throw attachmentError('errors.attachments.empty')
  if (file.size > MAX_ATTACHMENT_BYTES) throw attachmentError('errors.attachments.tooLarge')
  const bytes = new Uint8Array(await file.arrayBuffer())
  const contentType = sniffType(bytes.subarray(0, 16))
  if (!contentType) {
    throw attachmentError('errors.attachments.wrongType')
  }
  const count = await tx.attachment.count({ where: { applicationId: input.applicationId } })
  if (count >= MAX_ATTACHMENTS) throw attachmentError('errors.attachments.tooMany', { max: MAX_ATTACHMENTS })
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

// The HTTP side of attachments (reading a size-limited multipart request, the download response)
// is in app/web/uploads.server.ts; re-exported for the routes that import it from here.
export { attachmentResponse } from '#app/web/uploads.server.ts'

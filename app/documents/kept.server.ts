import { createHash } from 'node:crypto'
import type { DocumentKind } from '#app/generated/prisma/enums.ts'
import type { Tx } from '#app/db.server.ts'

export type NewKeptDocument = {
  kind: DocumentKind
  applicationId?: string
  roundId?: string
  filename: string
  contentType?: string
  data: Buffer
  lang?: string
  /** The document this one replaces in effect (e.g. the decision after a founded objection). */
  supersedesId?: string
  createdById: string
}

export function sha256Hex(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex')
}

/**
 * Keeps a letter exactly as it is sent: bytes and SHA-256 in PostgreSQL, in the caller's
 * transaction (so the letter exists if and only if the decision does). The database refuses to
 * change or remove it afterwards.
 */
export async function keepDocument(tx: Tx, doc: NewKeptDocument) {
  return tx.keptDocument.create({
    data: {
      kind: doc.kind,
      applicationId: doc.applicationId,
      roundId: doc.roundId,
      filename: doc.filename,
      contentType: doc.contentType ?? 'application/pdf',
      sizeBytes: doc.data.length,
      sha256: sha256Hex(doc.data),
      data: new Uint8Array(doc.data),
      lang: doc.lang ?? 'nl',
      supersedesId: doc.supersedesId,
      createdById: doc.createdById,
    },
    select: { id: true, sha256: true, filename: true },
  })
}

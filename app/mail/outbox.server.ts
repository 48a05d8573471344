// The transactional outbox: the ONE way the portal sends mail. A caller writes the mail in the same
// database transaction as the event that causes it (submission, decision, invitation, ...); the
// delivery worker (worker.server.ts) sends it later, retrying until it arrives. Nothing is ever
// sent from inside a request. See docs/decisions/0010-mail-outbox.md.
import { randomUUID } from 'node:crypto'
import type { Prisma, Tx } from '#app/db.server.ts'
import { getEnv } from '#app/env.server.ts'
import { renderMail, type MailLang, type TemplateData, type TemplateName } from './render.ts'

export interface MailAttachment {
  filename: string
  /** MIME type, e.g. application/pdf. */
  contentType: string
  content: Buffer | Uint8Array | string
}

export interface EnqueueMailInput<T extends TemplateName> {
  template: T
  /** One recipient address. */
  to: string
  lang: MailLang
  /** Checked against the template's schema; links must be absolute (use absoluteUrl()). */
  data: TemplateData<T>
  attachments?: MailAttachment[]
}

/** Attachments as stored in the outbox row (JSON). */
export interface StoredAttachment {
  filename: string
  contentType: string
  base64: string
}

/** An absolute link for a mail: PUBLIC_URL + path ("/aanvragen/abc" -> "https://buurtbudget.amersfoort.nl/aanvragen/abc"). */
export function absoluteUrl(path: string): string {
  return new URL(path, getEnv().PUBLIC_URL + '/').toString()
}

/** The Message-ID of an outbox row: fixed when the mail is queued, the same on every retry. */
export function messageIdFor(id: string): string {
  const host = new URL(getEnv().PUBLIC_URL).hostname || 'buurtbudget.local'
  return `<${id}@${host}>`
}

/**
 * Queues a mail inside the caller's transaction: it is rendered now (an invalid or incomplete
 * `data` throws, and the caller's transaction rolls back) and sent by the worker after commit.
 * Returns the outbox row's id and Message-ID.
 */
export async function enqueueMail<T extends TemplateName>(
  tx: Tx,
  input: EnqueueMailInput<T>,
): Promise<{ id: string; messageId: string }> {
  const to = input.to.trim()
  if (!/^[^\s@<>]+@[^\s@<>]+$/.test(to)) throw new Error(`enqueueMail: ongeldig e-mailadres "${input.to}"`)
  const rendered = await renderMail(input.template, input.lang, input.data)
  const id = randomUUID()
  const messageId = messageIdFor(id)
  const attachments: StoredAttachment[] | undefined = input.attachments?.map((a) => ({
    filename: a.filename,
    contentType: a.contentType,
    base64: Buffer.from(a.content as Uint8Array | string).toString('base64'),
  }))
  await tx.outboxMail.create({
    data: {
      id,
      template: input.template,
      to,
      lang: input.lang,
      data: input.data as Prisma.InputJsonValue,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      attachments: attachments as Prisma.InputJsonValue | undefined,
      messageId,
    },
  })
  return { id, messageId }
}

// The local mailbox: in demo and development every mail the portal sends can be read at /mailbox
// (without SMTP_URL it is the only place mail goes; with one, e.g. a mail catcher in the end-to-end
// tests, it shows what was sent). It never exists in production mode.
import { prisma } from '#app/db.server.ts'
import { getEnv } from '#app/env.server.ts'

export function localMailboxEnabled(): boolean {
  const env = getEnv()
  return env.PORTAL_MODE !== 'production'
}

// The guard of the mailbox routes, requireLocalMailbox, is in app/web/guards.server.ts.

export async function listMailbox(limit = 100) {
  return prisma.outboxMail.findMany({
    orderBy: [{ createdAt: 'desc' }],
    take: limit,
    select: { id: true, to: true, subject: true, status: true, createdAt: true, sentAt: true, template: true },
  })
}

export async function getMailboxMail(id: string) {
  const mail = await prisma.outboxMail.findUnique({
    where: { id },
    select: {
      id: true,
      to: true,
      subject: true,
      text: true,
      html: true,
      status: true,
      createdAt: true,
      sentAt: true,
      messageId: true,
      lang: true,
      attachments: true,
    },
  })
  if (!mail) return null
  const attachments = ((mail.attachments ?? []) as { filename: string; contentType: string; base64: string }[]).map(
    (a, index) => ({
      index,
      filename: a.filename,
      contentType: a.contentType,
      size: Math.round((a.base64.length * 3) / 4),
    }),
  )
  return { ...mail, attachments }
}

export async function getMailboxAttachment(id: string, index: number) {
  const mail = await prisma.outboxMail.findUnique({ where: { id }, select: { attachments: true } })
  const attachment = ((mail?.attachments ?? []) as { filename: string; contentType: string; base64: string }[])[index]
  if (!attachment) return null
  return {
    filename: attachment.filename,
    contentType: attachment.contentType,
    content: Buffer.from(attachment.base64, 'base64'),
  }
}

// The local mailbox: in demo and development every mail the portal sends can be read at /mailbox
// (without SMTP_URL it is the only place mail goes; with one, e.g. a mail catcher in the end-to-end
// tests, it shows what was sent). It never exists in production mode.
import { createCookie, type Cookie } from '@remix-run/node'
import { getUser } from '#app/auth/session.server.ts'
import { prisma, Prisma } from '#app/db.server.ts'
import { getEnv } from '#app/env.server.ts'

export function localMailboxEnabled(): boolean {
  const env = getEnv()
  return env.PORTAL_MODE !== 'production'
}

// The guard of the mailbox routes, requireLocalMailbox, is in app/web/guards.server.ts; it asks mailboxScope.
/**
 * Guard of the mailbox routes: 404 in production. In demo mode it returns what this visitor may
 * read (docs/decisions/0022): a signed-in administrator every mail; a signed-in user the mail sent
 * to their own address; an anonymous visitor only the confirmation mail of an account registered
 * from this browser (remembered in the signed cookie bb_mailbox). Never a password-reset or
 * invitation link of someone else's account.
 */
export async function mailboxScope(request: Request): Promise<Prisma.OutboxMailWhereInput> {
  const user = await getUser(request)
  if (user?.role === 'ADMINISTRATOR') return {}
  if (user) return { to: user.email }
  const addresses = await registeredHere(request)
  return { template: 'email-verification', to: { in: addresses } }
}

let cookie: Cookie | undefined
function mailboxCookie() {
  const env = getEnv()
  cookie ??= createCookie('bb_mailbox', {
    path: '/',
    sameSite: 'lax',
    httpOnly: true,
    secure: env.PORTAL_MODE === 'production',
    secrets: [env.SESSION_SECRET],
    maxAge: 60 * 60 * 24,
  })
  return cookie
}

async function registeredHere(request: Request): Promise<string[]> {
  const value = await mailboxCookie()
    .parse(request.headers.get('Cookie'))
    .catch(() => null)
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').slice(0, 10) : []
}

/** Demo only: remember that this browser registered `email`, so its confirmation mail shows in /mailbox. */
export async function rememberRegistration(request: Request, email: string): Promise<string | null> {
  if (!localMailboxEnabled()) return null
  const addresses = [...new Set([email.trim().toLowerCase(), ...(await registeredHere(request))])].slice(0, 10)
  return mailboxCookie().serialize(addresses)
}

export async function listMailbox(scope: Prisma.OutboxMailWhereInput, limit = 100) {
  return prisma.outboxMail.findMany({
    where: scope,
    orderBy: [{ createdAt: 'desc' }],
    take: limit,
    select: { id: true, to: true, subject: true, status: true, createdAt: true, sentAt: true, template: true },
  })
}

export async function getMailboxMail(scope: Prisma.OutboxMailWhereInput, id: string) {
  const mail = await prisma.outboxMail.findFirst({
    where: { AND: [scope, { id }] },
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

export async function getMailboxAttachment(scope: Prisma.OutboxMailWhereInput, id: string, index: number) {
  const mail = await prisma.outboxMail.findFirst({ where: { AND: [scope, { id }] }, select: { attachments: true } })
  const attachment = ((mail?.attachments ?? []) as { filename: string; contentType: string; base64: string }[])[index]
  if (!attachment) return null
  return {
    filename: attachment.filename,
    contentType: attachment.contentType,
    content: Buffer.from(attachment.base64, 'base64'),
  }
}

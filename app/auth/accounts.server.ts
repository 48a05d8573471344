import { prisma, type Tx } from '#app/db.server.ts'
import { absoluteUrl } from '#app/mail/outbox.server.ts'
import { audit } from './audit.server.ts'
import { sendMail } from './mail.server.ts'
import { hashPassword } from './password.server.ts'
import { hashToken, newToken } from './tokens.server.ts'

/** In which language the mail is written (links are absolute through PUBLIC_URL, see app/mail/). */
export type MailLink = { lang: 'nl' | 'en' }

export const VERIFY_EMAIL_TTL_MS = 48 * 60 * 60 * 1000
export const RESET_PASSWORD_TTL_MS = 60 * 60 * 1000
/** A new staff account gets a set-password link (a reset token) valid for 7 days. */
export const NEW_ACCOUNT_TTL_MS = 7 * 24 * 60 * 60 * 1000

export async function issueEmailVerification(
  tx: Tx,
  user: { id: string; name: string; email: string },
  link: MailLink,
) {
  const { token, hash } = newToken()
  const expiresAt = new Date(Date.now() + VERIFY_EMAIL_TTL_MS)
  await tx.authToken.create({ data: { userId: user.id, purpose: 'VERIFY_EMAIL', tokenHash: hash, expiresAt } })
  await sendMail(tx, {
    template: 'email-verification',
    to: user.email,
    lang: link.lang,
    data: { name: user.name, url: absoluteUrl(`/e-mail-bevestigen/${token}`), expiresAt: expiresAt.toISOString() },
  })
}

export async function issuePasswordLink(
  tx: Tx,
  user: { id: string; name: string; email: string },
  link: MailLink,
  ttlMs = RESET_PASSWORD_TTL_MS,
) {
  const { token, hash } = newToken()
  const expiresAt = new Date(Date.now() + ttlMs)
  await tx.authToken.create({ data: { userId: user.id, purpose: 'RESET_PASSWORD', tokenHash: hash, expiresAt } })
  await sendMail(tx, {
    template: 'password-reset',
    to: user.email,
    lang: link.lang,
    data: { name: user.name, url: absoluteUrl(`/wachtwoord-herstellen/${token}`), expiresAt: expiresAt.toISOString() },
  })
}

/** Reset mails: at most this many per account an hour, and requests per client address an hour. */
export const RESET_LIMITS = { perAccountPerHour: 3, perAddressPerHour: 10 }

/**
 * "Forgot password": mails a single-use link when an active account has this address, at most
 * RESET_LIMITS.perAccountPerHour an hour per account and RESET_LIMITS.perAddressPerHour requests an
 * hour per client address (docs/decisions/0022). The caller always shows the same answer, whether
 * or not the address exists, and does not wait for this (queuePasswordReset), so the answer's timing
 * does not tell either.
 */
export async function requestPasswordReset(email: string, link: MailLink, ip?: string) {
  const address = email.trim().toLowerCase()
  const hourAgo = new Date(Date.now() - 60 * 60 * 1000)
  await prisma.$transaction(async (tx) => {
    if (ip) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${'reset-ip:' + ip}))`
    const fromAddress = ip
      ? await tx.auditEvent.count({
          where: {
            action: { in: ['password.reset-requested', 'password.reset-limited'] },
            ip,
            createdAt: { gt: hourAgo },
          },
        })
      : 0
    const user = await tx.user.findUnique({ where: { email: address } })
    if (fromAddress >= RESET_LIMITS.perAddressPerHour) {
      await audit({ action: 'password.reset-limited', userId: user?.id ?? null, ip, data: { by: 'address' } }, tx)
      return
    }
    if (!user || !user.active) {
      await audit({ action: 'password.reset-requested', ip, data: { known: false } }, tx)
      return
    }
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${'reset:' + user.id}))`
    const recent = await tx.authToken.count({
      where: { userId: user.id, purpose: 'RESET_PASSWORD', createdAt: { gt: hourAgo } },
    })
    if (recent >= RESET_LIMITS.perAccountPerHour) {
      await audit({ action: 'password.reset-limited', userId: user.id, ip, data: { by: 'account' } }, tx)
      return
    }
    await issuePasswordLink(tx, user, link)
    await audit({ action: 'password.reset-requested', userId: user.id, ip }, tx)
  })
}

const pending = new Set<Promise<unknown>>()

/** Runs work after the answer (same answer time for every address); failures are logged, never shown. */
export function detached(work: () => Promise<unknown>) {
  const p: Promise<unknown> = work()
    .catch((error) => console.error('Achtergrondtaak mislukt:', error instanceof Error ? error.message : error))
    .finally(() => pending.delete(p))
  pending.add(p)
}

/** For tests: waits until every detached task has finished. */
export async function settleDetached() {
  while (pending.size) await Promise.all([...pending])
}

export function queuePasswordReset(email: string, link: MailLink, ip?: string) {
  detached(() => requestPasswordReset(email, link, ip))
}

/** Someone registered with an address that already has an account: its owner gets a reset link (rate-limited). */
export async function mailExistingAccount(user: { id: string; email: string }, link: MailLink, ip?: string) {
  await audit({ action: 'registration.existing-address', userId: user.id, ip })
  await requestPasswordReset(user.email, link, ip)
}

async function findToken(token: string, purpose: 'VERIFY_EMAIL' | 'RESET_PASSWORD') {
  const row = await prisma.authToken.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { user: { select: { id: true, name: true, email: true, active: true } } },
  })
  if (!row || row.purpose !== purpose || row.usedAt || row.expiresAt.getTime() <= Date.now() || !row.user.active)
    return null
  return row
}

/** The account behind a valid reset link (for the form), or null. */
export async function checkResetToken(token: string) {
  return (await findToken(token, 'RESET_PASSWORD'))?.user ?? null
}

/**
 * Sets the new password from a reset link: the link is used up, every existing session of the
 * account ends (a cookie minted before the reset no longer works), and the address counts as
 * verified (the mail arrived).
 */
export async function resetPassword(token: string, password: string, ip?: string) {
  const row = await findToken(token, 'RESET_PASSWORD')
  if (!row) return null
  const passwordHash = await hashPassword(password)
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.authToken.updateMany({
      where: { id: row.id, usedAt: null },
      data: { usedAt: new Date() },
    })
    if (count === 0) return null
    const now = new Date()
    const existing = await tx.user.findUniqueOrThrow({ where: { id: row.userId } })
    const user = await tx.user.update({
      where: { id: row.userId },
      data: { passwordHash, passwordChangedAt: now, emailVerifiedAt: existing.emailVerifiedAt ?? now },
    })
    await tx.session.deleteMany({ where: { userId: row.userId } })
    await tx.authToken.updateMany({
      where: { userId: row.userId, purpose: 'RESET_PASSWORD', usedAt: null },
      data: { usedAt: now },
    })
    await audit({ action: 'password.reset', userId: row.userId, actorId: row.userId, ip }, tx)
    return user
  })
}

export async function verifyEmail(token: string) {
  const row = await findToken(token, 'VERIFY_EMAIL')
  if (!row) return null
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.authToken.updateMany({
      where: { id: row.id, usedAt: null },
      data: { usedAt: new Date() },
    })
    if (count === 0) return null
    const user = await tx.user.update({ where: { id: row.userId }, data: { emailVerifiedAt: new Date() } })
    await audit({ action: 'email.verified', userId: row.userId, actorId: row.userId }, tx)
    return user
  })
}

/** Sends a fresh verification link (after a sign-in with a correct password but an unverified address). */
export async function resendVerification(userId: string, link: MailLink) {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId } })
  const recent = await prisma.authToken.count({
    where: { userId, purpose: 'VERIFY_EMAIL', createdAt: { gt: new Date(Date.now() - 5 * 60 * 1000) } },
  })
  if (recent > 0) return
  await prisma.$transaction((tx) => issueEmailVerification(tx, user, link))
}

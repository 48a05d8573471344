import { createHash } from 'node:crypto'
import { prisma } from '#app/db.server.ts'
import { audit } from './audit.server.ts'
import { generateRecoveryCodes, generateTotpSecret, normalizeRecoveryCode, verifyTotp } from './totp.ts'

const hashCode = (code: string) => createHash('sha256').update(normalizeRecoveryCode(code)).digest('hex')

/** The secret being enrolled (created on first visit, kept until confirmed so a reload shows the same one). */
export async function enrolmentSecret(userId: string) {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId } })
  if (user.totpEnabledAt) return null
  if (user.totpSecret) return user.totpSecret
  const secret = generateTotpSecret()
  await prisma.user.update({ where: { id: userId }, data: { totpSecret: secret } })
  return secret
}

/** Confirms enrolment with a first code; returns the recovery codes to show once, or null when the code is wrong. */
export async function confirmEnrolment(userId: string, code: string, ip?: string) {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId } })
  if (user.totpEnabledAt || !user.totpSecret || verifyTotp(user.totpSecret, code) === null) return null
  const codes = generateRecoveryCodes()
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { totpEnabledAt: new Date() } })
    await tx.recoveryCode.deleteMany({ where: { userId } })
    await tx.recoveryCode.createMany({ data: codes.map((c) => ({ userId, codeHash: hashCode(c) })) })
    await audit({ action: 'totp.enrolled', actorId: userId, userId, ip }, tx)
  })
  return codes
}

/**
 * Checks a TOTP code or, failing that, a single-use recovery code. A TOTP code counts once: the
 * accepted time step is stored, and a code of that step or an earlier one is refused afterwards
 * (atomically, so two parallel requests with one code cannot both pass).
 */
export async function checkSecondFactor(userId: string, code: string, ip?: string): Promise<boolean> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId } })
  if (!user.totpEnabledAt || !user.totpSecret) return false
  const step = verifyTotp(user.totpSecret, code)
  if (step !== null) {
    const { count } = await prisma.user.updateMany({
      where: { id: userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
      data: { totpLastStep: step },
    })
    if (count === 0) await audit({ action: 'totp.code-reused', userId, ip })
    return count > 0
  }
  const { count } = await prisma.recoveryCode.updateMany({
    where: { userId, codeHash: hashCode(code), usedAt: null },
    data: { usedAt: new Date() },
  })
  if (count > 0) await audit({ action: 'recovery-code.used', actorId: userId, userId, ip })
  return count > 0
}

/** How many failed codes this pending sign-in has had recently (five, and the pending session ends). */
export async function recentSecondFactorFailures(userId: string) {
  return prisma.auditEvent.count({
    where: { userId, action: 'sign-in.second-factor.failed', createdAt: { gt: new Date(Date.now() - 10 * 60 * 1000) } },
  })
}

/**
 * Lockout of the second factor over ALL attempts for an account (every pending session, every
 * address, docs/decisions/0022): after `failures` wrong codes since the last good one (within a day),
 * the next code is only looked at after this wait since the last failure: 0 for the first three,
 * then 30 s, 1, 2, 4, 8 ... minutes, at most an hour. At the cap that is 24 guesses a day.
 */
export function secondFactorWaitMs(failures: number): number {
  return failures < 3 ? 0 : Math.min(30_000 * 2 ** (failures - 3), 60 * 60 * 1000)
}

/** How long this account must still wait before its next code is checked (0: now). */
export async function secondFactorLockedForMs(userId: string, now = Date.now()): Promise<number> {
  const since = new Date(now - 24 * 60 * 60 * 1000)
  const lastSuccess = await prisma.auditEvent.findFirst({
    where: { userId, action: 'sign-in', createdAt: { gt: since } },
    orderBy: { createdAt: 'desc' },
    select: { createdAt: true },
  })
  const from = lastSuccess && lastSuccess.createdAt > since ? lastSuccess.createdAt : since
  const failures = await prisma.auditEvent.findMany({
    where: { userId, action: 'sign-in.second-factor.failed', createdAt: { gt: from } },
    orderBy: { createdAt: 'desc' },
    select: { createdAt: true },
    take: 50,
  })
  if (failures.length === 0) return 0
  const wait = secondFactorWaitMs(failures.length)
  return Math.max(0, failures[0].createdAt.getTime() + wait - now)
}

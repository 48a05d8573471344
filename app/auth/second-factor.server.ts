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

/** Checks a TOTP code or, failing that, a single-use recovery code. */
export async function checkSecondFactor(userId: string, code: string, ip?: string): Promise<boolean> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId } })
  if (!user.totpEnabledAt || !user.totpSecret) return false
  if (verifyTotp(user.totpSecret, code) !== null) return true
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

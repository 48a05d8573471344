import { prisma } from '#app/db.server.ts'
import { audit } from './audit.server.ts'
import { verifyPassword } from './password.server.ts'

/**
 * Sign-in attempt limiting, kept in PostgreSQL (table SignInAttempt), so it holds across app
 * instances and restarts. See docs/decisions/0011-accounts-and-sign-in.md.
 * - per account AND client address together: at most ACCOUNT_LIMIT failures a minute; the next
 *   attempt from that address is refused without the password being checked. Someone elsewhere who
 *   guesses cannot lock the account's owner out (the account-lock problem, docs/decisions/0022): the
 *   owner's correct password from their own address still passes, only slower;
 * - per client address: at most ADDRESS_LIMIT failures in ten minutes;
 * - every failure on the account (from any address) makes the next answer wait longer (growing
 *   delay, at most 5 s).
 * Counting and recording happen under a transaction-scoped advisory lock per account, so parallel
 * attempts on two instances cannot both slip under the limit.
 */
export const ACCOUNT_LIMIT = 10
export const ACCOUNT_WINDOW_SECONDS = 60
export const ADDRESS_LIMIT = 50
export const ADDRESS_WINDOW_SECONDS = 600

/** Delay before answering, after `failures` recent failures: 0, 0, 0, 0.25 s, 0.5 s, 1 s, 2 s, 4 s, capped at 5 s. */
export function delayMs(failures: number): number {
  return failures < 3 ? 0 : Math.min(250 * 2 ** (failures - 3), 5000)
}

export type SignInResult =
  | {
      ok: true
      user: {
        id: string
        role: import('#app/generated/prisma/enums.ts').Role
        email: string
        totpEnabledAt: Date | null
      }
    }
  | { ok: false; reason: 'invalid' | 'throttled' | 'unverified'; checkedPassword: boolean; userId?: string }

const sleepFor = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export async function authenticate(
  emailInput: string,
  password: string,
  opts: { ip?: string; sleep?: (ms: number) => Promise<unknown> } = {},
): Promise<SignInResult> {
  const email = emailInput.trim().toLowerCase()
  const ip = opts.ip ?? 'unknown'
  const sleep = opts.sleep ?? sleepFor

  const gate = await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${'signin:' + email}))`
    const [counts] = await tx.$queryRaw<{ account: number; recent: number; address: number }[]>`
      SELECT
        (SELECT count(*)::int FROM "SignInAttempt" WHERE "email" = ${email} AND "ip" = ${ip} AND NOT "success"
           AND "createdAt" > now() - make_interval(secs => ${ACCOUNT_WINDOW_SECONDS})
           AND "createdAt" > coalesce((SELECT max("createdAt") FROM "SignInAttempt" WHERE "email" = ${email} AND "success"), '-infinity')) AS account,
        (SELECT count(*)::int FROM "SignInAttempt" WHERE "email" = ${email} AND NOT "success"
           AND "createdAt" > now() - interval '15 minutes'
           AND "createdAt" > coalesce((SELECT max("createdAt") FROM "SignInAttempt" WHERE "email" = ${email} AND "success"), '-infinity')) AS recent,
        (SELECT count(*)::int FROM "SignInAttempt" WHERE "ip" = ${ip} AND NOT "success"
           AND "createdAt" > now() - make_interval(secs => ${ADDRESS_WINDOW_SECONDS})) AS address`
    if (counts.account >= ACCOUNT_LIMIT || counts.address >= ADDRESS_LIMIT)
      return { throttled: true as const, failures: counts.recent }
    // Recorded as a failure first; turned into a success below if the password is right.
    const [row] = await tx.$queryRaw<{ id: bigint }[]>`
      INSERT INTO "SignInAttempt" ("email", "ip", "success") VALUES (${email}, ${ip}, false) RETURNING "id"`
    return { throttled: false as const, failures: counts.recent, attemptId: row.id }
  })

  if (gate.throttled) {
    await audit({ action: 'sign-in.throttled', ip, data: { email } })
    return { ok: false, reason: 'throttled', checkedPassword: false }
  }
  await sleep(delayMs(gate.failures))

  const user = await prisma.user.findUnique({ where: { email } })
  // Verify against a dummy hash when the user does not exist, so timing does not reveal accounts.
  const ok = await verifyPassword(password, user?.passwordHash || DUMMY_HASH)
  if (!user || !user.active || !ok) {
    await audit({ action: 'sign-in.failed', userId: user?.id ?? null, ip, data: { email } })
    return { ok: false, reason: 'invalid', checkedPassword: true }
  }
  await prisma.signInAttempt.update({ where: { id: gate.attemptId }, data: { success: true } })
  if (!user.emailVerifiedAt) return { ok: false, reason: 'unverified', checkedPassword: true, userId: user.id }
  return { ok: true, user: { id: user.id, role: user.role, email: user.email, totpEnabledAt: user.totpEnabledAt } }
}
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$' + 'A'.repeat(86) + '=='

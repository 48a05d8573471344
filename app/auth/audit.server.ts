import { prisma, type Tx } from '#app/db.server.ts'
import type { Prisma } from '#app/generated/prisma/client.ts'

/** What lands in the audit trail. */
export type AuditAction =
  | 'sign-in'
  | 'sign-in.failed'
  | 'sign-in.throttled'
  | 'sign-in.second-factor'
  | 'sign-in.second-factor.failed'
  // sec: used-once TOTP, account-wide lockout, mail rate limits
  | 'totp.code-reused'
  | 'sign-in.second-factor.locked'
  | 'password.reset-limited'
  | 'invitation.limited'
  | 'registration.existing-address'
  | 'sign-in.oidc'
  | 'sign-in.oidc.refused'
  | 'sign-out.everywhere'
  | 'totp.enrolled'
  | 'recovery-code.used'
  | 'password.reset-requested'
  | 'password.reset'
  | 'email.verified'
  | 'invitation.sent'
  | 'invitation.accepted'
  | 'member.role-changed'
  | 'member.removed'
  | 'foundation.registered'
  | 'foundation.self-registered'
  | 'foundation.verified'
  | 'iban.change-requested'
  | 'iban.change-confirmed'
  | 'iban.change-rejected'
  | 'staff.created'
  | 'staff.role-changed'
  | 'staff.areas-changed'
  | 'staff.deactivated'
  // audit2 (issue 12): an auditor drew a sample of expenses (seed and parameters in data)
  | 'audit.sample-drawn'
  // audit2: an administrator imported Stadspeiling indicators
  | 'indicators.imported'

export async function audit(
  event: {
    action: AuditAction
    actorId?: string | null
    userId?: string | null
    foundationId?: string | null
    ip?: string | null
    data?: Prisma.InputJsonValue
  },
  tx: Tx = prisma,
) {
  await tx.auditEvent.create({ data: event })
}

import type { MembershipRole } from '#app/generated/prisma/enums.ts'
import { hasFoundationPermission, type FoundationPermission } from '#app/auth/permissions.ts'
import { no, ok, type Verdict } from '#app/domain/verdict.ts'

/**
 * The rules of a foundation's own pages and of its bank account, by name. Pure: the guard, the
 * service before it writes and the page (which forms to show) all ask these.
 */
type Member = { foundations: { id: string; role: MembershipRole }[] }

/**
 * The caller acts within this foundation: a member of it (404 otherwise, so a guessed id reveals
 * nothing) and, for `permission`, with the membership role that grants it (403).
 */
export function mayActInFoundation(user: Member, foundationId: string, permission?: FoundationPermission): Verdict {
  const membership = user.foundations.find((f) => f.id === foundationId)
  if (!membership) return no('errors.notFound', undefined, 404)
  if (permission && !hasFoundationPermission(membership.role, permission))
    return no('errors.foundations.notAdmin', undefined, 403)
  return ok
}

/** Foundation admins manage the members; the last admin can neither be demoted nor leave. */
export function mayChangeMember(
  target: { role: MembershipRole },
  change: { role: MembershipRole } | { remove: true },
  adminCount: number,
): Verdict {
  const losesAdmin = target.role === 'FOUNDATION_ADMIN' && ('remove' in change || change.role !== 'FOUNDATION_ADMIN')
  if (losesAdmin && adminCount <= 1) return no('errors.foundations.lastAdmin', undefined, 409)
  return ok
}

/**
 * A new account number takes effect only when someone else than the person who asked for it confirms
 * it: a foundation admin asks, a municipal administrator (manage:foundation:any) confirms. The
 * requester can never confirm their own request, whichever accounts they hold.
 */
export function mayConfirmIbanChange(
  admin: { id: string },
  change: { pendingIban: string | null; pendingIbanById: string | null },
): Verdict {
  if (!change.pendingIban) return no('errors.foundations.noIbanChange', undefined, 409)
  if (change.pendingIbanById === admin.id) return no('errors.foundations.ownIbanChange', undefined, 403)
  return ok
}

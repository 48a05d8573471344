import type { Role } from '#app/generated/prisma/enums.ts'
import { no, ok, type Verdict } from '#app/domain/verdict.ts'
import { hasPermission, isStaff, type Permission } from './permissions.ts'

/**
 * The portal-wide rules about who someone is (their role), by name. Every role check asks one of
 * these (or the permission table through them); nothing compares `user.role` by hand.
 */
type WithRole = { role: Role }

/** The role's permission table grants `permission`. */
export function mayUse(user: WithRole | null | undefined, permission: Permission): Verdict {
  if (!user) return no('errors.forbidden', undefined, 403)
  return hasPermission(user.role, permission) ? ok : no('errors.forbidden', undefined, 403)
}

/** Municipal staff (reviewer, auditor, administrator): second factor, shorter sessions, staff pages. */
export function isStaffMember(user: WithRole | null | undefined): Verdict {
  return user && isStaff(user.role) ? ok : no('errors.forbidden')
}

/** Administrators manage staff: a staff account may be changed by an administrator, never their own role or account. */
export function mayManageStaff(
  admin: WithRole & { id: string },
  target: { id: string },
  change: 'role' | 'deactivate',
): Verdict {
  if (!mayUse(admin, 'manage:staff:any').ok) return no('errors.forbidden')
  if (admin.id === target.id) return no(change === 'role' ? 'errors.staff.ownRole' : 'errors.staff.ownAccount')
  return ok
}

/** What the site header shows to a signed-in user: each link only when the permission its page checks says yes. */
export function navFor(user: WithRole | null | undefined) {
  const can = (p: Permission) => mayUse(user, p).ok
  return {
    applications: can('create:application:own'),
    review: can('approve:application:area'),
    audit: can('read:ledger:any'),
    allocation: can('manage:allocation:any'),
    foundations: can('read:foundation:any'),
    staff: can('manage:staff:any'),
    mail: can('manage:mail:any'),
    rounds: can('manage:round:any'),
    handOver: can('assign:application:any'),
    indicators: can('manage:indicators:any'),
  }
}

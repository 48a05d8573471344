import type { Role } from '#app/generated/prisma/enums.ts'
import { no, ok, type Verdict } from '#app/domain/verdict.ts'
import { HOME_BY_ROLE, hasPermission, isStaff, type Permission } from './permissions.ts'

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

/** What the site header shows to a signed-in user: each link only when its permission says yes. */
export function navFor(user: WithRole | null | undefined) {
  const can = (p: Permission) => mayUse(user, p).ok
  return {
    home: user ? HOME_BY_ROLE[user.role] : '/',
    applications: can('read:application:own'),
    review: can('read:application:area'),
    audit: can('read:ledger:any') && can('read:application:any'),
    allocation: can('manage:allocation:any'),
    foundations: can('manage:foundation:any'),
    staff: can('manage:staff:any'),
    mail: can('manage:mail:any'),
    rounds: can('manage:round:any'),
  }
}

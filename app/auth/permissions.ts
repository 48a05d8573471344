import type { MembershipRole, Role } from '#app/generated/prisma/enums.ts'

/**
 * The one table from role to permissions. A permission reads `action:entity:scope`:
 * - own: records of the caller's own foundation(s);
 * - area: records in the wijken a reviewer is assigned to;
 * - any: everything.
 * The UI may use it to hide what someone cannot do; the server decides with requirePermission.
 */
export const PERMISSIONS = {
  FOUNDATION_MEMBER: [
    'read:application:own',
    'create:application:own',
    'submit:application:own',
    'read:foundation:own',
    'manage:account:own',
    // review (issue 10): the foundation's own kept letters
    'read:document:scoped',
  ],
  REVIEWER: [
    'read:application:area',
    'approve:application:area',
    'record:payment:area',
    'record:expense:area',
    'read:ledger:area',
    'manage:account:own',
    // review (issue 10): the kept letters of the wijken
    'read:document:scoped',
  ],
  AUDITOR: [
    'read:application:any',
    'read:ledger:any',
    'read:foundation:any',
    'read:audit:any',
    'manage:account:own',
    // review (issue 10): every kept letter
    'read:document:scoped',
    // audit2 (issue 12): the one thing an auditor writes: samples of expenses and findings
    'record:finding:any',
  ],
  ADMINISTRATOR: [
    'manage:allocation:any',
    'manage:population:any',
    'read:ledger:any',
    'read:foundation:any',
    'manage:foundation:any',
    'manage:staff:any',
    'read:audit:any',
    'manage:account:own',
    'manage:mail:any',
    'manage:round:any',
    // queue (issue 10): hand an application over to another reviewer
    'assign:application:any',
    // audit2 (issue 12): Stadspeiling indicators and the annual report's texts
    'manage:indicators:any',
  ],
} as const satisfies Record<Role, readonly string[]>

/**
 * Within a foundation, the membership role adds permissions on that foundation only (scope `own`
 * means: the foundation in the URL, which the caller must belong to with this membership role).
 */
export const FOUNDATION_PERMISSIONS = {
  FOUNDATION_ADMIN: ['manage:members:own', 'change:iban:own'],
  MEMBER: [],
} as const satisfies Record<MembershipRole, readonly string[]>

export type FoundationPermission = (typeof FOUNDATION_PERMISSIONS)[MembershipRole][number]

export function hasFoundationPermission(role: MembershipRole, permission: FoundationPermission): boolean {
  return (FOUNDATION_PERMISSIONS[role] as readonly string[]).includes(permission)
}

/** Staff move public money: they sign in with a second factor (TOTP) or through the municipality's OpenID Connect provider. */
export const STAFF_ROLES: readonly Role[] = ['REVIEWER', 'AUDITOR', 'ADMINISTRATOR']
export const isStaff = (role: Role) => STAFF_ROLES.includes(role)

export type Permission = (typeof PERMISSIONS)[Role][number]

export function hasPermission(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[role] as readonly string[]).includes(permission)
}

/** Where each role lands after signing in. */
export const HOME_BY_ROLE: Record<Role, string> = {
  FOUNDATION_MEMBER: '/aanvragen',
  REVIEWER: '/beoordelen',
  AUDITOR: '/controle',
  ADMINISTRATOR: '/beheer/verdeling',
}

import type { Role } from '#app/generated/prisma/enums.ts'

/**
 * The one table from role to permissions. A permission reads `action:entity:scope`:
 * - own: records of the caller's own foundation(s);
 * - area: records in the wijken a reviewer is assigned to;
 * - any: everything.
 * The UI may use it to hide what someone cannot do; the server decides with requirePermission.
 */
export const PERMISSIONS = {
  FOUNDATION_MEMBER: ['read:application:own', 'create:application:own', 'submit:application:own'],
  REVIEWER: ['read:application:area', 'approve:application:area', 'record:payment:area', 'record:expense:area', 'read:ledger:area'],
  AUDITOR: ['read:application:any', 'read:ledger:any'],
  ADMINISTRATOR: ['manage:allocation:any', 'read:ledger:any'],
} as const satisfies Record<Role, readonly string[]>

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

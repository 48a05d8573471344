import { describe, expect, it } from 'vitest'
import type { Role } from '#app/generated/prisma/enums.ts'
import { PERMISSIONS } from './permissions.ts'
import { isStaffMember, mayManageStaff, mayUse, navFor } from './policy.ts'

const ROLES = Object.keys(PERMISSIONS) as Role[]

describe('role rules', () => {
  it('mayUse follows the permission table, and nobody signed out may anything', () => {
    for (const role of ROLES)
      for (const permission of Object.values(PERMISSIONS).flat())
        expect(mayUse({ role }, permission).ok, `${role} ${permission}`).toBe(
          (PERMISSIONS[role] as readonly string[]).includes(permission),
        )
    expect(mayUse(null, 'manage:account:own')).toMatchObject({ ok: false, status: 403 })
  })

  it('staff are the three municipal roles', () => {
    expect(ROLES.filter((role) => isStaffMember({ role }).ok).sort()).toEqual(['ADMINISTRATOR', 'AUDITOR', 'REVIEWER'])
  })

  it('an administrator changes other staff, never their own role or account', () => {
    const admin = { id: 'a', role: 'ADMINISTRATOR' as const }
    expect(mayManageStaff(admin, { id: 'b' }, 'role').ok).toBe(true)
    expect(mayManageStaff(admin, { id: 'a' }, 'role')).toMatchObject({ reason: 'errors.staff.ownRole' })
    expect(mayManageStaff(admin, { id: 'a' }, 'deactivate')).toMatchObject({ reason: 'errors.staff.ownAccount' })
    expect(mayManageStaff({ id: 'r', role: 'REVIEWER' }, { id: 'b' }, 'role').ok).toBe(false)
  })

  it('the header shows each role exactly the pages its permissions open', () => {
    const links = (role: Role) =>
      Object.entries(navFor({ role }))
        .filter(([, shown]) => shown)
        .map(([name]) => name)
        .sort()
    expect(links('FOUNDATION_MEMBER')).toEqual(['applications'])
    expect(links('REVIEWER')).toEqual(['review'])
    expect(links('AUDITOR')).toEqual(['audit', 'foundations'])
    expect(links('ADMINISTRATOR')).toEqual([
      'allocation',
      'audit',
      'foundations',
      'handOver',
      'indicators',
      'mail',
      'rounds',
      'staff',
    ])
    expect(Object.values(navFor(null)).every((shown) => !shown)).toBe(true)
  })
})

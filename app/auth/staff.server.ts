import { prisma } from '#app/db.server.ts'
import type { Role } from '#app/generated/prisma/enums.ts'
import { issuePasswordLink, NEW_ACCOUNT_TTL_MS, type MailLink } from './accounts.server.ts'
import { audit } from './audit.server.ts'
import { randomBytes } from 'node:crypto'
import { hashPassword } from './password.server.ts'
import { STAFF_ROLES } from './permissions.ts'
import { DomainError, type ErrorStatus } from '#app/domain/errors.ts'
import type { Messages } from '#app/i18n/nl.ts'

/** Refusals of the staff administration: DomainErrors with keys under errors.staff. */
const staffError = (
  key: `errors.staff.${keyof Messages['errors']['staff']}`,
  field?: string,
  status: ErrorStatus = 400,
) => new DomainError(key, { field, status })

/**
 * The wijken chosen for a reviewer: each once, and each one that exists (an unknown or repeated id
 * gave a foreign-key or unique-constraint 500, issue 13 finding 3).
 */
async function chosenAreas(areaIds: string[]): Promise<string[]> {
  const unique = [...new Set(areaIds)]
  if (unique.some((id) => !/^[a-z0-9]{10,40}$/.test(id))) throw staffError('errors.staff.unknownArea', 'areaIds')
  if (unique.length && (await prisma.area.count({ where: { id: { in: unique } } })) !== unique.length)
    throw staffError('errors.staff.unknownArea', 'areaIds')
  return unique
}

export function listStaff() {
  return prisma.user.findMany({
    where: { role: { in: [...STAFF_ROLES] } },
    orderBy: [{ active: 'desc' }, { role: 'asc' }, { name: 'asc' }],
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      active: true,
      totpEnabledAt: true,
      reviewerAreas: { select: { area: { select: { id: true, name: true } } } },
    },
  })
}

/**
 * An administrator adds a staff member; the new account gets a mail with a link to choose a password
 * (valid 7 days) and must enrol TOTP at the first sign-in (or use the municipality's OIDC sign-in).
 */
export async function createStaff(
  adminId: string,
  input: { name: string; email: string; role: Role; areaIds: string[] },
  link: MailLink,
) {
  if (!STAFF_ROLES.includes(input.role)) throw staffError('errors.staff.chooseRole', 'role')
  input = { ...input, areaIds: await chosenAreas(input.areaIds) }
  if (await prisma.user.findUnique({ where: { email: input.email } }))
    throw staffError('errors.staff.emailTaken', 'email', 409)
  // An unusable random password until the person chooses one through the mailed link.
  const passwordHash = await hashPassword(randomBytes(32).toString('base64url'))
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: {
        name: input.name,
        email: input.email,
        role: input.role,
        passwordHash,
        emailVerifiedAt: null,
        reviewerAreas: input.role === 'REVIEWER' ? { create: input.areaIds.map((areaId) => ({ areaId })) } : undefined,
      },
    })
    await issuePasswordLink(tx, user, link, NEW_ACCOUNT_TTL_MS)
    await audit(
      {
        action: 'staff.created',
        actorId: adminId,
        userId: user.id,
        data: { role: input.role, areaIds: input.areaIds },
      },
      tx,
    )
    return user
  })
}

/** Changes role and wijken of a staff member; an administrator cannot change their own role (no lock-out, no self-promotion). */
export async function updateStaff(adminId: string, userId: string, input: { role: Role; areaIds: string[] }) {
  if (!STAFF_ROLES.includes(input.role)) throw staffError('errors.staff.chooseRole', 'role')
  input = { ...input, areaIds: await chosenAreas(input.areaIds) }
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findFirst({
      where: { id: userId, role: { in: [...STAFF_ROLES] } },
      include: { reviewerAreas: true },
    })
    if (!user) throw staffError('errors.staff.notFound', undefined, 404)
    if (user.id === adminId && input.role !== user.role) throw staffError('errors.staff.ownRole', undefined, 403)
    const areaIds = input.role === 'REVIEWER' ? input.areaIds : []
    await tx.reviewerArea.deleteMany({ where: { userId } })
    if (areaIds.length) await tx.reviewerArea.createMany({ data: areaIds.map((areaId) => ({ userId, areaId })) })
    if (input.role !== user.role) {
      await tx.user.update({ where: { id: userId }, data: { role: input.role } })
      await tx.session.deleteMany({ where: { userId } })
      await audit(
        { action: 'staff.role-changed', actorId: adminId, userId, data: { from: user.role, to: input.role } },
        tx,
      )
    }
    const before = user.reviewerAreas.map((a) => a.areaId).sort()
    if (JSON.stringify(before) !== JSON.stringify([...areaIds].sort())) {
      await audit({ action: 'staff.areas-changed', actorId: adminId, userId, data: { from: before, to: areaIds } }, tx)
    }
  })
}

export async function deactivateStaff(adminId: string, userId: string) {
  if (adminId === userId) throw staffError('errors.staff.ownAccount', undefined, 403)
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({
      where: { id: userId, role: { in: [...STAFF_ROLES] }, active: true },
      data: { active: false },
    })
    if (count === 0) throw staffError('errors.staff.notFoundOrInactive', undefined, 409)
    await tx.session.deleteMany({ where: { userId } })
    await audit({ action: 'staff.deactivated', actorId: adminId, userId }, tx)
  })
}

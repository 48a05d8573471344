import { audit } from '#app/auth/audit.server.ts'
import { issueEmailVerification, mailExistingAccount, type MailLink } from '#app/auth/accounts.server.ts'
import { hashPassword } from '#app/auth/password.server.ts'
import { prisma } from '#app/db.server.ts'
import { DomainError, type ErrorStatus } from '#app/domain/errors.ts'
import type { Messages } from '#app/i18n/nl.ts'
import { assertAllowed } from '#app/domain/verdict.ts'
import { mayConfirmIbanChange } from './policy.ts'
import type { FoundationInput } from './schema.ts'

/** An expected refusal, shown at the form (field or form error), never a 500: a DomainError under errors.foundations. */
export function foundationError(
  key: `errors.foundations.${keyof Messages['errors']['foundations']}`,
  field?: string,
  status: ErrorStatus = 409,
) {
  return new DomainError(key, { field, status })
}

async function checkAreas(areaIds: string[]) {
  const count = await prisma.area.count({ where: { id: { in: areaIds } } })
  if (count !== new Set(areaIds).size) throw foundationError('errors.foundations.chooseAreas', 'areaIds', 400)
}

async function checkKvkFree(kvkNumber: string) {
  if (await prisma.foundation.findUnique({ where: { kvkNumber } })) {
    throw foundationError('errors.foundations.kvkTaken', 'kvkNumber')
  }
}

const foundationData = ({ areaIds, phone, ...f }: FoundationInput) => ({
  ...f,
  phone: phone || null,
  areas: { create: areaIds.map((areaId) => ({ areaId })) },
})

/** An administrator registers a foundation: verified at once. */
export async function registerFoundation(adminId: string, input: FoundationInput) {
  await checkAreas(input.areaIds)
  await checkKvkFree(input.kvkNumber)
  return prisma.$transaction(async (tx) => {
    const foundation = await tx.foundation.create({ data: { ...foundationData(input), verifiedAt: new Date() } })
    await audit(
      {
        action: 'foundation.registered',
        actorId: adminId,
        foundationId: foundation.id,
        data: { kvkNumber: input.kvkNumber },
      },
      tx,
    )
    return foundation
  })
}

/**
 * A foundation applies to register itself: the foundation is pending until an administrator verifies
 * it, and the person who registers becomes its first foundation admin (e-mail still to be verified).
 */
export async function selfRegisterFoundation(
  input: FoundationInput & { yourName: string; yourEmail: string; password: string },
  link: MailLink,
  ip?: string,
) {
  await checkAreas(input.areaIds)
  await checkKvkFree(input.kvkNumber)
  const existing = await prisma.user.findUnique({ where: { email: input.yourEmail } })
  if (existing) {
    // No account enumeration (docs/decisions/0022): the answer is the same as for a new address;
    // the owner of the address gets a mail (a link to set a password, rate-limited) instead.
    await hashPassword(input.password)
    await mailExistingAccount(existing, link, ip)
    return null
  }
  const { yourName, yourEmail, password, ...foundation } = input
  const passwordHash = await hashPassword(password)
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: { email: yourEmail, name: yourName, passwordHash, role: 'FOUNDATION_MEMBER' },
    })
    const created = await tx.foundation.create({
      data: { ...foundationData(foundation), members: { create: { userId: user.id, role: 'FOUNDATION_ADMIN' } } },
    })
    await audit(
      {
        action: 'foundation.self-registered',
        actorId: user.id,
        userId: user.id,
        foundationId: created.id,
        ip,
        data: { kvkNumber: foundation.kvkNumber },
      },
      tx,
    )
    await issueEmailVerification(tx, user, link)
    return { user, foundation: created }
  })
}

export async function verifyFoundation(adminId: string, foundationId: string) {
  const { count } = await prisma.foundation.updateMany({
    where: { id: foundationId, verifiedAt: null },
    data: { verifiedAt: new Date() },
  })
  if (count === 0) throw foundationError('errors.foundations.alreadyVerified', 'foundationId')
  await audit({ action: 'foundation.verified', actorId: adminId, foundationId })
}

/**
 * A foundation admin asks to change the IBAN. Payments keep using the current IBAN until an
 * administrator confirms the change (a classic fraud path: a hijacked account redirecting money).
 */
export async function requestIbanChange(userId: string, foundationId: string, iban: string, accountHolder: string) {
  return prisma.$transaction(async (tx) => {
    const current = await tx.foundation.findUniqueOrThrow({ where: { id: foundationId } })
    if (current.iban === iban && current.accountHolder === accountHolder)
      throw foundationError('errors.foundations.sameIban', 'iban', 400)
    await tx.foundation.update({
      where: { id: foundationId },
      data: {
        pendingIban: iban,
        pendingAccountHolder: accountHolder,
        pendingIbanById: userId,
        pendingIbanAt: new Date(),
      },
    })
    await audit(
      {
        action: 'iban.change-requested',
        actorId: userId,
        foundationId,
        data: { from: current.iban, to: iban, accountHolder },
      },
      tx,
    )
  })
}

export async function decideIbanChange(adminId: string, foundationId: string, confirm: boolean) {
  return prisma.$transaction(async (tx) => {
    const f = await tx.foundation.findUnique({ where: { id: foundationId } })
    if (!f?.pendingIban || !f.pendingAccountHolder)
      throw foundationError('errors.foundations.noIbanChange', 'foundationId')
    assertAllowed(mayConfirmIbanChange({ id: adminId }, f))
    await tx.foundation.update({
      where: { id: foundationId },
      data: {
        ...(confirm ? { iban: f.pendingIban, accountHolder: f.pendingAccountHolder } : {}),
        pendingIban: null,
        pendingAccountHolder: null,
        pendingIbanById: null,
        pendingIbanAt: null,
      },
    })
    await audit(
      {
        action: confirm ? 'iban.change-confirmed' : 'iban.change-rejected',
        actorId: adminId,
        foundationId,
        data: { from: f.iban, to: f.pendingIban },
      },
      tx,
    )
  })
}

/** The foundation page of a member: only foundations the caller belongs to (scoped in the query). */
export function getFoundationForMember(userId: string, foundationId: string) {
  return prisma.foundation.findFirst({
    where: { id: foundationId, members: { some: { userId } } },
    include: {
      areas: { include: { area: { select: { name: true, code: true } } } },
      members: { include: { user: { select: { id: true, name: true, email: true } } }, orderBy: { createdAt: 'asc' } },
      invitations: { where: { acceptedAt: null, expiresAt: { gt: new Date() } }, orderBy: { createdAt: 'desc' } },
    },
  })
}

export function listFoundationsForAdmin() {
  return prisma.foundation.findMany({
    orderBy: [{ verifiedAt: { sort: 'asc', nulls: 'first' } }, { name: 'asc' }],
    include: { areas: { include: { area: { select: { name: true } } } }, _count: { select: { members: true } } },
  })
}

export const listAreas = () =>
  prisma.area.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true, code: true } })

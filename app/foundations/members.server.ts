import { audit } from '#app/auth/audit.server.ts'
import type { MailLink } from '#app/auth/accounts.server.ts'
import { sendMail } from '#app/auth/mail.server.ts'
import { hashPassword } from '#app/auth/password.server.ts'
import { hashToken, newToken } from '#app/auth/tokens.server.ts'
import { prisma } from '#app/db.server.ts'
import { absoluteUrl } from '#app/mail/outbox.server.ts'
import type { MembershipRole } from '#app/generated/prisma/enums.ts'
import { assertAllowed } from '#app/domain/verdict.ts'
import { foundationError } from './foundations.server.ts'
import { mayChangeMember } from './policy.ts'

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000
export const INVITATION_LIMITS = { perInviterPerHour: 20, perAddressPerDay: 3 }

/** A foundation admin invites someone by e-mail: a single-use link, valid for 7 days. */
export async function inviteMember(
  inviter: { id: string; name: string },
  foundationId: string,
  email: string,
  role: MembershipRole,
  link: MailLink,
) {
  const already = await prisma.membership.findFirst({ where: { foundationId, user: { email } } })
  if (already) throw foundationError('errors.foundations.alreadyMember', 'email')
  // Rate limits on invitation mails (docs/decisions/0022): per inviter an hour, per address a day.
  const [byInviter, toAddress] = await Promise.all([
    prisma.invitation.count({ where: { invitedById: inviter.id, createdAt: { gt: new Date(Date.now() - 3600_000) } } }),
    prisma.invitation.count({ where: { email, createdAt: { gt: new Date(Date.now() - 24 * 3600_000) } } }),
  ])
  if (byInviter >= INVITATION_LIMITS.perInviterPerHour || toAddress >= INVITATION_LIMITS.perAddressPerDay) {
    await audit({ action: 'invitation.limited', actorId: inviter.id, foundationId, data: { email } })
    throw foundationError('errors.foundations.tooManyInvitations', 'email', 429)
  }
  const foundation = await prisma.foundation.findUniqueOrThrow({ where: { id: foundationId } })
  const { token, hash } = newToken()
  const expiresAt = new Date(Date.now() + INVITATION_TTL_MS)
  await prisma.$transaction(async (tx) => {
    const invitation = await tx.invitation.create({
      data: { foundationId, email, role, tokenHash: hash, invitedById: inviter.id, expiresAt },
    })
    await sendMail(tx, {
      template: 'invitation',
      to: email,
      lang: link.lang,
      data: {
        inviterName: inviter.name,
        foundationName: foundation.name,
        url: absoluteUrl(`/uitnodiging/${token}`),
        expiresAt: expiresAt.toISOString(),
      },
    })
    await audit(
      {
        action: 'invitation.sent',
        actorId: inviter.id,
        foundationId,
        data: { invitationId: invitation.id, email, role },
      },
      tx,
    )
  })
}

/** The open invitation behind a link, or null (unknown, used or expired). */
export async function findInvitation(token: string) {
  const invitation = await prisma.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { foundation: { select: { name: true } } },
  })
  if (!invitation || invitation.acceptedAt || invitation.expiresAt.getTime() <= Date.now()) return null
  const existingUser = await prisma.user.findUnique({
    where: { email: invitation.email },
    select: { id: true, role: true },
  })
  return { ...invitation, existingUser }
}

/**
 * Accepts an invitation. A new person chooses a name and password (the mail proved the address);
 * someone who already has an account must be signed in as that account.
 */
export async function acceptInvitation(
  token: string,
  input: { name: string; password: string } | { signedInUserId: string },
) {
  const invitation = await findInvitation(token)
  if (!invitation) return null
  const passwordHash = 'password' in input ? await hashPassword(input.password) : null
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.invitation.updateMany({
      where: { id: invitation.id, acceptedAt: null },
      data: { acceptedAt: new Date() },
    })
    if (count === 0) return null
    let userId: string
    if ('signedInUserId' in input) {
      const user = await tx.user.findUniqueOrThrow({ where: { id: input.signedInUserId } })
      if (user.email !== invitation.email || user.role !== 'FOUNDATION_MEMBER')
        throw foundationError('errors.foundations.invitationOtherEmail', undefined, 403)
      userId = user.id
    } else {
      if (invitation.existingUser) throw foundationError('errors.foundations.invitationSignInFirst')
      const user = await tx.user.create({
        data: {
          email: invitation.email,
          name: input.name,
          passwordHash: passwordHash!,
          role: 'FOUNDATION_MEMBER',
          emailVerifiedAt: new Date(),
          passwordChangedAt: new Date(),
        },
      })
      userId = user.id
    }
    await tx.membership.create({ data: { userId, foundationId: invitation.foundationId, role: invitation.role } })
    await audit(
      {
        action: 'invitation.accepted',
        actorId: userId,
        userId,
        foundationId: invitation.foundationId,
        data: { invitationId: invitation.id, role: invitation.role },
      },
      tx,
    )
    return { userId, foundationId: invitation.foundationId }
  })
}

/**
 * Changes a member's role or removes a member. The last foundation admin can neither be demoted nor
 * leave: a foundation always has someone who can invite. Checked under a row lock on the foundation,
 * so two admins demoting each other at the same moment cannot both succeed.
 */
export async function changeMember(
  actorId: string,
  foundationId: string,
  userId: string,
  change: { role: MembershipRole } | { remove: true },
) {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM "Foundation" WHERE "id" = ${foundationId} FOR UPDATE`
    const membership = await tx.membership.findUnique({ where: { userId_foundationId: { userId, foundationId } } })
    if (!membership) throw foundationError('errors.foundations.memberGone', undefined, 404)
    const admins = await tx.membership.count({ where: { foundationId, role: 'FOUNDATION_ADMIN' } })
    assertAllowed(mayChangeMember(membership, change, admins))
    if ('remove' in change) {
      await tx.membership.delete({ where: { userId_foundationId: { userId, foundationId } } })
      await audit({ action: 'member.removed', actorId, userId, foundationId, data: { role: membership.role } }, tx)
    } else {
      await tx.membership.update({
        where: { userId_foundationId: { userId, foundationId } },
        data: { role: change.role },
      })
      await audit(
        {
          action: 'member.role-changed',
          actorId,
          userId,
          foundationId,
          data: { from: membership.role, to: change.role },
        },
        tx,
      )
    }
  })
}

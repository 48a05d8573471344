// Conflicts of interest outside the review itself: paying (proposing, approving, cancelling a
// payment; batching, exporting and sending it to the bank), checking spend and settling (the
// vaststelling, a recovery received) a foundation's grant is refused to a staff member linked to that
// foundation, a member of it, or with a declared interest in it or in the application, with the same
// clear message as reviewing and confirming (app/review/policy.ts conflictVerdict).
import { prisma, type Tx } from '#app/db.server.ts'
import { DomainError, notFound } from '#app/domain/errors.ts'
import { assertAllowed } from '#app/domain/verdict.ts'
import { interestsOf, reviewedApplication } from './decisions.server.ts'
import { conflictVerdict, hasConflict, interestIn, mayConfirmLink, mayDeclareInterest, type Staff } from './policy.ts'

export type ConflictTarget = { applicationId: string } | { paymentId: string } | { expenseId: string }

async function applicationOf(tx: Tx, target: ConflictTarget): Promise<string | undefined> {
  if ('applicationId' in target) return target.applicationId
  if ('paymentId' in target)
    return (await tx.payment.findUnique({ where: { id: target.paymentId }, select: { applicationId: true } }))
      ?.applicationId
  return (await tx.expense.findUnique({ where: { id: target.expenseId }, select: { applicationId: true } }))
    ?.applicationId
}

/** The staff member as the conflict rule sees them (memberships come in through interestsOf). */
const asStaff = (actor: { id: string; role: Staff['role'] }): Staff => ({
  id: actor.id,
  role: actor.role,
  areaIds: [],
  foundationIds: [],
})

/**
 * Throws the conflict refusal (403, naming the wijk's colleagues who can take over) when `actorId`
 * has a conflict with the application's foundation or the application. Does nothing when the
 * application, payment or expense does not exist (the caller answers that).
 */
export async function assertNoConflict(tx: Tx, actorId: string, target: ConflictTarget) {
  const applicationId = await applicationOf(tx, target)
  if (!applicationId) return
  const row = await tx.application.findUnique({
    where: { id: applicationId },
    select: { id: true, status: true, areaId: true, foundationId: true, ownerId: true },
  })
  if (!row) return
  const actor = await tx.user.findUnique({ where: { id: actorId }, select: { id: true, role: true } })
  if (!actor) return
  const interests = await interestsOf(tx, actorId)
  // cheap first: only a conflict needs the colleagues who can take over
  if (!hasConflict(asStaff(actor), row, interests)) return
  const app = await reviewedApplication(tx, row, actorId)
  assertAllowed(conflictVerdict(asStaff(actor), app, interests))
}

/**
 * The payments of a batch one may not handle: those of applications the actor has a conflict with.
 * A batch holding one of them is refused to the actor as a whole (its file and its booking belong
 * together), with the application's reference and who can take over.
 */
export async function assertNoConflictInBatch(tx: Tx, actorId: string, batchId: string) {
  const interests = await interestsOf(tx, actorId)
  if (interests.foundationIds.length === 0 && interests.applicationIds.length === 0) return
  const payments = await tx.payment.findMany({
    where: { batchId },
    select: { application: { select: { id: true, reference: true, foundationId: true, areaId: true } } },
  })
  const conflicted = payments.find((p) => interestIn(interests, p.application))
  if (!conflicted) return
  const row = await tx.application.findUniqueOrThrow({
    where: { id: conflicted.application.id },
    select: { id: true, status: true, areaId: true, foundationId: true, ownerId: true },
  })
  const app = await reviewedApplication(tx, row, actorId)
  const others = app.colleagues?.filter(Boolean) ?? []
  throw new DomainError(others.length ? 'conflicts.inBatch' : 'conflicts.inBatchNobody', {
    status: 403,
    params: { reference: conflicted.application.reference, others: others.join(', ') },
  })
}

export { interestsOf, interestIn }

// ---- declaring an interest, linking to a foundation (issue 10 point 4) ----

/**
 * A staff member declares an interest in a foundation, or in one of its applications, with a reason.
 * The declaration is kept forever; one in an application also goes into that application's status
 * history (who, when, why), so the file shows why this reviewer stepped aside.
 */
export async function declareInterest(
  user: Pick<Staff, 'id' | 'role'>,
  input: { foundationId: string; applicationId?: string; reason: string },
) {
  assertAllowed(mayDeclareInterest(user, input.reason), 'reason')
  const reason = input.reason.trim()
  return prisma.$transaction(async (tx) => {
    const foundation = await tx.foundation.findUnique({ where: { id: input.foundationId }, select: { id: true } })
    if (!foundation) throw notFound()
    const app = input.applicationId
      ? await tx.application.findUnique({
          where: { id: input.applicationId },
          select: { id: true, status: true, foundationId: true },
        })
      : null
    if (input.applicationId && !app) throw notFound()
    if (app && app.foundationId !== foundation.id)
      throw new DomainError('conflicts.wrongFoundation', { field: 'applicationId', status: 422 })
    const declaration = await tx.interestDeclaration.create({
      data: { userId: user.id, foundationId: foundation.id, applicationId: app?.id, reason },
    })
    if (app)
      await tx.statusChange.create({
        data: {
          applicationId: app.id,
          fromStatus: app.status,
          toStatus: app.status,
          actorId: user.id,
          reason,
          data: { event: 'interest-declared', declarationId: declaration.id },
        },
      })
    return declaration
  })
}

/**
 * A staff member records that they are linked to a foundation (a volunteer, a board member). The
 * link blocks them at once; an administrator confirms it (confirmLink).
 */
export async function linkToFoundation(user: Pick<Staff, 'id' | 'role'>, foundationId: string, note: string) {
  assertAllowed(mayDeclareInterest(user, note), 'note')
  return prisma.staffFoundationLink.upsert({
    where: { userId_foundationId: { userId: user.id, foundationId } },
    update: {},
    create: { userId: user.id, foundationId, note: note.trim(), createdById: user.id },
  })
}

/** An administrator confirms a link (never their own). */
export async function confirmLink(admin: Pick<Staff, 'id' | 'role'>, linkId: string) {
  return prisma.$transaction(async (tx) => {
    const link = await tx.staffFoundationLink.findUnique({ where: { id: linkId } })
    if (!link) throw notFound()
    assertAllowed(mayConfirmLink(admin, { userId: link.userId, confirmed: link.confirmedAt !== null }))
    return tx.staffFoundationLink.update({
      where: { id: linkId },
      data: { confirmedById: admin.id, confirmedAt: new Date() },
    })
  })
}

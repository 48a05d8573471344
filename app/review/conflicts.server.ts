// Conflicts of interest outside the review itself: paying (and settling) a foundation's grant is
// refused to a staff member linked to that foundation, a member of it, or with a declared interest
// in it or in the application, with the same clear message as reviewing and confirming.
import type { Tx } from '#app/db.server.ts'
import { assertAllowed } from '#app/domain/verdict.ts'
import { interestsOf, reviewedApplication } from './decisions.server.ts'
import { conflictVerdict } from './policy.ts'

/**
 * Throws the conflict refusal (403, naming the wijk's colleagues who can take over) when `actorId`
 * has a conflict with the application's foundation or the application. Does nothing when the
 * application or payment does not exist (the caller answers that).
 */
export async function assertNoConflict(
  tx: Tx,
  actorId: string,
  target: { applicationId: string } | { paymentId: string },
) {
  const applicationId =
    'applicationId' in target
      ? target.applicationId
      : (await tx.payment.findUnique({ where: { id: target.paymentId }, select: { applicationId: true } }))
          ?.applicationId
  if (!applicationId) return
  const row = await tx.application.findUnique({
    where: { id: applicationId },
    select: { id: true, status: true, areaId: true, foundationId: true, ownerId: true },
  })
  if (!row) return
  const actor = await tx.user.findUnique({ where: { id: actorId }, select: { id: true, role: true } })
  if (!actor) return
  const [app, interests] = await Promise.all([reviewedApplication(tx, row, actorId), interestsOf(tx, actorId)])
  assertAllowed(conflictVerdict({ id: actor.id, role: actor.role, areaIds: [], foundationIds: [] }, app, interests))
}

import type { Tx } from '#app/db.server.ts'
import { todayIso } from '#app/clock.server.ts'
import { proposeAdvance } from '#app/grants/payments.server.ts'

/**
 * The one point where a decision takes effect (an award below the threshold, or a confirmed award
 * above it, a rejection, not considering), inside the decision's transaction. An award proposes
 * its advance payment (app/grants/payments.server.ts), from the decision's percentage.
 */
export async function onDecisionEffective(tx: Tx, applicationId: string, actorId: string): Promise<void> {
  const app = await tx.application.findUniqueOrThrow({ where: { id: applicationId }, select: { status: true } })
  if (app.status === 'AWARDED') await proposeAdvance(tx, applicationId, actorId, todayIso())
}

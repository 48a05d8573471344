import type { Tx } from '#app/db.server.ts'

/**
 * The one point where a decision takes effect (an award below the threshold, or a confirmed award
 * above it, a rejection, not considering), inside the decision's transaction. A no-op here: the
 * grants module hooks in to propose the advance payment (wired by the lead at merge).
 */
export async function onDecisionEffective(_tx: Tx, _applicationId: string, _actorId: string): Promise<void> {}

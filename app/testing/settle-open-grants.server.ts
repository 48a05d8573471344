import { prisma } from '#app/db.server.ts'
import { submitReport } from '#app/grants/report.server.ts'
import { settle } from '#app/grants/settlement.server.ts'
import { grantBalances } from '#app/grants/grant.server.ts'
import { openCommitments } from '#app/rounds/lifecycle.server.ts'

/**
 * Test support (rounds): brings every open grant of a round to its end through the real services of
 * the grants module, as a foundation and a reviewer would: the foundation submits its verantwoording,
 * the reviewer settles at what was paid out (so nothing more is paid and nothing is recovered), and
 * the unused commitment goes back to the wijk. Afterwards the round can be closed.
 */
export async function settleOpenGrants(roundId: string, reviewerId: string, today: string) {
  const open = await openCommitments(prisma as never, roundId)
  const ids = [...new Set(open.map((o) => o.application?.id).filter((id): id is string => Boolean(id)))]
  for (const id of ids) {
    await prisma.$transaction(
      async (tx) => {
        const app = await tx.application.findUniqueOrThrow({ where: { id } })
        if (app.status === 'AWARDED')
          await submitReport(tx, {
            applicationId: id,
            whatHappened: 'Het initiatief is gehouden zoals gepland; de buurt deed enthousiast mee.',
            participants: 40,
            photos: [],
            actorId: app.createdById,
          })
        const b = await grantBalances(tx, { id, roundId })
        await settle(tx, {
          applicationId: id,
          finalCents: b.paid + b.spent,
          reason: 'Vastgesteld op wat is betaald en uitgegeven.',
          actorId: reviewerId,
          today,
        })
      },
      { maxWait: 30_000, timeout: 60_000 },
    )
  }
  return ids.length
}

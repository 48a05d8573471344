// What administrators see of the outbox: dead letters and mails that are failing, and "send again".
import { prisma } from '#app/db.server.ts'

/** Mails that did not arrive: dead letters first, then mails still being retried after a failure. */
export async function listProblemMails(limit = 200) {
  return prisma.outboxMail.findMany({
    where: { OR: [{ status: 'DEAD' }, { status: { in: ['PENDING', 'SENDING'] }, lastError: { not: null } }] },
    orderBy: [{ status: 'asc' }, { updatedAt: 'desc' }],
    take: limit,
    select: {
      id: true,
      template: true,
      to: true,
      subject: true,
      status: true,
      attempts: true,
      lastError: true,
      nextAttemptAt: true,
      createdAt: true,
      updatedAt: true,
    },
  })
}

export async function mailCounts() {
  const groups = await prisma.outboxMail.groupBy({ by: ['status'], _count: { _all: true } })
  const counts = { PENDING: 0, SENDING: 0, SENT: 0, DEAD: 0 }
  for (const g of groups) counts[g.status] = g._count._all
  return counts
}

/**
 * Sends a dead (or failing) mail again: back in the queue now, with a fresh count of attempts and
 * the same Message-ID. A mail that was sent or is being sent right now is left alone (returns false).
 */
export async function resendMail(id: string): Promise<boolean> {
  const { count } = await prisma.outboxMail.updateMany({
    where: { id, OR: [{ status: 'DEAD' }, { status: 'PENDING' }] },
    data: { status: 'PENDING', attempts: 0, nextAttemptAt: new Date(), lockedUntil: null },
  })
  return count === 1
}

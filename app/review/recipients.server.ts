import type { prisma, Tx } from '#app/db.server.ts'

type Db = Tx | typeof prisma

/**
 * Who hears of every event of a foundation's application: the foundation's own address and all its
 * members with a verified address (not only the one who created the application). One mail per address.
 */
export async function foundationRecipients(db: Db, foundationId: string) {
  const foundation = await db.foundation.findUniqueOrThrow({
    where: { id: foundationId },
    select: {
      email: true,
      contactName: true,
      members: {
        where: { user: { active: true, emailVerifiedAt: { not: null } } },
        orderBy: { createdAt: 'asc' },
        select: { user: { select: { email: true, name: true } } },
      },
    },
  })
  const seen = new Set<string>()
  const out: { email: string; name: string }[] = []
  for (const r of [
    { email: foundation.email, name: foundation.contactName },
    ...foundation.members.map((m) => m.user),
  ]) {
    const key = r.email.toLowerCase()
    if (seen.has(key)) continue
    seen.add(key)
    out.push(r)
  }
  return out
}

/** The active reviewers of a wijk. */
export async function reviewersOfArea(db: Db, areaId: string) {
  return db.user.findMany({
    where: { role: 'REVIEWER', active: true, reviewerAreas: { some: { areaId } } },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, email: true },
  })
}

// What the administrator's hand-over page needs (issue 10): one application by reference with its
// owner, the reviewers who could take it over, and the latest applications in review. Bounded.
import { prisma } from '#app/db.server.ts'

export async function applicationForHandOver(reference: string) {
  const app = await prisma.application.findFirst({
    where: { reference: reference.trim().toUpperCase(), status: { not: 'DRAFT' } },
    select: {
      id: true,
      reference: true,
      title: true,
      status: true,
      areaId: true,
      foundationId: true,
      ownerId: true,
      area: { select: { name: true } },
      foundation: { select: { name: true } },
      round: { select: { year: true } },
    },
  })
  if (!app) return null
  const [owner, reviewers] = await Promise.all([
    app.ownerId ? prisma.user.findUnique({ where: { id: app.ownerId }, select: { name: true } }) : null,
    // Reviewers of the wijk without a link to the foundation or a declared interest (the service checks again).
    prisma.user.findMany({
      where: {
        role: 'REVIEWER',
        active: true,
        reviewerAreas: { some: { areaId: app.areaId } },
        ...(app.ownerId ? { id: { not: app.ownerId } } : {}),
      },
      orderBy: { name: 'asc' },
      take: 200,
      select: { id: true, name: true, email: true },
    }),
  ])
  return { ...app, ownerName: owner?.name ?? null, reviewers }
}

/** The 50 applications most recently taken in hand, with their owners. */
export async function latestInReview() {
  const rows = await prisma.application.findMany({
    where: { status: 'IN_REVIEW', ownerId: { not: null } },
    orderBy: [{ claimedAt: { sort: 'desc', nulls: 'last' } }, { id: 'asc' }],
    take: 50,
    select: {
      id: true,
      reference: true,
      title: true,
      ownerId: true,
      claimedAt: true,
      area: { select: { name: true } },
    },
  })
  const ids = [...new Set(rows.map((r) => r.ownerId!))]
  const users = ids.length
    ? await prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })
    : []
  return rows.map((r) => ({
    ...r,
    claimedAt: r.claimedAt?.toISOString() ?? null,
    ownerName: users.find((u) => u.id === r.ownerId)?.name ?? '',
  }))
}

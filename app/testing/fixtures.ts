import { prisma } from '#app/db.server.ts'
import { rightsFromMemberships } from '#app/auth/member-rights.ts'
import { seed } from '#app/seed/seed.server.ts'

/** The demo data is the test fixture: tests run on the same realistic Amersfoort data as the demo. */
export async function seeded() {
  await seed()
  const users = await prisma.user.findMany({
    include: {
      reviewerAreas: true,
      memberships: { include: { foundation: { select: { name: true, verifiedAt: true } } } },
    },
  })
  const asSessionUser = (email: string) => {
    const u = users.find((x) => x.email === email)
    if (!u) throw new Error(`no user ${email}`)
    return {
      id: u.id,
      name: u.name,
      email: u.email,
      role: u.role,
      // As production builds it (verified foundations only), so a test cannot pass on rights nobody has.
      ...rightsFromMemberships(u.memberships),
      areaIds: u.reviewerAreas.map((r) => r.areaId),
    }
  }
  const round = await prisma.budgetRound.findUniqueOrThrow({ where: { year: 2026 } })
  const area = async (code: string) => prisma.area.findUniqueOrThrow({ where: { code } })
  return {
    round,
    area,
    hoogland: asSessionUser('aanvrager@hooglandleeft.example'),
    zielhorst: asSessionUser('aanvrager@wijkbudgetzielhorst.example'),
    reviewer: asSessionUser('beoordelaar@amersfoort.example'),
    reviewerSouth: asSessionUser('beoordelaar.zuid@amersfoort.example'),
    reviewer2: asSessionUser('beoordelaar2@amersfoort.example'),
    auditor: asSessionUser('controleur@amersfoort.example'),
    admin: asSessionUser('beheerder@amersfoort.example'),
  }
}

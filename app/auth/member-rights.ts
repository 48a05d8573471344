import type { MembershipRole } from '#app/generated/prisma/enums.ts'

type MembershipRow = {
  foundationId: string
  role: MembershipRole
  foundation: { name: string; verifiedAt: Date | null }
}

/**
 * A member's rights from their memberships, the one way (the session and the test fixture both use
 * it): `foundationIds`, the foundations the member may act for, holds VERIFIED foundations only (a
 * foundation pending verification cannot apply yet); `foundations` lists every membership, for the
 * foundation's own pages.
 */
export function rightsFromMemberships(memberships: MembershipRow[]) {
  return {
    foundationIds: memberships.filter((m) => m.foundation.verifiedAt).map((m) => m.foundationId),
    foundations: memberships.map((m) => ({
      id: m.foundationId,
      name: m.foundation.name,
      role: m.role,
      verified: Boolean(m.foundation.verifiedAt),
    })),
  }
}

import { prisma, type Prisma } from '#app/db.server.ts'
import type { Role } from '#app/generated/prisma/enums.ts'

type Reader = { role: Role; foundationIds: string[]; areaIds: string[] }

/**
 * Which kept letters someone may read, in the query itself: a foundation's members its own, a
 * reviewer those of applications in their wijken, an auditor all. Nobody else any.
 */
export function documentScope(user: Reader): Prisma.KeptDocumentWhereInput {
  if (user.role === 'AUDITOR') return {}
  if (user.role === 'FOUNDATION_MEMBER') return { application: { foundationId: { in: user.foundationIds } } }
  if (user.role === 'REVIEWER') return { application: { areaId: { in: user.areaIds } } }
  return { id: { in: [] } }
}

/** One kept letter with its bytes, when the reader may see it. */
export async function readableDocument(user: Reader, id: string) {
  return prisma.keptDocument.findFirst({
    where: { AND: [documentScope(user), { id }] },
    select: { filename: true, contentType: true, data: true, sha256: true },
  })
}

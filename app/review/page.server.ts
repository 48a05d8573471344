// What the reviewer's page of one application shows and offers: every button asks the same policy
// as the service that writes (app/review/policy.ts).
import { prisma } from '#app/db.server.ts'
import { todayIso } from '#app/clock.server.ts'
import { centsFromDb } from '#app/money/bigint.ts'
import type { ApplicationStatus } from '#app/generated/prisma/enums.ts'
import { decisionsOf, interestsOf, reviewedApplication } from './decisions.server.ts'
import {
  conflictVerdict,
  mayClaim,
  mayConfirm,
  mayDecide,
  mayDecideNotConsidered,
  mayRelease,
  type Staff,
} from './policy.ts'

export async function reviewPageState(
  user: Staff,
  application: {
    id: string
    status: ApplicationStatus
    areaId: string
    foundationId: string
    ownerId: string | null
    roundId: string
  },
) {
  const [app, interests, decisions, documents, round, openRequest] = await Promise.all([
    reviewedApplication(prisma, application, user.id),
    interestsOf(prisma, user.id),
    decisionsOf(application.id),
    keptDocumentsOf(application.id),
    prisma.budgetRound.findUniqueOrThrow({
      where: { id: application.roundId },
      select: { fourEyesThresholdCents: true },
    }),
    prisma.informationRequest.findFirst({
      where: { applicationId: application.id, answeredAt: null },
      orderBy: { askedAt: 'desc' },
      select: { dueOn: true },
    }),
  ])
  const pending = decisions.find((d) => d.state === 'AWAITING_CONFIRMATION') ?? null
  const open = openRequest ? { dueOn: openRequest.dueOn.toISOString().slice(0, 10) } : null
  return {
    ownerName: app.ownerName,
    isOwner: app.ownerId === user.id,
    pending,
    decisions,
    documents,
    thresholdCents: centsFromDb(round.fourEyesThresholdCents),
    openRequestDueOn: open?.dueOn ?? null,
    conflict: conflictVerdict(user, app, interests),
    mayDecide: mayDecide(user, app, interests),
    mayConfirm: mayConfirm(user, app, interests),
    mayClaim: mayClaim(user, app, interests),
    mayRelease: mayRelease(user, app),
    mayNotConsider: mayDecideNotConsidered(user, app, open, todayIso(), interests),
  }
}

/** The kept letters of an application, newest first (metadata only; the bytes come from /documenten/$id). */
export async function keptDocumentsOf(applicationId: string) {
  const docs = await prisma.keptDocument.findMany({
    where: { applicationId },
    orderBy: { createdAt: 'desc' },
    select: {
      id: true,
      kind: true,
      filename: true,
      sizeBytes: true,
      sha256: true,
      createdAt: true,
      supersedesId: true,
    },
  })
  return docs.map((d) => ({ ...d, createdAt: d.createdAt.toISOString() }))
}

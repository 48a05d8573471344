// Deciding on applications: award (in full or in part), reject, not consider, ask for an aanvulling,
// four eyes above the round's threshold, and taking an application in hand. Every function locks the
// application, asks the policy (app/review/policy.ts), checks the status machine (assertTransition),
// books money only through the ledger, records the status change, and keeps the letter, all in one
// transaction.
import { prisma, Prisma, type Tx } from '#app/db.server.ts'
import { todayIso } from '#app/clock.server.ts'
import { DomainError, notFound } from '#app/domain/errors.ts'
import { assertAllowed } from '#app/domain/verdict.ts'
import type { ApplicationStatus, DecisionKind, DocumentKind } from '#app/generated/prisma/enums.ts'
import { assertTransition } from '#app/applications/status.ts'
import { InsufficientFundsError, post, type Movement } from '#app/ledger/ledger.server.ts'
import { centsFromDb, centsToDb } from '#app/money/bigint.ts'
import { formatMoney } from '#app/money/money.ts'
import { keepDocument } from '#app/documents/kept.server.ts'
import { decisionLetterPdf, type LetterKind } from '#app/documents/decision-letter.server.ts'
import { absoluteUrl, enqueueMail } from '#app/mail/outbox.server.ts'
import { onDecisionEffective } from './effects.server.ts'
import {
  mayClaim,
  mayConfirm,
  mayDecide,
  mayDecideNotConsidered,
  mayHandOver,
  mayReceive,
  mayRelease,
  needsSecondReviewer,
  type Interests,
  type ReviewedApplication,
  type Staff,
} from './policy.ts'
import { informationDueOn, objectionTermEnd, reportDueOn } from './terms.ts'
import { foundationRecipients, reviewersOfArea } from './recipients.server.ts'

/** Long enough for 50 reviewers queueing on one wijk's balance on a slow, shared machine. */
export const TX_OPTIONS = { maxWait: 120_000, timeout: 120_000 } as const

type Locked = {
  id: string
  status: ApplicationStatus
  roundId: string
  areaId: string
  foundationId: string
  requestedCents: bigint
  ownerId: string | null
}

/** Locks the application (FOR UPDATE) when it is in one of the reviewer's wijken; 404 otherwise. */
async function lockInArea(tx: Tx, areaIds: string[] | 'any', id: string): Promise<Locked> {
  const rows =
    areaIds === 'any'
      ? await tx.$queryRaw<
          Locked[]
        >`SELECT "id", "status", "roundId", "areaId", "foundationId", "requestedCents", "ownerId"
          FROM "Application" WHERE "id" = ${id} AND "status" <> 'DRAFT' FOR UPDATE`
      : await tx.$queryRaw<
          Locked[]
        >`SELECT "id", "status", "roundId", "areaId", "foundationId", "requestedCents", "ownerId"
          FROM "Application" WHERE "id" = ${id} AND "areaId" = ANY(${areaIds}) AND "status" <> 'DRAFT' FOR UPDATE`
  if (!rows[0]) throw notFound()
  return rows[0]
}

/** A staff member's interests: every membership (verified or not), links to foundations, declarations. */
export async function interestsOf(tx: Tx | typeof prisma, userId: string): Promise<Interests> {
  const [memberships, links, declarations] = await Promise.all([
    tx.membership.findMany({ where: { userId }, select: { foundationId: true } }),
    tx.staffFoundationLink.findMany({ where: { userId }, select: { foundationId: true } }),
    tx.interestDeclaration.findMany({ where: { userId }, select: { foundationId: true, applicationId: true } }),
  ])
  return {
    foundationIds: [
      ...memberships.map((m) => m.foundationId),
      ...links.map((l) => l.foundationId),
      ...declarations.filter((d) => !d.applicationId).map((d) => d.foundationId),
    ],
    applicationIds: declarations.flatMap((d) => (d.applicationId ? [d.applicationId] : [])),
  }
}

/** The application as the policy sees it: owner, the award waiting for confirmation, who can take over. */
export async function reviewedApplication(
  tx: Tx | typeof prisma,
  row: Pick<Locked, 'id' | 'status' | 'areaId' | 'foundationId' | 'ownerId'>,
  exceptUserId: string,
): Promise<ReviewedApplication & { pendingDecision: { id: string; amountCents: bigint | null } | null }> {
  const [owner, pending, colleagues] = await Promise.all([
    row.ownerId ? tx.user.findUnique({ where: { id: row.ownerId }, select: { name: true } }) : null,
    tx.decision.findFirst({
      where: { applicationId: row.id, state: 'AWAITING_CONFIRMATION' },
      select: { id: true, proposedById: true, amountCents: true },
    }),
    reviewersOfArea(tx, row.areaId),
  ])
  const free: string[] = []
  for (const c of colleagues) {
    // the proposer of a waiting award cannot take over its confirmation
    if (c.id === exceptUserId || c.id === pending?.proposedById) continue
    const interests = await interestsOf(tx, c.id)
    if (!interests.foundationIds.includes(row.foundationId) && !interests.applicationIds.includes(row.id))
      free.push(c.name)
  }
  return {
    ...row,
    ownerName: owner?.name ?? null,
    pending: pending ? { proposedById: pending.proposedById } : null,
    pendingDecision: pending ? { id: pending.id, amountCents: pending.amountCents } : null,
    colleagues: free,
  }
}

async function recordStatus(
  tx: Tx,
  input: {
    applicationId: string
    from: ApplicationStatus
    to: ApplicationStatus
    actorId: string
    reason?: string | null
    data?: object
  },
) {
  await tx.statusChange.create({
    data: {
      applicationId: input.applicationId,
      fromStatus: input.from,
      toStatus: input.to,
      actorId: input.actorId,
      reason: input.reason ?? undefined,
      data: input.data as Prisma.InputJsonValue | undefined,
    },
  })
}

/** Books a movement; when the wijk's free budget is short, the reviewer gets the clear message at the amount. */
async function postOrExplain(tx: Tx, movement: Movement) {
  try {
    return await post(tx, movement)
  } catch (error) {
    if (error instanceof InsufficientFundsError)
      throw new DomainError('decide.insufficient', {
        field: 'amount',
        status: 409,
        params: { available: formatMoney(error.balanceCents) },
      })
    throw error
  }
}

const grant = (app: Locked, kind: 'GRANT_RESERVED' | 'GRANT_COMMITTED') =>
  ({ kind, roundId: app.roundId, areaId: app.areaId, applicationId: app.id }) as const
const available = (app: Locked) => ({ kind: 'AREA_AVAILABLE', roundId: app.roundId, areaId: app.areaId }) as const

async function lockForDecision(tx: Tx, user: Staff, id: string) {
  if (user.role !== 'REVIEWER') throw new DomainError('decide.onlyReviewers', { status: 403 })
  const row = await lockInArea(tx, user.areaIds, id)
  const interests = await interestsOf(tx, user.id)
  const app = await reviewedApplication(tx, row, user.id)
  return { row, app, interests }
}

export type AwardResult = { state: 'EFFECTIVE' | 'AWAITING_CONFIRMATION'; decisionId: string }

/**
 * Awards an amount (approve). Below the round's four-eyes threshold the decision takes effect at once:
 * AREA_AVAILABLE -> GRANT_COMMITTED. At or above it the amount is reserved (AREA_AVAILABLE ->
 * GRANT_RESERVED, cause RESERVATION) and waits for a second, different reviewer of the wijk.
 * Less than requested is a partial award and needs reasons. The wijk's balance row is locked by the
 * ledger, so two reviewers awarding at the same second can never overspend a wijk.
 */
export async function approve(user: Staff, id: string, amountCents: number, reasons?: string): Promise<AwardResult> {
  return prisma.$transaction(async (tx) => {
    const { row, app, interests } = await lockForDecision(tx, user, id)
    assertAllowed(mayDecide(user, app, interests))
    assertTransition(row.status, 'AWARDED')
    const requested = centsFromDb(row.requestedCents)
    if (!Number.isSafeInteger(amountCents) || amountCents <= 0)
      throw new DomainError('decide.amountPositive', { field: 'amount' })
    if (amountCents > requested)
      throw new DomainError('decide.amountAboveRequested', {
        field: 'amount',
        params: { requested: formatMoney(requested) },
      })
    const kind: DecisionKind = amountCents < requested ? 'PARTIAL_AWARD' : 'AWARD'
    const why = reasons?.trim() || null
    if (kind === 'PARTIAL_AWARD' && (!why || why.length < 10))
      throw new DomainError('decide.reasonsRequired', { field: 'reasons' })
    const round = await tx.budgetRound.findUniqueOrThrow({
      where: { id: row.roundId },
      select: { fourEyesThresholdCents: true },
    })
    if (needsSecondReviewer(amountCents, centsFromDb(round.fourEyesThresholdCents))) {
      await postOrExplain(tx, {
        from: available(row),
        to: grant(row, 'GRANT_RESERVED'),
        amountCents,
        cause: 'RESERVATION',
        actorId: user.id,
      })
      const decision = await tx.decision.create({
        data: {
          applicationId: id,
          kind,
          state: 'AWAITING_CONFIRMATION',
          requestedCents: row.requestedCents,
          amountCents: centsToDb(amountCents),
          reasons: why,
          fromStatus: row.status,
          proposedById: user.id,
        },
      })
      await recordStatus(tx, {
        applicationId: id,
        from: row.status,
        to: row.status,
        actorId: user.id,
        reason: why,
        data: { event: 'award-proposed', decisionId: decision.id, requestedCents: requested, amountCents },
      })
      await askSecondReviewer(tx, { applicationId: id, areaId: row.areaId, proposerId: user.id, amountCents })
      return { state: 'AWAITING_CONFIRMATION' as const, decisionId: decision.id }
    }
    await postOrExplain(tx, {
      from: available(row),
      to: grant(row, 'GRANT_COMMITTED'),
      amountCents,
      cause: 'AWARD',
      actorId: user.id,
    })
    const decision = await tx.decision.create({
      data: {
        applicationId: id,
        kind,
        state: 'EFFECTIVE',
        requestedCents: row.requestedCents,
        amountCents: centsToDb(amountCents),
        reasons: why,
        fromStatus: row.status,
        proposedById: user.id,
      },
    })
    await takeEffect(tx, { decisionId: decision.id, row, actorId: user.id })
    return { state: 'EFFECTIVE' as const, decisionId: decision.id }
  }, TX_OPTIONS)
}

/** The second reviewer confirms an award above the threshold: reservation -> commitment, the decision takes effect. */
export async function confirmAward(user: Staff, id: string) {
  return prisma.$transaction(async (tx) => {
    const { row, app, interests } = await lockForDecision(tx, user, id)
    assertAllowed(mayConfirm(user, app, interests))
    assertTransition(row.status, 'AWARDED')
    const pending = app.pendingDecision!
    await postOrExplain(tx, {
      from: grant(row, 'GRANT_RESERVED'),
      to: grant(row, 'GRANT_COMMITTED'),
      amountCents: centsFromDb(pending.amountCents ?? 0n),
      cause: 'AWARD',
      actorId: user.id,
    })
    await tx.decision.update({
      where: { id: pending.id },
      data: { state: 'EFFECTIVE', confirmedById: user.id, confirmedAt: new Date() },
    })
    await takeEffect(tx, { decisionId: pending.id, row, actorId: user.id })
  }, TX_OPTIONS)
}

/** The second reviewer sends the award back, with a reason: the reservation is released. */
export async function sendBackAward(user: Staff, id: string, reason: string) {
  return prisma.$transaction(async (tx) => {
    const { row, app, interests } = await lockForDecision(tx, user, id)
    assertAllowed(mayConfirm(user, app, interests))
    const why = reason.trim()
    if (why.length < 10) throw new DomainError('decide.sendBackReasonRequired', { field: 'reason' })
    const pending = app.pendingDecision!
    await post(tx, {
      from: grant(row, 'GRANT_RESERVED'),
      to: available(row),
      amountCents: centsFromDb(pending.amountCents ?? 0n),
      cause: 'RESERVATION_RELEASE',
      actorId: user.id,
      memo: why,
    })
    await tx.decision.update({
      where: { id: pending.id },
      data: { state: 'SENT_BACK', sentBackById: user.id, sentBackAt: new Date(), sentBackReason: why },
    })
    await recordStatus(tx, {
      applicationId: id,
      from: row.status,
      to: row.status,
      actorId: user.id,
      reason: why,
      data: { event: 'award-sent-back', decisionId: pending.id },
    })
  }, TX_OPTIONS)
}

/** Rejects the application, with reasons (they go into the letter). */
export async function reject(user: Staff, id: string, reasons: string) {
  return prisma.$transaction(async (tx) => {
    const { row, app, interests } = await lockForDecision(tx, user, id)
    assertAllowed(mayDecide(user, app, interests))
    assertTransition(row.status, 'REJECTED')
    const why = reasons.trim()
    if (why.length < 10) throw new DomainError('decide.reasonsRequired', { field: 'reason' })
    const decision = await tx.decision.create({
      data: {
        applicationId: id,
        kind: 'REJECTION',
        state: 'EFFECTIVE',
        requestedCents: row.requestedCents,
        reasons: why,
        fromStatus: row.status,
        proposedById: user.id,
      },
    })
    await takeEffect(tx, { decisionId: decision.id, row, actorId: user.id })
  }, TX_OPTIONS)
}

/** Not considering the application (buiten behandeling, Awb 4:5) after an aanvulling that was not answered in time. */
export async function decideNotConsidered(user: Staff, id: string, explanation?: string) {
  return prisma.$transaction(async (tx) => {
    const { row, app, interests } = await lockForDecision(tx, user, id)
    const open = await tx.informationRequest.findFirst({
      where: { applicationId: id, answeredAt: null },
      orderBy: { askedAt: 'desc' },
      select: { dueOn: true },
    })
    const openRequest = open ? { dueOn: open.dueOn.toISOString().slice(0, 10) } : null
    assertAllowed(mayDecideNotConsidered(user, app, openRequest, todayIso(), interests))
    assertTransition(row.status, 'REJECTED')
    const decision = await tx.decision.create({
      data: {
        applicationId: id,
        kind: 'NOT_CONSIDERED',
        state: 'EFFECTIVE',
        requestedCents: row.requestedCents,
        reasons: explanation?.trim() || null,
        fromStatus: row.status,
        proposedById: user.id,
      },
    })
    await takeEffect(tx, { decisionId: decision.id, row, actorId: user.id, informationDueOn: openRequest?.dueOn })
  }, TX_OPTIONS)
}

const LETTER_KIND: Record<DecisionKind, LetterKind> = {
  AWARD: 'award',
  PARTIAL_AWARD: 'partialAward',
  REJECTION: 'rejection',
  NOT_CONSIDERED: 'notConsidered',
}

/**
 * The decision takes effect: the application's status, the status history, the letter (generated
 * from the data, kept unchanged), the mail with the letter to the foundation's people, and the hook
 * for what follows (onDecisionEffective).
 */
async function takeEffect(
  tx: Tx,
  input: { decisionId: string; row: Locked; actorId: string; informationDueOn?: string; supersedesDocumentId?: string },
) {
  const { row } = input
  const decision = await tx.decision.findUniqueOrThrow({ where: { id: input.decisionId } })
  const awarded = decision.kind === 'AWARD' || decision.kind === 'PARTIAL_AWARD'
  const to: ApplicationStatus = awarded ? 'AWARDED' : 'REJECTED'
  assertTransition(row.status, to)
  const now = new Date()
  await tx.application.update({
    where: { id: row.id },
    data: {
      status: to,
      awardedCents: awarded ? decision.amountCents : null,
      decisionReason: decision.reasons,
      decidedAt: now,
      ownerId: null,
    },
  })
  await recordStatus(tx, {
    applicationId: row.id,
    from: row.status,
    to,
    actorId: input.actorId,
    reason: decision.reasons,
    data: {
      event: 'decision',
      decisionId: decision.id,
      kind: decision.kind,
      requestedCents: centsFromDb(decision.requestedCents),
      awardedCents: decision.amountCents === null ? null : centsFromDb(decision.amountCents),
      proposedById: decision.proposedById,
      confirmedById: decision.confirmedById,
    },
  })
  const sentOn = todayIso()
  const app = await tx.application.findUniqueOrThrow({
    where: { id: row.id },
    select: {
      reference: true,
      title: true,
      endDate: true,
      advancePercent: true,
      area: { select: { name: true } },
      round: { select: { name: true, reportTermWeeks: true, advancePercent: true, legalBasis: true } },
      foundation: {
        select: {
          name: true,
          kvkNumber: true,
          street: true,
          postalCode: true,
          city: true,
          contactName: true,
          iban: true,
        },
      },
    },
  })
  const signerIds = [decision.proposedById, decision.confirmedById].filter((x): x is string => Boolean(x))
  const signers = await tx.user.findMany({ where: { id: { in: signerIds } }, select: { id: true, name: true } })
  const objectionDeadline = objectionTermEnd(sentOn)
  const reportDue =
    awarded && app.endDate ? reportDueOn(app.endDate.toISOString().slice(0, 10), app.round.reportTermWeeks) : undefined
  const superseded = input.supersedesDocumentId
    ? await tx.keptDocument.findUnique({ where: { id: input.supersedesDocumentId }, select: { createdAt: true } })
    : null
  const pdf = await decisionLetterPdf({
    lang: 'nl',
    kind: LETTER_KIND[decision.kind],
    sentOn,
    reference: app.reference,
    title: app.title,
    areaName: app.area.name,
    roundName: app.round.name,
    foundation: app.foundation,
    requestedCents: centsFromDb(decision.requestedCents),
    awardedCents: decision.amountCents === null ? undefined : centsFromDb(decision.amountCents),
    reasons: decision.reasons ?? undefined,
    reportDueOn: reportDue,
    advancePercent: app.advancePercent ?? app.round.advancePercent,
    iban: app.foundation.iban,
    informationDueOn: input.informationDueOn,
    legalBasis: app.round.legalBasis,
    objectionDeadline,
    signers: signerIds.map((sid) => ({
      name: signers.find((s) => s.id === sid)?.name ?? '',
      role: 'Beoordelaar Buurtbudget',
    })),
    replaces: superseded ? superseded.createdAt.toISOString().slice(0, 10) : undefined,
  })
  const docKind: DocumentKind = decision.kind === 'NOT_CONSIDERED' ? 'NOT_CONSIDERED' : 'DECISION'
  const filename = `beschikking-${app.reference}.pdf`
  const kept = await keepDocument(tx, {
    kind: docKind,
    applicationId: row.id,
    roundId: row.roundId,
    filename,
    data: pdf,
    supersedesId: input.supersedesDocumentId,
    createdById: input.actorId,
  })
  await tx.decision.update({ where: { id: decision.id }, data: { documentId: kept.id } })
  const common = {
    reference: app.reference,
    title: app.title,
    requestedCents: centsFromDb(decision.requestedCents),
    decidedOn: sentOn,
    objectionDeadline,
    url: absoluteUrl(`/aanvragen/${row.id}`),
  }
  const outcome = awarded
    ? ({ outcome: 'awarded', awardedCents: centsFromDb(decision.amountCents ?? 0n) } as const)
    : ({ outcome: 'rejected', reason: decision.reasons ?? 'Buiten behandeling gesteld (artikel 4:5 Awb).' } as const)
  for (const r of await foundationRecipients(tx, row.foundationId)) {
    await enqueueMail(tx, {
      template: 'decision',
      to: r.email,
      lang: 'nl',
      data: { ...common, ...outcome, name: r.name },
      attachments: [{ filename, contentType: 'application/pdf', content: pdf }],
    })
  }
  await onDecisionEffective(tx, row.id, input.actorId)
  return kept
}

/** The "second approval needed" mail to the other reviewers of the wijk without a conflict. */
async function askSecondReviewer(
  tx: Tx,
  input: { applicationId: string; areaId: string; proposerId: string; amountCents: number },
) {
  const [app, proposer, reviewers] = await Promise.all([
    tx.application.findUniqueOrThrow({
      where: { id: input.applicationId },
      select: { reference: true, title: true, foundationId: true, area: { select: { name: true } } },
    }),
    tx.user.findUniqueOrThrow({ where: { id: input.proposerId }, select: { name: true } }),
    reviewersOfArea(tx, input.areaId),
  ])
  for (const r of reviewers) {
    if (r.id === input.proposerId) continue
    const interests = await interestsOf(tx, r.id)
    if (interests.foundationIds.includes(app.foundationId) || interests.applicationIds.includes(input.applicationId))
      continue
    await enqueueMail(tx, {
      template: 'second-approval-needed',
      to: r.email,
      lang: 'nl',
      data: {
        reviewerName: r.name,
        requestedByName: proposer.name,
        reference: app.reference,
        title: app.title,
        areaName: app.area.name,
        amountCents: input.amountCents,
        url: absoluteUrl(`/beoordelen/${input.applicationId}`),
      },
    })
  }
}

/**
 * Asks the foundation for missing information (aanvulling): INCOMPLETE, the decision clock stops
 * until the answer. The due date moves by the Algemene termijnenwet. The question goes to all the
 * foundation's verified members, through the outbox, in the same transaction.
 */
export async function askInformation(user: Staff, id: string, input: { question: string; dueOn: string }) {
  return prisma.$transaction(async (tx) => {
    const { row, app, interests } = await lockForDecision(tx, user, id)
    assertAllowed(mayDecide(user, app, interests))
    assertTransition(row.status, 'INCOMPLETE')
    const today = todayIso()
    if (input.dueOn <= today) throw new DomainError('decide.dueOnFuture', { field: 'dueOn' })
    const dueOn = informationDueOn(input.dueOn)
    await tx.informationRequest.create({
      data: { applicationId: id, question: input.question, dueOn: new Date(`${dueOn}T00:00:00Z`), askedById: user.id },
    })
    await tx.application.update({
      where: { id },
      data: { status: 'INCOMPLETE', clockStoppedOn: new Date(`${today}T00:00:00Z`) },
    })
    await recordStatus(tx, {
      applicationId: id,
      from: row.status,
      to: 'INCOMPLETE',
      actorId: user.id,
      reason: input.question,
      data: { dueOn, chosenDueOn: input.dueOn },
    })
    const [full, reviewer] = await Promise.all([
      tx.application.findUniqueOrThrow({ where: { id }, select: { reference: true, title: true } }),
      tx.user.findUniqueOrThrow({ where: { id: user.id }, select: { name: true } }),
    ])
    for (const member of await foundationRecipients(tx, row.foundationId)) {
      await enqueueMail(tx, {
        template: 'missing-information',
        to: member.email,
        lang: 'nl',
        data: {
          name: member.name,
          reference: full.reference,
          title: full.title,
          question: input.question,
          reviewerName: reviewer.name,
          answerBy: dueOn,
          url: absoluteUrl(`/aanvragen/${id}`),
        },
      })
    }
  }, TX_OPTIONS)
}

/** A reviewer takes the application in hand: SUBMITTED -> IN_REVIEW, named owner. */
export async function claim(user: Staff, id: string) {
  return prisma.$transaction(async (tx) => {
    const { row, app, interests } = await lockForDecision(tx, user, id)
    assertAllowed(mayClaim(user, app, interests))
    assertTransition(row.status, 'IN_REVIEW')
    await tx.application.update({
      where: { id },
      data: { status: 'IN_REVIEW', ownerId: user.id, claimedAt: new Date() },
    })
    await recordStatus(tx, {
      applicationId: id,
      from: row.status,
      to: 'IN_REVIEW',
      actorId: user.id,
      data: { ownerId: user.id },
    })
  }, TX_OPTIONS)
}

/** The owner releases it: IN_REVIEW -> SUBMITTED, no owner. */
export async function release(user: Staff, id: string) {
  return prisma.$transaction(async (tx) => {
    const { row, app } = await lockForDecision(tx, user, id)
    assertAllowed(mayRelease(user, app))
    assertTransition(row.status, 'SUBMITTED')
    await tx.application.update({ where: { id }, data: { status: 'SUBMITTED', ownerId: null, claimedAt: null } })
    await recordStatus(tx, {
      applicationId: id,
      from: row.status,
      to: 'SUBMITTED',
      actorId: user.id,
      data: { ownerId: null },
    })
  }, TX_OPTIONS)
}

/** An administrator hands the application over to another reviewer of the wijk (status IN_REVIEW). */
export async function handOver(admin: Staff, id: string, toUserId: string) {
  return prisma.$transaction(async (tx) => {
    const row = await lockInArea(tx, 'any', id)
    const app = await reviewedApplication(tx, row, toUserId)
    assertAllowed(mayHandOver(admin, app))
    const target = await tx.user.findFirst({
      where: { id: toUserId, role: 'REVIEWER', active: true },
      select: { id: true, role: true, reviewerAreas: { select: { areaId: true } } },
    })
    if (!target) throw new DomainError('decide.targetNotReviewer', { field: 'to' })
    const targetStaff: Staff = {
      id: target.id,
      role: target.role,
      areaIds: target.reviewerAreas.map((a) => a.areaId),
      foundationIds: [],
    }
    const verdict = mayReceive(targetStaff, app, await interestsOf(tx, target.id))
    if (!verdict.ok) throw new DomainError('decide.targetNotReviewer', { field: 'to' })
    if (row.status !== 'IN_REVIEW') assertTransition(row.status, 'IN_REVIEW')
    await tx.application.update({
      where: { id },
      data: { status: 'IN_REVIEW', ownerId: target.id, claimedAt: new Date() },
    })
    await recordStatus(tx, {
      applicationId: id,
      from: row.status,
      to: 'IN_REVIEW',
      actorId: admin.id,
      data: { event: 'hand-over', fromOwnerId: row.ownerId, ownerId: target.id },
    })
  }, TX_OPTIONS)
}

/** What the reviewer's page needs to know about the decisions and letters of one application. */
export async function decisionsOf(applicationId: string) {
  const decisions = await prisma.decision.findMany({
    where: { applicationId },
    orderBy: { proposedAt: 'asc' },
  })
  const userIds = [
    ...new Set(decisions.flatMap((d) => [d.proposedById, d.confirmedById, d.sentBackById]).filter(Boolean)),
  ] as string[]
  const users = await prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } })
  const name = (uid: string | null) => (uid ? (users.find((u) => u.id === uid)?.name ?? '') : null)
  return decisions.map((d) => ({
    id: d.id,
    kind: d.kind,
    state: d.state,
    amountCents: d.amountCents === null ? null : centsFromDb(d.amountCents),
    reasons: d.reasons,
    proposedById: d.proposedById,
    proposedBy: name(d.proposedById),
    proposedAt: d.proposedAt.toISOString(),
    confirmedBy: name(d.confirmedById),
    sentBackBy: name(d.sentBackById),
    sentBackReason: d.sentBackReason,
    documentId: d.documentId,
  }))
}

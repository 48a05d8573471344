// Objections (bezwaar, Awb chapter 6 and 7; docs/decisions/0036): a reviewer of the wijk registers an
// objection against the effective decision (received on, by whom, grounds, an attachment under the
// intake's rules); the objection term of the contested decision flags a late one. The decision on it:
// founded or partly founded (a new decision replaces the old one in effect, its letter supersedes the
// old letter, the money moves only by ledger entries), unfounded (the decision stands, a letter says
// so) or inadmissible. Every decision on an objection keeps its letter and mails the foundation.
import { prisma, Prisma, type Tx } from '#app/db.server.ts'
import { todayIso } from '#app/clock.server.ts'
import { DomainError, notFound } from '#app/domain/errors.ts'
import { assertAllowed } from '#app/domain/verdict.ts'
import type { ApplicationStatus, DecisionKind, ObjectionOutcome } from '#app/generated/prisma/enums.ts'
import { storeAttachment } from '#app/applications/attachments.server.ts'
import { keepDocument } from '#app/documents/kept.server.ts'
import { grantBalances } from '#app/grants/grant.server.ts'
import { pendingCents } from '#app/grants/payments.server.ts'
import { InsufficientFundsError, post } from '#app/ledger/ledger.server.ts'
import { absoluteUrl, enqueueMail } from '#app/mail/outbox.server.ts'
import { centsFromDb, centsToDb } from '#app/money/bigint.ts'
import { formatMoney } from '#app/money/money.ts'
import { interestsOf, reviewedApplication, TX_OPTIONS } from './decisions.server.ts'
import { onDecisionEffective } from './effects.server.ts'
import { objectionLetterPdf } from './objections-letter.server.ts'
import { mayDecideObjection, mayRegisterObjection, type Staff } from './policy.ts'
import { foundationRecipients } from './recipients.server.ts'
import { amsterdamDay, objectionIsLate, objectionTermEnd } from './terms.ts'

type Locked = {
  id: string
  status: ApplicationStatus
  roundId: string
  areaId: string
  foundationId: string
  requestedCents: bigint
  awardedCents: bigint | null
  decidedAt: Date | null
  ownerId: string | null
}

const day = (iso: string) => new Date(`${iso}T00:00:00Z`)
const isoOf = (d: Date) => d.toISOString().slice(0, 10)

async function lock(tx: Tx, user: Staff, id: string): Promise<Locked> {
  if (user.role !== 'REVIEWER') throw new DomainError('decide.onlyReviewers', { status: 403 })
  const [row] = await tx.$queryRaw<Locked[]>`
    SELECT "id", "status", "roundId", "areaId", "foundationId", "requestedCents", "awardedCents", "decidedAt", "ownerId"
    FROM "Application" WHERE "id" = ${id} AND "areaId" = ANY(${user.areaIds}) AND "status" <> 'DRAFT' FOR UPDATE`
  if (!row) throw notFound()
  return row
}

async function effectiveDecision(db: Tx | typeof prisma, applicationId: string) {
  return db.decision.findFirst({
    where: { applicationId, state: 'EFFECTIVE' },
    orderBy: { proposedAt: 'desc' },
  })
}

/**
 * The day the contested decision was sent: the day it took effect (the date of its letter). Never after
 * the portal's today: with a fixed clock (demo, tests) the letter is dated on that day too.
 */
async function sentOnOf(db: Tx | typeof prisma, row: Pick<Locked, 'decidedAt'>, documentId: string | null) {
  const doc = !row.decidedAt && documentId ? await db.keptDocument.findUnique({ where: { id: documentId } }) : null
  const sent = amsterdamDay(row.decidedAt ?? doc?.createdAt ?? new Date())
  const today = todayIso()
  return sent > today ? today : sent
}

export type NewObjection = {
  receivedOn: string
  objectorName: string
  grounds: string
  hearingOn?: string
  attachment?: File | null
}

/** Registers an objection against the application's effective decision; late ones are flagged by the term. */
export async function registerObjection(user: Staff, applicationId: string, input: NewObjection) {
  return prisma.$transaction(async (tx) => {
    const row = await lock(tx, user, applicationId)
    const [app, interests, decision, open] = await Promise.all([
      reviewedApplication(tx, row, user.id),
      interestsOf(tx, user.id),
      effectiveDecision(tx, applicationId),
      tx.objection.count({ where: { applicationId, outcome: null } }),
    ])
    assertAllowed(
      mayRegisterObjection(user, app, { hasEffectiveDecision: Boolean(decision), openObjection: open > 0 }, interests),
    )
    if (input.receivedOn > todayIso())
      throw new DomainError('objection.errors.receivedInFuture', { field: 'receivedOn' })
    if (input.grounds.trim().length < 10)
      throw new DomainError('objection.errors.groundsRequired', { field: 'grounds' })
    if (!input.objectorName.trim())
      throw new DomainError('objection.errors.objectorRequired', { field: 'objectorName' })
    const sentOn = await sentOnOf(tx, row, decision!.documentId)
    const termEndsOn = objectionTermEnd(sentOn)
    const late = objectionIsLate(sentOn, input.receivedOn)
    const attachment =
      input.attachment && input.attachment.size > 0
        ? await storeAttachment(tx, { applicationId, kind: 'other', file: input.attachment, uploadedById: user.id })
        : null
    const objection = await tx.objection.create({
      data: {
        applicationId,
        decisionId: decision!.id,
        receivedOn: day(input.receivedOn),
        objectorName: input.objectorName.trim(),
        grounds: input.grounds.trim(),
        attachmentId: attachment?.id,
        termEndsOn: day(termEndsOn),
        late,
        hearingOn: input.hearingOn ? day(input.hearingOn) : null,
        registeredById: user.id,
      },
    })
    await tx.statusChange.create({
      data: {
        applicationId,
        fromStatus: row.status,
        toStatus: row.status,
        actorId: user.id,
        reason: input.grounds.trim(),
        data: {
          event: 'objection-registered',
          objectionId: objection.id,
          decisionId: decision!.id,
          receivedOn: input.receivedOn,
          termEndsOn,
          late,
        },
      },
    })
    return objection
  }, TX_OPTIONS)
}

export type ObjectionDecisionInput = {
  outcome: ObjectionOutcome
  reasons: string
  /** Founded or partly founded: the amount of the new decision (0: rejected). */
  amountCents?: number
  /** A late objection: why it is declared inadmissible or still considered. */
  lateReason?: string
  hearingOn?: string
}

const redecides = (o: ObjectionOutcome) => o === 'FOUNDED' || o === 'PARTLY_FOUNDED'
const awardedBy = (kind: DecisionKind) => kind === 'AWARD' || kind === 'PARTIAL_AWARD'

/**
 * Decides on a registered objection. Founded (or partly): the contested decision becomes SUPERSEDED,
 * a new EFFECTIVE decision replaces it, the difference in amount is booked (the wijk's available
 * budget <-> the grant's commitment), the application's status and amount follow, and the new letter
 * supersedes the old one. Unfounded or inadmissible: the decision stands. Each gets its letter and mail.
 */
export async function decideObjection(user: Staff, objectionId: string, input: ObjectionDecisionInput) {
  return prisma.$transaction(async (tx) => {
    const found = await tx.objection.findUnique({ where: { id: objectionId }, select: { applicationId: true } })
    if (!found) throw notFound()
    const row = await lock(tx, user, found.applicationId)
    const objection = await tx.objection.findUniqueOrThrow({ where: { id: objectionId } })
    const [app, interests] = await Promise.all([reviewedApplication(tx, row, user.id), interestsOf(tx, user.id)])
    assertAllowed(mayDecideObjection(user, app, { decided: objection.outcome !== null }, input.outcome, interests))
    const reasons = input.reasons.trim()
    if (reasons.length < 10) throw new DomainError('objection.errors.reasonsRequired', { field: 'reasons' })
    const lateReason = input.lateReason?.trim() || null
    if (objection.late && (!lateReason || lateReason.length < 10))
      throw new DomainError('objection.errors.lateReasonRequired', { field: 'lateReason' })
    const contested = await tx.decision.findUniqueOrThrow({ where: { id: objection.decisionId } })
    if (contested.state !== 'EFFECTIVE') throw new DomainError('objection.errors.decisionReplaced', { status: 409 })
    const requested = centsFromDb(row.requestedCents)
    const oldAmount = awardedBy(contested.kind) ? centsFromDb(contested.amountCents ?? 0n) : 0
    const today = todayIso()
    const contestedOn = await sentOnOf(tx, row, contested.documentId)

    let newDecision: { id: string; kind: DecisionKind; amountCents: number } | null = null
    let to: ApplicationStatus = row.status
    if (redecides(input.outcome)) {
      const amount = input.amountCents
      if (amount === undefined || !Number.isSafeInteger(amount) || amount < 0)
        throw new DomainError('objection.errors.amountRequired', { field: 'amount' })
      if (amount > requested)
        throw new DomainError('decide.amountAboveRequested', {
          field: 'amount',
          params: { requested: formatMoney(requested) },
        })
      const kind: DecisionKind = amount === 0 ? 'REJECTION' : amount < requested ? 'PARTIAL_AWARD' : 'AWARD'
      if (kind === contested.kind && amount === oldAmount)
        throw new DomainError('objection.errors.nothingChanges', { field: 'amount' })
      await moveMoney(tx, row, user.id, oldAmount, amount)
      await tx.decision.update({ where: { id: contested.id }, data: { state: 'SUPERSEDED' } })
      const created = await tx.decision.create({
        data: {
          applicationId: row.id,
          kind,
          state: 'EFFECTIVE',
          requestedCents: row.requestedCents,
          amountCents: kind === 'REJECTION' ? null : centsToDb(amount),
          reasons,
          fromStatus: row.status,
          proposedById: user.id,
          supersedesId: contested.id,
        },
      })
      newDecision = { id: created.id, kind, amountCents: amount }
      to = kind === 'REJECTION' ? 'REJECTED' : 'AWARDED'
      await tx.application.update({
        where: { id: row.id },
        data: {
          status: to,
          awardedCents: kind === 'REJECTION' ? null : centsToDb(amount),
          decisionReason: reasons,
          decidedAt: new Date(),
        },
      })
    }

    const full = await tx.application.findUniqueOrThrow({
      where: { id: row.id },
      select: {
        reference: true,
        title: true,
        foundation: {
          select: { name: true, kvkNumber: true, street: true, postalCode: true, city: true, contactName: true },
        },
      },
    })
    const signer = await tx.user.findUniqueOrThrow({ where: { id: user.id }, select: { name: true } })
    const hearingOn = input.hearingOn ?? (objection.hearingOn ? isoOf(objection.hearingOn) : undefined)
    const appealDeadline = objectionTermEnd(today)
    const pdf = await objectionLetterPdf({
      lang: 'nl',
      outcome: input.outcome,
      sentOn: today,
      reference: full.reference,
      title: full.title,
      foundation: full.foundation,
      receivedOn: isoOf(objection.receivedOn),
      objectorName: objection.objectorName,
      contestedOn,
      late: objection.late,
      lateReason: lateReason ?? undefined,
      hearingOn,
      reasons,
      newDecision: newDecision
        ? {
            kind: newDecision.kind as 'AWARD' | 'PARTIAL_AWARD' | 'REJECTION',
            amountCents: newDecision.amountCents,
            requestedCents: requested,
          }
        : undefined,
      appealDeadline,
      signers: [{ name: signer.name, role: 'Beoordelaar Buurtbudget' }],
    })
    const filename = newDecision
      ? `besluit-na-bezwaar-${full.reference}.pdf`
      : `beslissing-op-bezwaar-${full.reference}.pdf`
    const kept = await keepDocument(tx, {
      kind: 'OBJECTION_DECISION',
      applicationId: row.id,
      roundId: row.roundId,
      filename,
      data: pdf,
      // A founded objection: the new letter replaces the contested letter in effect; the old one stays.
      supersedesId: newDecision ? (contested.documentId ?? undefined) : undefined,
      createdById: user.id,
    })
    if (newDecision) await tx.decision.update({ where: { id: newDecision.id }, data: { documentId: kept.id } })
    const decided = await tx.objection.update({
      where: { id: objectionId },
      data: {
        outcome: input.outcome,
        outcomeReasons: reasons,
        lateReason,
        hearingOn: hearingOn ? day(hearingOn) : null,
        decidedById: user.id,
        decidedAt: new Date(),
        newDecisionId: newDecision?.id,
        documentId: kept.id,
      },
    })
    await tx.statusChange.create({
      data: {
        applicationId: row.id,
        fromStatus: row.status,
        toStatus: to,
        actorId: user.id,
        reason: reasons,
        data: {
          event: 'objection-decided',
          objectionId,
          outcome: input.outcome,
          contestedDecisionId: contested.id,
          newDecisionId: newDecision?.id ?? null,
          awardedCentsBefore: oldAmount,
          awardedCentsAfter: newDecision ? newDecision.amountCents : oldAmount,
          documentId: kept.id,
          supersedesDocumentId: newDecision ? contested.documentId : null,
        } satisfies Prisma.InputJsonObject,
      },
    })
    for (const r of await foundationRecipients(tx, row.foundationId)) {
      await enqueueMail(tx, {
        template: 'objection-decision',
        to: r.email,
        lang: 'nl',
        data: {
          name: r.name,
          reference: full.reference,
          title: full.title,
          outcome: input.outcome,
          decidedOn: today,
          awardedCents: newDecision && newDecision.kind !== 'REJECTION' ? newDecision.amountCents : undefined,
          appealDeadline,
          url: absoluteUrl(`/aanvragen/${row.id}`),
        },
        attachments: [{ filename, contentType: 'application/pdf', content: pdf }],
      })
    }
    // A grant that came into being by the objection gets its advance, like any award.
    if (newDecision && to === 'AWARDED' && oldAmount === 0) await onDecisionEffective(tx, row.id, user.id)
    return { objection: decided, documentId: kept.id, newDecisionId: newDecision?.id ?? null }
  }, TX_OPTIONS)
}

/**
 * The difference between the old and the new amount, through the ledger only: more is committed from
 * the wijk's available budget (cause AWARD), less is released back to it (cause REVERSAL). Money that
 * is already paid or on its way to the bank cannot be released: that is a recovery after the vaststelling.
 */
async function moveMoney(tx: Tx, row: Locked, actorId: string, oldAmount: number, newAmount: number) {
  const grant = { kind: 'GRANT_COMMITTED', roundId: row.roundId, areaId: row.areaId, applicationId: row.id } as const
  const available = { kind: 'AREA_AVAILABLE', roundId: row.roundId, areaId: row.areaId } as const
  if (newAmount > oldAmount) {
    try {
      await post(tx, {
        from: available,
        to: grant,
        amountCents: newAmount - oldAmount,
        cause: 'AWARD',
        actorId,
        memo: 'Bezwaar gegrond: toekenning verhoogd',
      })
    } catch (error) {
      if (error instanceof InsufficientFundsError)
        throw new DomainError('decide.insufficient', {
          field: 'amount',
          status: 409,
          params: { available: formatMoney(error.balanceCents) },
        })
      throw error
    }
  } else if (newAmount < oldAmount) {
    const balances = await grantBalances(tx, { id: row.id, roundId: row.roundId })
    const free = balances.committed - (await pendingCents(tx, row.id))
    const release = oldAmount - newAmount
    if (release > free)
      throw new DomainError('objection.errors.belowPaid', {
        field: 'amount',
        status: 409,
        params: { minimum: formatMoney(oldAmount - free) },
      })
    await post(tx, {
      from: grant,
      to: available,
      amountCents: release,
      cause: 'REVERSAL',
      actorId,
      memo: 'Bezwaar gegrond: toekenning verlaagd',
    })
  }
}

/** The objections of an application, for the reviewer's page and the foundation's page. */
export async function objectionsOf(applicationId: string) {
  const rows = await prisma.objection.findMany({ where: { applicationId }, orderBy: { registeredAt: 'desc' } })
  const userIds = [...new Set(rows.flatMap((r) => [r.registeredById, r.decidedById]).filter(Boolean))] as string[]
  const users = await prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } })
  const name = (id: string | null) => (id ? (users.find((u) => u.id === id)?.name ?? '') : null)
  return rows.map((r) => ({
    id: r.id,
    receivedOn: isoOf(r.receivedOn),
    objectorName: r.objectorName,
    grounds: r.grounds,
    attachmentId: r.attachmentId,
    termEndsOn: isoOf(r.termEndsOn),
    late: r.late,
    lateReason: r.lateReason,
    hearingOn: r.hearingOn ? isoOf(r.hearingOn) : null,
    registeredBy: name(r.registeredById),
    registeredAt: r.registeredAt.toISOString(),
    outcome: r.outcome,
    outcomeReasons: r.outcomeReasons,
    decidedBy: name(r.decidedById),
    decidedAt: r.decidedAt?.toISOString() ?? null,
    documentId: r.documentId,
  }))
}

/** What the objection page needs: the decision that can be contested, its term, and what the reviewer may do. */
export async function objectionPageState(
  user: Staff,
  application: { id: string; status: ApplicationStatus; areaId: string; foundationId: string; ownerId: string | null },
) {
  const [app, interests, decision, objections, row] = await Promise.all([
    reviewedApplication(prisma, application, user.id),
    interestsOf(prisma, user.id),
    effectiveDecision(prisma, application.id),
    objectionsOf(application.id),
    prisma.application.findUniqueOrThrow({ where: { id: application.id }, select: { decidedAt: true } }),
  ])
  const open = objections.find((o) => o.outcome === null) ?? null
  const sentOn = decision ? await sentOnOf(prisma, row, decision.documentId) : null
  return {
    decision: decision
      ? {
          kind: decision.kind,
          amountCents: decision.amountCents === null ? null : centsFromDb(decision.amountCents),
          sentOn,
          termEndsOn: sentOn ? objectionTermEnd(sentOn) : null,
        }
      : null,
    objections,
    open,
    mayRegister: mayRegisterObjection(
      user,
      app,
      { hasEffectiveDecision: Boolean(decision), openObjection: Boolean(open) },
      interests,
    ),
    mayDecide: open ? mayDecideObjection(user, app, { decided: false }, null, interests) : null,
    mayRedecide: open ? mayDecideObjection(user, app, { decided: false }, 'FOUNDED', interests) : null,
  }
}

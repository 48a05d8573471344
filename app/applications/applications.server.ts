import { prisma, Prisma, type Tx } from '#app/db.server.ts'
import type { SessionUser } from '#app/auth/session.server.ts'
import { todayIso } from '#app/clock.server.ts'
import { centsFromDb, centsToDb } from '#app/money/bigint.ts'
import { enqueueReceipt } from '#app/mail/notifications.server.ts'
import type { MailLang } from '#app/mail/render.ts'
import type { ApplicationInput, DraftInput } from './schema.ts'
import { requestedCents } from './schema.ts'
import { storeAttachment } from './attachments.server.ts'
import { decisionDueOn, resumeClock } from './clock.ts'
import { eligibilityReasons } from './eligibility.ts'
import type { AttachmentKind } from './schema.ts'
import type { ApplicationStatus } from '#app/generated/prisma/enums.ts'
import { assertTransition } from './status.ts'
import { DomainError, notFound } from '#app/domain/errors.ts'
import { assertAllowed } from '#app/domain/verdict.ts'
import { openRound } from '#app/rounds/rounds.server.ts'
import { dateFromIso, isoOrNull } from '#app/domain/dates.ts'
import {
  applicationInScope,
  areaScope,
  foundationScope,
  mayAnswer,
  mayEdit,
  mayRemoveAttachment,
  mayWithdraw,
} from './policy.ts'

type Member = Pick<NonNullable<SessionUser>, 'id' | 'foundationIds'>

/** The wijken the member's foundations serve: the only wijken they can apply for. */
export async function areasForMember(user: Member) {
  return prisma.area.findMany({
    where: areaScope(user),
    orderBy: { name: 'asc' },
    select: { id: true, name: true, code: true },
  })
}

async function foundationForArea(tx: Tx, user: Member, areaId: string) {
  const link = await tx.foundationArea.findFirst({
    where: { areaId, ...foundationScope(user) },
    select: { foundationId: true },
  })
  if (!link) throw new DomainError('errors.applications.notYourArea', { field: 'areaId' })
  return link.foundationId
}

export async function listOwnApplications(user: Member) {
  const rows = await prisma.application.findMany({
    where: foundationScope(user),
    orderBy: [{ updatedAt: 'desc' }],
    select: {
      id: true,
      reference: true,
      title: true,
      status: true,
      requestedCents: true,
      awardedCents: true,
      submittedAt: true,
      area: { select: { name: true } },
      foundation: { select: { name: true } },
      decisionDueOn: true,
      clockStoppedOn: true,
      round: { select: { closesOn: true } },
      infoRequests: { where: { answeredAt: null }, select: { dueOn: true }, orderBy: { askedAt: 'desc' }, take: 1 },
    },
  })
  return rows.map((r) => ({
    ...r,
    requestedCents: centsFromDb(r.requestedCents),
    awardedCents: r.awardedCents === null ? null : centsFromDb(r.awardedCents),
  }))
}

/** One application of the member's own foundation(s); a guessed id of another foundation finds nothing. */
export async function getOwnApplication(user: Member, id: string) {
  const app = await prisma.application.findFirst({
    where: { id, ...foundationScope(user) },
    include: {
      area: { select: { id: true, name: true } },
      foundation: { select: { name: true } },
      budgetLines: { orderBy: { position: 'asc' } },
      statusChanges: { orderBy: { createdAt: 'asc' }, include: { actor: { select: { name: true } } } },
      round: { select: { year: true, opensOn: true, closesOn: true, maxAmountCents: true, advancePercent: true } },
      attachments: { orderBy: { createdAt: 'asc' }, select: ATTACHMENT_META },
      infoRequests: { orderBy: { askedAt: 'asc' } },
    },
  })
  if (!app) return null
  return {
    ...app,
    requestedCents: centsFromDb(app.requestedCents),
    awardedCents: app.awardedCents === null ? null : centsFromDb(app.awardedCents),
    otherIncomeCents: centsFromDb(app.otherIncomeCents),
    budgetLines: app.budgetLines.map((l) => ({ ...l, amountCents: centsFromDb(l.amountCents) })),
    round: {
      ...app.round,
      maxAmountCents: app.round.maxAmountCents === null ? null : centsFromDb(app.round.maxAmountCents),
    },
  }
}

export const ATTACHMENT_META = {
  id: true,
  kind: true,
  filename: true,
  contentType: true,
  sizeBytes: true,
  sha256: true,
  createdAt: true,
  infoRequestId: true,
} as const

/** One attachment of the member's own foundation, with its bytes; a guessed id finds nothing. */
export async function getOwnAttachment(user: Member, applicationId: string, attachmentId: string) {
  return prisma.attachment.findFirst({
    where: { id: attachmentId, applicationId, ...applicationInScope(user) },
    select: { filename: true, contentType: true, data: true },
  })
}

/** Removes an attachment from a draft (never from a submitted application). */
export async function deleteOwnAttachment(user: Member, applicationId: string, attachmentId: string) {
  return prisma.$transaction(async (tx) => {
    const row = await lockOwn(tx, user, applicationId)
    assertAllowed(mayRemoveAttachment(user, row))
    await tx.attachment.deleteMany({ where: { id: attachmentId, applicationId, infoRequestId: null } })
  })
}

const dateOrNull = (value: string | undefined) => (value ? dateFromIso(value) : null)

async function nextReference(tx: Tx, roundId: string, year: number) {
  // Serialise numbering within a round on the round's row; numbers never repeat.
  await tx.$queryRaw`SELECT 1 FROM "BudgetRound" WHERE "id" = ${roundId} FOR UPDATE`
  const count = await tx.application.count({ where: { roundId } })
  return `BB-${year}-${String(count + 1).padStart(4, '0')}`
}

function lineRows(lines: { description: string; amount: number }[]) {
  return lines.map((line, position) => ({
    position,
    description: line.description,
    amountCents: centsToDb(line.amount),
  }))
}

async function writeDraft(tx: Tx, user: Member, round: { id: string; year: number }, input: DraftInput, id?: string) {
  const foundationId = await foundationForArea(tx, user, input.areaId)
  const data = {
    title: input.title,
    category: input.category,
    areaId: input.areaId,
    foundationId,
    description: input.description ?? '',
    startDate: dateOrNull(input.startDate),
    endDate: dateOrNull(input.endDate),
    requestedCents: centsToDb(requestedCents(input.lines, input.otherIncome)),
    location: input.location,
    goal: input.goal,
    targetGroup: input.targetGroup,
    expectedParticipants: input.expectedParticipants ?? null,
    support: input.support,
    ownContribution: input.ownContribution,
    partners: input.partners,
    permits: input.permits,
    otherIncomeCents: centsToDb(input.otherIncome),
    otherIncomeNote: input.otherIncomeNote,
    advancePercent: input.advancePercent ?? null,
    declarationTrue: input.declarationTrue,
    declarationPublish: input.declarationPublish,
  }
  if (!id) {
    const created = await tx.application.create({
      data: {
        ...data,
        roundId: round.id,
        reference: await nextReference(tx, round.id, round.year),
        createdById: user.id,
        budgetLines: { create: lineRows(input.lines) },
      },
    })
    await tx.statusChange.create({ data: { applicationId: created.id, toStatus: 'DRAFT', actorId: user.id } })
    return created
  }
  await tx.budgetLine.deleteMany({ where: { applicationId: id } })
  return tx.application.update({
    where: { id },
    data: { ...data, version: { increment: 1 }, budgetLines: { create: lineRows(input.lines) } },
  })
}

/** Stores the file that came with a save or submit, if any, as a field error when it is refused. */
async function attachUpload(
  tx: Tx,
  user: Member,
  applicationId: string,
  input: { attachment?: File; attachmentKind: AttachmentKind },
) {
  if (!input.attachment || input.attachment.size === 0) return
  await storeAttachment(tx, {
    applicationId,
    kind: input.attachmentKind,
    file: input.attachment,
    uploadedById: user.id,
  })
}

/** Someone else (another tab, another device, a colleague) saved this draft after it was loaded here. */
export class DraftConflictError extends DomainError {
  constructor(readonly currentVersion: number) {
    super('errors.applications.draftConflict', { status: 409 })
  }
}

/** Locks the member's own application row; a guessed id of another foundation is a 404. */
async function lockOwn(tx: Tx, user: Member, id: string) {
  const scope = foundationScope(user).foundationId.in
  const [row] = await tx.$queryRaw<{ id: string; status: ApplicationStatus; version: number; foundationId: string }[]>`
    SELECT "id", "status", "version", "foundationId" FROM "Application" WHERE "id" = ${id} AND "foundationId" = ANY(${scope}) FOR UPDATE`
  if (!row) throw notFound()
  return row
}

async function requireOpenRound() {
  const round = await openRound()
  if (!round) throw new DomainError('errors.applications.noOpenRound', { status: 409 })
  return round
}

/**
 * Creates a draft (id undefined) or updates one. Only drafts of the member's own foundation can change.
 * An existing draft is kept even when its round has closed (nothing typed is ever lost); a new one
 * needs an open round. With `input.version` set, a draft saved elsewhere since is a DraftConflictError.
 */
export async function saveDraft(user: Member, input: DraftInput, id?: string) {
  return prisma.$transaction(async (tx) => {
    let round: { id: string; year: number }
    if (id) {
      const row = await lockOwn(tx, user, id)
      assertAllowed(mayEdit(user, row))
      if (input.version !== undefined && input.version !== row.version) throw new DraftConflictError(row.version)
      round = await tx.budgetRound.findFirstOrThrow({
        where: { applications: { some: { id } } },
        select: { id: true, year: true },
      })
    } else {
      round = await requireOpenRound()
    }
    const app = await writeDraft(tx, user, round, input, id)
    await attachUpload(tx, user, app.id, input)
    return app
  })
}

/**
 * Submits: saves the final content and moves the application to SUBMITTED in one transaction.
 * The row lock makes a double submit (double click, back button, retry) return the first result.
 */
export async function submitApplication(
  user: Member,
  id: string | undefined,
  input: ApplicationInput,
  mailLang: MailLang = 'nl',
) {
  const result = await prisma.$transaction(async (tx) => {
    let round: { id: string; year: number }
    if (id) {
      const row = await lockOwn(tx, user, id)
      // Already submitted (double click, back button, retry): the first submission is the answer.
      if (row.status !== 'DRAFT') return tx.application.findUniqueOrThrow({ where: { id } })
      if (input.version !== undefined && input.version !== row.version) throw new DraftConflictError(row.version)
      round = await tx.budgetRound.findFirstOrThrow({
        where: { applications: { some: { id } } },
        select: { id: true, year: true },
      })
    } else {
      round = await requireOpenRound()
    }
    const draft = await writeDraft(tx, user, round, input, id)
    await attachUpload(tx, user, draft.id, input)
    const today = todayIso()
    const snapshot = await buildSnapshot(tx, draft.id)
    const reasons = eligibilityReasons({
      today,
      round: snapshot.round,
      foundation: { servesArea: snapshot.foundation.servesArea, verified: snapshot.foundation.verified },
      application: {
        category: snapshot.category,
        startDate: snapshot.startDate ?? '',
        endDate: snapshot.endDate ?? '',
        lineCents: snapshot.budgetLines.map((l) => l.amountCents),
        otherIncomeCents: snapshot.otherIncomeCents,
        requestedCents: snapshot.requestedCents,
        advancePercent: snapshot.advancePercent ?? 0,
        declarationTrue: snapshot.declarationTrue,
        declarationPublish: snapshot.declarationPublish,
        attachmentKinds: snapshot.attachments.map((a) => a.kind as AttachmentKind),
      },
    })
    // Not eligible: the draft (with its new attachment) is committed as it is; only the submission is refused.
    if (reasons.length) return new EligibilityError(reasons, draft.id, draft.version)
    assertTransition(draft.status, 'SUBMITTED')
    const dueOn = decisionDueOn(today)
    const submittedAt = new Date()
    const frozen = { ...snapshot, submittedAt: submittedAt.toISOString(), decisionDueOn: dueOn }
    const app = await tx.application.update({
      where: { id: draft.id },
      data: {
        status: 'SUBMITTED',
        submittedAt,
        decisionDueOn: dateFromIso(dueOn),
        snapshot: frozen as Prisma.InputJsonValue,
      },
    })
    await tx.statusChange.create({
      data: {
        applicationId: app.id,
        fromStatus: 'DRAFT',
        toStatus: 'SUBMITTED',
        actorId: user.id,
        data: { requestedCents: centsFromDb(app.requestedCents) } as Prisma.InputJsonValue,
      },
    })
    await enqueueReceipt(tx, { applicationId: app.id, submitterId: user.id, decisionDueOn: dueOn, lang: mailLang })
    return app
  })
  if (result instanceof EligibilityError) throw result
  return result
}

/** The application may not be submitted (yet); the draft is saved. One Dutch reason per problem. */
export class EligibilityError extends DomainError {
  constructor(
    readonly reasons: { field: string | null; message: string }[],
    readonly draftId: string,
    readonly version: number,
  ) {
    super('errors.applications.notComplete', { status: 400 })
  }
}

/**
 * Everything that was submitted, frozen as JSON: what the reviewer judges and the auditor sees later,
 * whatever changes afterwards (the foundation's IBAN, a wijk's name). Amounts in cents.
 */
export async function buildSnapshot(tx: Tx, id: string) {
  const app = await tx.application.findUniqueOrThrow({
    where: { id },
    include: {
      round: true,
      area: { select: { id: true, code: true, name: true } },
      foundation: { include: { areas: { select: { areaId: true } } } },
      budgetLines: { orderBy: { position: 'asc' } },
      attachments: { where: { infoRequestId: null }, orderBy: { createdAt: 'asc' }, select: ATTACHMENT_META },
    },
  })
  const iso = isoOrNull
  const f = app.foundation
  return {
    schema: 1,
    reference: app.reference,
    title: app.title,
    category: app.category,
    area: app.area,
    location: app.location,
    startDate: iso(app.startDate),
    endDate: iso(app.endDate),
    description: app.description,
    goal: app.goal,
    targetGroup: app.targetGroup,
    expectedParticipants: app.expectedParticipants,
    support: app.support,
    ownContribution: app.ownContribution,
    partners: app.partners,
    permits: app.permits,
    budgetLines: app.budgetLines.map((l) => ({ description: l.description, amountCents: centsFromDb(l.amountCents) })),
    totalCents: app.budgetLines.reduce((s, l) => s + centsFromDb(l.amountCents), 0),
    otherIncomeCents: centsFromDb(app.otherIncomeCents),
    otherIncomeNote: app.otherIncomeNote,
    requestedCents: centsFromDb(app.requestedCents),
    advancePercent: app.advancePercent,
    declarationTrue: app.declarationTrue,
    declarationPublish: app.declarationPublish,
    attachments: app.attachments.map((a) => ({
      id: a.id,
      kind: a.kind,
      filename: a.filename,
      contentType: a.contentType,
      sizeBytes: a.sizeBytes,
      sha256: a.sha256,
    })),
    foundation: {
      id: f.id,
      name: f.name,
      kvkNumber: f.kvkNumber,
      iban: f.iban,
      accountHolder: f.accountHolder,
      contactName: f.contactName,
      email: f.email,
      phone: f.phone,
      verified: f.verifiedAt !== null,
      servesArea: f.areas.some((a) => a.areaId === app.areaId),
    },
    round: {
      year: app.round.year,
      opensOn: iso(app.round.opensOn)!,
      closesOn: iso(app.round.closesOn)!,
      maxAmountCents: app.round.maxAmountCents === null ? null : centsFromDb(app.round.maxAmountCents),
      categories: app.round.categories,
      advancePercent: app.round.advancePercent,
    },
  }
}

export type Snapshot = Awaited<ReturnType<typeof buildSnapshot>> & { submittedAt: string; decisionDueOn: string }

/** Withdrawal by the foundation (intrekking), possible until a decision. */
export async function withdrawApplication(user: Member, id: string, reason: string) {
  return prisma.$transaction(async (tx) => {
    const row = await lockOwn(tx, user, id)
    const from = row.status
    assertAllowed(mayWithdraw(user, row))
    assertTransition(from, 'WITHDRAWN')
    await tx.application.update({
      where: { id },
      data: { status: 'WITHDRAWN', withdrawnAt: new Date(), clockStoppedOn: null },
    })
    await tx.statusChange.create({
      data: { applicationId: id, fromStatus: from, toStatus: 'WITHDRAWN', actorId: user.id, reason: reason || null },
    })
  })
}

/**
 * The foundation answers a request for missing information: the answer (and any attachment) is
 * stored, the application is back with the reviewer, and the decision clock runs again from where
 * it stopped (the due date moves by the days it stood still).
 */
export async function answerInformationRequest(
  user: Member,
  id: string,
  input: { answer: string; attachment?: File; attachmentKind: AttachmentKind },
) {
  return prisma.$transaction(async (tx) => {
    const row = await lockOwn(tx, user, id)
    assertAllowed(mayAnswer(user, row))
    assertTransition(row.status, 'SUBMITTED')
    const request = await tx.informationRequest.findFirst({
      where: { applicationId: id, answeredAt: null },
      orderBy: { askedAt: 'desc' },
    })
    const app = await tx.application.findUniqueOrThrow({ where: { id } })
    if (!request) throw new DomainError('errors.applications.noOpenQuestion', { status: 409 })
    if (input.attachment && input.attachment.size > 0) {
      await storeAttachment(tx, {
        applicationId: id,
        infoRequestId: request.id,
        kind: input.attachmentKind,
        file: input.attachment,
        uploadedById: user.id,
      })
    }
    const today = todayIso()
    const iso = isoOrNull
    const due =
      app.decisionDueOn && app.clockStoppedOn
        ? resumeClock(iso(app.decisionDueOn)!, iso(app.clockStoppedOn)!, today)
        : iso(app.decisionDueOn)
    await tx.informationRequest.update({
      where: { id: request.id },
      data: { answer: input.answer, answeredAt: new Date(), answeredById: user.id },
    })
    await tx.application.update({
      where: { id },
      data: { status: 'SUBMITTED', clockStoppedOn: null, decisionDueOn: due ? dateFromIso(due) : null },
    })
    await tx.statusChange.create({
      data: {
        applicationId: id,
        fromStatus: 'INCOMPLETE',
        toStatus: 'SUBMITTED',
        actorId: user.id,
        reason: 'Aanvulling gegeven',
        data: { decisionDueOn: due } as Prisma.InputJsonValue,
      },
    })
  })
}

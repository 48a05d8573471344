import type { ApplicationStatus } from '#app/generated/prisma/enums.ts'
import { no, ok, type Verdict } from '#app/domain/verdict.ts'
import { canTransition } from './status.ts'

/**
 * The rules of a foundation's own applications, by name. Pure: the loaders' queries, the services
 * before they write and the pages (which buttons to show) all ask these.
 */
type Member = { foundationIds: string[] }

/**
 * What a foundation member may see: the applications (and everything under them) of the member's
 * VERIFIED foundations, as a Prisma `where`. Every query of a member's applications starts from it,
 * so a guessed id of another foundation finds nothing.
 */
export function foundationScope(user: Member) {
  return { foundationId: { in: user.foundationIds } }
}

/** The same scope for rows that hang under an application (attachments, requests). */
export function applicationInScope(user: Member) {
  return { application: foundationScope(user) }
}

/** The wijken a member may apply for: those their foundations serve. */
export function areaScope(user: Member) {
  return { foundations: { some: foundationScope(user) } }
}

type Own = { foundationId: string; status: ApplicationStatus }

function own(user: Member, app: { foundationId: string }): Verdict {
  return user.foundationIds.includes(app.foundationId) ? ok : no('errors.notFound', undefined, 404)
}

/** A draft of one's own foundation can change; a submitted application is frozen. */
export function mayEdit(user: Member, app: Own): Verdict {
  const mine = own(user, app)
  if (!mine.ok) return mine
  return app.status === 'DRAFT' ? ok : no('errors.applications.alreadySubmitted', undefined, 409)
}

/** A draft of one's own foundation can be submitted (whether it is complete is eligibility's question). */
export function maySubmit(user: Member, app: Own): Verdict {
  const mine = own(user, app)
  if (!mine.ok) return mine
  return canTransition(app.status, 'SUBMITTED') && app.status === 'DRAFT'
    ? ok
    : no('errors.applications.alreadySubmitted', undefined, 409)
}

/** A foundation withdraws its own application until a decision is made. */
export function mayWithdraw(user: Member, app: Own): Verdict {
  const mine = own(user, app)
  if (!mine.ok) return mine
  return canTransition(app.status, 'WITHDRAWN') ? ok : no('errors.applications.alreadyDecided', undefined, 409)
}

/** A foundation answers the municipality's question while its application waits for that answer. */
export function mayAnswer(user: Member, app: Own): Verdict {
  const mine = own(user, app)
  if (!mine.ok) return mine
  return app.status === 'INCOMPLETE' ? ok : no('errors.applications.noOpenQuestion', undefined, 409)
}

/** Attachments can be removed from a draft only; those of a submitted application are kept. */
export function mayRemoveAttachment(user: Member, app: Own): Verdict {
  const mine = own(user, app)
  if (!mine.ok) return mine
  return app.status === 'DRAFT' ? ok : no('errors.applications.attachmentsKept', undefined, 409)
}

// The rules of the review, each one named predicate that answers ok or no-with-reason (a Verdict).
// The route's guard, the service before it writes, and the page (which buttons it shows) all ask these.
import type { ApplicationStatus, Role } from '#app/generated/prisma/enums.ts'
import { all, no, ok, type Verdict } from '#app/domain/verdict.ts'
import { DECIDABLE } from '#app/applications/status.ts'

export type Staff = {
  id: string
  role: Role
  areaIds: string[]
  /** Foundations the staff member is a (verified) member of. */
  foundationIds: string[]
}

/** What the review knows about a staff member's interests: links to foundations and declarations. */
export type Interests = {
  /** Foundations the staff member is linked to (StaffFoundationLink) or declared an interest in. */
  foundationIds: string[]
  /** Applications the staff member declared an interest in. */
  applicationIds: string[]
}

export type ReviewedApplication = {
  id: string
  areaId: string
  foundationId: string
  status: ApplicationStatus
  ownerId?: string | null
  ownerName?: string | null
  /** The award waiting for a second reviewer, if any. */
  pending?: { proposedById: string } | null
  /** Other reviewers of the wijk without a conflict: who can take over. */
  colleagues?: string[]
}

export const NO_INTERESTS: Interests = { foundationIds: [], applicationIds: [] }

/**
 * Conflict of interest: a member of the foundation, linked to it, or a declared interest in the
 * foundation or in this application.
 */
export function hasConflict(
  user: Staff,
  app: Pick<ReviewedApplication, 'id' | 'foundationId'>,
  interests: Interests = NO_INTERESTS,
): boolean {
  return user.foundationIds.includes(app.foundationId) || interestIn(interests, app)
}

/** Whether links or declarations touch this application: its foundation, or the application itself. */
export function interestIn(interests: Interests, app: { id: string; foundationId: string }): boolean {
  return interests.foundationIds.includes(app.foundationId) || interests.applicationIds.includes(app.id)
}

/** The refusal for a conflict of interest, naming who can take over. Also used for paying and settling. */
export function conflictVerdict(user: Staff, app: ReviewedApplication, interests: Interests = NO_INTERESTS): Verdict {
  if (!hasConflict(user, app, interests)) return ok
  const others = app.colleagues?.filter(Boolean) ?? []
  return others.length ? no('decide.conflict', { others: others.join(', ') }) : no('decide.conflictNobody')
}

function reviewerOfArea(user: Staff, app: ReviewedApplication): Verdict {
  if (user.role !== 'REVIEWER') return no('decide.onlyReviewers')
  if (!user.areaIds.includes(app.areaId)) return no('decide.notYourArea', undefined, 404)
  return ok
}

function notInOthersHands(user: Staff, app: ReviewedApplication): Verdict {
  if (app.ownerId && app.ownerId !== user.id) return no('decide.ownedByOther', { owner: app.ownerName ?? '' }, 409)
  return ok
}

/** Decide (award, partial award, reject) or ask for an aanvulling. */
export function mayDecide(user: Staff, app: ReviewedApplication, interests: Interests = NO_INTERESTS): Verdict {
  return all(
    reviewerOfArea(user, app),
    conflictVerdict(user, app, interests),
    DECIDABLE.includes(app.status) ? ok : no('decide.alreadyDecided', undefined, 409),
    app.pending ? no('decide.awaitingConfirmation', undefined, 409) : ok,
    notInOthersHands(user, app),
  )
}

/** Confirm (or send back) an award that waits for a second reviewer: never the one who proposed it. */
export function mayConfirm(user: Staff, app: ReviewedApplication, interests: Interests = NO_INTERESTS): Verdict {
  return all(
    reviewerOfArea(user, app),
    conflictVerdict(user, app, interests),
    app.pending ? ok : no('decide.nothingToConfirm', undefined, 409),
    app.pending && app.pending.proposedById === user.id ? no('decide.notYourOwn') : ok,
  )
}

/** Take an application in hand (SUBMITTED -> IN_REVIEW, named owner). */
export function mayClaim(user: Staff, app: ReviewedApplication, interests: Interests = NO_INTERESTS): Verdict {
  return all(
    reviewerOfArea(user, app),
    conflictVerdict(user, app, interests),
    // queue: a colleague was first; say who has it (two reviewers claiming at once, issue 10)
    app.ownerId && app.ownerId !== user.id
      ? no('decide.ownedByOther', { owner: app.ownerName ?? '' }, 409)
      : app.status === 'SUBMITTED' && !app.ownerId
        ? ok
        : no('decide.cannotClaim', undefined, 409),
  )
}

/** Release an application one holds (IN_REVIEW -> SUBMITTED). */
export function mayRelease(user: Staff, app: ReviewedApplication): Verdict {
  return all(
    reviewerOfArea(user, app),
    app.status === 'IN_REVIEW' && app.ownerId === user.id ? ok : no('decide.notOwner', undefined, 409),
  )
}

/** Hand an application in review over to another reviewer: administrators only. */
export function mayHandOver(user: Staff, app: ReviewedApplication): Verdict {
  if (user.role !== 'ADMINISTRATOR') return no('decide.onlyAdministrators')
  return app.status === 'IN_REVIEW' || app.status === 'SUBMITTED' ? ok : no('decide.cannotHandOver', undefined, 409)
}

/** The new owner of a hand-over must review the wijk and have no conflict. */
export function mayReceive(target: Staff, app: ReviewedApplication, interests: Interests = NO_INTERESTS): Verdict {
  return all(reviewerOfArea(target, app), conflictVerdict(target, app, interests))
}

/**
 * Not consider the application (buiten behandeling stellen, Awb 4:5): only after an aanvulling that
 * was not answered by its due date.
 */
export function mayDecideNotConsidered(
  user: Staff,
  app: ReviewedApplication,
  openRequest: { dueOn: string } | null,
  today: string,
  interests: Interests = NO_INTERESTS,
): Verdict {
  return all(
    reviewerOfArea(user, app),
    conflictVerdict(user, app, interests),
    app.status === 'INCOMPLETE' && openRequest ? ok : no('decide.noOpenRequest', undefined, 409),
    openRequest && openRequest.dueOn >= today ? no('decide.requestNotOverdue', { dueOn: openRequest.dueOn }, 409) : ok,
    notInOthersHands(user, app),
  )
}

/** Whether an award of this amount needs a second reviewer. */
export function needsSecondReviewer(amountCents: number, thresholdCents: number): boolean {
  return amountCents >= thresholdCents
}

// ---- objection: bezwaar (issue 10 point 8; app/review/objections.server.ts) ----

/** Statuses of an application whose decision can be objected to. */
export const OBJECTABLE: ApplicationStatus[] = ['AWARDED', 'REJECTED', 'REPORT_SUBMITTED', 'SETTLED', 'CLOSED']
/** Statuses in which a founded objection can still replace the decision (no report or settlement yet). */
export const REDECIDABLE: ApplicationStatus[] = ['AWARDED', 'REJECTED']

/** Register an objection: a reviewer of the wijk without a conflict, on a decided application, one open at a time. */
export function mayRegisterObjection(
  user: Staff,
  app: ReviewedApplication,
  state: { hasEffectiveDecision: boolean; openObjection: boolean },
  interests: Interests = NO_INTERESTS,
): Verdict {
  return all(
    reviewerOfArea(user, app),
    conflictVerdict(user, app, interests),
    OBJECTABLE.includes(app.status) && state.hasEffectiveDecision
      ? ok
      : no('objection.errors.notDecided', undefined, 409),
    state.openObjection ? no('objection.errors.alreadyOpen', undefined, 409) : ok,
  )
}

/** Decide on a registered objection: a reviewer of the wijk without a conflict; a founded one only while it can be redecided. */
export function mayDecideObjection(
  user: Staff,
  app: ReviewedApplication,
  objection: { decided: boolean },
  outcome: 'FOUNDED' | 'PARTLY_FOUNDED' | 'UNFOUNDED' | 'INADMISSIBLE' | null,
  interests: Interests = NO_INTERESTS,
): Verdict {
  return all(
    reviewerOfArea(user, app),
    conflictVerdict(user, app, interests),
    objection.decided ? no('objection.errors.alreadyDecided', undefined, 409) : ok,
    (outcome === 'FOUNDED' || outcome === 'PARTLY_FOUNDED') && !REDECIDABLE.includes(app.status)
      ? no('objection.errors.cannotRedecide', undefined, 409)
      : ok,
  )
}

// ---- conflicts: declaring an interest, linking to a foundation (issue 10 point 4) ----

/** Any staff member may declare an interest, with a reason that says what it is (kept forever). */
export function mayDeclareInterest(user: Pick<Staff, 'role'>, reason: string): Verdict {
  if (user.role === 'FOUNDATION_MEMBER') return no('conflicts.onlyStaff')
  return reason.trim().length >= 10 ? ok : no('conflicts.reasonRequired', undefined, 422)
}

/** An administrator confirms a staff member's link to a foundation; never their own. */
export function mayConfirmLink(
  user: Pick<Staff, 'id' | 'role'>,
  link: { userId: string; confirmed: boolean },
): Verdict {
  if (user.role !== 'ADMINISTRATOR') return no('conflicts.onlyAdministratorConfirms')
  if (link.userId === user.id) return no('conflicts.notYourOwnLink')
  return link.confirmed ? no('conflicts.alreadyConfirmed', undefined, 409) : ok
}

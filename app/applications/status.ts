import type { ApplicationStatus } from '#app/generated/prisma/enums.ts'
import { DomainError } from '#app/domain/errors.ts'

/**
 * The lifecycle of an application (Awb title 4.2 in plain words). Only these transitions exist;
 * every domain function checks them with assertTransition before it writes.
 */
export const TRANSITIONS: Record<ApplicationStatus, ApplicationStatus[]> = {
  DRAFT: ['SUBMITTED', 'WITHDRAWN'],
  SUBMITTED: ['IN_REVIEW', 'INCOMPLETE', 'AWARDED', 'REJECTED', 'WITHDRAWN'],
  // INCOMPLETE -> REJECTED: not considered (buiten behandeling, Awb 4:5) after an unanswered aanvulling.
  INCOMPLETE: ['SUBMITTED', 'WITHDRAWN', 'REJECTED'],
  // IN_REVIEW -> SUBMITTED: the owner releases the application (review, issue 10).
  IN_REVIEW: ['SUBMITTED', 'INCOMPLETE', 'AWARDED', 'REJECTED', 'WITHDRAWN'],
  AWARDED: ['REPORT_SUBMITTED'],
  REJECTED: [],
  WITHDRAWN: [],
  REPORT_SUBMITTED: ['SETTLED'],
  SETTLED: ['CLOSED'],
  CLOSED: [],
}

export function canTransition(from: ApplicationStatus, to: ApplicationStatus): boolean {
  return TRANSITIONS[from].includes(to)
}

/** Statuses in which a reviewer can decide. */
export const DECIDABLE: ApplicationStatus[] = ['SUBMITTED', 'IN_REVIEW']
/** Statuses in which payments and expenses can be recorded. */
export const SPENDABLE: ApplicationStatus[] = ['AWARDED', 'REPORT_SUBMITTED']

/**
 * The one check before any write that changes an application's status: throws a DomainError (409,
 * "the state no longer allows it") when the status machine has no such transition.
 */
export function assertTransition(from: ApplicationStatus, to: ApplicationStatus): void {
  if (!canTransition(from, to))
    throw new DomainError('errors.applications.transition', { status: 409, params: { from, to } })
}

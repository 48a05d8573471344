import type { ApplicationStatus } from '#app/generated/prisma/enums.ts'

/**
 * The lifecycle of an application (Awb title 4.2 in plain words). Only these transitions exist;
 * every domain function checks them with assertTransition before it writes.
 */
export const TRANSITIONS: Record<ApplicationStatus, ApplicationStatus[]> = {
  DRAFT: ['SUBMITTED', 'WITHDRAWN'],
  SUBMITTED: ['IN_REVIEW', 'INCOMPLETE', 'AWARDED', 'REJECTED', 'WITHDRAWN'],
  INCOMPLETE: ['SUBMITTED', 'WITHDRAWN'],
  IN_REVIEW: ['INCOMPLETE', 'AWARDED', 'REJECTED', 'WITHDRAWN'],
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

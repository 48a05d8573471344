/**
 * The decision term (beslistermijn): 8 weeks from the day the application is complete. A request for
 * missing information (aanvulling) stops the clock; the answer restarts it, and the due date moves
 * by the number of days it stood still. Dates are calendar days (YYYY-MM-DD, Dutch time).
 */
export const DECISION_TERM_DAYS = 8 * 7

export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

export function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / 86_400_000)
}

/** The due date when submitted today. */
export function decisionDueOn(submittedOn: string): string {
  return addDays(submittedOn, DECISION_TERM_DAYS)
}

/** The due date after the clock stood still from stoppedOn until the answer today. */
export function resumeClock(dueOn: string, stoppedOn: string, answeredOn: string): string {
  return addDays(dueOn, Math.max(0, daysBetween(stoppedOn, answeredOn)))
}

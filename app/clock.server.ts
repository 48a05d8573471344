import { TZDate } from '@date-fns/tz'
import { format } from 'date-fns'

export const TIME_ZONE = 'Europe/Amsterdam'

/**
 * The portal's clock. PORTAL_CLOCK (an ISO date or date-time) fixes "now" for demos and tests, so a
 * round's open/close dates and legal terms can be shown and tested on any day.
 */
export function now(): Date {
  const fixed = process.env.PORTAL_CLOCK
  if (fixed) {
    const date = new Date(fixed.length === 10 ? `${fixed}T12:00:00Z` : fixed)
    if (!Number.isNaN(date.getTime())) return date
  }
  return new Date()
}

/** Today's calendar date in Dutch time, as YYYY-MM-DD. */
export function todayIso(): string {
  return format(new TZDate(now(), TIME_ZONE), 'yyyy-MM-dd')
}

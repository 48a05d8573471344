/**
 * Calendar dates (`YYYY-MM-DD`, no time of day) as the database keeps them: midnight UTC of that day
 * in a DATE column. One pair of helpers, so no boundary writes `new Date(`${iso}T00:00:00Z`)` by hand.
 */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

/** The Date the database stores for a calendar day; throws on anything but `YYYY-MM-DD` of a real day. */
export function dateFromIso(iso: string): Date {
  const date = new Date(`${iso}T00:00:00Z`)
  if (!ISO_DATE.test(iso) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso)
    throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${iso}`)
  return date
}

/** The calendar day (`YYYY-MM-DD`) of a DATE column's value. */
export function isoFromDate(date: Date): string {
  return date.toISOString().slice(0, 10)
}

/** isoFromDate for nullable columns. */
export function isoOrNull(date: Date | null | undefined): string | null {
  return date ? isoFromDate(date) : null
}

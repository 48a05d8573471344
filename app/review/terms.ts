// Legal terms of the review (docs/decisions/0026-legal-terms.md): the decision term (beslistermijn),
// the aanvulling, the objection term (bezwaartermijn) and the report due date, with the Algemene
// termijnenwet. Dates are calendar days in Dutch time, written YYYY-MM-DD; all arithmetic goes
// through date-fns in the Europe/Amsterdam time zone (@date-fns/tz), so DST changes never move a day.
import { tz } from '@date-fns/tz'
import { addDays as addDaysFns, differenceInCalendarDays, format, getDay, parseISO } from 'date-fns'

export const TIME_ZONE = 'Europe/Amsterdam'
const inAmsterdam = tz(TIME_ZONE)

/** A YYYY-MM-DD day as midnight in Amsterdam. */
function day(iso: string) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) throw new RangeError(`Not a date: ${iso}`)
  return parseISO(iso, { in: inAmsterdam })
}
const iso = (d: Date) => format(d, 'yyyy-MM-dd', { in: inAmsterdam })

/** The calendar day in Amsterdam of an instant (e.g. 23:30 UTC on 31 December is already 1 January there). */
export function amsterdamDay(instant: Date): string {
  return format(instant, 'yyyy-MM-dd', { in: inAmsterdam })
}

export function addDays(date: string, days: number): string {
  return iso(addDaysFns(day(date), days, { in: inAmsterdam }))
}

export function daysBetween(from: string, to: string): number {
  return differenceInCalendarDays(day(to), day(from), { in: inAmsterdam })
}

/** Easter Sunday (Gregorian; the anonymous algorithm of Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19
  const b = Math.floor(year / 100)
  const c = year % 100
  const d = Math.floor(b / 4)
  const e = b % 4
  const f = Math.floor((b + 8) / 25)
  const g = Math.floor((b - f + 1) / 3)
  const h = (19 * a + b - d - g + 15) % 30
  const i = Math.floor(c / 4)
  const k = c % 4
  const l = (32 + 2 * e + 2 * i - h - k) % 7
  const m = Math.floor((a + 11 * h + 22 * l) / 451)
  const month = Math.floor((h + l - 7 * m + 114) / 31)
  const dayOfMonth = ((h + l - 7 * m + 114) % 31) + 1
  return `${year}-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`
}

export type Holiday =
  | 'nieuwjaarsdag'
  | 'eerstePaasdag'
  | 'tweedePaasdag'
  | 'koningsdag'
  | 'bevrijdingsdag'
  | 'hemelvaartsdag'
  | 'eerstePinksterdag'
  | 'tweedePinksterdag'
  | 'eersteKerstdag'
  | 'tweedeKerstdag'

/**
 * The general public holidays of the Algemene termijnenwet, art. 3 lid 1: Nieuwjaarsdag, Christelijke
 * tweede Paas- en Pinksterdag, beide Kerstdagen, Hemelvaartsdag, the day the King's birthday is
 * celebrated (27 April, 26 April when the 27th is a Sunday) and 5 mei (every year). Eerste Paas- and
 * Pinksterdag are Sundays anyway; Goede Vrijdag is NOT one.
 */
export function publicHolidays(year: number): Map<string, Holiday> {
  const easter = easterSunday(year)
  const kingsDay = getDay(day(`${year}-04-27`)) === 0 ? `${year}-04-26` : `${year}-04-27`
  return new Map<string, Holiday>([
    [`${year}-01-01`, 'nieuwjaarsdag'],
    [easter, 'eerstePaasdag'],
    [addDays(easter, 1), 'tweedePaasdag'],
    [kingsDay, 'koningsdag'],
    [`${year}-05-05`, 'bevrijdingsdag'],
    [addDays(easter, 39), 'hemelvaartsdag'],
    [addDays(easter, 49), 'eerstePinksterdag'],
    [addDays(easter, 50), 'tweedePinksterdag'],
    [`${year}-12-25`, 'eersteKerstdag'],
    [`${year}-12-26`, 'tweedeKerstdag'],
  ])
}

export function holidayOn(date: string): Holiday | undefined {
  return publicHolidays(Number(date.slice(0, 4))).get(date)
}

/** Not a Saturday, Sunday or general public holiday (Atw art. 1 and 3). */
export function isWorkingDay(date: string): boolean {
  const weekday = getDay(day(date))
  return weekday !== 0 && weekday !== 6 && holidayOn(date) === undefined
}

/**
 * Algemene termijnenwet art. 1: a term that ends on a Saturday, Sunday or general public holiday is
 * extended to the next day that is none of these.
 */
export function atwEnd(date: string): string {
  let d = date
  while (!isWorkingDay(d)) d = addDays(d, 1)
  return d
}

/** Beslistermijn: 8 weeks from the day the application is complete (Awb 4:13, the subsidy rules). */
export const DECISION_TERM_DAYS = 8 * 7

/** The decision due date when the application is complete on `completeOn`. */
export function decisionDueOn(completeOn: string): string {
  return addDays(completeOn, DECISION_TERM_DAYS)
}

/**
 * The aanvulling stops the clock (Awb 4:15): from the day it was asked until the day of the answer
 * the term stands still; the due date moves by those days.
 */
export function resumeClock(dueOn: string, stoppedOn: string, answeredOn: string): string {
  return addDays(dueOn, Math.max(0, daysBetween(stoppedOn, answeredOn)))
}

/** The due date of an aanvulling the reviewer chose, moved by the Atw. */
export function informationDueOn(chosen: string): string {
  return atwEnd(chosen)
}

/** Bezwaartermijn: 6 weeks (Awb 6:7). */
export const OBJECTION_TERM_WEEKS = 6

/**
 * The last day to object: the term starts the day after the decision was sent (Awb 6:8) and lasts
 * 6 weeks, so it ends on the same weekday 6 weeks after sending; then the Atw.
 */
export function objectionTermEnd(sentOn: string): string {
  return atwEnd(addDays(sentOn, OBJECTION_TERM_WEEKS * 7))
}

/** Whether an objection received on `receivedOn` is late (Awb 6:9: sent within the term counts as in time). */
export function objectionIsLate(sentOn: string, receivedOn: string): boolean {
  return receivedOn > objectionTermEnd(sentOn)
}

/** The report (verantwoording) is due the round's number of weeks after the initiative's end date; then the Atw. */
export function reportDueOn(initiativeEnd: string, reportTermWeeks: number): string {
  return atwEnd(addDays(initiativeEnd, reportTermWeeks * 7))
}

/** Days from today until the due date (negative: overdue). */
export function daysLeft(today: string, dueOn: string): number {
  return daysBetween(today, dueOn)
}

/** Warning level of a due date: overdue, due within 14 days, or fine. */
export function urgency(today: string, dueOn: string | null): 'overdue' | 'soon' | 'ok' | 'none' {
  if (!dueOn) return 'none'
  const left = daysLeft(today, dueOn)
  if (left < 0) return 'overdue'
  if (left <= 14) return 'soon'
  return 'ok'
}

import { describe, expect, test } from 'vitest'
import {
  addDays,
  amsterdamDay,
  atwEnd,
  daysBetween,
  decisionDueOn,
  easterSunday,
  holidayOn,
  informationDueOn,
  isWorkingDay,
  objectionIsLate,
  objectionTermEnd,
  publicHolidays,
  reportDueOn,
  resumeClock,
  urgency,
} from './terms.ts'

describe('decision term (beslistermijn)', () => {
  test('8 weeks after the application is complete', () => {
    expect(decisionDueOn('2026-01-15')).toBe('2026-03-12')
  })
  test('an aanvulling pauses the clock by the days it stood still', () => {
    const due = decisionDueOn('2026-01-15')
    expect(resumeClock(due, '2026-02-01', '2026-02-11')).toBe('2026-03-22')
    // answered the same day: no pause
    expect(resumeClock(due, '2026-02-01', '2026-02-01')).toBe(due)
    // two aanvullingen add up
    expect(resumeClock(resumeClock(due, '2026-02-01', '2026-02-11'), '2026-03-01', '2026-03-04')).toBe('2026-03-25')
  })
  test('across the DST changes (29 March and 25 October 2026) no day is lost or gained', () => {
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29')
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30')
    expect(addDays('2026-10-24', 2)).toBe('2026-10-26')
    expect(daysBetween('2026-03-01', '2026-04-01')).toBe(31)
    expect(daysBetween('2026-10-01', '2026-11-01')).toBe(31)
    expect(decisionDueOn('2026-03-01')).toBe('2026-04-26')
  })
  test('over the year end and in leap years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(decisionDueOn('2026-11-20')).toBe('2027-01-15')
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01')
    expect(daysBetween('2028-02-01', '2028-03-01')).toBe(29)
    expect(decisionDueOn('2028-01-10')).toBe('2028-03-06')
  })
  test('the Amsterdam day of an instant, not the UTC day', () => {
    expect(amsterdamDay(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01')
    expect(amsterdamDay(new Date('2026-07-01T22:30:00Z'))).toBe('2026-07-02')
    expect(amsterdamDay(new Date('2026-07-01T21:30:00Z'))).toBe('2026-07-01')
  })
})

describe('public holidays of the Algemene termijnenwet (art. 3)', () => {
  test('Easter in several years', () => {
    expect(easterSunday(2024)).toBe('2024-03-31')
    expect(easterSunday(2025)).toBe('2025-04-20')
    expect(easterSunday(2026)).toBe('2026-04-05')
    expect(easterSunday(2027)).toBe('2027-03-28')
    expect(easterSunday(2038)).toBe('2038-04-25')
    expect(easterSunday(2285)).toBe('2285-03-22')
  })
  test('Tweede Paasdag, Hemelvaartsdag and Pinksteren follow Easter', () => {
    expect(holidayOn('2026-04-06')).toBe('tweedePaasdag')
    expect(holidayOn('2026-05-14')).toBe('hemelvaartsdag')
    expect(holidayOn('2026-05-25')).toBe('tweedePinksterdag')
    expect(holidayOn('2025-04-21')).toBe('tweedePaasdag')
    expect(holidayOn('2025-05-29')).toBe('hemelvaartsdag')
    expect(holidayOn('2025-06-09')).toBe('tweedePinksterdag')
    expect(holidayOn('2027-03-29')).toBe('tweedePaasdag')
    expect(holidayOn('2027-05-06')).toBe('hemelvaartsdag')
    expect(holidayOn('2027-05-17')).toBe('tweedePinksterdag')
  })
  test('Goede Vrijdag is not a holiday under the Atw', () => {
    expect(holidayOn('2026-04-03')).toBeUndefined()
    expect(isWorkingDay('2026-04-03')).toBe(true)
  })
  test('Koningsdag is 27 April, or 26 April when the 27th is a Sunday (2025)', () => {
    expect(holidayOn('2026-04-27')).toBe('koningsdag')
    expect(holidayOn('2025-04-26')).toBe('koningsdag')
    expect(holidayOn('2025-04-27')).toBeUndefined()
  })
  test('5 mei every year, not only in lustrum years', () => {
    expect(holidayOn('2026-05-05')).toBe('bevrijdingsdag')
    expect(holidayOn('2027-05-05')).toBe('bevrijdingsdag')
    expect(holidayOn('2025-05-05')).toBe('bevrijdingsdag')
  })
  test('Nieuwjaarsdag and both Kerstdagen; ten days a year', () => {
    expect(holidayOn('2027-01-01')).toBe('nieuwjaarsdag')
    expect(holidayOn('2026-12-25')).toBe('eersteKerstdag')
    expect(holidayOn('2026-12-26')).toBe('tweedeKerstdag')
    expect(publicHolidays(2026).size).toBe(10)
  })
})

describe('a term ending on a weekend or holiday moves to the next working day', () => {
  test('weekends', () => {
    expect(atwEnd('2026-12-05')).toBe('2026-12-07') // Saturday -> Monday
    expect(atwEnd('2026-12-06')).toBe('2026-12-07') // Sunday -> Monday
    expect(atwEnd('2026-12-07')).toBe('2026-12-07')
  })
  test('holidays, also back to back with a weekend', () => {
    expect(atwEnd('2026-12-25')).toBe('2026-12-28') // Kerst (Fri), Tweede Kerstdag (Sat), Sunday
    expect(atwEnd('2027-01-01')).toBe('2027-01-04') // Nieuwjaarsdag on a Friday
    expect(atwEnd('2026-04-04')).toBe('2026-04-07') // Saturday, Easter, Tweede Paasdag
    expect(atwEnd('2026-05-14')).toBe('2026-05-15') // Hemelvaartsdag
    expect(atwEnd('2026-05-23')).toBe('2026-05-26') // Pinksteren weekend + Tweede Pinksterdag
    expect(atwEnd('2025-04-26')).toBe('2025-04-28') // Koningsdag on a Saturday, then Sunday
    expect(atwEnd('2026-04-27')).toBe('2026-04-28') // Koningsdag on a Monday
    expect(atwEnd('2026-05-05')).toBe('2026-05-06') // Bevrijdingsdag
  })
  test('the objection term: 6 weeks from the day after sending, then the Atw', () => {
    expect(objectionTermEnd('2026-11-26')).toBe('2027-01-07')
    // sent on Friday 13 November 2026: 6 weeks later is Friday 25 December -> Monday 28 December
    expect(objectionTermEnd('2026-11-13')).toBe('2026-12-28')
    expect(objectionIsLate('2026-11-13', '2026-12-28')).toBe(false)
    expect(objectionIsLate('2026-11-13', '2026-12-29')).toBe(true)
  })
  test('the aanvulling due date', () => {
    expect(informationDueOn('2026-12-12')).toBe('2026-12-14')
    expect(informationDueOn('2026-12-10')).toBe('2026-12-10')
  })
  test('the report due date: the initiative end date plus the round term, then the Atw', () => {
    expect(reportDueOn('2026-09-30', 4)).toBe('2026-10-28')
    // end 29 November 2026 + 4 weeks = Sunday 27 December -> Monday 28 December
    expect(reportDueOn('2026-11-29', 4)).toBe('2026-12-28')
    // end 7 April 2027 + 4 weeks = 5 mei (Wednesday), 6 May is Hemelvaartsdag -> Friday 7 May
    expect(reportDueOn('2027-04-07', 4)).toBe('2027-05-07')
  })
})

test('urgency of a due date: overdue, within 14 days, or fine', () => {
  expect(urgency('2026-11-26', '2026-11-25')).toBe('overdue')
  expect(urgency('2026-11-26', '2026-11-26')).toBe('soon')
  expect(urgency('2026-11-26', '2026-12-10')).toBe('soon')
  expect(urgency('2026-11-26', '2026-12-11')).toBe('ok')
  expect(urgency('2026-11-26', null)).toBe('none')
})

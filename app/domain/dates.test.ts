import { describe, expect, it } from 'vitest'
import { dateFromIso, isoFromDate, isoOrNull } from './dates.ts'

describe('calendar dates', () => {
  it('round-trips YYYY-MM-DD through the Date a DATE column holds', () => {
    for (const iso of ['2026-01-01', '2026-02-28', '2028-02-29', '2026-12-31']) {
      expect(dateFromIso(iso).toISOString()).toBe(`${iso}T00:00:00.000Z`)
      expect(isoFromDate(dateFromIso(iso))).toBe(iso)
    }
  })

  it('refuses what is not a real calendar day', () => {
    for (const bad of ['2026-02-30', '2026-13-01', '26-01-01', '2026-1-1', '', '2026-01-01T10:00'])
      expect(() => dateFromIso(bad), bad).toThrow(RangeError)
  })

  it('keeps null as null', () => {
    expect(isoOrNull(null)).toBeNull()
    expect(isoOrNull(undefined)).toBeNull()
    expect(isoOrNull(new Date('2026-05-04T00:00:00Z'))).toBe('2026-05-04')
  })
})

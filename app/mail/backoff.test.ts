import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isDead, retryDelayMs } from './backoff.ts'

const options = { baseMs: 30_000, maxMs: 3_600_000 }

describe('retry delay', () => {
  it('doubles per attempt, between half and all of the exponential delay', () => {
    expect(retryDelayMs(1, options, () => 0)).toBe(15_000)
    expect(retryDelayMs(1, options, () => 1)).toBe(30_000)
    expect(retryDelayMs(2, options, () => 1)).toBe(60_000)
    expect(retryDelayMs(4, options, () => 0.5)).toBe(180_000)
  })

  it('never exceeds the maximum and is never negative, whatever the attempt', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, r) => {
          const delay = retryDelayMs(attempt, options, () => r)
          return delay >= 0 && delay <= options.maxMs
        },
      ),
    )
  })

  it('spreads mails that failed together (jitter)', () => {
    const delays = new Set(Array.from({ length: 50 }, () => retryDelayMs(3, options)))
    expect(delays.size).toBeGreaterThan(40)
  })

  it('dead-letters at the configured number of attempts', () => {
    expect(isDead(9, 10)).toBe(false)
    expect(isDead(10, 10)).toBe(true)
  })
})

import { describe, expect, it } from 'vitest'
import { allocate } from './allocate.ts'
import { explainAllocation, formatBasisPoints, formatPoints } from './explain.ts'

describe('explainAllocation', () => {
  it('gives the numbers of the worked example in allocate.ts', () => {
    const result = allocate({
      potCents: 1_000_000,
      fixedAllowanceCents: 100_000,
      areas: [
        { areaId: 'a', code: 'WK030701', inhabitants: 3000, weightMilli: 1000 },
        { areaId: 'b', code: 'WK030702', inhabitants: 1000, weightMilli: 1500 },
        { areaId: 'c', code: 'WK030703', inhabitants: 1500, weightMilli: 1000 },
      ],
    })
    if (!result.ok) throw new Error(result.error.message)
    const e = explainAllocation(result.lines, 1_000_000, 100_000)
    expect(e).toEqual({
      count: 3,
      fixedTotalCents: 300_000,
      restCents: 700_000,
      totalPointsMilli: 6_000_000,
      centsPerPoint: 117, // 700,000 / 6000 = 116.67 cents
      bounded: 0,
      roundingCents: 0,
      shareBasisPoints: [5000, 2500, 2500],
      freePointsMilli: 6_000_000,
      freeRestCents: 700_000,
      freeCount: 3,
      boundedRestCents: 0,
    })
  })

  it('leaves wijken at a bound out of the euros per point', () => {
    const result = allocate({
      potCents: 1_000_000,
      fixedAllowanceCents: 100_000,
      areas: [
        { areaId: 'a', code: 'WK030701', inhabitants: 3000, weightMilli: 1000, capCents: 400_000 },
        { areaId: 'b', code: 'WK030702', inhabitants: 1000, weightMilli: 1500 },
        { areaId: 'c', code: 'WK030703', inhabitants: 1500, weightMilli: 1000 },
      ],
    })
    if (!result.ok) throw new Error(result.error.message)
    const e = explainAllocation(result.lines, 1_000_000, 100_000)
    expect(e.bounded).toBe(1)
    // The two free wijken share 400,000 cents over 1500 + 1500 points: 133.33 cents per point.
    expect(e.centsPerPoint).toBe(133)
    // Each line is recomputable from what the page shows: the capped wijk is out of the pool, the
    // others' shares are of the free points and add up to 100%, and share x free rest = their part.
    expect(e.shareBasisPoints).toEqual([null, 5000, 5000])
    expect(e.freeRestCents).toBe(400_000)
    expect(e.boundedRestCents + e.freeRestCents).toBe(e.restCents)
    result.lines.forEach((l, i) => {
      const bp = e.shareBasisPoints[i]
      if (bp !== null)
        expect(Math.abs((bp * e.freeRestCents) / 10_000 - (l.proportionalCents + l.roundingCents))).toBeLessThan(
          e.freeRestCents / 10_000,
        )
    })
  })

  it('formats points and percentages the Dutch way', () => {
    expect(formatPoints(18_277_500)).toBe('18.277,5')
    expect(formatPoints(5_775_000)).toBe('5.775')
    expect(formatBasisPoints(1234)).toBe('12,34%')
    expect(formatBasisPoints(5)).toBe('0,05%')
  })
})

import { describe, expect, it } from 'vitest'
import { drawSample, sampleSize, seededRandom, seedFrom, type SampleItem } from './sampling.ts'

const population: SampleItem[] = Array.from({ length: 40 }, (_, i) => ({
  id: `exp-${String(i).padStart(2, '0')}`,
  amountCents: (i + 1) * 1_000,
}))

describe('seeded random numbers', () => {
  it('repeat for the same seed and differ for another', () => {
    const a = seededRandom('2026-kruiskamp')
    const b = seededRandom('2026-kruiskamp')
    const c = seededRandom('2026-kruiskamq')
    const first = Array.from({ length: 5 }, () => a())
    expect(Array.from({ length: 5 }, () => b())).toEqual(first)
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(first)
    for (const x of first) expect(x >= 0 && x < 1).toBe(true)
  })
  it('offers six-digit seeds', () => {
    expect(seedFrom(42)).toBe('000042')
    expect(seedFrom(123_456_789)).toBe('456789')
  })
})

describe('sample size', () => {
  it('is a count capped at the population, or a percentage rounded up', () => {
    expect(sampleSize(40, 'COUNT', 5)).toBe(5)
    expect(sampleSize(40, 'COUNT', 99)).toBe(40)
    expect(sampleSize(40, 'PERCENT', 10)).toBe(4)
    expect(sampleSize(41, 'PERCENT', 10)).toBe(5)
    expect(sampleSize(3, 'PERCENT', 1)).toBe(1)
    expect(sampleSize(0, 'COUNT', 5)).toBe(0)
  })
})

describe('random sampling', () => {
  it('gives the same sample for the same seed, whatever order the population comes in', () => {
    const one = drawSample(population, { seed: '4711', method: 'RANDOM', size: 6 })
    const two = drawSample([...population].reverse(), { seed: '4711', method: 'RANDOM', size: 6 })
    expect(two.ids).toEqual(one.ids)
    expect(one.ids).toHaveLength(6)
    expect(new Set(one.ids).size).toBe(6)
    for (const id of one.ids) expect(population.some((p) => p.id === id)).toBe(true)
  })
  it('gives another sample for another seed', () => {
    const one = drawSample(population, { seed: '4711', method: 'RANDOM', size: 6 })
    const other = drawSample(population, { seed: '4712', method: 'RANDOM', size: 6 })
    expect(other.ids).not.toEqual(one.ids)
  })
  it('draws every expense about equally often over many seeds', () => {
    const counts = new Map<string, number>()
    for (let s = 0; s < 4000; s++)
      for (const id of drawSample(population, { seed: `s${s}`, method: 'RANDOM', size: 4 }).ids)
        counts.set(id, (counts.get(id) ?? 0) + 1)
    // expected 4000 * 4 / 40 = 400 each
    for (const p of population) expect(counts.get(p.id)).toBeGreaterThan(300)
    for (const p of population) expect(counts.get(p.id)).toBeLessThan(500)
  })
})

describe('monetary-unit sampling', () => {
  it('is reproducible and picks the expense holding each selection point', () => {
    const one = drawSample(population, { seed: 'mus-1', method: 'MONETARY_UNIT', size: 5 })
    expect(drawSample([...population].reverse(), { seed: 'mus-1', method: 'MONETARY_UNIT', size: 5 })).toEqual(one)
    const total = population.reduce((s, p) => s + p.amountCents, 0)
    expect(one.intervalCents).toBe(Math.round(total / 5))
    expect(one.startCents).toBeGreaterThanOrEqual(0)
    expect(one.startCents).toBeLessThan(total / 5)
    // Recompute by hand: the cent at start + k * interval lies in the drawn expense.
    const expected: string[] = []
    for (let k = 0; k < 5; k++) {
      const point = one.startCents! + Math.floor((k * total) / 5)
      let cum = 0
      const hit = population.find((p) => (cum += p.amountCents) > point)!
      if (!expected.includes(hit.id)) expected.push(hit.id)
    }
    expect(one.ids).toEqual(expected)
  })
  it('draws an expense larger than the interval for certain, and small ones rarely', () => {
    const skewed: SampleItem[] = [
      { id: 'big', amountCents: 1_000_000 },
      ...Array.from({ length: 20 }, (_, i) => ({ id: `small-${i}`, amountCents: 100 })),
    ]
    let smallHits = 0
    for (let s = 0; s < 200; s++) {
      const r = drawSample(skewed, { seed: String(s), method: 'MONETARY_UNIT', size: 3 })
      expect(r.ids).toContain('big')
      smallHits += r.ids.length - 1
    }
    expect(smallHits).toBeLessThan(20)
  })
  it('ignores expenses of zero or less and draws nothing from an empty population', () => {
    const r = drawSample(
      [
        { id: 'a', amountCents: 0 },
        { id: 'b', amountCents: -500 },
        { id: 'c', amountCents: 700 },
      ],
      { seed: 'x', method: 'MONETARY_UNIT', size: 2 },
    )
    expect(r.ids).toEqual(['c'])
    expect(drawSample([], { seed: 'x', method: 'MONETARY_UNIT', size: 3 }).ids).toEqual([])
  })
})

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { allocate, type AllocationAreaInput, type AllocationInput, type AllocationLine } from './allocate'

const area = (
  code: string,
  inhabitants: number,
  weightMilli = 1000,
  bounds: { floorCents?: number | null; capCents?: number | null } = {},
): AllocationAreaInput => ({ areaId: `id-${code}`, code, inhabitants, weightMilli, ...bounds })

function ok(input: AllocationInput): AllocationLine[] {
  const result = allocate(input)
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`)
  expect(result.totalCents).toBe(input.potCents)
  return result.lines
}

const byCode = (lines: AllocationLine[]) => Object.fromEntries(lines.map((l) => [l.code, l]))

describe('allocate: worked examples (checked by hand)', () => {
  it('the example in the file header: fixed allowance plus shares of 3000/1500/1500 points', () => {
    // P = EUR 10,000, F = EUR 1,000, R = 700,000 cents over 6000 points.
    const lines = ok({
      potCents: 1_000_000,
      fixedAllowanceCents: 100_000,
      areas: [area('WK030701', 3000), area('WK030702', 1000, 1500), area('WK030703', 1500)],
    })
    expect(
      lines.map((l) => [
        l.code,
        l.fixedCents,
        l.proportionalCents,
        l.roundingCents,
        l.totalCents,
        l.bound,
        l.shareExact,
      ]),
    ).toEqual([
      ['WK030701', 100_000, 350_000, 0, 450_000, null, '4500.0000'],
      ['WK030702', 100_000, 175_000, 0, 275_000, null, '2750.0000'],
      ['WK030703', 100_000, 175_000, 0, 275_000, null, '2750.0000'],
    ])
  })

  it('largest remainder with a tie broken by CBS code ascending (not by input order)', () => {
    // P = 401,000, F = 100,000 x 4, R = 1000 cents over 7000 points.
    // 2000 points: 1000 x 2000 / 7000 = 285 5/7 cents; 1000 points: 142 6/7 cents.
    // Whole cents 3 x 285 + 142 = 997, so 3 cents are left over: first WK030701 (6/7), then two
    // of the three tied 5/7 wijken by code: WK030702 and WK030705; WK030709 gets none.
    const lines = ok({
      potCents: 401_000,
      fixedAllowanceCents: 100_000,
      areas: [area('WK030709', 2000), area('WK030705', 1000, 2000), area('WK030701', 1000), area('WK030702', 2000)],
    })
    expect(lines.map((l) => l.code)).toEqual(['WK030709', 'WK030705', 'WK030701', 'WK030702'])
    const c = byCode(lines)
    expect([c.WK030701.proportionalCents, c.WK030701.roundingCents, c.WK030701.totalCents]).toEqual([142, 1, 100_143])
    expect([c.WK030702.proportionalCents, c.WK030702.roundingCents, c.WK030702.totalCents]).toEqual([285, 1, 100_286])
    expect([c.WK030705.proportionalCents, c.WK030705.roundingCents, c.WK030705.totalCents]).toEqual([285, 1, 100_286])
    expect([c.WK030709.proportionalCents, c.WK030709.roundingCents, c.WK030709.totalCents]).toEqual([285, 0, 100_285])
    expect(c.WK030701.shareExact).toBe('1001.4285') // 100,142.857... cents, truncated
    expect(c.WK030709.shareExact).toBe('1002.8571')
  })

  it('the largest fraction wins the left-over cent, whatever its code', () => {
    // R = 10 over 1:2 points: 3 1/3 and 6 2/3; 9 whole cents, the 1 left goes to WK2 (2/3).
    const lines = ok({ potCents: 10, fixedAllowanceCents: 0, areas: [area('WK1', 1), area('WK2', 2)] })
    expect(lines.map((l) => [l.totalCents, l.roundingCents, l.shareExact])).toEqual([
      [3, 0, '0.0333'],
      [7, 1, '0.0666'],
    ])
  })

  it('a cap: the surplus goes to the others in proportion to their points', () => {
    // WK030701 would get 450,000 but is capped at 400,000; its 50,000 surplus is shared 1:1.
    const lines = ok({
      potCents: 1_000_000,
      fixedAllowanceCents: 100_000,
      areas: [
        area('WK030701', 3000, 1000, { capCents: 400_000 }),
        area('WK030702', 1000, 1500),
        area('WK030703', 1500),
      ],
    })
    expect(lines.map((l) => [l.totalCents, l.bound])).toEqual([
      [400_000, 'cap'],
      [300_000, null],
      [300_000, null],
    ])
  })

  it('a floor: the deficit is taken from the others in proportion to their points', () => {
    // WK030703 would get 275,000 but has a floor of 350,000 (proportional part 250,000); the other
    // 450,000 cents are shared 3000:1500.
    const lines = ok({
      potCents: 1_000_000,
      fixedAllowanceCents: 100_000,
      areas: [
        area('WK030701', 3000),
        area('WK030702', 1000, 1500),
        area('WK030703', 1500, 1000, { floorCents: 350_000 }),
      ],
    })
    expect(lines.map((l) => [l.fixedCents, l.proportionalCents, l.totalCents, l.bound])).toEqual([
      [100_000, 300_000, 400_000, null],
      [100_000, 150_000, 250_000, null],
      [100_000, 250_000, 350_000, 'floor'],
    ])
  })

  it('only the larger violation side is fixed per round (a cap lifts a wijk over its floor)', () => {
    // Shares of R = 900 over 1:1:1 are 300 each. A is 200 over its cap of 100, C is 50 under its
    // floor of 350. Fixing A at 100 frees 200, and B and C get 400 each: C is no longer under.
    const lines = ok({
      potCents: 900,
      fixedAllowanceCents: 0,
      areas: [area('A', 1, 1000, { capCents: 100 }), area('B', 1), area('C', 1, 1000, { floorCents: 350 })],
    })
    expect(lines.map((l) => [l.totalCents, l.bound])).toEqual([
      [100, 'cap'],
      [400, null],
      [400, null],
    ])
  })

  it('Nieuwland-like sanity check: EUR 2.57 per inhabitant', () => {
    // 14,440 inhabitants receiving EUR 37,100 (Nieuwland 2024) next to a priority wijk.
    // 14,440 + 2,000 x 1.5 = 17,440 points; a pot of 4,480,776 cents is 256.925 cents per point.
    const lines = ok({
      potCents: 4_480_776,
      fixedAllowanceCents: 0,
      areas: [area('WK030712', 14_440), area('WK030799', 2000, 1500)],
    })
    expect(Math.abs(lines[0].totalCents - 3_710_000)).toBeLessThanOrEqual(1)
    expect(Math.round(lines[0].totalCents / 14_440)).toBe(257)
  })

  it('zero total weight: the rest is shared equally', () => {
    const lines = ok({
      potCents: 1000,
      fixedAllowanceCents: 100,
      areas: [area('WK2', 0), area('WK1', 0), area('WK3', 10, 0)],
    })
    // R = 700, 233 1/3 each, one cent left over goes to WK1 (lowest code).
    expect(lines.map((l) => [l.code, l.totalCents, l.roundingCents])).toEqual([
      ['WK2', 333, 0],
      ['WK1', 334, 1],
      ['WK3', 333, 0],
    ])
  })

  it('wijken without points get only F (and their floor), unless all others are capped', () => {
    const normal = ok({
      potCents: 1000,
      fixedAllowanceCents: 100,
      areas: [area('A', 10), area('B', 0), area('C', 0, 1000, { floorCents: 150 })],
    })
    expect(normal.map((l) => l.totalCents)).toEqual([750, 100, 150])
    const capped = ok({
      potCents: 1000,
      fixedAllowanceCents: 100,
      areas: [area('A', 10, 1000, { capCents: 300 }), area('B', 0), area('C', 0, 1000, { floorCents: 150 })],
    })
    // A stops at 300; the 500 left of R is shared equally by B and C (250 each on top of F).
    expect(capped.map((l) => [l.totalCents, l.bound])).toEqual([
      [300, 'cap'],
      [350, null],
      [350, null],
    ])
  })

  it('pot exactly the fixed allowances: everyone gets F, nobody a rounding cent', () => {
    const lines = ok({ potCents: 300, fixedAllowanceCents: 100, areas: [area('A', 5), area('B', 7), area('C', 0)] })
    expect(lines.map((l) => [l.totalCents, l.proportionalCents, l.roundingCents])).toEqual([
      [100, 0, 0],
      [100, 0, 0],
      [100, 0, 0],
    ])
  })

  it('a floor below F or a cap above the pot is no constraint', () => {
    const lines = ok({
      potCents: 1000,
      fixedAllowanceCents: 100,
      areas: [area('A', 1, 1000, { floorCents: 50 }), area('B', 1, 1000, { capCents: 5000 })],
    })
    expect(lines.map((l) => [l.totalCents, l.bound])).toEqual([
      [500, null],
      [500, null],
    ])
  })
})

describe('allocate: refusals', () => {
  const err = (input: AllocationInput) => {
    const result = allocate(input)
    if (result.ok) throw new Error('expected an error')
    return result.error
  }
  it('no areas', () => {
    expect(err({ potCents: 100, fixedAllowanceCents: 0, areas: [] }).code).toBe('no_areas')
  })
  it('pot too small for the fixed allowances', () => {
    const e = err({ potCents: 299, fixedAllowanceCents: 100, areas: [area('A', 1), area('B', 1), area('C', 1)] })
    expect(e.code).toBe('pot_too_small_for_fixed')
    expect(e.message).toContain('€')
  })
  it('floor above cap names the wijken', () => {
    const e = err({
      potCents: 1000,
      fixedAllowanceCents: 0,
      areas: [area('WK030702', 1, 1000, { floorCents: 10, capCents: 9 }), area('WK030701', 1)],
    })
    expect(e).toEqual({ code: 'floor_above_cap', message: expect.stringContaining('WK030702') })
  })
  it('a cap below the fixed allowance is a floor above the cap', () => {
    const e = err({ potCents: 1000, fixedAllowanceCents: 100, areas: [area('WK1', 1, 1000, { capCents: 99 })] })
    expect(e.code).toBe('floor_above_cap')
    expect(e.message).toContain('WK1')
  })
  it('floors exceeding the pot', () => {
    const e = err({
      potCents: 1000,
      fixedAllowanceCents: 100,
      areas: [area('WK1', 1, 1000, { floorCents: 600 }), area('WK2', 1, 1000, { floorCents: 401 }), area('WK3', 1)],
    })
    expect(e.code).toBe('floors_exceed_pot')
    expect(e.message).toContain('WK1 en WK2')
    expect(e.message).not.toContain('WK3')
  })
  it('caps below the pot (only when every wijk has a cap)', () => {
    const input = {
      potCents: 1000,
      fixedAllowanceCents: 0,
      areas: [area('WK1', 1, 1000, { capCents: 500 }), area('WK2', 1, 1000, { capCents: 499 })],
    }
    expect(err(input).code).toBe('caps_below_pot')
    expect(ok({ ...input, potCents: 999 }).map((l) => l.totalCents)).toEqual([500, 499])
  })
  it.each([
    ['negative pot', { potCents: -1, fixedAllowanceCents: 0, areas: [area('A', 1)] }],
    ['fractional pot', { potCents: 1.5, fixedAllowanceCents: 0, areas: [area('A', 1)] }],
    ['unsafe pot', { potCents: 2 ** 53, fixedAllowanceCents: 0, areas: [area('A', 1)] }],
    ['negative fixed', { potCents: 1, fixedAllowanceCents: -1, areas: [area('A', 1)] }],
    ['negative inhabitants', { potCents: 1, fixedAllowanceCents: 0, areas: [area('A', -1)] }],
    ['fractional weight', { potCents: 1, fixedAllowanceCents: 0, areas: [area('A', 1, 1.5)] }],
    ['negative weight', { potCents: 1, fixedAllowanceCents: 0, areas: [area('A', 1, -1)] }],
    ['NaN floor', { potCents: 1, fixedAllowanceCents: 0, areas: [area('A', 1, 1, { floorCents: Number.NaN })] }],
    ['negative cap', { potCents: 1, fixedAllowanceCents: 0, areas: [area('A', 1, 1, { capCents: -5 })] }],
    [
      'duplicate code',
      { potCents: 1, fixedAllowanceCents: 0, areas: [area('A', 1), { ...area('A', 2), areaId: 'x' }] },
    ],
    [
      'duplicate id',
      { potCents: 1, fixedAllowanceCents: 0, areas: [area('A', 1), { ...area('B', 2), areaId: 'id-A' }] },
    ],
    ['empty code', { potCents: 1, fixedAllowanceCents: 0, areas: [area('', 1)] }],
  ])('invalid input: %s', (_name, input) => {
    expect(err(input as AllocationInput).code).toBe('invalid_input')
  })
})

// ---------------------------------------------------------------------------------------------
// Property tests
// ---------------------------------------------------------------------------------------------

type RawArea = {
  inhabitants: number
  weightMilli: number
  floorPermille: number | null
  capPermille: number | null
  invert: boolean
}
type RawRound = {
  pot: number
  fixedPermille: number
  allFloors: boolean
  allCaps: boolean
  areas: RawArea[]
}

const inhabitantsArb = fc.oneof(
  { arbitrary: fc.constant(0), weight: 1 },
  { arbitrary: fc.integer({ min: 0, max: 50 }), weight: 2 },
  { arbitrary: fc.integer({ min: 0, max: 200_000 }), weight: 6 },
)
const weightArb = fc.oneof(
  { arbitrary: fc.constant(0), weight: 1 },
  { arbitrary: fc.constantFrom(1000, 1500), weight: 3 },
  { arbitrary: fc.integer({ min: 0, max: 5000 }), weight: 4 },
)
const rawAreaArb = (bounds: boolean): fc.Arbitrary<RawArea> =>
  fc.record({
    inhabitants: inhabitantsArb,
    weightMilli: weightArb,
    floorPermille: bounds ? fc.option(fc.integer({ min: 0, max: 2500 }), { freq: 3 }) : fc.constant(null),
    capPermille: bounds ? fc.option(fc.integer({ min: 0, max: 4000 }), { freq: 3 }) : fc.constant(null),
    invert: bounds ? fc.integer({ min: 0, max: 199 }).map((x) => x === 0) : fc.constant(false),
  })

const countArb = (max: number) =>
  fc.oneof(
    { arbitrary: fc.integer({ min: 1, max: 4 }), weight: 10 },
    { arbitrary: fc.integer({ min: 5, max: 40 }), weight: 6 },
    { arbitrary: fc.integer({ min: 41, max: 300 }), weight: 2 },
    { arbitrary: fc.integer({ min: Math.max(1, max - 500), max }), weight: 1 },
  )

const roundArb = (opts: { bounds: boolean; maxAreas?: number; count?: fc.Arbitrary<number> }) =>
  (opts.count ?? countArb(opts.maxAreas ?? 2000)).chain((n) =>
    fc.record({
      pot: fc.oneof(
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10_000_000_000 }),
      ),
      fixedPermille: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 900, max: 1100 })),
      allFloors: opts.bounds ? fc.boolean() : fc.constant(false),
      allCaps: opts.bounds ? fc.boolean() : fc.constant(false),
      areas: fc.array(rawAreaArb(opts.bounds), { minLength: n, maxLength: n }),
    }),
  )

/** Turns a raw round into an input; floors and caps are scaled to the average share. */
function toInput(raw: RawRound): AllocationInput {
  const k = raw.areas.length
  const F = Math.floor((Math.floor(raw.pot / k) * raw.fixedPermille) / 1000)
  const avg = Math.max(0, Math.floor((raw.pot - F * k) / k))
  return {
    potCents: raw.pot,
    fixedAllowanceCents: F,
    areas: raw.areas.map((a, i) => {
      const floorPermille = a.floorPermille ?? (raw.allFloors ? 500 + ((i * 37) % 700) : null)
      const capPermille = a.capPermille ?? (raw.allCaps ? 800 + ((i * 53) % 900) : null)
      const floorCents = floorPermille == null ? null : F + Math.floor((avg * floorPermille) / 1000)
      let capCents = capPermille == null ? null : (floorCents ?? F) + Math.floor((avg * capPermille) / 1000)
      if (a.invert && floorCents != null) capCents = Math.max(0, floorCents - 1)
      return {
        areaId: `area-${i}`,
        code: `WK${String(i).padStart(6, '0')}`,
        inhabitants: a.inhabitants,
        weightMilli: a.weightMilli,
        floorCents,
        capCents,
      }
    }),
  }
}

/** The refusal we expect, computed directly from the definitions. */
function expectedError(input: AllocationInput): string | null {
  const { potCents: P, fixedAllowanceCents: F, areas } = input
  if (areas.length === 0) return 'no_areas'
  if (F * areas.length > P) return 'pot_too_small_for_fixed'
  if (
    areas.some((a) => a.capCents != null && (a.capCents < F || (a.floorCents != null && a.floorCents > a.capCents)))
  ) {
    return 'floor_above_cap'
  }
  const least = areas.reduce((s, a) => s + Math.max(F, a.floorCents ?? 0), 0)
  if (least > P) return 'floors_exceed_pot'
  if (areas.every((a) => a.capCents != null) && areas.reduce((s, a) => s + (a.capCents as number), 0) < P) {
    return 'caps_below_pot'
  }
  return null
}

const points = (a: AllocationAreaInput) => BigInt(a.inhabitants) * BigInt(a.weightMilli)

/** All the invariants of a successful allocation. */
function checkAllocation(input: AllocationInput, lines: AllocationLine[]): void {
  // Plain checks collected in a list, one expect at the end: expect() per wijk is too slow for
  // thousands of runs with up to 2,000 wijken.
  const problems: string[] = []
  const F = input.fixedAllowanceCents
  expect(lines.length).toBe(input.areas.length)
  let sum = 0
  // Fairness: with x = total - F (rounded) and exact y, a wijk a below its cap has
  // y_a / v_a >= lambda, a wijk b above its floor has y_b / v_b <= lambda, and rounding moves
  // less than one cent, so (x_a + 1) / v_a > (x_b - 1) / v_b. Checked as min > max in O(k).
  let minUp: [bigint, bigint] | null = null // smallest (x_a + 1) / v_a over a below cap
  let maxDown: [bigint, bigint] | null = null // largest (x_b - 1) / v_b over b above floor
  const anyWeightedBelowCap = input.areas.some(
    (a, i) => points(a) > 0n && (a.capCents == null || lines[i].totalCents < a.capCents),
  )
  input.areas.forEach((a, i) => {
    const l = lines[i]
    const fail = (what: string) => problems.push(`${a.code}: ${what} ${JSON.stringify(l)}`)
    if (l.areaId !== a.areaId || l.code !== a.code) fail('not in input order')
    if (l.fixedCents !== F) fail('fixedCents is not F')
    if (l.totalCents !== l.fixedCents + l.proportionalCents + l.roundingCents) fail('parts do not add up')
    if (l.proportionalCents < 0) fail('negative proportional part')
    if (l.roundingCents !== 0 && l.roundingCents !== 1) fail('rounding not 0 or 1')
    const lo = Math.max(F, a.floorCents ?? 0)
    if (l.totalCents < lo) fail(`below floor ${lo}`)
    if (a.capCents != null && l.totalCents > a.capCents) fail(`above cap ${a.capCents}`)
    if (l.bound === 'floor' && l.totalCents !== a.floorCents) fail('bound floor but not at floor')
    if (l.bound === 'cap' && l.totalCents !== a.capCents) fail('bound cap but not at cap')
    if (l.roundingCents === 1 && l.bound !== null) fail('rounding cent at a bound')
    // shareExact (euros, 4 decimals, truncated) is less than a cent from the total (1 cent is
    // 100 ten-thousandths of a euro): at or above it without a rounding cent, below it with one.
    if (!/^[0-9]+\.[0-9]{4}$/.test(l.shareExact)) fail('shareExact format')
    const exact = BigInt(l.shareExact.replace('.', ''))
    const total = BigInt(l.totalCents) * 100n
    if (l.roundingCents === 0 ? !(exact >= total && exact < total + 100n) : !(exact >= total - 100n && exact < total)) {
      fail('shareExact more than a cent away')
    }
    if (l.bound !== null && exact !== total) fail('shareExact not the bound')
    sum += l.totalCents

    const v = anyWeightedBelowCap ? points(a) : points(a) === 0n ? 1n : 0n
    const x = BigInt(l.totalCents - F)
    if (v === 0n) {
      // No weight points (while others can still take money): exactly the floor.
      if (anyWeightedBelowCap && l.totalCents !== lo) fail('no points but more than its floor')
      return
    }
    if (a.capCents == null || l.totalCents < a.capCents) {
      if (minUp === null || (x + 1n) * minUp[1] < minUp[0] * v) minUp = [x + 1n, v]
    }
    if (l.totalCents > lo) {
      if (maxDown === null || (x - 1n) * maxDown[1] > maxDown[0] * v) maxDown = [x - 1n, v]
    }
  })
  // Largest remainder: every wijk that got a left-over cent had a fraction at least as large as
  // every free wijk that did not (compared on shareExact, truncated to 1/100 cent, which keeps
  // the order).
  const fractionOf = (l: AllocationLine) => Number(BigInt(l.shareExact.replace('.', '')) % 100n)
  const free = lines.filter((l) => l.bound === null)
  const withCent = free.filter((l) => l.roundingCents === 1).map(fractionOf)
  const withoutCent = free.filter((l) => l.roundingCents === 0).map(fractionOf)
  if (withCent.length > 0 && withoutCent.length > 0 && Math.min(...withCent) < Math.max(...withoutCent)) {
    problems.push('a left-over cent went to a smaller fraction')
  }
  if (minUp !== null && maxDown !== null) {
    const [un, ud] = minUp as [bigint, bigint]
    const [dn, dd] = maxDown as [bigint, bigint]
    if (!(un * dd > dn * ud)) problems.push(`not proportional: ${un}/${ud} <= ${dn}/${dd}`)
  }
  if (sum !== input.potCents) problems.push(`sum ${sum} is not the pot ${input.potCents}`)
  expect(problems.slice(0, 5)).toEqual([])
}

/** Independent reference for rounds without floors and caps: the textbook formula. */
function referenceWithoutBounds(input: AllocationInput): number[] {
  const k = input.areas.length
  const R = BigInt(input.potCents - input.fixedAllowanceCents * k)
  const totalPoints = input.areas.reduce((s, a) => s + points(a), 0n)
  const v = input.areas.map((a) => (totalPoints === 0n ? 1n : points(a)))
  const V = totalPoints === 0n ? BigInt(k) : totalPoints
  const whole = v.map((x) => (R * x) / V)
  const rest = v.map((x) => (R * x) % V)
  let left = Number(R - whole.reduce((s, x) => s + x, 0n))
  const order = input.areas
    .map((a, i) => i)
    .sort((i, j) =>
      rest[i] !== rest[j] ? (rest[i] > rest[j] ? -1 : 1) : input.areas[i].code < input.areas[j].code ? -1 : 1,
    )
  const extra = new Array<number>(k).fill(0)
  for (const i of order) if (left-- > 0) extra[i] = 1
  return whole.map((x, i) => input.fixedAllowanceCents + Number(x) + extra[i])
}

function shuffle<T>(xs: T[], seed: number): T[] {
  const out = [...xs]
  let s = seed >>> 0 || 1
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1_103_515_245) + 12_345) >>> 0
    const j = s % (i + 1)
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}

describe('allocate: properties', () => {
  it('without bounds: always ok when the pot covers F, sums to the pot, fair within a cent', () => {
    fc.assert(
      fc.property(roundArb({ bounds: false }), (raw) => {
        const input = toInput(raw)
        const result = allocate(input)
        const expected = expectedError(input)
        if (expected !== null) {
          expect(result.ok ? null : result.error.code).toBe(expected)
          return
        }
        expect(result.ok).toBe(true)
        if (!result.ok) return
        checkAllocation(input, result.lines)
        expect(result.lines.map((l) => l.totalCents)).toEqual(referenceWithoutBounds(input))
      }),
      { numRuns: 2_000 },
    )
  })

  it('with floors and caps: refused exactly when infeasible, else sums to the pot within the bounds', () => {
    fc.assert(
      fc.property(roundArb({ bounds: true }), (raw) => {
        const input = toInput(raw)
        const result = allocate(input)
        const expected = expectedError(input)
        expect(result.ok ? null : result.error.code).toBe(expected)
        if (result.ok) checkAllocation(input, result.lines)
      }),
      { numRuns: 6_000 },
    )
  })

  it('near 2,000 wijken, with and without bounds', () => {
    fc.assert(
      fc.property(
        fc.boolean().chain((bounds) => roundArb({ bounds, count: fc.integer({ min: 1900, max: 2000 }) })),
        (raw) => {
          const input = toInput(raw)
          const result = allocate(input)
          expect(result.ok ? null : result.error.code).toBe(expectedError(input))
          if (result.ok) checkAllocation(input, result.lines)
        },
      ),
      // endOnFailure: shrinking 2,000-wijk rounds takes very long; smaller runs shrink instead.
      { numRuns: 60, endOnFailure: true },
    )
  })

  it('small rounds (few wijken, few cents) are where rounding and bounds meet: many runs', () => {
    const small = roundArb({ bounds: true, count: fc.integer({ min: 1, max: 6 }) }).map((raw) => ({
      ...raw,
      pot: raw.pot % 2000,
      areas: raw.areas.map((a) => ({ ...a, inhabitants: a.inhabitants % 20, weightMilli: a.weightMilli % 3000 })),
    }))
    fc.assert(
      fc.property(small, fc.nat(), fc.boolean(), fc.integer({ min: 1, max: 5 }), (raw, pick, raiseWeight, delta) => {
        const input = toInput(raw)
        const before = allocate(input)
        expect(before.ok ? null : before.error.code).toBe(expectedError(input))
        if (!before.ok) return
        checkAllocation(input, before.lines)
        const reversed = allocate({ ...input, areas: [...input.areas].reverse() })
        expect(reversed.ok && reversed.lines.reverse()).toEqual(before.lines)
        const i = pick % input.areas.length
        const areas = input.areas.map((a, j) =>
          j !== i
            ? a
            : raiseWeight
              ? { ...a, weightMilli: a.weightMilli + delta }
              : { ...a, inhabitants: a.inhabitants + delta },
        )
        const after = allocate({ ...input, areas })
        expect(after.ok).toBe(true)
        if (after.ok) expect(after.lines[i].totalCents).toBeGreaterThanOrEqual(before.lines[i].totalCents)
      }),
      { numRuns: 20_000 },
    )
  })

  for (const bounds of [false, true]) {
    it(`raising one wijk's weight or inhabitants never lowers its amount (${bounds ? 'with' : 'without'} floors/caps)`, () => {
      fc.assert(
        fc.property(
          roundArb({ bounds, maxAreas: 400 }),
          fc.nat(),
          fc.boolean(),
          fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 200_000 })),
          (raw, pick, raiseWeight, delta) => {
            const input = toInput(raw)
            const before = allocate(input)
            if (!before.ok) return
            const i = pick % input.areas.length
            const areas = input.areas.map((a, j) =>
              j !== i
                ? a
                : raiseWeight
                  ? { ...a, weightMilli: a.weightMilli + (delta % 5000) + 1 }
                  : { ...a, inhabitants: a.inhabitants + delta },
            )
            const after = allocate({ ...input, areas })
            expect(after.ok).toBe(true)
            if (!after.ok) return
            expect(after.lines[i].totalCents).toBeGreaterThanOrEqual(before.lines[i].totalCents)
          },
        ),
        { numRuns: bounds ? 6_000 : 3_000 },
      )
    })
  }

  it('an infeasible setting is refused with a clear Dutch message that names the wijken or amounts concerned', () => {
    fc.assert(
      fc.property(roundArb({ bounds: true, maxAreas: 300 }), (raw) => {
        const input = toInput(raw)
        const result = allocate(input)
        if (result.ok) return
        const { code, message } = result.error
        expect(message.length).toBeGreaterThan(20)
        expect(message).not.toMatch(/undefined|NaN|null|\[object/)
        if (code === 'floor_above_cap' || code === 'floors_exceed_pot' || code === 'caps_below_pot') {
          // Names at least one wijk that causes it, by CBS code.
          expect(message).toMatch(/WK\d{6}/)
        }
        if (code !== 'no_areas' && code !== 'floor_above_cap') expect(message).toContain('€')
      }),
      { numRuns: 3_000 },
    )
  })

  it('identical input gives identical output; input order does not matter', () => {
    fc.assert(
      fc.property(roundArb({ bounds: true, maxAreas: 1000 }), fc.integer(), (raw, seed) => {
        const input = toInput(raw)
        const first = allocate(input)
        expect(allocate(structuredClone(input))).toEqual(first)
        const shuffled = { ...input, areas: shuffle(input.areas, seed) }
        const second = allocate(shuffled)
        if (!first.ok || !second.ok) {
          expect(second.ok).toBe(first.ok)
          if (!first.ok && !second.ok) expect(second.error.code).toBe(first.error.code)
          return
        }
        expect(second.lines.map((l) => l.areaId)).toEqual(shuffled.areas.map((a) => a.areaId))
        const byId = new Map(first.lines.map((l) => [l.areaId, l]))
        for (const l of second.lines) expect(l).toEqual(byId.get(l.areaId))
      }),
      { numRuns: 2_000 },
    )
  })
})

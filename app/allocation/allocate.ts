/**
 * The allocation ("verdeling") of a budget round's pot over the wijken.
 *
 * This is the heart of the buurtbudget scheme. It is pure: numbers in, numbers out, no I/O.
 * All amounts are integer euro cents; every calculation is exact (BigInt, fractions kept as
 * numerator/denominator), so the same input always gives the same cents on every machine.
 *
 * In plain words, for a pot P, a fixed allowance F and k wijken taking part:
 *
 * 1. Fixed allowance. Every wijk first gets F (running costs of its foundation). What is left,
 *    R = P - F x k, is the part that is shared out. If P < F x k the round cannot be allocated.
 *
 * 2. Proportional share. R is shared in proportion to each wijk's "weight points":
 *    inhabitants x weight. The weight is given in thousandths (weightMilli 1500 = weight 1.5,
 *    e.g. a priority wijk), so weight points are whole numbers and the share of a wijk is the
 *    exact fraction R x points / (sum of all points).
 *    If no wijk has any weight points (all inhabitants or all weights are 0), R is shared
 *    equally instead: we never divide by zero.
 *
 * 3. Floors and caps (optional, per wijk). A floor is the least a wijk should get, a cap the most;
 *    both are about the wijk's TOTAL amount, fixed allowance included. We work them out by
 *    repeated clamping:
 *      a. share the money that is still free over the wijken that are still free, as in step 2;
 *      b. add up how much the wijken above their cap are over it ("too much") and how much the
 *         wijken below their floor are under it ("too little");
 *      c. nothing too much or too little: done. Otherwise, if "too much" is larger, set every
 *         wijk that is above its cap to exactly its cap; if "too little" is larger, set every wijk
 *         below its floor to exactly its floor (if equal, do both). Those wijken are now fixed;
 *         take their amounts out of the free money and go back to a. with the others.
 *    Every round fixes at least one wijk, so this ends. Only fixing the larger side each time is
 *    what makes it correct: e.g. when capping frees more money than the floors need, the extra
 *    money lifts everybody else, so the wijken that were above their cap stay above it, while a
 *    wijk that was just under its floor may well end up above it once the money is shared again.
 *    The result is the one and only split in which every wijk gets "its proportional share,
 *    raised to its floor or lowered to its cap", with the same euros per weight point for every
 *    wijk that is not at a bound. (Wijken with 0 weight points get their floor, or more only when
 *    all wijken with weight points are at their cap: then the rest is shared equally over them.)
 *
 * 4. Cents (largest-remainder method). The exact shares are fractions of a cent. Every wijk first
 *    gets the whole cents of its exact share. The cents left over (fewer than the number of wijken
 *    with a fraction) go one each to the wijken with the largest fractions; equal fractions are
 *    ordered by CBS code, ascending (WK030701 before WK030702). So the parts add up to exactly P.
 *    A wijk held at its floor or cap has a whole number of cents and no fraction, so it never gets
 *    a rounding cent: it gets exactly its bound. A wijk with a fraction is strictly between its
 *    floor and cap, so its one extra cent can never take it over its cap.
 *
 * Example (pot EUR 10,000.00, F = EUR 1,000.00, three wijken, no floors or caps):
 *   WK030701  3000 inhabitants x 1.0 = 3000 points
 *   WK030702  1000 inhabitants x 1.5 = 1500 points
 *   WK030703  1500 inhabitants x 1.0 = 1500 points            total 6000 points
 *   R = 1,000,000 - 3 x 100,000 = 700,000 cents, so 700,000 / 6000 = 116.67 cents per point:
 *   350,000 + 175,000 + 175,000 cents, and every wijk gets F on top.
 *
 * Good properties (checked by the property tests in allocate.test.ts): the parts always add up to
 * P; nobody is below its floor or above its cap; giving a wijk more inhabitants or a higher
 * weight never gives it less money; the order of the wijken in the input does not matter.
 */
import { formatMoney } from '../money/money'

export type AllocationAreaInput = {
  areaId: string
  /** CBS wijk code, e.g. "WK030701"; unique within the round; breaks rounding ties. */
  code: string
  inhabitants: number
  /** Priority weight in thousandths: 1000 = 1.0, 1500 = 1.5. */
  weightMilli: number
  /** Least total amount (fixed allowance included), in cents; null/undefined: no floor. */
  floorCents?: number | null
  /** Most total amount (fixed allowance included), in cents; null/undefined: no cap. */
  capCents?: number | null
}

export type AllocationInput = {
  potCents: number
  fixedAllowanceCents: number
  areas: AllocationAreaInput[]
}

export type AllocationLine = {
  areaId: string
  code: string
  inhabitants: number
  weightMilli: number
  /** The fixed allowance F. */
  fixedCents: number
  /** Whole cents of the proportional part (for a wijk at a bound: its bound minus F). */
  proportionalCents: number
  /** 1 when the wijk got one of the left-over cents of the largest-remainder step, else 0. */
  roundingCents: 0 | 1
  /** fixedCents + proportionalCents + roundingCents. */
  totalCents: number
  /** Whether the amount was set by the wijk's floor or cap (step 3), or null. */
  bound: 'floor' | 'cap' | null
  /**
   * The exact, unrounded total amount (fixed allowance included) in EUROS, truncated to 4
   * decimals, with '.' as decimal point, e.g. "3500.0000" or "1166.6666". For the explanation.
   */
  shareExact: string
}

export type AllocationErrorCode =
  'no_areas' | 'pot_too_small_for_fixed' | 'floors_exceed_pot' | 'caps_below_pot' | 'floor_above_cap' | 'invalid_input'

export type AllocationError = { code: AllocationErrorCode; message: string }

export type AllocationResult =
  { ok: true; lines: AllocationLine[]; totalCents: number } | { ok: false; error: AllocationError }

type Bound = 'floor' | 'cap'

type Work = {
  index: number
  code: string
  /** Weight points: inhabitants x weightMilli. */
  points: bigint
  /** Floor and cap on the proportional part (total minus F); hi null = no cap. */
  lo: bigint
  hi: bigint | null
  /** Set once the wijk is fixed at a bound. */
  fixedAt: bigint | null
  bound: Bound | null
}

const fail = (code: AllocationErrorCode, message: string): AllocationResult => ({
  ok: false,
  error: { code, message },
})

const isCents = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0

/** "WK030701, WK030702 en WK030703", at most 10 codes named. */
function listCodes(codes: string[]): string {
  const sorted = [...codes].sort(compareCodes)
  const shown = sorted.slice(0, 10)
  const rest = sorted.length - shown.length
  if (rest > 0) return `${shown.join(', ')} en ${rest} andere`
  if (shown.length === 1) return shown[0]
  return `${shown.slice(0, -1).join(', ')} en ${shown[shown.length - 1]}`
}

function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

const euro = (cents: bigint): string => formatMoney(Number(cents))

function validate(input: AllocationInput): AllocationResult | null {
  if (typeof input !== 'object' || input === null)
    return fail('invalid_input', 'De invoer voor de verdeling ontbreekt.')
  if (!isCents(input.potCents)) {
    return fail('invalid_input', 'Het budget (pot) moet een geheel, niet-negatief aantal centen zijn.')
  }
  if (!isCents(input.fixedAllowanceCents)) {
    return fail('invalid_input', 'De vaste bijdrage per wijk moet een geheel, niet-negatief aantal centen zijn.')
  }
  if (!Array.isArray(input.areas)) return fail('invalid_input', 'De lijst met wijken ontbreekt.')
  const codes = new Set<string>()
  const ids = new Set<string>()
  for (const [i, a] of input.areas.entries()) {
    if (typeof a !== 'object' || a === null) return fail('invalid_input', `Wijk nummer ${i + 1} ontbreekt.`)
    if (typeof a.code !== 'string' || a.code === '') {
      return fail('invalid_input', `Wijk nummer ${i + 1} heeft geen CBS-code.`)
    }
    const c = a.code
    if (typeof a.areaId !== 'string' || a.areaId === '') return fail('invalid_input', `Wijk ${c} heeft geen id.`)
    if (codes.has(c)) return fail('invalid_input', `De CBS-code ${c} komt meer dan eens voor.`)
    if (ids.has(a.areaId)) return fail('invalid_input', `Wijk ${c}: het id ${a.areaId} komt meer dan eens voor.`)
    codes.add(c)
    ids.add(a.areaId)
    if (!isCents(a.inhabitants)) {
      return fail('invalid_input', `Wijk ${c}: het aantal inwoners moet een geheel getal van 0 of meer zijn.`)
    }
    if (!isCents(a.weightMilli)) {
      return fail('invalid_input', `Wijk ${c}: het gewicht (in duizendsten) moet een geheel getal van 0 of meer zijn.`)
    }
    if (a.floorCents != null && !isCents(a.floorCents)) {
      return fail('invalid_input', `Wijk ${c}: het minimumbedrag moet een geheel, niet-negatief aantal centen zijn.`)
    }
    if (a.capCents != null && !isCents(a.capCents)) {
      return fail('invalid_input', `Wijk ${c}: het maximumbedrag moet een geheel, niet-negatief aantal centen zijn.`)
    }
  }
  return null
}

/**
 * Allocates the pot over the wijken; see the explanation at the top of this file.
 * Lines come back in input order. Errors carry a Dutch message naming the wijken concerned.
 */
export function allocate(input: AllocationInput): AllocationResult {
  const invalid = validate(input)
  if (invalid) return invalid

  const areas = input.areas
  const k = areas.length
  if (k === 0) return fail('no_areas', 'Er doen geen wijken mee aan deze ronde, dus er valt niets te verdelen.')

  const P = BigInt(input.potCents)
  const F = BigInt(input.fixedAllowanceCents)
  const fixedTotal = F * BigInt(k)
  if (fixedTotal > P) {
    return fail(
      'pot_too_small_for_fixed',
      `Het budget van ${euro(P)} is te klein voor de vaste bijdrage van ${euro(F)} voor elk van de ` +
        `${k} wijken (samen ${euro(fixedTotal)}).`,
    )
  }

  // Bounds apply to the total (F included); a cap below F can never be met, since every wijk
  // gets F: we treat F as an implicit floor, so that is a floor above the cap too.
  const floorAboveCap = areas.filter((a) => a.capCents != null && a.floorCents != null && a.floorCents > a.capCents)
  if (floorAboveCap.length > 0) {
    return fail(
      'floor_above_cap',
      `Het minimumbedrag is hoger dan het maximumbedrag bij ${floorAboveCap.length === 1 ? 'wijk' : 'de wijken'} ` +
        `${listCodes(floorAboveCap.map((a) => a.code))}.`,
    )
  }
  const capBelowFixed = areas.filter((a) => a.capCents != null && BigInt(a.capCents) < F)
  if (capBelowFixed.length > 0) {
    return fail(
      'floor_above_cap',
      `Het maximumbedrag is lager dan de vaste bijdrage van ${euro(F)} bij ` +
        `${capBelowFixed.length === 1 ? 'wijk' : 'de wijken'} ${listCodes(capBelowFixed.map((a) => a.code))}.`,
    )
  }

  const R = P - fixedTotal
  const work: Work[] = areas.map((a, index) => {
    const floor = a.floorCents == null ? 0n : BigInt(a.floorCents) - F
    return {
      index,
      code: a.code,
      points: BigInt(a.inhabitants) * BigInt(a.weightMilli),
      lo: floor > 0n ? floor : 0n,
      hi: a.capCents == null ? null : BigInt(a.capCents) - F,
      fixedAt: null,
      bound: null,
    }
  })

  const sumLo = work.reduce((s, w) => s + w.lo, 0n)
  if (sumLo > R) {
    const withFloor = work.filter((w) => w.lo > 0n).map((w) => w.code)
    return fail(
      'floors_exceed_pot',
      `De minimumbedragen van de wijken (met de vaste bijdrage) zijn samen ${euro(sumLo + fixedTotal)}, ` +
        `meer dan het budget van ${euro(P)}. Verlaag het minimum bij ${listCodes(withFloor)} of verhoog het budget.`,
    )
  }
  if (work.every((w) => w.hi !== null)) {
    const sumHi = work.reduce((s, w) => s + (w.hi as bigint), 0n)
    if (sumHi < R) {
      return fail(
        'caps_below_pot',
        `Alle wijken hebben een maximumbedrag en samen is dat ${euro(sumHi + fixedTotal)}, minder dan het ` +
          `budget van ${euro(P)}. Verhoog het maximum bij ${listCodes(work.map((w) => w.code))} of verlaag het budget.`,
      )
    }
  }

  // Step 3: repeated clamping. After the loop, the wijken in `free` share `freeMoney` in
  // proportion to `weightOf` (their points, or 1 each if none of them has points), and none of
  // them is below its floor or above its cap.
  let free = work
  let freeMoney = R
  let weightOf = (w: Work): bigint => w.points
  let totalWeight = 0n
  for (;;) {
    const points = free.reduce((s, w) => s + w.points, 0n)
    weightOf = points > 0n ? (w) => w.points : () => 1n
    totalWeight = points > 0n ? points : BigInt(free.length)
    if (free.length === 0) break
    // A wijk's exact share is freeMoney * weight / totalWeight; compare numerators
    // (share * totalWeight) so no division is needed.
    let tooMuch = 0n
    let tooLittle = 0n
    const aboveCap: Work[] = []
    const belowFloor: Work[] = []
    for (const w of free) {
      const share = freeMoney * weightOf(w)
      if (w.hi !== null && share > w.hi * totalWeight) {
        tooMuch += share - w.hi * totalWeight
        aboveCap.push(w)
      } else if (share < w.lo * totalWeight) {
        tooLittle += w.lo * totalWeight - share
        belowFloor.push(w)
      }
    }
    if (aboveCap.length === 0 && belowFloor.length === 0) break
    const fixNow = new Set<Work>()
    if (tooMuch >= tooLittle) {
      for (const w of aboveCap) {
        w.fixedAt = w.hi
        w.bound = 'cap'
        fixNow.add(w)
      }
    }
    if (tooLittle >= tooMuch) {
      for (const w of belowFloor) {
        w.fixedAt = w.lo
        w.bound = 'floor'
        fixNow.add(w)
      }
    }
    for (const w of fixNow) freeMoney -= w.fixedAt as bigint
    free = free.filter((w) => !fixNow.has(w))
  }
  if (free.length === 0 && freeMoney !== 0n) {
    // Cannot happen after the feasibility checks above; guard against silent loss of cents.
    throw new Error(`allocate: ${freeMoney} cents left with no free wijk`)
  }

  // Step 4: whole cents plus largest remainders. Fixed wijken have remainder 0; the free ones
  // share the denominator totalWeight, so remainders compare directly.
  const whole = new Array<bigint>(k)
  const remainder = new Array<bigint>(k).fill(0n)
  const denominator = totalWeight > 0n ? totalWeight : 1n
  for (const w of work) whole[w.index] = w.fixedAt ?? 0n
  for (const w of free) {
    const numerator = freeMoney * weightOf(w)
    whole[w.index] = numerator / denominator
    remainder[w.index] = numerator % denominator
  }
  let leftover = R - whole.reduce((s, x) => s + x, 0n)
  const candidates = work
    .filter((w) => remainder[w.index] > 0n)
    .sort((a, b) => {
      const ra = remainder[a.index]
      const rb = remainder[b.index]
      return ra > rb ? -1 : ra < rb ? 1 : compareCodes(a.code, b.code)
    })
  if (leftover < 0n || leftover > BigInt(candidates.length)) {
    throw new Error(`allocate: ${leftover} left-over cents for ${candidates.length} wijken`)
  }
  const rounding = new Array<0 | 1>(k).fill(0)
  for (const w of candidates) {
    if (leftover === 0n) break
    rounding[w.index] = 1
    leftover -= 1n
  }

  let totalCents = 0n
  const lines: AllocationLine[] = areas.map((a, i) => {
    const total = F + whole[i] + BigInt(rounding[i])
    totalCents += total
    const exactNumerator = (F + whole[i]) * denominator + remainder[i] // in cents, over denominator
    return {
      areaId: a.areaId,
      code: a.code,
      inhabitants: a.inhabitants,
      weightMilli: a.weightMilli,
      fixedCents: Number(F),
      proportionalCents: Number(whole[i]),
      roundingCents: rounding[i],
      totalCents: Number(total),
      bound: work[i].bound,
      shareExact: euroDecimal(exactNumerator, denominator),
    }
  })
  if (totalCents !== P) throw new Error(`allocate: parts add up to ${totalCents}, not ${P}`)
  return { ok: true, lines, totalCents: Number(totalCents) }
}

/** numerator/denominator cents as euros with 4 decimals, truncated: 1166666/10 -> "1166.6660". */
function euroDecimal(numerator: bigint, denominator: bigint): string {
  const tenThousandthsOfEuro = (numerator * 100n) / denominator
  const euros = tenThousandthsOfEuro / 10_000n
  const rest = tenThousandthsOfEuro % 10_000n
  return `${euros}.${rest.toString().padStart(4, '0')}`
}

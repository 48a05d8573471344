/**
 * The numbers a resident needs to check a published division by hand (pure, exact integers).
 * See allocate.ts for the method itself.
 */
export type ExplainLine = {
  inhabitants: number
  weightMilli: number
  fixedCents: number
  proportionalCents: number
  roundingCents: number
  totalCents: number
  bound: string | null
}

/** a / b rounded half up, for non-negative BigInts. */
const roundDiv = (a: bigint, b: bigint) => (b === 0n ? 0n : (2n * a + b) / (2n * b))

export function explainAllocation(lines: ExplainLine[], potCents: number, fixedAllowanceCents: number) {
  const count = lines.length
  const fixedTotalCents = fixedAllowanceCents * count
  const restCents = potCents - fixedTotalCents
  const points = lines.map((l) => BigInt(l.inhabitants) * BigInt(l.weightMilli))
  const totalPointsMilli = points.reduce((s, p) => s + p, 0n)
  // Euros per weight point among the wijken not held at a floor or cap (what every such wijk got per point).
  const free = lines.map((l, i) => ({ l, p: points[i] })).filter(({ l }) => l.bound === null)
  const freePoints = free.reduce((s, { p }) => s + p, 0n)
  const freeMoney = free.reduce((s, { l }) => s + BigInt(l.proportionalCents + l.roundingCents), 0n)
  return {
    count,
    fixedTotalCents,
    restCents,
    /** Inhabitants x weight, in thousandths of a point. */
    totalPointsMilli: Number(totalPointsMilli),
    /** Cents per inhabitant with weight 1, rounded to the cent (for the explanation only). */
    centsPerPoint: Number(roundDiv(freeMoney * 1000n, freePoints)),
    bounded: lines.filter((l) => l.bound !== null).length,
    roundingCents: lines.reduce((s, l) => s + l.roundingCents, 0),
    /**
     * Each line's share in hundredths of a percent (1234 = 12,34%) of the points of the wijken NOT held
     * at a floor or cap (those are taken out of the pool); null for a wijk at its bound. Without
     * bounds that is the share of all points. So share x freeRestCents is the line's proportional part.
     */
    shareBasisPoints: points.map((p, i) =>
      lines[i].bound === null ? Number(roundDiv(p * 10_000n, freePoints)) : null,
    ),
    /** Points of the free wijken (thousandths), and the money divided over them (proportional + rounding cents). */
    freePointsMilli: Number(freePoints),
    freeRestCents: Number(freeMoney),
    freeCount: free.length,
    /** What the wijken at a floor or cap got above their fixed allowance (taken out of the pool). */
    boundedRestCents: lines
      .filter((l) => l.bound !== null)
      .reduce((s, l) => s + l.proportionalCents + l.roundingCents, 0),
  }
}

/** Thousandths of a point as Dutch text: 18277500 -> "18.277,5". */
export function formatPoints(milli: number): string {
  const whole = Math.trunc(milli / 1000)
  const frac = String(milli % 1000)
    .padStart(3, '0')
    .replace(/0+$/, '')
  return whole.toLocaleString('nl-NL') + (frac ? `,${frac}` : '')
}

/** Hundredths of a percent as Dutch text: 1234 -> "12,34%". */
export function formatBasisPoints(bp: number): string {
  return `${Math.trunc(bp / 100)},${String(bp % 100).padStart(2, '0')}%`
}

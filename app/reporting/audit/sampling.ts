// Reproducible audit samples of expenses (issue 12, point 4). Pure: no database, no clock, no
// Math.random. The same seed over the same population gives the same sample, on any machine.

export type SampleMethod = 'RANDOM' | 'MONETARY_UNIT'
export type SizeBy = 'COUNT' | 'PERCENT'
export const SAMPLE_METHODS: readonly SampleMethod[] = ['RANDOM', 'MONETARY_UNIT']
export const SIZE_BY: readonly SizeBy[] = ['COUNT', 'PERCENT']
/** The severity of an auditor's finding. */
export const FINDING_VERDICTS = ['OK', 'REMARK', 'ERROR'] as const
export type FindingVerdict = (typeof FINDING_VERDICTS)[number]

/** One expense of the population: its id and its amount in cents. */
export type SampleItem = { id: string; amountCents: number }

export type SampleResult = {
  /** The ids drawn, in the order the draw picked them (no id twice). */
  ids: string[]
  /** The number of selection points asked for (for monetary-unit sampling an item may take several). */
  points: number
  /** Monetary-unit sampling only: the interval in cents and the random start within the first interval. */
  intervalCents?: number
  startCents?: number
}

/** Seeds are what an auditor types: letters, digits and dashes, at most 40 characters. */
export const SEED_PATTERN = /^[A-Za-z0-9-]{1,40}$/

/** cyrb53-style string hash to 32 bits (deterministic, spreads similar seeds apart). */
function hashSeed(seed: string): number {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < seed.length; i++) {
    const ch = seed.charCodeAt(i)
    h1 = Math.imul(h1 ^ ch, 2654435761)
    h2 = Math.imul(h2 ^ ch, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return (h1 ^ h2) >>> 0
}

/** A seeded pseudo-random generator (mulberry32): returns numbers in [0, 1). */
export function seededRandom(seed: string): () => number {
  let a = hashSeed(seed)
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A seed to offer when the auditor types none: six digits from a number the caller supplies. */
export function seedFrom(n: number): string {
  return String(Math.abs(Math.trunc(n)) % 1_000_000).padStart(6, '0')
}

/** How many selection points: a count (at most the population), or a percentage rounded up (at least 1). */
export function sampleSize(population: number, by: SizeBy, value: number): number {
  if (population <= 0 || value <= 0) return 0
  const n = by === 'PERCENT' ? Math.ceil((population * Math.min(100, value)) / 100) : Math.trunc(value)
  return Math.max(1, Math.min(population, n))
}

/**
 * Draws `size` selection points from the population with the seed.
 * - RANDOM: simple random sampling without replacement (a partial Fisher–Yates shuffle).
 * - MONETARY_UNIT: systematic monetary-unit sampling: the population's euros are laid end to end,
 *   every `interval` = total / size cents one is picked (the first at a random start), and the
 *   expense holding that cent is drawn. Large expenses are drawn more surely; one larger than the
 *   interval may hold several points, so fewer distinct expenses can come out than points asked for.
 * The population is first put in a canonical order (by id), so the order the database returns it
 * in does not matter.
 */
export function drawSample(
  population: readonly SampleItem[],
  options: { seed: string; method: SampleMethod; size: number },
): SampleResult {
  const items = [...population].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const random = seededRandom(options.seed)
  const size = Math.max(0, Math.min(items.length, Math.trunc(options.size)))
  if (size === 0) return { ids: [], points: 0 }
  if (options.method === 'RANDOM') {
    const pool = items.map((i) => i.id)
    for (let i = 0; i < size; i++) {
      const j = i + Math.floor(random() * (pool.length - i))
      ;[pool[i], pool[j]] = [pool[j], pool[i]]
    }
    return { ids: pool.slice(0, size), points: size }
  }
  const positive = items.filter((i) => i.amountCents > 0)
  const total = positive.reduce((s, i) => s + i.amountCents, 0)
  if (total === 0) return { ids: [], points: size, intervalCents: 0, startCents: 0 }
  const interval = total / size
  const start = Math.floor(random() * interval)
  const ids: string[] = []
  let k = 0
  let cumulative = 0
  for (const item of positive) {
    const end = cumulative + item.amountCents
    let hit = false
    while (k < size && start + Math.floor(k * interval) < end) {
      hit = true
      k++
    }
    if (hit) ids.push(item.id)
    cumulative = end
  }
  return { ids, points: size, intervalCents: Math.round(interval), startCents: start }
}

// When to try a failed mail again: exponential backoff with jitter. Pure, unit-tested.

export interface BackoffOptions {
  /** Delay after the first failed attempt, in milliseconds (before jitter). */
  baseMs: number
  /** Never wait longer than this. */
  maxMs: number
}

/**
 * Delay before the next attempt after `attempts` failed attempts (1, 2, 3, ...): base x 2^(attempts-1),
 * capped, with "equal jitter" (half fixed, half random) so that many mails failing together (a mail
 * server that was down) do not all come back at the same moment.
 */
export function retryDelayMs(attempts: number, options: BackoffOptions, random: () => number = Math.random): number {
  const exponential = options.baseMs * 2 ** Math.max(0, Math.min(attempts - 1, 30))
  const capped = Math.min(options.maxMs, exponential)
  return Math.round(capped / 2 + random() * (capped / 2))
}

/** Whether a mail that just failed its `attempts`-th attempt goes to the dead letters. */
export function isDead(attempts: number, maxAttempts: number): boolean {
  return attempts >= maxAttempts
}

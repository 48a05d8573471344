import type { MessageKey } from '#app/i18n/i18n.ts'
import { DomainError, type ErrorStatus } from './errors.ts'

/**
 * The answer of a rule (a `may*` predicate in a module's policy.ts): yes, or no with the reason.
 * The same verdict decides the route's guard, the service's check before it writes, and which
 * buttons a page shows (Hypha's `can_*` pattern).
 */
export type Verdict =
  { ok: true } | { ok: false; reason: MessageKey; params?: Record<string, string | number>; status: ErrorStatus }

export const ok: Verdict = { ok: true }

/** A refusal; status 403 unless the rule says otherwise (409 for "the state no longer allows it"). */
export function no(reason: MessageKey, params?: Record<string, string | number>, status: ErrorStatus = 403): Verdict {
  return { ok: false, reason, params, status }
}

/** The first refusal of several rules, or ok. */
export function all(...verdicts: Verdict[]): Verdict {
  return verdicts.find((v) => !v.ok) ?? ok
}

/** Throws the verdict's reason as a DomainError (optionally at a form field); returns when ok. */
export function assertAllowed(verdict: Verdict, field?: string): void {
  if (!verdict.ok) throw new DomainError(verdict.reason, { status: verdict.status, params: verdict.params, field })
}

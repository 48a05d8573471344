import type { SubmissionResult } from '@conform-to/react'

/**
 * A stand-in for a Conform submission where a form has none (a button-only form, or a step before
 * parsing), so `replyOnDomainError` can still answer: every message lands in the form's errors.
 */
export const plainReply = {
  reply(options?: { formErrors?: string[]; fieldErrors?: Record<string, string[]> }): SubmissionResult {
    const messages = [...(options?.formErrors ?? []), ...Object.values(options?.fieldErrors ?? {}).flat()]
    return { status: 'error', initialValue: null, error: { '': messages }, state: null } as unknown as SubmissionResult
  },
}

/** A submission whose replies never send the given fields back (passwords). */
export function hiding<S extends { reply(o?: object): SubmissionResult }>(submission: S, hideFields: string[]) {
  return {
    reply: (options?: { formErrors?: string[]; fieldErrors?: Record<string, string[]> }) =>
      submission.reply({ ...options, hideFields }),
  }
}

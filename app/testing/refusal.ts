import { expect } from 'vitest'
import { DomainError } from '#app/domain/errors.ts'
import { translate, type Lang } from '#app/i18n/i18n.ts'

/**
 * Awaits work that must be refused with a DomainError, and returns the refusal: its key, status,
 * field and the text the user reads (Dutch unless asked otherwise). Fails when the work succeeds
 * or throws anything else.
 */
export async function refusal(work: Promise<unknown> | (() => unknown), lang: Lang = 'nl') {
  try {
    await (typeof work === 'function' ? work() : work)
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError)
    const e = error as DomainError
    return { key: e.key, status: e.status, field: e.field, params: e.params, text: translate(lang, e.key, e.params) }
  }
  throw new Error('expected a refusal (DomainError), but the work succeeded')
}

import type { MessageKey } from '#app/i18n/i18n.ts'

/** The HTTP status a domain error maps to; the domain names the kind of failure, the web layer answers. */
export type ErrorStatus = 400 | 403 | 404 | 409 | 413 | 422 | 429 | 503

export type DomainErrorOptions = {
  /** The form field the message belongs to (shown at that field); none: a message for the whole form. */
  field?: string
  /** Default 400 (bad input); 403 not allowed, 404 not found (or not yours), 409 state changed meanwhile. */
  status?: ErrorStatus
  /** Values for the {placeholders} of the message. */
  params?: Record<string, string | number>
}

/**
 * The one error that domain code throws when a rule says no. It carries a message KEY (a dotted
 * path into app/i18n/nl.ts and en.ts), never a translated text and never an HTTP Response: the web
 * layer (app/web/errors.server.ts) turns it into a Conform reply at the field or an error page in
 * the user's language.
 */
export class DomainError extends Error {
  readonly key: MessageKey
  readonly field: string | undefined
  readonly status: ErrorStatus
  readonly params: Record<string, string | number>

  constructor(key: MessageKey, options: DomainErrorOptions = {}) {
    super(key)
    this.name = 'DomainError'
    this.key = key
    this.field = options.field
    this.status = options.status ?? 400
    this.params = options.params ?? {}
  }
}

export const notFound = () => new DomainError('errors.notFound', { status: 404 })
export const forbidden = () => new DomainError('errors.forbidden', { status: 403 })

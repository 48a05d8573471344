import type { SubmissionResult } from '@conform-to/react'
import { data } from '@remix-run/node'
import { DomainError } from '#app/domain/errors.ts'
import { translate } from '#app/i18n/i18n.ts'
import { getLang } from '#app/i18n/lang.server.ts'

type Replyable = {
  reply(options?: { formErrors?: string[]; fieldErrors?: Record<string, string[]> }): SubmissionResult
}

/**
 * The one adapter from a domain error to an answer. Runs `work`; when it throws a DomainError, the
 * error becomes the form's reply (at its field, or for the whole form) with its status, in the
 * user's language, and what the user typed stays in the form. Anything else is rethrown.
 *
 *   return await replyOnDomainError(request, submission, () => approve(...), { intent })
 */
export async function replyOnDomainError<T, Extra extends Record<string, unknown> = Record<string, never>>(
  request: Request,
  submission: Replyable,
  work: () => Promise<T>,
  extra?: Extra,
) {
  try {
    return await work()
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
    const message = translate(await getLang(request), error.key, error.params)
    const result = error.field
      ? submission.reply({ fieldErrors: { [error.field]: [message] } })
      : submission.reply({ formErrors: [message] })
    return data({ ...(extra ?? ({} as Extra)), result }, { status: error.status })
  }
}

/** A DomainError as an HTTP answer (for loaders and non-form actions): the error boundary shows it. */
export async function domainErrorResponse(request: Request, error: DomainError): Promise<Response> {
  return new Response(translate(await getLang(request), error.key, error.params), {
    status: error.status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  })
}

/** Runs a loader's work; a DomainError becomes its HTTP answer (thrown, for the error boundary). */
export async function orHttpError<T>(request: Request, work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof DomainError) throw await domainErrorResponse(request, error)
    throw error
  }
}

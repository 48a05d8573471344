import type { SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data } from '@remix-run/node'
import type { $ZodIssue, $ZodType } from 'zod/v4/core'
import { DomainError } from '#app/domain/errors.ts'
import { translate } from '#app/i18n/i18n.ts'
import { getLang } from '#app/i18n/lang.server.ts'
import { localizeIssue } from '#app/i18n/validation.ts'

type Replyable = {
  reply(options?: { formErrors?: string[]; fieldErrors?: Record<string, string[]> }): SubmissionResult
}

/**
 * A form's submission parsed with its zod schema (as Conform's parseWithZod), its messages in the
 * user's language (docs/decisions/0047): the schemas speak Dutch, and an English user gets the
 * English of each message. Every reply made from this submission (`submission.reply()`, also
 * through `replyOnDomainError`) carries those messages at their fields, with what was typed.
 *
 *   const submission = await parseForm(request, formData, { schema })
 */
export async function parseForm<Schema extends $ZodType>(
  request: Request,
  payload: FormData | URLSearchParams,
  options: { schema: Schema },
) {
  const lang = await getLang(request)
  return parseWithZod(payload, {
    schema: options.schema,
    formatError: (issues: $ZodIssue[]) => issues.map((issue) => localizeIssue(lang, issue)),
  })
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

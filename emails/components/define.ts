// What a mail template is: a zod schema for its data (checked when the mail is queued), a subject
// and a React component per language, and sample data for the preview page and the tests.
import type { ReactElement } from 'react'
import { z } from 'zod'
import type { MailLang } from './format.ts'

export interface MailTemplate<S extends z.ZodType = z.ZodType> {
  name: string
  /** What the mail is for, shown on the administrators' preview page. */
  description: Record<MailLang, string>
  schema: S
  subject: (lang: MailLang, data: z.output<S>) => string
  render: (lang: MailLang, data: z.output<S>) => ReactElement
  /** One or more realistic examples (every variant of the mail). */
  samples: z.input<S>[]
}

export function defineMail<S extends z.ZodType>(template: MailTemplate<S>): MailTemplate<S> {
  return template
}

/** A link in a mail: always absolute (http or https), so it works from any mail program. */
export const absoluteUrl = z
  .string()
  .url()
  .refine((value) => /^https?:\/\/[^/]+/.test(value), 'Een link in een e-mail moet absoluut zijn (http(s)://...)')

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Datum als JJJJ-MM-DD')
export const isoDateTime = z.string().datetime({ offset: true })
export const cents = z.number().int()
export const text = z.string().trim().min(1)

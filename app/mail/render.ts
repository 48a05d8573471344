// Renders a mail template to subject, HTML and plain text. No I/O; used when a mail is queued,
// by the preview page and by the template tests.
import { render } from '@react-email/render'
import { TEMPLATES, type MailLang, type TemplateName } from '../../emails/index.ts'
import type { z } from 'zod'

export type { MailLang, TemplateName }
export const TEMPLATE_NAMES = Object.keys(TEMPLATES) as TemplateName[]
export const MAIL_LANGS: MailLang[] = ['nl', 'en']

/** The data a template needs (what callers of enqueueMail pass). */
export type TemplateData<T extends TemplateName> = z.input<(typeof TEMPLATES)[T]['schema']>

export interface RenderedMail {
  subject: string
  html: string
  text: string
}

export class MailDataError extends Error {}

export function isTemplateName(name: string): name is TemplateName {
  return Object.hasOwn(TEMPLATES, name)
}

/** Validates the data against the template's schema (a missing value is a programming error) and renders it. */
export async function renderMail<T extends TemplateName>(
  template: T,
  lang: MailLang,
  data: TemplateData<T>,
): Promise<RenderedMail> {
  const definition = TEMPLATES[template] as unknown as {
    schema: z.ZodType
    subject: (lang: MailLang, data: unknown) => string
    render: (lang: MailLang, data: unknown) => React.ReactElement
  }
  const parsed = definition.schema.safeParse(data)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(data)'}: ${i.message}`).join('; ')
    throw new MailDataError(`Mail "${template}" kan niet worden gemaakt: ${problems}`)
  }
  const element = definition.render(lang, parsed.data)
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })])
  return { subject: definition.subject(lang, parsed.data), html, text }
}

/** The samples of a template (for the preview page and the tests). */
export function templateSamples(template: TemplateName): unknown[] {
  return TEMPLATES[template].samples
}

export function templateDescription(template: TemplateName, lang: MailLang): string {
  return TEMPLATES[template].description[lang]
}

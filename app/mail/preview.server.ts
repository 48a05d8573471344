// The administrators' preview of every template with its sample data.
import { getEnv } from '#app/env.server.ts'
import {
  MAIL_LANGS,
  TEMPLATE_NAMES,
  isTemplateName,
  renderMail,
  templateDescription,
  templateSamples,
  type MailLang,
  type TemplateData,
} from './render.ts'

export function listTemplates(lang: MailLang) {
  return TEMPLATE_NAMES.map((name) => ({
    name,
    description: templateDescription(name, lang),
    samples: templateSamples(name).length,
  }))
}

/** Every sample of one template rendered in `lang`, with the sample links pointing at this portal. */
export async function previewTemplate(name: string, lang: string) {
  if (!isTemplateName(name) || !MAIL_LANGS.includes(lang as MailLang)) return null
  const base = getEnv().PUBLIC_URL
  const samples = templateSamples(name).map(
    (s) => JSON.parse(JSON.stringify(s).replaceAll('http://localhost:3000', base)) as TemplateData<typeof name>,
  )
  const rendered = await Promise.all(samples.map((sample) => renderMail(name, lang as MailLang, sample)))
  return { name, lang: lang as MailLang, description: templateDescription(name, lang as MailLang), rendered }
}

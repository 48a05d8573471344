import { en } from './en.ts'
import { nl, type Messages } from './nl.ts'

export type Lang = 'nl' | 'en'
export const LANGS: Record<Lang, Messages> = { nl, en }

export function messages(lang: Lang): Messages {
  return LANGS[lang] ?? nl
}

/** Fills {name} placeholders. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? `{${key}}`))
}

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

type Leaves<T, P extends string = ''> = {
  [K in keyof T & (string | number)]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>
}[keyof T & (string | number)]

/** A dotted path to one text of the dictionaries, e.g. 'errors.notFound'. */
export type MessageKey = Leaves<Messages>

/** The text under a dotted key in the language, with its {placeholders} filled. */
export function translate(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  let node: unknown = messages(lang)
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part]
  return typeof node === 'string' ? fill(node, params) : key
}

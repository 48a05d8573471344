import type { MetaFunction } from '@remix-run/node'
import { messages, type Lang } from '#app/i18n/i18n.ts'
import type { Messages } from '#app/i18n/nl.ts'

type Match = { id: string; data: unknown }

/** The language the root loader chose, read from the route matches that every meta function gets. */
export function langOf(matches: readonly Match[]): Lang {
  const root = matches.find((m) => m.id === 'root')?.data as { lang?: Lang } | undefined
  return root?.lang ?? 'nl'
}

/** A page title in the visitor's language: "<page> – Buurtbudget Amersfoort". */
export function title(pick: (m: Messages) => string): MetaFunction {
  return ({ matches }) => {
    const m = messages(langOf(matches))
    return [{ title: `${pick(m)} – ${m.site.name}` }]
  }
}

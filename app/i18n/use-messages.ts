import { useRouteLoaderData } from '@remix-run/react'
import { messages, type Lang } from './i18n.ts'

/** The messages of the language chosen in the root loader. */
export function useMessages() {
  const data = useRouteLoaderData('root') as { lang: Lang } | undefined
  return messages(data?.lang ?? 'nl')
}

/** The language chosen in the root loader (Dutch when there is none, as on an error page). */
export function useLang(): Lang {
  const data = useRouteLoaderData('root') as { lang: Lang } | undefined
  return data?.lang ?? 'nl'
}

import { useRouteLoaderData } from '@remix-run/react'
import { messages, type Lang } from './i18n.ts'

/** The messages of the language chosen in the root loader. */
export function useMessages() {
  const data = useRouteLoaderData('root') as { lang: Lang } | undefined
  return messages(data?.lang ?? 'nl')
}

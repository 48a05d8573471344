import type { AppLoadContext } from '@remix-run/node'
import { getLang } from '#app/i18n/lang.server.ts'
import type { MailLink } from './accounts.server.ts'

/** The client's address, from the Express server (app/server/main.ts getLoadContext). */
export function clientIp(context: AppLoadContext | undefined): string {
  const ip = (context as { clientIp?: unknown } | undefined)?.clientIp
  return typeof ip === 'string' && ip ? ip : 'unknown'
}

export async function mailLink(request: Request): Promise<MailLink> {
  return { lang: await getLang(request) }
}

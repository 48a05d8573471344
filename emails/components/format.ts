// Formatting for mails: dates in Dutch time, money from integer cents. Pure, no I/O.
export type MailLang = 'nl' | 'en'

const LOCALE: Record<MailLang, string> = { nl: 'nl-NL', en: 'en-GB' }

/** "21 januari 2027" / "21 January 2027" from an ISO date (YYYY-MM-DD) or date-time. */
export function formatMailDate(lang: MailLang, iso: string): string {
  const date = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso)
  return new Intl.DateTimeFormat(LOCALE[lang], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Amsterdam',
  }).format(date)
}

/** "21 januari 2027 om 14:30" / "21 January 2027 at 14:30". */
export function formatMailDateTime(lang: MailLang, iso: string): string {
  const date = new Date(iso)
  const day = formatMailDate(lang, iso)
  const time = new Intl.DateTimeFormat(LOCALE[lang], {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Amsterdam',
  }).format(date)
  return `${day} ${lang === 'nl' ? 'om' : 'at'} ${time}`
}

/** "€ 1.234,56" (both languages use the Dutch notation of amounts, as on every letter of the municipality). */
export function formatMailMoney(cents: number): string {
  return new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' }).format(cents / 100)
}

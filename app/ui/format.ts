import { format } from 'date-fns'
import { enGB, nl } from 'date-fns/locale'
import { TZDate } from '@date-fns/tz'
import type { Lang } from '#app/i18n/i18n.ts'

const TZ = 'Europe/Amsterdam'

/** One way to show a date: "26 november 2026" (a calendar date, shown as stored). */
export function formatDate(value: Date | string | null | undefined, lang: Lang = 'nl'): string {
  if (!value) return ''
  const date = typeof value === 'string' ? new Date(value) : value
  const calendar = new Date(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate())
  return format(calendar, 'd MMMM yyyy', { locale: lang === 'en' ? enGB : nl })
}

/** A moment in Dutch time: "26 november 2026, 14:05". */
export function formatDateTime(value: Date | string | null | undefined, lang: Lang = 'nl'): string {
  if (!value) return ''
  return format(new TZDate(new Date(value), TZ), 'd MMMM yyyy, HH:mm', { locale: lang === 'en' ? enGB : nl })
}

/** Weight in thousandths as Dutch decimal: 1500 -> "1,5". */
export function formatWeight(milli: number): string {
  const whole = Math.trunc(milli / 1000)
  const frac = String(milli % 1000)
    .padStart(3, '0')
    .replace(/0+$/, '')
  return frac ? `${whole},${frac}` : String(whole)
}

/** "1,5" / "1.5" / "2" -> 1500; null when not a weight with at most three decimals. */
export function parseWeight(input: string): number | null {
  const m = input.trim().match(/^(\d{1,3})(?:[.,](\d{1,3}))?$/)
  if (!m) return null
  return Number(m[1]) * 1000 + Number((m[2] ?? '').padEnd(3, '0') || 0)
}

/**
 * Money in Buurtbudget.
 *
 * Every amount is an integer number of euro cents, held in a plain JS `number` that must be a
 * safe integer (Number.isSafeInteger). There is no floating point anywhere near money: parsing
 * works on the digit strings, formatting splits cents into euros and cents with integer
 * arithmetic and hands Intl an exact decimal string.
 */

/** Why a typed amount was refused. Show it to the user with {@link moneyErrorMessage}. */
export type MoneyError = 'empty' | 'invalid' | 'negative' | 'too_many_decimals' | 'too_large'

export type ParseMoneyResult = { ok: true; cents: number } | { ok: false; error: MoneyError }

/** The largest amount the portal accepts from a form: EUR 1,000,000,000.00. */
export const MAX_MONEY_CENTS = 100_000_000_000

const MAX_CENTS_BIG = BigInt(MAX_MONEY_CENTS)

// Spaces that may surround the amount or sit between the euro sign and the digits:
// ordinary space, tab, no-break space (U+00A0, which Intl puts after '€') and narrow no-break
// space (U+202F).
const SPACE = '[\\s\\u00a0\\u202f]'
const LEADING_OR_TRAILING_SPACE = new RegExp(`^${SPACE}+|${SPACE}+$`, 'g')
// Hyphen-minus, minus sign (U+2212), en dash (U+2013): all read as "minus".
const MINUS = '[-\\u2212\\u2013]'

/**
 * Reads an amount typed by a person and returns it in cents.
 *
 * Accepted: "1.234,56", "1234,56", "1234,5", "€ 1.234,56", "€1234", "1234", "1234.56",
 * "1,234.56", "25,-" (Dutch for 25 euro), with optional surrounding (non-breaking) spaces and a
 * euro sign in front or at the end.
 *
 * How separators are read (so that every input has exactly one meaning):
 * - both '.' and ',' occur: the LAST of the two is the decimal separator; the other one must be
 *   proper thousands grouping (groups of three digits), as in "1.234.567,89" or "1,234,567.89";
 * - only ',' occurs once: it is the decimal separator ("1234,5" is EUR 1,234.50; "1,234" has
 *   three decimals and is refused with 'too_many_decimals');
 * - only '.' occurs once: DESIGN CHOICE: when it is followed by exactly three digits and
 *   nothing else, and the part before it is a group of one to three digits not starting with 0
 *   ("1.234", "12.500"), it is a Dutch thousands separator, so "1.234" is EUR 1,234.00 and not
 *   EUR 1.234. This is how Dutch users write whole-euro amounts, and an international amount
 *   never has three decimals. Otherwise it is the decimal separator ("1.5", "1.50", "1234.56");
 * - the same separator occurring more than once ("1.234.567", "1,234,567") is thousands
 *   grouping and must be valid grouping.
 * At most two decimals; a minus sign in front (also "€ -12,50") gives 'negative'; more than EUR 1,000,000,000.00
 * gives 'too_large'.
 */
export function parseMoney(input: string): ParseMoneyResult {
  if (typeof input !== 'string') return { ok: false, error: 'invalid' }
  let s = input.replace(LEADING_OR_TRAILING_SPACE, '')
  if (s === '') return { ok: false, error: 'empty' }

  // Dutch "25,-" / "25,--" means whole euros; drop the dash before looking for a minus sign.
  s = s.replace(/,-{1,2}$/, '')

  let negative = false
  const minusAtStart = new RegExp(`^${MINUS}${SPACE}*`)
  const euroAtStart = new RegExp(`^(€|EUR)${SPACE}*`, 'i')
  const euroAtEnd = new RegExp(`${SPACE}*(€|EUR)$`, 'i')
  if (minusAtStart.test(s)) {
    negative = true
    s = s.replace(minusAtStart, '')
  }
  let hadEuro = false
  if (euroAtStart.test(s)) {
    hadEuro = true
    s = s.replace(euroAtStart, '')
  } else if (euroAtEnd.test(s)) {
    hadEuro = true
    s = s.replace(euroAtEnd, '')
  }
  if (minusAtStart.test(s)) {
    // "€ -12,50", the way Intl writes a negative amount in nl-NL.
    negative = true
    s = s.replace(minusAtStart, '')
  }
  if (s === '') return { ok: false, error: hadEuro || negative ? 'invalid' : 'empty' }
  if (!/^[0-9.,]+$/.test(s)) return { ok: false, error: 'invalid' }

  const split = splitDigits(s)
  if (!split.ok) return split
  const { whole, fraction } = split
  if (fraction.length > 2) return { ok: false, error: 'too_many_decimals' }
  if (negative) return { ok: false, error: 'negative' }

  const cents = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0') || '0')
  if (cents > MAX_CENTS_BIG) return { ok: false, error: 'too_large' }
  return { ok: true, cents: Number(cents) }
}

type Split = { ok: true; whole: string; fraction: string } | { ok: false; error: MoneyError }

/** Splits "1.234,56" into whole "1234" and fraction "56" following the rules of parseMoney. */
function splitDigits(s: string): Split {
  const lastDot = s.lastIndexOf('.')
  const lastComma = s.lastIndexOf(',')
  const dots = count(s, '.')
  const commas = count(s, ',')

  if (dots === 0 && commas === 0) return { ok: true, whole: s, fraction: '' }

  if (dots > 0 && commas > 0) {
    const decimalSep = lastDot > lastComma ? '.' : ','
    const groupSep = decimalSep === '.' ? ',' : '.'
    if (count(s, decimalSep) !== 1) return { ok: false, error: 'invalid' }
    const at = s.indexOf(decimalSep)
    const wholePart = s.slice(0, at)
    const fraction = s.slice(at + 1)
    const whole = ungroup(wholePart, groupSep)
    if (whole === null || !/^[0-9]+$/.test(fraction)) return { ok: false, error: 'invalid' }
    return { ok: true, whole, fraction }
  }

  const sep = dots > 0 ? '.' : ','
  const n = dots > 0 ? dots : commas
  if (n > 1) {
    // "1.234.567" or "1,234,567": only thousands grouping can repeat.
    const whole = ungroup(s, sep)
    return whole === null ? { ok: false, error: 'invalid' } : { ok: true, whole, fraction: '' }
  }
  // Exactly one separator.
  if (sep === '.' && /^[1-9][0-9]{0,2}\.[0-9]{3}$/.test(s)) {
    // Dutch thousands separator, see the design choice documented on parseMoney.
    return { ok: true, whole: s.replace('.', ''), fraction: '' }
  }
  const at = s.indexOf(sep)
  const whole = s.slice(0, at)
  const fraction = s.slice(at + 1)
  if (!/^[0-9]+$/.test(whole) || !/^[0-9]+$/.test(fraction)) return { ok: false, error: 'invalid' }
  return { ok: true, whole, fraction }
}

/** "1.234.567" -> "1234567"; null when the grouping is not 1-3 digits then groups of 3. */
function ungroup(s: string, sep: string): string | null {
  const groups = s.split(sep)
  if (groups.length === 1) return /^[0-9]+$/.test(s) ? s : null
  if (!/^[1-9][0-9]{0,2}$/.test(groups[0])) return null
  for (let i = 1; i < groups.length; i++) {
    if (!/^[0-9]{3}$/.test(groups[i])) return null
  }
  return groups.join('')
}

function count(s: string, ch: string): number {
  let n = 0
  for (const c of s) if (c === ch) n++
  return n
}

function assertCents(cents: number): void {
  if (!Number.isSafeInteger(cents)) {
    throw new RangeError(`Money must be a safe integer number of cents, got ${String(cents)}`)
  }
}

/** "-123456" cents -> "-1234.56": an exact decimal string, built with integer arithmetic only. */
function centsToDecimalString(cents: number): string {
  assertCents(cents)
  const abs = Math.abs(cents)
  const centPart = abs % 100 // exact for integers
  const euroPart = (abs - centPart) / 100 // exact: a multiple of 100 divided by 100
  return `${cents < 0 ? '-' : ''}${euroPart}.${String(centPart).padStart(2, '0')}`
}

const CURRENCY = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' })
const PLAIN = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 2, maximumFractionDigits: 2 })

// Intl.NumberFormat formats a decimal string exactly (ECMA-402 NumberFormat v3, Node >= 19).
type ExactFormatter = { format(value: string): string }

/** 123456 -> "€ 1.234,56" (with a no-break space after the euro sign, as Intl writes it). */
export function formatMoney(cents: number): string {
  return (CURRENCY as unknown as ExactFormatter).format(centsToDecimalString(cents))
}

/** 123456 -> "1.234,56": the value for a form field, without the euro sign. */
export function formatMoneyPlain(cents: number): string {
  return (PLAIN as unknown as ExactFormatter).format(centsToDecimalString(cents))
}

/** A clear Dutch message for a refused amount, to show next to the form field. */
export function moneyErrorMessage(error: MoneyError): string {
  switch (error) {
    case 'empty':
      return 'Vul een bedrag in, bijvoorbeeld 1.234,56.'
    case 'invalid':
      return 'Dit is geen geldig bedrag. Schrijf het bijvoorbeeld als 1.234,56 of 1234,56.'
    case 'negative':
      return 'Het bedrag mag niet negatief zijn.'
    case 'too_many_decimals':
      return 'Gebruik hoogstens twee cijfers achter de komma, bijvoorbeeld 1.234,56.'
    case 'too_large':
      return 'Het bedrag is te groot: het maximum is € 1.000.000.000,00.'
  }
}

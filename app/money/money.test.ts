import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MAX_MONEY_CENTS, formatMoney, formatMoneyPlain, moneyErrorMessage, parseMoney, type MoneyError } from './money'

const NBSP = '\u00a0'

describe('parseMoney accepts', () => {
  const accepted: Array<[string, number]> = [
    ['1.234,56', 123456],
    ['1234,56', 123456],
    ['1234,5', 123450],
    ['€ 1.234,56', 123456],
    [`€${NBSP}1.234,56`, 123456],
    ['€1234', 123400],
    ['1234', 123400],
    ['1234.56', 123456],
    ['1,234.56', 123456],
    ['  1234,56  ', 123456],
    [`${NBSP}1234,56${NBSP}`, 123456],
    ['\u202f12,00\u202f', 1200],
    ['1.234', 123400], // Dutch thousands separator (documented choice)
    ['12.500', 1250000],
    ['999.999', 99999900],
    ['1.5', 150],
    ['1.50', 150],
    ['0.5', 50],
    ['0,05', 5],
    ['0', 0],
    ['0,00', 0],
    ['007', 700],
    ['1.234.567', 123456700],
    ['1,234,567', 123456700],
    ['1.234.567,89', 123456789],
    ['1,234,567.89', 123456789],
    ['25,-', 2500],
    ['€ 25,--', 2500],
    ['1234 €', 123400],
    ['EUR 10', 1000],
    ['1.000.000.000,00', MAX_MONEY_CENTS],
    ['1000000000', MAX_MONEY_CENTS],
  ]
  it.each(accepted)('%j -> %i cents', (input, cents) => {
    expect(parseMoney(input)).toEqual({ ok: true, cents })
  })
})

describe('parseMoney refuses', () => {
  const refused: Array<[string, MoneyError]> = [
    ['', 'empty'],
    ['   ', 'empty'],
    [NBSP, 'empty'],
    ['€', 'invalid'],
    ['-', 'invalid'],
    ['abc', 'invalid'],
    ['12a', 'invalid'],
    ['1 234', 'invalid'],
    ['1.2.3', 'invalid'],
    ['1.23.456', 'invalid'],
    ['1,23,456', 'invalid'],
    ['1.234.56', 'invalid'],
    ['1,234,56', 'invalid'],
    ['1.234,567', 'too_many_decimals'],
    ['1,5.3', 'invalid'],
    ['1.234,5.6', 'invalid'],
    ['0.123,45', 'invalid'],
    ['1234,', 'invalid'],
    [',50', 'invalid'],
    ['.50', 'invalid'],
    ['1e3', 'invalid'],
    ['0x10', 'invalid'],
    ['+5', 'invalid'],
    ['1,234', 'too_many_decimals'], // a single comma is always decimal
    ['1234.567', 'too_many_decimals'],
    ['0.123', 'too_many_decimals'],
    ['1,005', 'too_many_decimals'],
    ['-5', 'negative'],
    ['-1.234,56', 'negative'],
    ['€ -1.234,56', 'negative'],
    ['- € 12', 'negative'],
    ['\u22125', 'negative'],
    ['1.000.000.000,01', 'too_large'],
    ['1000000001', 'too_large'],
    ['99999999999999999999999', 'too_large'],
  ]
  it.each(refused)('%j -> %s', (input, error) => {
    expect(parseMoney(input)).toEqual({ ok: false, error })
  })
})

describe('formatMoney and formatMoneyPlain', () => {
  it('formats in nl-NL', () => {
    expect(formatMoney(123456)).toBe(`€${NBSP}1.234,56`)
    expect(formatMoney(0)).toBe(`€${NBSP}0,00`)
    expect(formatMoney(5)).toBe(`€${NBSP}0,05`)
    expect(formatMoney(-123456)).toBe(`€${NBSP}-1.234,56`)
    expect(formatMoney(MAX_MONEY_CENTS)).toBe(`€${NBSP}1.000.000.000,00`)
    expect(formatMoneyPlain(123456)).toBe('1.234,56')
    expect(formatMoneyPlain(100)).toBe('1,00')
    expect(formatMoneyPlain(-5)).toBe('-0,05')
  })
  it('is exact up to the largest safe integer', () => {
    expect(formatMoneyPlain(Number.MAX_SAFE_INTEGER)).toBe('90.071.992.547.409,91')
    expect(formatMoney(-Number.MAX_SAFE_INTEGER)).toBe(`€${NBSP}-90.071.992.547.409,91`)
  })
  it('refuses non-integer cents', () => {
    expect(() => formatMoney(1.5)).toThrow(RangeError)
    expect(() => formatMoneyPlain(Number.NaN)).toThrow(RangeError)
    expect(() => formatMoney(2 ** 53)).toThrow(RangeError)
  })
})

describe('moneyErrorMessage', () => {
  it('gives a Dutch message for every error', () => {
    const errors: MoneyError[] = ['empty', 'invalid', 'negative', 'too_many_decimals', 'too_large']
    for (const e of errors) expect(moneyErrorMessage(e)).toMatch(/\S/)
    expect(moneyErrorMessage('empty')).toBe('Vul een bedrag in, bijvoorbeeld 1.234,56.')
  })
})

describe('round trip (property)', () => {
  it('parseMoney(formatMoneyPlain(c)) and parseMoney(formatMoney(c)) give c back', () => {
    const cents = fc.oneof(
      fc.integer({ min: 0, max: MAX_MONEY_CENTS }),
      fc.integer({ min: 0, max: 100_000 }),
      fc.constantFrom(0, 1, 99, 100, 123_400, 99_999_900, MAX_MONEY_CENTS - 1, MAX_MONEY_CENTS),
    )
    fc.assert(
      fc.property(cents, (c) => {
        expect(parseMoney(formatMoneyPlain(c))).toEqual({ ok: true, cents: c })
        expect(parseMoney(formatMoney(c))).toEqual({ ok: true, cents: c })
      }),
      { numRuns: 5_000 },
    )
  })
  it('international notation round-trips too', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_MONEY_CENTS }), (c) => {
        const s = `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`
        expect(parseMoney(s)).toEqual({ ok: true, cents: c })
      }),
      { numRuns: 2_000 },
    )
  })
})

import { z } from 'zod'
import { moneyErrorMessage, parseMoney } from './money.ts'

const DEFAULT_REQUIRED = 'Vul een bedrag in, bijvoorbeeld 1.234,56.'

/**
 * A form field with an amount typed as text ("1.234,56", "1234.56") that becomes integer cents,
 * with Dutch messages. `zero`: the message when 0 is not allowed (omit to allow 0).
 */
export function moneyField(options: { required?: string; zero?: string } = {}) {
  return z.string({ error: options.required ?? DEFAULT_REQUIRED }).transform((value, ctx) => {
    const parsed = parseMoney(value)
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: moneyErrorMessage(parsed.error) })
      return z.NEVER
    }
    if (options.zero && parsed.cents === 0) {
      ctx.addIssue({ code: 'custom', message: options.zero })
      return z.NEVER
    }
    return parsed.cents
  })
}

/** An amount that may be left empty (then 0 cents). */
export function optionalMoneyField() {
  return z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return 0
      const parsed = parseMoney(value)
      if (!parsed.ok) {
        ctx.addIssue({ code: 'custom', message: moneyErrorMessage(parsed.error) })
        return z.NEVER
      }
      return parsed.cents
    })
}

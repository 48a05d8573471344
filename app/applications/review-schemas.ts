import { z } from 'zod'
import { moneyErrorMessage, parseMoney } from '#app/money/money.ts'
import { informationRequestSchema } from './schema.ts'

/** Forms of the reviewer's page, one schema each, shared by browser and server. */
export const positiveMoney = z.string({ error: 'Vul een bedrag in, bijvoorbeeld 1.234,56.' }).transform((value, ctx) => {
  const parsed = parseMoney(value)
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: moneyErrorMessage(parsed.error) })
    return z.NEVER
  }
  if (parsed.cents === 0) {
    ctx.addIssue({ code: 'custom', message: 'Het bedrag moet meer dan € 0,00 zijn.' })
    return z.NEVER
  }
  return parsed.cents
})

export const approveSchema = z.object({ intent: z.literal('approve'), amount: positiveMoney })

export const rejectSchema = z.object({
  intent: z.literal('reject'),
  reason: z
    .string({ error: 'Geef de reden van de afwijzing; die komt in het besluit aan de stichting.' })
    .trim()
    .min(10, 'Leg de afwijzing uit in minstens 10 tekens; die uitleg komt in het besluit.')
    .max(4000, 'De reden mag hoogstens 4000 tekens hebben.'),
})

const booking = {
  amount: positiveMoney,
  date: z.string({ error: 'Vul de datum in.' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'Vul de datum in als dd-mm-jjjj.'),
  description: z.string({ error: 'Vul een omschrijving in.' }).trim().min(2, 'Vul een omschrijving in.').max(200, 'Hoogstens 200 tekens.'),
}

export const paymentSchema = z.object({ intent: z.literal('payment'), ...booking })
export const expenseSchema = z.object({ intent: z.literal('expense'), ...booking })

export const REVIEW_SCHEMAS = { approve: approveSchema, reject: rejectSchema, payment: paymentSchema, expense: expenseSchema, 'request-info': informationRequestSchema }
export type ReviewIntent = keyof typeof REVIEW_SCHEMAS

import { z } from 'zod'
import { moneyErrorMessage, parseMoney } from '#app/money/money.ts'
import { CATEGORIES } from './categories.ts'

/**
 * The application form, one schema for browser and server (Conform). Amounts are typed as text in
 * Dutch or international notation and become integer cents here. The requested amount is never
 * typed: it is the sum of the budget lines.
 */
const money = z.string({ error: 'Vul een bedrag in, bijvoorbeeld 1.234,56.' }).transform((value, ctx) => {
  const parsed = parseMoney(value)
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: moneyErrorMessage(parsed.error) })
    return z.NEVER
  }
  if (parsed.cents === 0) {
    ctx.addIssue({ code: 'custom', message: 'Een begrotingsregel moet meer dan € 0,00 zijn.' })
    return z.NEVER
  }
  return parsed.cents
})

const date = (label: string) =>
  z
    .string({ error: `Vul de ${label} in.` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Vul de ${label} in als datum (dd-mm-jjjj).`)
    .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), `De ${label} bestaat niet.`)

export const MAX_BUDGET_LINES = 30

export const budgetLineSchema = z.object({
  description: z
    .string({ error: 'Beschrijf waar dit bedrag voor is.' })
    .trim()
    .min(2, 'Beschrijf waar dit bedrag voor is.')
    .max(200, 'Houd de omschrijving onder 200 tekens.'),
  amount: money,
})

export const applicationSchema = z
  .object({
    title: z
      .string({ error: 'Geef uw initiatief een naam.' })
      .trim()
      .min(3, 'De naam moet minstens 3 tekens hebben.')
      .max(120, 'De naam mag hoogstens 120 tekens hebben.'),
    category: z.enum(CATEGORIES, { error: 'Kies een soort initiatief.' }),
    areaId: z.string({ error: 'Kies de wijk van het initiatief.' }).min(1, 'Kies de wijk van het initiatief.'),
    description: z
      .string({ error: 'Beschrijf het initiatief.' })
      .trim()
      .min(20, 'Beschrijf het initiatief in minstens 20 tekens: wat gaat u doen, en voor wie?')
      .max(5000, 'De beschrijving mag hoogstens 5000 tekens hebben.'),
    startDate: date('begindatum'),
    endDate: date('einddatum'),
    lines: z
      .array(budgetLineSchema, { error: 'Voeg minstens één begrotingsregel toe.' })
      .min(1, 'Voeg minstens één begrotingsregel toe.')
      .max(MAX_BUDGET_LINES, `Hoogstens ${MAX_BUDGET_LINES} begrotingsregels.`),
  })
  .superRefine((value, ctx) => {
    if (value.endDate < value.startDate) {
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'De einddatum ligt vóór de begindatum.' })
    }
  })

export type ApplicationInput = z.output<typeof applicationSchema>

export function requestedCents(lines: { amount: number }[]): number {
  return lines.reduce((sum, line) => sum + line.amount, 0)
}

/**
 * Saving a draft asks only what identifies it; everything else may still be empty, and whatever was
 * typed is kept. Fields that are filled in must still be valid (a budget line needs a real amount).
 */
export const draftSchema = z.object({
  title: applicationSchema.shape.title,
  category: applicationSchema.shape.category,
  areaId: applicationSchema.shape.areaId,
  description: z.string().trim().max(5000, 'De beschrijving mag hoogstens 5000 tekens hebben.').default(''),
  startDate: date('begindatum').optional(),
  endDate: date('einddatum').optional(),
  lines: z.array(budgetLineSchema).max(MAX_BUDGET_LINES, `Hoogstens ${MAX_BUDGET_LINES} begrotingsregels.`).default([]),
})

export type DraftInput = z.output<typeof draftSchema>

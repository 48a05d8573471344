import { z } from 'zod'
import { moneyField } from '#app/money/money-schema.ts'
import { informationRequestSchema } from './schema.ts'

/** Forms of the reviewer's page, one schema each, shared by browser and server. */
export const positiveMoney = moneyField({ zero: 'Het bedrag moet meer dan € 0,00 zijn.' })

const optionalText = z.string().trim().max(4000, 'Hoogstens 4000 tekens.').optional()

export const approveSchema = z.object({ intent: z.literal('approve'), amount: positiveMoney, reasons: optionalText })

export const rejectSchema = z.object({
  intent: z.literal('reject'),
  reason: z
    .string({ error: 'Geef de reden van de afwijzing; die komt in het besluit aan de stichting.' })
    .trim()
    .min(10, 'Leg de afwijzing uit in minstens 10 tekens; die uitleg komt in het besluit.')
    .max(4000, 'De reden mag hoogstens 4000 tekens hebben.'),
})

// review (issue 10): four eyes, not considering, taking in hand
export const confirmSchema = z.object({ intent: z.literal('confirm') })
export const sendBackSchema = z.object({
  intent: z.literal('send-back'),
  reason: z
    .string({ error: 'Geef de reden van het terugsturen.' })
    .trim()
    .min(10, 'Geef in minstens 10 tekens de reden van het terugsturen.')
    .max(4000, 'Hoogstens 4000 tekens.'),
})
export const notConsideredSchema = z.object({ intent: z.literal('not-considered'), explanation: optionalText })
export const claimSchema = z.object({ intent: z.literal('claim') })
export const releaseSchema = z.object({ intent: z.literal('release') })

export const REVIEW_SCHEMAS = {
  approve: approveSchema,
  confirm: confirmSchema,
  'send-back': sendBackSchema,
  'not-considered': notConsideredSchema,
  claim: claimSchema,
  release: releaseSchema,
  reject: rejectSchema,
  'request-info': informationRequestSchema,
}
export type ReviewIntent = keyof typeof REVIEW_SCHEMAS

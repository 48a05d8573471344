import { z } from 'zod'
import { moneyField } from '#app/money/money-schema.ts'

/**
 * The forms of the money after the award, one schema each, shared by browser and server (Conform).
 * Amounts are typed as text ("1.234,56") and become integer cents; the services check the rest
 * (what is committed, dates in the future, files) and answer at the field.
 */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/
const CONTROL_MESSAGE = 'Dit veld bevat een teken dat niet kan worden opgeslagen. Typ de tekst opnieuw.'

const amount = moneyField({ zero: 'Vul een bedrag in van meer dan € 0,00.' })

const day = (label: string) =>
  z
    .string({ error: `Vul de ${label} in.` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Vul de ${label} in als datum (dd-mm-jjjj).`)
    .refine((s) => {
      const d = new Date(`${s}T00:00:00Z`)
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s && s >= '2000-01-01' && s <= '2099-12-31'
    }, `De ${label} bestaat niet.`)

const text = (min: number, max: number, message: string) =>
  z
    .string({ error: message })
    .trim()
    .min(min, message)
    .max(max, `Hoogstens ${max} tekens.`)
    .refine((s) => !CONTROL.test(s), CONTROL_MESSAGE)

const id = z.string({ error: 'Onbekend record.' }).regex(/^[a-z0-9]{10,40}$/, 'Onbekend record.')
const key = z
  .string()
  .regex(/^[A-Za-z0-9-]{8,64}$/)
  .optional()

// ---- the reviewer (app/routes/beoordelen.$id.tsx) ----
export const approvePaymentSchema = z.object({ intent: z.literal('approve-payment'), paymentId: id })
export const cancelPaymentSchema = z.object({
  intent: z.literal('cancel-payment'),
  paymentId: id,
  reason: text(3, 500, 'Geef een reden op (minstens 3 tekens).'),
})
export const proposePaymentSchema = z.object({
  intent: z.literal('propose-payment'),
  kind: z.enum(['TRANCHE', 'ADVANCE'], { error: 'Kies het soort betaling.' }),
  amount,
  payOn: day('betaaldatum'),
  description: text(2, 140, 'Vul een omschrijving in (minstens 2 tekens).'),
  key,
})
export const reviewExpenseSchema = z
  .object({
    intent: z.literal('review-expense'),
    expenseId: id,
    decision: z.enum(['accept', 'reject'], { error: 'Kies: goedkeuren of afkeuren.' }),
    reason: z.string().trim().max(1000, 'Hoogstens 1000 tekens.').optional(),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'reject' && (v.reason ?? '').length < 3)
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message: 'Geef de reden van het afkeuren (minstens 3 tekens); de stichting ziet die.',
      })
  })
export const settleSchema = z.object({
  intent: z.literal('settle'),
  finalAmount: moneyField(),
  reason: text(10, 4000, 'Leg de vaststelling uit in minstens 10 tekens; die uitleg komt in de brief.'),
})
export const recoverySchema = z.object({
  intent: z.literal('recovery'),
  amount,
  receivedOn: day('ontvangstdatum'),
})

export const MONEY_SCHEMAS = {
  'approve-payment': approvePaymentSchema,
  'cancel-payment': cancelPaymentSchema,
  'propose-payment': proposePaymentSchema,
  'review-expense': reviewExpenseSchema,
  settle: settleSchema,
  recovery: recoverySchema,
}
export type MoneyIntent = keyof typeof MONEY_SCHEMAS
export const isMoneyIntent = (intent: string): intent is MoneyIntent => Object.hasOwn(MONEY_SCHEMAS, intent)

// ---- the batches page (app/routes/beoordelen.betalingen.tsx) ----
export const createBatchSchema = z.object({ intent: z.literal('create-batch') })
export const exportBatchSchema = z.object({
  intent: z.literal('export'),
  batchId: id,
  reason: z.string().trim().max(500, 'Hoogstens 500 tekens.').optional(),
})
export const markSentSchema = z.object({ intent: z.literal('mark-sent'), batchId: id })
export const BATCH_SCHEMAS = {
  'create-batch': createBatchSchema,
  export: exportBatchSchema,
  'mark-sent': markSentSchema,
}
export type BatchIntent = keyof typeof BATCH_SCHEMAS

// ---- the foundation (app/routes/aanvragen.$id.tsx) ----
export const expenseSchema = z.object({
  intent: z.literal('expense'),
  spentOn: day('datum van de uitgave'),
  supplier: text(2, 140, 'Vul de leverancier in.'),
  description: text(3, 200, 'Beschrijf waarvoor het geld is uitgegeven (minstens 3 tekens).'),
  amount,
  budgetLineId: z
    .string()
    .regex(/^[a-z0-9]{10,40}$/, 'Kies een begrotingspost van deze aanvraag.')
    .optional(),
  /** the receipts are read by the service (the intake's attachment rules), not by the schema */
  receipts: z.any().optional(),
  key,
})
export const reportSchema = z.object({
  intent: z.literal('report'),
  whatHappened: text(20, 8000, 'Beschrijf wat er is gebeurd (minstens 20 tekens).'),
  participants: z
    .string({ error: 'Vul het aantal deelnemers in.' })
    .trim()
    .regex(/^\d{1,7}$/, 'Vul het aantal deelnemers in als heel getal (0 of meer).')
    .transform(Number),
  photos: z.any().optional(),
})
export const FOUNDATION_MONEY_INTENTS = ['expense', 'report'] as const

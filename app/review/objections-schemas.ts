import { z } from 'zod'
import { MAX_ATTACHMENT_BYTES } from '#app/applications/schema.ts'
import { moneyErrorMessage, parseMoney } from '#app/money/money.ts'

/** The objection page's forms (bezwaar), shared by browser and server. */
const day = (label: string) =>
  z
    .string({ error: `Vul de ${label} in.` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Vul de ${label} in als datum (dd-mm-jjjj).`)
    .refine((s) => {
      const d = new Date(`${s}T00:00:00Z`)
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
    }, `De ${label} bestaat niet.`)

const optionalDay = (label: string) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), day(label).optional())

const longText = (required: string, min: string) =>
  z.string({ error: required }).trim().min(10, min).max(8000, 'Hoogstens 8000 tekens.')

export const registerObjectionSchema = z.object({
  intent: z.literal('register-objection'),
  receivedOn: day('ontvangstdatum'),
  objectorName: z
    .string({ error: 'Vul in wie het bezwaar heeft ingediend.' })
    .trim()
    .min(2, 'Vul in wie het bezwaar heeft ingediend.')
    .max(200, 'Hoogstens 200 tekens.'),
  grounds: longText('Vul de gronden van het bezwaar in.', 'Vul de gronden van het bezwaar in (minstens 10 tekens).'),
  hearingOn: optionalDay('datum van de hoorzitting'),
  attachment: z
    .custom<File>((v) => typeof File !== 'undefined' && v instanceof File, { message: 'Kies een bestand.' })
    .refine((f) => f.size <= MAX_ATTACHMENT_BYTES, 'Een bijlage mag hoogstens 10 MB zijn.')
    .optional(),
})

/** An amount that may be left empty (then undefined: not 0, which would mean a rejection). */
const amountOrNothing = z
  .string()
  .optional()
  .transform((value, ctx) => {
    if (value === undefined || value.trim() === '') return undefined
    const parsed = parseMoney(value)
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: moneyErrorMessage(parsed.error) })
      return z.NEVER
    }
    return parsed.cents
  })

export const OUTCOMES = ['FOUNDED', 'PARTLY_FOUNDED', 'UNFOUNDED', 'INADMISSIBLE'] as const

export const decideObjectionSchema = z.object({
  intent: z.literal('decide-objection'),
  objectionId: z.string({ error: 'Onbekend bezwaar.' }).min(1).max(64),
  outcome: z.enum(OUTCOMES, { error: 'Kies de beslissing op het bezwaar.' }),
  amount: amountOrNothing,
  reasons: longText('Vul de motivering in.', 'Vul de motivering in (minstens 10 tekens); die komt in de brief.'),
  lateReason: z.string().trim().max(4000, 'Hoogstens 4000 tekens.').optional(),
  hearingOn: optionalDay('datum van de hoorzitting'),
})

export const OBJECTION_SCHEMAS = {
  'register-objection': registerObjectionSchema,
  'decide-objection': decideObjectionSchema,
}
export type ObjectionIntent = keyof typeof OBJECTION_SCHEMAS

import { z } from 'zod'
import { moneyField, optionalMoneyField } from '#app/money/money-schema.ts'
import '#app/applications/zod-dutch.ts'

/** Control characters are never text a person typed (PostgreSQL cannot even store NUL). */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/

const date = (label: string) =>
  z
    .string({ error: `Vul de ${label} in.` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Vul de ${label} in als datum (dd-mm-jjjj).`)
    .refine((s) => {
      const d = new Date(`${s}T00:00:00Z`)
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
    }, `De ${label} bestaat niet.`)

const wholeNumber = (label: string, min: number, max: number) =>
  z
    .string({ error: `Vul ${label} in.` })
    .trim()
    .regex(/^\d{1,7}$/, `Vul ${label} in als heel getal, bijvoorbeeld ${min + 1}.`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `Vul ${label} in tussen ${min} en ${max}.`)

/**
 * The next round (issue 11, point 6): year, pot and dates typed by the administrator; the
 * parameters come filled in from the newest round and may be changed. One schema for browser and server.
 */
export const newRoundSchema = z
  .object({
    year: z
      .string({ error: 'Vul het jaar van de ronde in.' })
      .trim()
      .regex(/^\d{4}$/, 'Vul het jaar in als vier cijfers, bijvoorbeeld 2027.')
      .transform(Number)
      .refine((n) => n >= 2000 && n <= 2100, 'Vul een jaar in tussen 2000 en 2100.'),
    pot: moneyField({
      required: 'Vul het subsidieplafond in, bijvoorbeeld 450.000,00.',
      zero: 'Het subsidieplafond moet meer dan € 0,00 zijn.',
    }),
    opensOn: date('openingsdatum'),
    closesOn: date('sluitingsdatum'),
    maxAmount: optionalMoneyField(),
    reportTermWeeks: wholeNumber('de termijn voor de verantwoording', 1, 52),
    advancePercent: wholeNumber('het voorschotpercentage', 0, 100),
    fourEyesThreshold: optionalMoneyField(),
    paymentApprovalThreshold: optionalMoneyField(),
  })
  // Also when another field is wrong (a pot of "abc"), so every mistake shows at once; only the dates must be readable.
  .refine((v) => v.closesOn > v.opensOn, {
    path: ['closesOn'],
    message: 'De sluitingsdatum moet na de openingsdatum liggen.',
    when: (payload) => payload.issues.every((i) => i.path?.[0] !== 'opensOn' && i.path?.[0] !== 'closesOn'),
  })

export type NewRoundValues = z.infer<typeof newRoundSchema>

/** Closing a round: the administrator states why, and confirms. */
export const closeRoundSchema = z.object({
  intent: z.literal('close', { error: 'Onbekende actie.' }),
  reason: z
    .string({ error: 'Geef een reden op waarom de ronde nu wordt gesloten.' })
    .trim()
    .min(10, 'Geef een reden op in minstens 10 tekens.')
    .max(1000, 'Hoogstens 1000 tekens.')
    .refine((s) => !CONTROL.test(s), 'Dit veld bevat een teken dat niet kan worden opgeslagen. Typ de tekst opnieuw.'),
})

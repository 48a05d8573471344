import { z } from 'zod'
import { moneyField } from '#app/money/money-schema.ts'
import { parseWeight } from '#app/ui/format.ts'

/** The forms of the scenario pages (one schema per form), with Dutch messages. Pure: no I/O. */

const money = (required: string) => moneyField({ required })

/** A weight typed as "1,5" that becomes thousandths (1500), between min and 10 (10000). */
export const weight = (min: number, message: string) =>
  z.string({ error: message }).transform((value, ctx) => {
    const milli = parseWeight(value)
    if (milli === null || milli < min || milli > 10000) {
      ctx.addIssue({ code: 'custom', message })
      return z.NEVER
    }
    return milli
  })

export const UNSPENT_POLICIES = ['RETURN_TO_MUNICIPALITY', 'CARRY_OVER_PER_AREA'] as const

export const scenarioSchema = z
  .object({
    name: z
      .string({ error: 'Geef het scenario een naam, bijvoorbeeld "Gewicht 2 voor prioriteitswijken".' })
      .trim()
      .min(1, 'Geef het scenario een naam.')
      .max(80, 'Hoogstens 80 tekens.'),
    pot: money('Vul het budget van de ronde in.').refine((c) => c > 0, 'Het budget moet meer dan € 0,00 zijn.'),
    fixedAllowance: money('Vul het vaste bedrag per wijk in (mag 0 zijn).'),
    priorityWeight: weight(1000, 'Vul een gewicht in tussen 1 en 10 met hoogstens drie decimalen, bijvoorbeeld 1,5.'),
    inhabitantsYear: z
      .string({ error: 'Kies het jaar van de inwonertallen.' })
      .regex(/^\d{4}$/, 'Kies het jaar van de inwonertallen.')
      .transform(Number),
    unspentPolicy: z.enum(UNSPENT_POLICIES, {
      error: 'Kies wat er met geld gebeurt dat aan het eind van de ronde over is.',
    }),
    areas: z
      .array(
        z
          .object({
            areaId: z.string(),
            weight: weight(
              0,
              'Een gewicht tussen 0 en 10, hoogstens drie decimalen; leeg: het standaardgewicht.',
            ).optional(),
            floor: money('').optional(),
            cap: money('').optional(),
          })
          .superRefine((a, ctx) => {
            if (a.floor !== undefined && a.cap !== undefined && a.floor > a.cap) {
              ctx.addIssue({ code: 'custom', path: ['cap'], message: 'Het maximum is lager dan het minimum.' })
            }
          }),
      )
      .default([]),
  })
  .superRefine((v, ctx) => {
    v.areas.forEach((a, i) => {
      if (a.cap !== undefined && a.cap < v.fixedAllowance) {
        ctx.addIssue({
          code: 'custom',
          path: ['areas', i, 'cap'],
          message: 'Het maximum is lager dan het vaste bedrag per wijk.',
        })
      }
    })
  })

export const publishScenarioSchema = z.object({
  scenarioId: z.string({ error: 'Kies een scenario.' }),
  reason: z
    .string({ error: 'Geef de reden voor deze nieuwe versie; die komt op de openbare pagina.' })
    .trim()
    .min(5, 'Geef de reden voor deze nieuwe versie in een paar woorden; die komt op de openbare pagina.')
    .max(1000, 'Hoogstens 1000 tekens.'),
})

/** Largest accepted upload: 31 wijken take about 2 kB; 200 kB leaves room for any Dutch municipality. */
export const MAX_CSV_BYTES = 200_000

export const populationImportSchema = z
  .object({
    year: z
      .string({ error: 'Vul het jaar van de cijfers in, bijvoorbeeld 2024.' })
      .regex(/^\d{4}$/, 'Vul een jaartal in, bijvoorbeeld 2024.')
      .transform(Number)
      .refine((y) => y >= 1990 && y <= 2100, 'Vul een jaartal tussen 1990 en 2100 in.'),
    file: z.instanceof(File).optional(),
    csv: z.string().optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.file && !v.csv?.trim()) {
      ctx.addIssue({
        code: 'custom',
        path: ['file'],
        message: 'Kies een CSV-bestand of plak de inhoud in het tekstvak.',
      })
    }
    if (v.file && v.file.size > MAX_CSV_BYTES) {
      ctx.addIssue({
        code: 'custom',
        path: ['file'],
        message: 'Het bestand is groter dan 200 kB; is het wel het goede bestand?',
      })
    }
  })

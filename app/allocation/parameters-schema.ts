import { z } from 'zod'
import { moneyField } from '#app/money/money-schema.ts'
import { weight } from './scenario-schema.ts'

/** The administrator's allocation form: fixed allowance per wijk and the weight of a priority wijk. */
export const allocationParametersSchema = z.object({
  intent: z.enum(['preview', 'publish']),
  fixedAllowance: moneyField({ required: 'Vul het vaste bedrag per wijk in (mag 0 zijn).' }),
  priorityWeight: weight(1000, 'Vul een gewicht in tussen 1 en 10 met hoogstens drie decimalen, bijvoorbeeld 1,5.'),
  reason: z.string().trim().max(1000, 'Hoogstens 1000 tekens.').optional(),
})

import { z } from 'zod'
import { moneyErrorMessage, parseMoney } from '#app/money/money.ts'
import { parseWeight } from '#app/ui/format.ts'

/** The administrator's allocation form: fixed allowance per wijk and the weight of a priority wijk. */
export const allocationParametersSchema = z.object({
  intent: z.enum(['preview', 'publish']),
  fixedAllowance: z.string({ error: 'Vul het vaste bedrag per wijk in (mag 0 zijn).' }).transform((value, ctx) => {
    const parsed = parseMoney(value)
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: moneyErrorMessage(parsed.error) })
      return z.NEVER
    }
    return parsed.cents
  }),
  priorityWeight: z.string({ error: 'Vul het gewicht in, bijvoorbeeld 1,5.' }).transform((value, ctx) => {
    const milli = parseWeight(value)
    if (milli === null || milli < 1000 || milli > 10000) {
      ctx.addIssue({ code: 'custom', message: 'Vul een gewicht in tussen 1 en 10 met hoogstens drie decimalen, bijvoorbeeld 1,5.' })
      return z.NEVER
    }
    return milli
  }),
  reason: z.string().trim().max(1000, 'Hoogstens 1000 tekens.').optional(),
})

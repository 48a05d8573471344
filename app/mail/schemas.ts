import { z } from 'zod'

/** The administrators' "send again" button on /beheer/mail. */
export const resendSchema = z.object({
  intent: z.literal('resend'),
  id: z.string().min(1).max(100),
})

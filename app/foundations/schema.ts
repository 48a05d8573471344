import { electronicFormatIBAN, friendlyFormatIBAN, isValidIBAN } from 'ibantools'
import { z } from 'zod'
import { passwordProblem, PASSWORD_MESSAGES } from '#app/auth/password-policy.ts'

/** Forms of foundations, members and accounts: one zod schema per form, for browser and server (Conform). Dutch messages. */

/** Control characters (NUL and friends) are never typed text; PostgreSQL cannot even store NUL. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/
const required = (message: string, max = 200) =>
  z
    .string({ error: message })
    .trim()
    .min(1, message)
    .max(max, `Hoogstens ${max} tekens.`)
    .refine((s) => !CONTROL.test(s), 'Dit veld bevat een teken dat niet kan worden opgeslagen. Typ de tekst opnieuw.')

export const email = z
  .string({ error: 'Vul een e-mailadres in.' })
  .trim()
  .toLowerCase()
  .max(254, 'Dit e-mailadres is te lang.')
  .email('Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.')

export const kvkNumber = z
  .string({ error: 'Vul het KvK-nummer in (8 cijfers).' })
  .transform((s) => s.replace(/\s/g, ''))
  .refine((s) => /^\d{8}$/.test(s), 'Een KvK-nummer heeft precies 8 cijfers, bijvoorbeeld 74218530.')

/** An IBAN checked with ibantools (country format and mod-97), stored in electronic format (no spaces). */
export const iban = z
  .string({ error: 'Vul het IBAN in, bijvoorbeeld NL91 ABNA 0417 1643 00.' })
  .transform((s) => electronicFormatIBAN(s.trim()) ?? '')
  .refine((s) => isValidIBAN(s), 'Dit IBAN klopt niet. Controleer het nummer, bijvoorbeeld NL91 ABNA 0417 1643 00.')

export const formatIban = (value: string) => friendlyFormatIBAN(value) ?? value

export const postalCode = z
  .string({ error: 'Vul de postcode in, bijvoorbeeld 3822 AB.' })
  .transform((s) => s.toUpperCase().replace(/\s/g, ''))
  .refine((s) => /^[1-9]\d{3}[A-Z]{2}$/.test(s), 'Vul een Nederlandse postcode in, bijvoorbeeld 3822 AB.')
  .transform((s) => `${s.slice(0, 4)} ${s.slice(4)}`)

export const foundationFields = {
  name: required('Vul de statutaire naam van de stichting in.'),
  kvkNumber,
  iban,
  accountHolder: required('Vul de naam van de rekeninghouder in (zoals bij de bank bekend).'),
  street: required('Vul straat en huisnummer in.'),
  postalCode,
  city: required('Vul de plaats in.', 100),
  contactName: required('Vul de naam van de contactpersoon in.'),
  email,
  phone: z.string().trim().max(30, 'Hoogstens 30 tekens.').optional(),
  areaIds: z.array(z.string(), { error: 'Kies minstens één wijk.' }).min(1, 'Kies minstens één wijk.').max(31),
}

export const foundationSchema = z.object(foundationFields)
export type FoundationInput = z.infer<typeof foundationSchema>

/** A new password (reset, invitation, self-registration), checked against the policy. */
export const newPassword = z.string({ error: 'Kies een wachtwoord.' }).superRefine((value, ctx) => {
  const problem = passwordProblem(value)
  if (problem) ctx.addIssue({ code: 'custom', message: PASSWORD_MESSAGES[problem] })
})

export const selfRegistrationSchema = z.object({
  ...foundationFields,
  yourName: required('Vul uw naam in.'),
  yourEmail: email,
  password: newPassword,
})

export const inviteSchema = z.object({
  intent: z.literal('invite'),
  email,
  role: z.enum(['MEMBER', 'FOUNDATION_ADMIN'], { error: 'Kies een rol.' }),
})

export const memberActionSchema = z.discriminatedUnion('intent', [
  inviteSchema,
  z.object({ intent: z.literal('role'), userId: z.string().min(1), role: z.enum(['MEMBER', 'FOUNDATION_ADMIN']) }),
  z.object({ intent: z.literal('remove'), userId: z.string().min(1) }),
  z.object({ intent: z.literal('leave') }),
  z.object({ intent: z.literal('iban'), iban, accountHolder: required('Vul de naam van de rekeninghouder in.') }),
])

export const acceptInvitationSchema = z.object({
  name: required('Vul uw naam in.'),
  password: newPassword,
})

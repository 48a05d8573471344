import { COMMON_PASSWORDS as COMMON_PASSWORDS_TEXT } from './common-passwords.ts'

/** The password policy (docs/decisions/0011-accounts-and-sign-in.md): length first, then a list of known passwords. */
export const MIN_PASSWORD_LENGTH = 12
export const MAX_PASSWORD_LENGTH = 200

const COMMON = new Set(
  COMMON_PASSWORDS_TEXT.split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#')),
)

export type PasswordProblem = 'tooShort' | 'tooLong' | 'common' | 'containsEmail'

/** Why this password is refused, or null when it is fine. */
export function passwordProblem(password: string, email?: string): PasswordProblem | null {
  const length = [...password].length
  if (length < MIN_PASSWORD_LENGTH) return 'tooShort'
  if (length > MAX_PASSWORD_LENGTH) return 'tooLong'
  const lower = password.toLowerCase()
  if (COMMON.has(lower) || /^(.)\1+$/.test(lower)) return 'common'
  const local = email?.split('@')[0]?.toLowerCase()
  if (local && local.length >= 4 && lower.includes(local)) return 'containsEmail'
  return null
}

export const PASSWORD_MESSAGES: Record<PasswordProblem, string> = {
  tooShort: `Kies een wachtwoord van minstens ${MIN_PASSWORD_LENGTH} tekens. Een zin van een paar woorden werkt goed.`,
  tooLong: `Een wachtwoord mag hoogstens ${MAX_PASSWORD_LENGTH} tekens hebben.`,
  common: 'Dit wachtwoord staat op de lijst van veelgebruikte wachtwoorden. Kies een ander.',
  containsEmail: 'Gebruik uw e-mailadres niet in uw wachtwoord.',
}

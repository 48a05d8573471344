import type { Tx } from '#app/db.server.ts'
import { enqueueMail } from '#app/mail/outbox.server.ts'

/**
 * Account mails (invitation, e-mail verification, password reset) go through the project's mail
 * outbox (app/mail/), in the same transaction as the token they carry: no token without its mail,
 * no mail without its token.
 */
export async function sendMail(
  tx: Tx,
  mail: {
    template: 'invitation' | 'email-verification' | 'password-reset'
    to: string
    lang: 'nl' | 'en'
    data: Record<string, string>
  },
) {
  await enqueueMail(tx, mail as never)
}

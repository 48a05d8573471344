// The mails the application lifecycle sends, each queued inside the transaction of its event:
// receipt on submission, decision on approve/reject, payment notice on a payment.
import type { Tx } from '#app/db.server.ts'
import { todayIso } from '#app/clock.server.ts'
import { centsFromDb } from '#app/money/bigint.ts'
import { absoluteUrl, enqueueMail } from './outbox.server.ts'
import type { MailLang } from './render.ts'

/** A stored language as the language of a mail ('nl' unless it is 'en'). */
export function mailLang(stored: string | null | undefined): MailLang {
  return stored === 'en' ? 'en' : 'nl'
}

/** The receipt (ontvangstbevestiging) to the member who submitted, with reference and decision due date. */
export async function enqueueReceipt(
  tx: Tx,
  input: { applicationId: string; submitterId: string; decisionDueOn: string; lang?: MailLang },
) {
  const [submitter, app] = await Promise.all([
    tx.user.findUniqueOrThrow({ where: { id: input.submitterId }, select: { email: true, name: true, lang: true } }),
    tx.application.findUniqueOrThrow({
      where: { id: input.applicationId },
      select: {
        reference: true,
        title: true,
        requestedCents: true,
        submittedAt: true,
        area: { select: { name: true } },
        foundation: { select: { name: true } },
      },
    }),
  ])
  await enqueueMail(tx, {
    template: 'application-receipt',
    to: submitter.email,
    // Every mail in the recipient's own language (stored per user, the switch sets it).
    lang: mailLang(submitter.lang),
    data: {
      name: submitter.name,
      reference: app.reference,
      title: app.title,
      foundationName: app.foundation.name,
      areaName: app.area.name,
      requestedCents: centsFromDb(app.requestedCents),
      submittedOn: todayIso(),
      decisionDueOn: input.decisionDueOn,
      url: absoluteUrl(`/aanvragen/${input.applicationId}`),
    },
  })
}

/** Who hears of a decision or payment: the foundation's own address and the member who created the application. */
async function applicantRecipients(tx: Tx, applicationId: string) {
  const app = await tx.application.findUniqueOrThrow({
    where: { id: applicationId },
    select: {
      reference: true,
      title: true,
      requestedCents: true,
      awardedCents: true,
      decisionReason: true,
      createdById: true,
      foundation: { select: { name: true, email: true, contactName: true, iban: true, lang: true } },
    },
  })
  const creator = await tx.user.findUnique({
    where: { id: app.createdById },
    select: { email: true, name: true, lang: true },
  })
  // Each recipient in their own language: the foundation's address in the one chosen on its page.
  const recipients = [
    { to: app.foundation.email, name: app.foundation.contactName, lang: mailLang(app.foundation.lang) },
  ]
  if (creator && creator.email.toLowerCase() !== app.foundation.email.toLowerCase())
    recipients.push({ to: creator.email, name: creator.name, lang: mailLang(creator.lang) })
  return { app, recipients }
}

/** The payment notice after a payment was registered. */
export async function enqueuePaymentNotice(
  tx: Tx,
  applicationId: string,
  payment: { amountCents: number; date: string; description: string },
) {
  const { app, recipients } = await applicantRecipients(tx, applicationId)
  const iban = app.foundation.iban.replace(/\s+/g, '')
  for (const r of recipients) {
    await enqueueMail(tx, {
      template: 'payment-notice',
      to: r.to,
      lang: r.lang,
      data: {
        name: r.name,
        reference: app.reference,
        title: app.title,
        amountCents: payment.amountCents,
        paidOn: payment.date,
        description: payment.description,
        accountEnding: iban.slice(-4),
        url: absoluteUrl(`/aanvragen/${applicationId}`),
      },
    })
  }
}

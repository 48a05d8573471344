// All mail templates of the portal, by name. app/mail/ renders them; the preview page lists them.
import applicationReceipt from './application-receipt.tsx'
import deadlineWarning from './deadline-warning.tsx'
import decision from './decision.tsx'
import emailVerification from './email-verification.tsx'
import invitation from './invitation.tsx'
import missingInformation from './missing-information.tsx'
import passwordReset from './password-reset.tsx'
import paymentNotice from './payment-notice.tsx'
import reportReminder from './report-reminder.tsx'
import secondApprovalNeeded from './second-approval-needed.tsx'
import settlement from './settlement.tsx'
// ---- objection ----
import objectionDecision from './objection-decision.tsx'

export const TEMPLATES = {
  invitation,
  'email-verification': emailVerification,
  'password-reset': passwordReset,
  'application-receipt': applicationReceipt,
  'missing-information': missingInformation,
  decision,
  'second-approval-needed': secondApprovalNeeded,
  'payment-notice': paymentNotice,
  'report-reminder': reportReminder,
  settlement,
  'deadline-warning': deadlineWarning,
  // ---- objection ----
  'objection-decision': objectionDecision,
}

export type TemplateName = keyof typeof TEMPLATES
export type { MailLang } from './components/format.ts'

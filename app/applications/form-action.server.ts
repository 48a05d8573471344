import { parseWithZod } from '@conform-to/zod/v4'
import { data } from '@remix-run/node'
import type { SessionUser } from '#app/auth/session.server.ts'
import { fill, messages } from '#app/i18n/i18n.ts'
import { getLang } from '#app/i18n/lang.server.ts'
import { redirectWithToast } from '#app/ui/toast.server.ts'
import { ApplicationRuleError, saveDraft, submitApplication } from './applications.server.ts'
import { applicationSchema, draftSchema } from './schema.ts'

/**
 * The one action behind the application form (new and edit): "save" keeps a draft, "submit" checks
 * everything and submits; Conform's list buttons (add/remove a budget line) only re-render the form.
 * Whatever happens, the user's input comes back with the answer.
 */
export async function handleApplicationForm(request: Request, user: NonNullable<SessionUser>, id?: string) {
  const formData = await request.formData()
  const intent = formData.get('intent') === 'submit' ? 'submit' : 'save'
  const submission = parseWithZod(formData, { schema: intent === 'submit' ? applicationSchema : draftSchema })
  if (submission.status !== 'success') {
    return data({ result: submission.reply() }, { status: submission.status === 'error' ? 400 : 200 })
  }
  const m = messages(await getLang(request))
  try {
    if (intent === 'submit') {
      const app = await submitApplication(user, id, submission.value as never)
      return redirectWithToast(`/aanvragen/${app.id}`, fill(m.form.submitted, { reference: app.reference }))
    }
    const app = await saveDraft(user, submission.value, id)
    return redirectWithToast(`/aanvragen/${app.id}`, m.form.saved)
  } catch (error) {
    if (error instanceof ApplicationRuleError) {
      const reply = error.field
        ? submission.reply({ fieldErrors: { [error.field]: [error.message] } })
        : submission.reply({ formErrors: [error.message] })
      return data({ result: reply }, { status: 400 })
    }
    throw error
  }
}

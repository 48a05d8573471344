import type { SubmissionResult } from '@conform-to/react'
import { data } from '@remix-run/node'
import type { SessionUser } from '#app/auth/session.server.ts'
import { fill, messages } from '#app/i18n/i18n.ts'
import { getLang } from '#app/i18n/lang.server.ts'
import { redirectWithToast } from '#app/ui/toast.server.ts'
import {
  DraftConflictError,
  EligibilityError,
  answerInformationRequest,
  deleteOwnAttachment,
  saveDraft,
  submitApplication,
  withdrawApplication,
} from './applications.server.ts'
import { readForm } from '#app/web/uploads.server.ts'
import { parseForm, replyOnDomainError } from '#app/web/errors.server.ts'
import {
  MAX_BUDGET_LINES,
  answerSchema,
  applicationSchema,
  deleteAttachmentSchema,
  draftSchema,
  withdrawSchema,
} from './schema.ts'

type Reply = SubmissionResult<string[]>

/**
 * The one action behind the application form (new and edit): "save" keeps a draft, "autosave" is the
 * same from the browser's timer (answers with the new version instead of a redirect), "submit" checks
 * everything and submits; Conform's list buttons (add/remove a budget line) only re-render the form.
 * Whatever happens, the user's input comes back with the answer (nothing typed is ever lost).
 */
export async function handleApplicationForm(
  request: Request,
  user: NonNullable<SessionUser>,
  id?: string,
  form?: FormData,
) {
  const formData = form ?? (await readForm(request))
  const hostile = hostileShape(formData, messages(await getLang(request)))
  if (hostile)
    return data(
      {
        result: {
          status: 'error' as const,
          initialValue: null,
          error: { [hostile.field]: [hostile.message] },
          state: null,
        },
        intent: 'save',
      },
      { status: 400 },
    )
  const rawIntent = formData.get('intent')
  const intent = rawIntent === 'submit' ? 'submit' : rawIntent === 'autosave' ? 'autosave' : 'save'
  const submission = await parseForm(request, formData, {
    schema: intent === 'submit' ? applicationSchema : draftSchema,
  })
  if (submission.status !== 'success') {
    return data({ result: submission.reply(), intent }, { status: submission.status === 'error' ? 400 : 200 })
  }
  const lang = await getLang(request)
  const m = messages(lang)
  // On the "new" page, autosave may already have created the draft: go on with that one.
  const targetId = id ?? submission.value.draftId
  return replyOnDomainError(
    request,
    submission,
    async () => {
      try {
        if (intent === 'submit') {
          const app = await submitApplication(user, targetId, submission.value as never, lang)
          return redirectWithToast(`/aanvragen/${app.id}`, fill(m.form.submitted, { reference: app.reference }))
        }
        const app = await saveDraft(user, submission.value, targetId)
        if (intent === 'autosave') return data({ intent, autosaved: { id: app.id, version: app.version } })
        return redirectWithToast(`/aanvragen/${app.id}`, m.form.saved)
      } catch (error) {
        // The two refusals that carry more than a message: every reason of an incomplete application
        // at its field (and the draft it saved), and the version a conflicting save found.
        if (error instanceof EligibilityError)
          return data(
            {
              result: eligibilityReply(submission, error, m.errors.applications.notComplete),
              intent,
              draftId: error.draftId,
              version: error.version,
            },
            { status: error.status },
          )
        if (error instanceof DraftConflictError)
          return data(
            {
              result: submission.reply({ formErrors: [m.errors.applications.draftConflict] }),
              intent,
              conflictVersion: error.currentVersion,
            },
            { status: error.status },
          )
        throw error
      }
    },
    { intent },
  )
}

function eligibilityReply(
  submission: { reply: (o?: { formErrors?: string[]; fieldErrors?: Record<string, string[]> }) => Reply },
  error: EligibilityError,
  notComplete: string,
): Reply {
  const fieldErrors: Record<string, string[]> = {}
  const formErrors: string[] = []
  for (const r of error.reasons) {
    if (r.field) (fieldErrors[r.field] ??= []).push(r.message)
    else formErrors.push(r.message)
  }
  // The reasons also on top, so someone at the bottom of a long form sees what to fix.
  return submission.reply({ formErrors: formErrors.length ? formErrors : [notComplete], fieldErrors })
}

/** The other forms on a foundation's own application page: withdraw, answer a question, remove an attachment. */
export async function handleApplicationIntent(
  request: Request,
  user: NonNullable<SessionUser>,
  id: string,
  formData: FormData,
) {
  const intent = formData.get('intent')
  const schema = intent === 'withdraw' ? withdrawSchema : intent === 'answer' ? answerSchema : deleteAttachmentSchema
  const submission = await parseForm(request, formData, { schema })
  if (submission.status !== 'success') return data({ result: submission.reply(), intent }, { status: 400 })
  const m = messages(await getLang(request))
  return replyOnDomainError(
    request,
    submission,
    async () => {
      const value = submission.value
      switch (value.intent) {
        case 'withdraw':
          await withdrawApplication(user, id, value.reason)
          return redirectWithToast(`/aanvragen/${id}`, m.intake.withdrawn)
        case 'answer':
          await answerInformationRequest(user, id, value)
          return redirectWithToast(`/aanvragen/${id}`, m.intake.answered)
        case 'delete-attachment':
          await deleteOwnAttachment(user, id, value.attachmentId)
          return redirectWithToast(`/aanvragen/${id}`, m.intake.attachmentDeleted)
      }
    },
    { intent },
  )
}

/**
 * Refuses form data no browser sends and that would make parsing slow: a list index far beyond the
 * budget lines (lines[99999999] would make an array of that length), absurd numbers of fields.
 */
function hostileShape(formData: FormData, m: ReturnType<typeof messages>): { field: string; message: string } | null {
  let count = 0
  for (const key of formData.keys()) {
    if (++count > 1000) return { field: 'lines', message: m.errors.applications.tooManyFields }
    for (const [, index] of key.matchAll(/\[(\d+)\]/g)) {
      if (index.length > 3 || Number(index) >= 100)
        return { field: 'lines', message: fill(m.errors.applications.tooManyLines, { max: MAX_BUDGET_LINES }) }
    }
  }
  return null
}

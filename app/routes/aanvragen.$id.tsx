import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
  type SubmissionResult,
} from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation, useRouteLoaderData } from '@remix-run/react'
import { ApplicationForm, type FormActionData } from '#app/applications/application-form.tsx'
import { ApplicationSummary } from '#app/applications/application-summary.tsx'
import { areasForMember, getOwnApplication } from '#app/applications/applications.server.ts'
import { readForm } from '#app/web/uploads.server.ts'
import { handleApplicationForm, handleApplicationIntent } from '#app/applications/form-action.server.ts'
import { InformationRequests } from '#app/applications/snapshot-view.tsx'
import { ATTACHMENT_KINDS, answerSchema, withdrawSchema } from '#app/applications/schema.ts'
import { canTransition } from '#app/applications/status.ts'
import { requirePermission } from '#app/auth/session.server.ts'
import { fill, type Lang } from '#app/i18n/i18n.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import { formatMoneyPlain } from '#app/money/money.ts'
import { FieldErrors, FormErrors, PageHeader, StatusBadge } from '#app/ui/components.tsx'
import { formatDate } from '#app/ui/format.ts'
import { keptDocumentsOf } from '#app/review/page.server.ts'
import { KeptLetters } from '#app/review/kept-letters.tsx'
import { randomUUID } from 'node:crypto'
import { data } from '@remix-run/node'
import { todayIso } from '#app/clock.server.ts'
import { prisma } from '#app/db.server.ts'
import { expenseSchema, reportSchema } from '#app/grants/forms.ts'
import {
  ExpenseList,
  MoneyFacts,
  PaymentStatusText,
  SettlementFacts,
  SpendByLine,
  type MoneyActionData,
} from '#app/grants/money-views.tsx'
import { grantMoney } from '#app/grants/page.server.ts'
import { submitReport } from '#app/grants/report.server.ts'
import { recordExpense } from '#app/grants/spend.server.ts'
import { messages } from '#app/i18n/i18n.ts'
import { getLang } from '#app/i18n/lang.server.ts'
import { formatMoney } from '#app/money/money.ts'
import { Money } from '#app/ui/components.tsx'
import { TextAreaField, TextField } from '#app/ui/fields.tsx'
import { redirectWithToast } from '#app/ui/toast.server.ts'
import { parseForm, replyOnDomainError } from '#app/web/errors.server.ts'
import { Select, SubmitButton } from '#app/ui/nlds.tsx'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.application.title ?? 'Aanvraag'} – Buurtbudget Amersfoort` },
]

const isoDate = (d: Date | string | null) => (d ? new Date(d).toISOString().slice(0, 10) : '')

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'read:application:own')
  const application = await getOwnApplication(user, params.id!)
  if (!application) throw new Response('Niet gevonden', { status: 404 })
  const today = todayIso()
  return {
    application,
    today,
    // money (issue 11): payments received, expenses, verantwoording; a fresh key empties the forms
    money: application.awardedCents !== null ? await grantMoney(application.id, today) : null,
    formKey: randomUUID(),
    areas: application.status === 'DRAFT' ? await areasForMember(user) : [],
    // review (issue 10): the kept decision letters of this (own, scoped above) application
    documents: await keptDocumentsOf(application.id),
  }
}

const OTHER_INTENTS = ['withdraw', 'answer', 'delete-attachment', 'expense', 'report']

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'submit:application:own')
  // Scoped before anything else: another foundation's id is 404 whatever the form holds.
  if (!(await getOwnApplication(user, params.id!))) throw new Response('Niet gevonden', { status: 404 })
  const formData = await readForm(request)
  const intent = String(formData.get('intent'))
  if (intent === 'expense' || intent === 'report') return grantAction(request, user.id, params.id!, intent, formData)
  if (OTHER_INTENTS.includes(String(formData.get('intent'))))
    return handleApplicationIntent(request, user, params.id!, formData)
  return handleApplicationForm(request, user, params.id, formData)
}

// ---- money (issue 11): the foundation's expenses and its verantwoording ----
async function grantAction(
  request: Request,
  userId: string,
  id: string,
  intent: 'expense' | 'report',
  formData: FormData,
) {
  const submission = await parseForm(request, formData, { schema: intent === 'expense' ? expenseSchema : reportSchema })
  if (submission.status !== 'success') return data({ intent, result: submission.reply() }, { status: 400 })
  const g = messages(await getLang(request)).grants.ui
  const back = `/aanvragen/${id}`
  const files = (name: string) =>
    formData.getAll(name).filter((f): f is File => typeof f !== 'string' && !(f.size === 0 && f.name === ''))
  const value = submission.value
  return replyOnDomainError(
    request,
    submission,
    async () => {
      if (value.intent === 'expense') {
        await prisma.$transaction((tx) =>
          recordExpense(tx, {
            applicationId: id,
            spentOn: value.spentOn,
            supplier: value.supplier,
            description: value.description,
            amountCents: value.amount,
            budgetLineId: value.budgetLineId ?? null,
            receipts: files('receipts'),
            actorId: userId,
            today: todayIso(),
            idempotencyKey: value.key,
          }),
        )
        return redirectWithToast(back, fill(g.expenseRecorded, { amount: formatMoney(value.amount) }))
      }
      await prisma.$transaction((tx) =>
        submitReport(tx, {
          applicationId: id,
          whatHappened: value.whatHappened,
          participants: value.participants,
          photos: files('photos'),
          actorId: userId,
        }),
      )
      return redirectWithToast(back, g.reportSubmitted)
    },
    { intent },
  )
}

export default function ApplicationPage() {
  const { application: app, areas, documents } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as FormActionData | undefined
  const m = useMessages()
  const lang = (useRouteLoaderData('root') as { lang: Lang } | undefined)?.lang ?? 'nl'
  const openQuestion = app.status === 'INCOMPLETE' ? app.infoRequests.find((r) => !r.answeredAt) : undefined
  const formIntent = actionData?.intent
  const formResult = formIntent && OTHER_INTENTS.includes(formIntent) ? undefined : actionData?.result
  return (
    <>
      <PageHeader title={`${app.title}`}>
        <p className="subtitle">
          {app.reference} · {app.foundation.name} · <StatusBadge status={app.status} />
        </p>
      </PageHeader>
      <KeptLetters documents={documents} />
      {app.status === 'DRAFT' ? (
        <ApplicationForm
          key={String(app.updatedAt)}
          areas={areas}
          lastResult={formResult}
          actionData={formResult ? actionData : undefined}
          applicationId={app.id}
          version={app.version}
          maxAdvancePercent={app.round.advancePercent}
          attachments={app.attachments.filter((a) => !a.infoRequestId)}
          defaultValue={{
            title: app.title,
            category: app.category,
            areaId: app.area.id,
            description: app.description,
            location: app.location,
            goal: app.goal,
            targetGroup: app.targetGroup,
            expectedParticipants: app.expectedParticipants === null ? '' : String(app.expectedParticipants),
            support: app.support,
            ownContribution: app.ownContribution,
            partners: app.partners,
            permits: app.permits,
            startDate: isoDate(app.startDate),
            endDate: isoDate(app.endDate),
            lines: app.budgetLines.length
              ? app.budgetLines.map((l) => ({ description: l.description, amount: formatMoneyPlain(l.amountCents) }))
              : [{ description: '', amount: '' }],
            otherIncome: app.otherIncomeCents ? formatMoneyPlain(app.otherIncomeCents) : '',
            otherIncomeNote: app.otherIncomeNote,
            advancePercent: app.advancePercent === null ? String(app.round.advancePercent) : String(app.advancePercent),
            declarationTrue: app.declarationTrue,
            declarationPublish: app.declarationPublish,
            attachmentKind: 'quote',
          }}
        />
      ) : (
        <div className="two-columns reverse">
          <div className="stack">
            {openQuestion ? (
              <AnswerForm question={openQuestion} actionData={formIntent === 'answer' ? actionData : undefined} />
            ) : null}
            <FoundationMoney />
            <InformationRequests
              requests={app.infoRequests.filter((r) => r !== openQuestion)}
              attachments={app.attachments}
              attachmentBase={`/aanvragen/${app.id}/bijlagen`}
            />
            <ApplicationSummary application={app} attachmentBase={`/aanvragen/${app.id}/bijlagen`} />
          </div>
          <aside className="stack">
            {app.decisionDueOn && ['SUBMITTED', 'IN_REVIEW', 'INCOMPLETE'].includes(app.status) ? (
              <div className="card">
                <p className="big-number">
                  {m.intake.decisionDue}: <strong>{formatDate(app.decisionDueOn, lang)}</strong>
                </p>
                {app.clockStoppedOn ? (
                  <p>{fill(m.intake.clockStopped, { date: formatDate(app.clockStoppedOn, lang) })}</p>
                ) : null}
              </div>
            ) : null}
            {canTransition(app.status, 'WITHDRAWN') ? (
              <WithdrawForm actionData={formIntent === 'withdraw' ? actionData : undefined} />
            ) : null}
          </aside>
        </div>
      )}
    </>
  )
}

function AnswerForm({
  question,
  actionData,
}: {
  question: { question: string; dueOn: Date | string; askedAt: Date | string }
  actionData?: FormActionData
}) {
  const m = useMessages()
  const lang = (useRouteLoaderData('root') as { lang: Lang } | undefined)?.lang ?? 'nl'
  const busy = useNavigation().state !== 'idle'
  const [form, fields] = useForm({
    id: 'answer',
    lastResult: actionData?.result as SubmissionResult<string[]> | undefined,
    defaultValue: { attachmentKind: 'other' },
    shouldValidate: 'onBlur',
    // errors clear while typing, so none disappears (moving the button) at the click that submits
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: answerSchema }),
  })
  return (
    <Form
      method="post"
      encType="multipart/form-data"
      {...getFormProps(form)}
      className="card card-attention stack intake-form"
      aria-labelledby="question-title"
    >
      <h2 id="question-title">{m.intake.questionTitle}</h2>
      <p className="hint">
        {fill(m.intake.questionAsked, {
          date: formatDate(question.askedAt, lang),
          due: formatDate(question.dueOn, lang),
        })}
      </p>
      <blockquote className="prose" data-testid="open-question">
        {question.question}
      </blockquote>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="answer" />
      <div className="field">
        <label htmlFor={fields.answer.id}>{m.intake.answerLabel}</label>
        <textarea
          {...getTextareaProps(fields.answer)}
          rows={5}
          aria-describedby={fields.answer.errors?.length ? fields.answer.errorId : undefined}
        />
        <FieldErrors id={fields.answer.errorId} errors={fields.answer.errors} />
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={fields.attachment.id}>{m.intake.attachment}</label>
          <input
            {...getInputProps(fields.attachment, { type: 'file' })}
            accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
            aria-describedby={fields.attachment.errors?.length ? fields.attachment.errorId : undefined}
          />
          <FieldErrors id={fields.attachment.errorId} errors={fields.attachment.errors} />
        </div>
        <div className="field field-narrow">
          <label htmlFor={fields.attachmentKind.id}>{m.intake.attachmentKind}</label>
          <Select {...getSelectProps(fields.attachmentKind)}>
            {ATTACHMENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {m.intake.kinds[k]}
              </option>
            ))}
          </Select>
        </div>
      </div>
      <SubmitButton>{busy ? m.intake.pending : m.intake.answerSubmit}</SubmitButton>
    </Form>
  )
}

function WithdrawForm({ actionData }: { actionData?: FormActionData }) {
  const m = useMessages()
  const [form, fields] = useForm({
    id: 'withdraw',
    lastResult: actionData?.result as SubmissionResult<string[]> | undefined,
    shouldValidate: 'onBlur',
    // errors clear while typing, so none disappears (moving the button) at the click that submits
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: withdrawSchema }),
  })
  return (
    <Form method="post" {...getFormProps(form)} className="card stack">
      <h3>{m.intake.withdrawTitle}</h3>
      <p className="hint">{m.intake.withdrawHint}</p>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="withdraw" />
      <div className="field">
        <label htmlFor={fields.reason.id}>{m.intake.withdrawReason}</label>
        <textarea {...getTextareaProps(fields.reason)} rows={2} />
      </div>
      <div className="field field-checkbox">
        <input
          {...getInputProps(fields.confirm, { type: 'checkbox' })}
          aria-describedby={fields.confirm.errors?.length ? fields.confirm.errorId : undefined}
        />
        <label htmlFor={fields.confirm.id}>{m.intake.withdrawConfirm}</label>
        <FieldErrors id={fields.confirm.errorId} errors={fields.confirm.errors} />
      </div>
      <SubmitButton variant="danger">{m.intake.withdraw}</SubmitButton>
    </Form>
  )
}

/** The grant after the award: payments received, expenses with receipts, per budget line, the report. */
function FoundationMoney() {
  const { application: app, money, today, formKey } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as MoneyActionData
  const m = useMessages()
  const g = m.grants.ui
  const lang = (useRouteLoaderData('root') as { lang: Lang } | undefined)?.lang ?? 'nl'
  if (!money) return null
  const awarded = money.status === 'AWARDED'
  return (
    <>
      <section className="card stack" aria-labelledby="grant-title">
        <h2 id="grant-title">{g.grantTitle}</h2>
        <MoneyFacts money={money} />
        <h3>{g.received}</h3>
        {money.payments.filter((p) => p.status !== 'CANCELLED').length ? (
          <ul data-testid="received">
            {money.payments
              .filter((p) => p.status !== 'CANCELLED')
              .map((p) => (
                <li key={p.id}>
                  {g.kinds[p.kind]} <Money cents={p.amountCents} />, {formatDate(p.payOn, lang)}:{' '}
                  <PaymentStatusText shownAs={p.shownAs} />
                </li>
              ))}
          </ul>
        ) : (
          <p>{g.noPayments}</p>
        )}
      </section>
      <section className="card stack" aria-labelledby="spend-title">
        <h2 id="spend-title">{g.expensesTitle}</h2>
        <SpendByLine money={money} />
        <ExpenseList money={money} fileBase={`/aanvragen/${app.id}/uitgaven`} />
      </section>
      {awarded ? (
        <ExpenseForm
          key={formKey}
          formKey={formKey}
          today={today}
          lines={money.budgetLines}
          actionData={actionData?.intent === 'expense' ? actionData : undefined}
        />
      ) : null}
      <section className="card stack" aria-labelledby="report-title">
        <h2 id="report-title">{g.reportTitle}</h2>
        {money.reportDueOn ? (
          <p className="big-number">
            <strong>{fill(g.reportDue, { date: formatDate(money.reportDueOn, lang) })}</strong>
          </p>
        ) : null}
        {money.report ? (
          <>
            <p>{fill(g.reportSubmittedOn, { date: formatDate(money.report.submittedAt, lang) })}</p>
            <p className="prose">{money.report.whatHappened}</p>
            <p>{fill(g.participantsCount, { count: money.report.participants })}</p>
          </>
        ) : awarded ? (
          <ReportForm actionData={actionData?.intent === 'report' ? actionData : undefined} />
        ) : null}
      </section>
      <SettlementFacts money={money} />
    </>
  )
}

function ExpenseForm({
  formKey,
  today,
  lines,
  actionData,
}: {
  formKey: string
  today: string
  lines: { id: string; description: string }[]
  actionData?: MoneyActionData
}) {
  const m = useMessages()
  const g = m.grants.ui
  const [form, fields] = useForm({
    id: 'expense',
    lastResult: actionData?.result as SubmissionResult<string[]> | undefined,
    defaultValue: { spentOn: today },
    shouldValidate: 'onBlur',
    // errors clear while typing, so none disappears (moving the button) at the click that submits
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: expenseSchema }),
  })
  return (
    <Form
      method="post"
      encType="multipart/form-data"
      {...getFormProps(form)}
      className="card stack"
      aria-labelledby="expense-title"
    >
      <h2 id="expense-title">{g.expenseFormTitle}</h2>
      <p className="hint">{g.expenseFormHint}</p>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="expense" />
      <input type="hidden" name="key" value={formKey} />
      <TextField meta={fields.spentOn} label={g.spentOn} type="date" />
      <TextField meta={fields.supplier} label={g.supplier} />
      <TextField meta={fields.description} label={m.common.description} />
      <TextField meta={fields.amount} label={g.amountEuro} inputMode="decimal" />
      {lines.length ? (
        <div className="field">
          <label htmlFor={fields.budgetLineId.id}>{g.budgetLine}</label>
          <Select
            {...getSelectProps(fields.budgetLineId)}
            aria-describedby={fields.budgetLineId.errors ? fields.budgetLineId.errorId : undefined}
          >
            <option value="">{g.chooseLine}</option>
            {lines.map((l) => (
              <option key={l.id} value={l.id}>
                {l.description}
              </option>
            ))}
          </Select>
          <FieldErrors id={fields.budgetLineId.errorId} errors={fields.budgetLineId.errors} />
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={fields.receipts.id}>{g.receiptsLabel}</label>
        <input
          {...getInputProps(fields.receipts, { type: 'file' })}
          multiple
          accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
          aria-describedby={fields.receipts.errors?.length ? fields.receipts.errorId : undefined}
        />
        <FieldErrors id={fields.receipts.errorId} errors={fields.receipts.errors} />
      </div>
      <SubmitButton>{g.addExpense}</SubmitButton>
    </Form>
  )
}

function ReportForm({ actionData }: { actionData?: MoneyActionData }) {
  const m = useMessages()
  const g = m.grants.ui
  const [form, fields] = useForm({
    id: 'report',
    lastResult: actionData?.result as SubmissionResult<string[]> | undefined,
    shouldValidate: 'onBlur',
    // errors clear while typing, so none disappears (moving the button) at the click that submits
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: reportSchema }),
  })
  return (
    <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="stack">
      <h3>{g.reportFormTitle}</h3>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="report" />
      <TextAreaField meta={fields.whatHappened} label={g.whatHappened} rows={6} />
      <TextField meta={fields.participants} label={g.participants} inputMode="numeric" />
      <div className="field">
        <label htmlFor={fields.photos.id}>{g.photosLabel}</label>
        <input
          {...getInputProps(fields.photos, { type: 'file' })}
          multiple
          accept="image/jpeg,image/png,application/pdf,.jpg,.jpeg,.png,.pdf"
          aria-describedby={fields.photos.errors?.length ? fields.photos.errorId : undefined}
        />
        <FieldErrors id={fields.photos.errorId} errors={fields.photos.errors} />
      </div>
      <SubmitButton>{g.submitReport}</SubmitButton>
    </Form>
  )
}

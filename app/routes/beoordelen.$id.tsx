import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { ApplicationSummary } from '#app/applications/application-summary.tsx'
import { InformationRequests } from '#app/applications/snapshot-view.tsx'
import { addDays } from '#app/review/terms.ts'
import { REVIEW_SCHEMAS, type ReviewIntent } from '#app/applications/review-schemas.ts'
import { getForStaff } from '#app/applications/review.server.ts'
import {
  approve,
  askInformation,
  claim,
  confirmAward,
  decideNotConsidered,
  reject,
  release,
  sendBackAward,
} from '#app/review/decisions.server.ts'
import { reviewPageState } from '#app/review/page.server.ts'
import { randomUUID } from 'node:crypto'
import { prisma } from '#app/db.server.ts'
import { isMoneyIntent, MONEY_SCHEMAS, type MoneyIntent } from '#app/grants/forms.ts'
import {
  ExpenseList,
  MoneyFacts,
  ProposePaymentForm,
  RecoveryForm,
  ReviewerPayments,
  SettleForm,
  SettlementFacts,
  type MoneyActionData,
} from '#app/grants/money-views.tsx'
import { grantMoney } from '#app/grants/page.server.ts'
import { approvePayment, cancelPayment, proposePayment } from '#app/grants/payments.server.ts'
import { registerRecoveryReceipt, settle } from '#app/grants/settlement.server.ts'
import { reviewExpense } from '#app/grants/spend.server.ts'
import { forbidden, notFound } from '#app/domain/errors.ts'
import { centsFromDb } from '#app/money/bigint.ts'
import { parseForm, replyOnDomainError } from '#app/web/errors.server.ts'
import type { Permission } from '#app/auth/permissions.ts'
import { requirePermission } from '#app/auth/session.server.ts'
import { todayIso } from '#app/clock.server.ts'
import { fill, messages, translate } from '#app/i18n/i18n.ts'
import { getLang } from '#app/i18n/lang.server.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import { KeptLetters } from '#app/review/kept-letters.tsx'
import { formatMoney, formatMoneyPlain } from '#app/money/money.ts'
import { FormErrors, Money, PageHeader, StatusBadge } from '#app/ui/components.tsx'
import { TextAreaField, TextField } from '#app/ui/fields.tsx'
import { formatDate } from '#app/ui/format.ts'
import { redirectWithToast } from '#app/ui/toast.server.ts'
import { SubmitButton } from '#app/ui/nlds.tsx'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.application.title ?? 'Aanvraag'} beoordelen – Buurtbudget Amersfoort` },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'read:application:area')
  const application = await getForStaff(user, params.id!)
  if (!application) throw new Response('Niet gevonden', { status: 404 })
  const lang = await getLang(request)
  const state = await reviewPageState(user, application)
  const refusal = (v: {
    ok: boolean
    reason?: Parameters<typeof translate>[1]
    params?: Record<string, string | number>
  }) => (v.ok || !v.reason ? null : translate(lang, v.reason, v.params))
  const today = todayIso()
  return {
    application,
    today,
    // money (issue 11): read from the ledger; a fresh key per page load empties the booking forms
    money: application.awardedCents !== null ? await grantMoney(application.id, today) : null,
    formKey: randomUUID(),
    userId: user.id,
    review: {
      ...state,
      decideRefusal: refusal(state.mayDecide),
      confirmRefusal: refusal(state.mayConfirm),
      conflict: refusal(state.conflict),
    },
  }
}

const PERMISSION_FOR: Record<ReviewIntent, Permission> = {
  approve: 'approve:application:area',
  reject: 'approve:application:area',
  'request-info': 'approve:application:area',
  confirm: 'approve:application:area',
  'send-back': 'approve:application:area',
  'not-considered': 'approve:application:area',
  claim: 'approve:application:area',
  release: 'approve:application:area',
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requirePermission(request, 'read:application:area')
  // Scoped before anything else: an application outside the reviewer's wijken is 404 whatever the form holds.
  if (!(await getForStaff(staff, params.id!))) throw new Response('Niet gevonden', { status: 404 })
  const formData = await request.formData()
  const asked = String(formData.get('intent'))
  if (isMoneyIntent(asked)) return moneyAction(request, params.id!, asked, formData)
  const intent = asked as ReviewIntent
  if (!(intent in REVIEW_SCHEMAS)) throw new Response('Onbekende actie', { status: 400 })
  const user = await requirePermission(request, PERMISSION_FOR[intent])
  const submission = await parseForm(request, formData, { schema: REVIEW_SCHEMAS[intent] })
  if (submission.status !== 'success') return data({ intent, result: submission.reply() }, { status: 400 })
  const m = messages(await getLang(request))
  const id = params.id!
  const value = submission.value
  const back = `/beoordelen/${id}`
  return replyOnDomainError(
    request,
    submission,
    async () => {
      switch (value.intent) {
        case 'approve': {
          const award = await approve(user, id, value.amount, value.reasons)
          return redirectWithToast(
            back,
            fill(award.state === 'EFFECTIVE' ? m.review.approved : m.decide.reserved, {
              amount: formatMoney(value.amount),
            }),
          )
        }
        case 'confirm':
          await confirmAward(user, id)
          return redirectWithToast(back, m.decide.confirmed)
        case 'send-back':
          await sendBackAward(user, id, value.reason)
          return redirectWithToast(back, m.decide.sentBack)
        case 'reject':
          await reject(user, id, value.reason)
          return redirectWithToast(back, m.review.rejected)
        case 'not-considered':
          await decideNotConsidered(user, id, value.explanation)
          return redirectWithToast(back, m.decide.notConsideredDone)
        case 'claim':
          await claim(user, id)
          return redirectWithToast(back, m.decide.claimed)
        case 'release':
          await release(user, id)
          return redirectWithToast(back, m.decide.released)
        case 'request-info':
          await askInformation(user, id, { question: value.question, dueOn: value.dueOn })
          return redirectWithToast(back, m.intake.asked)
      }
    },
    { intent },
  )
}

// ---- money (issue 11): payments, expenses, vaststelling, recovery ----
const MONEY_PERMISSION: Record<MoneyIntent, Permission> = {
  'approve-payment': 'record:payment:area',
  'cancel-payment': 'record:payment:area',
  'propose-payment': 'record:payment:area',
  'review-expense': 'record:expense:area',
  settle: 'record:payment:area',
  recovery: 'record:payment:area',
}

async function moneyAction(request: Request, id: string, intent: MoneyIntent, formData: FormData) {
  const user = await requirePermission(request, MONEY_PERMISSION[intent])
  const submission = await parseForm(request, formData, { schema: MONEY_SCHEMAS[intent] })
  const raw = (name: string) => {
    const v = formData.get(name)
    return typeof v === 'string' ? v.slice(0, 40) : undefined
  }
  const target = intent === 'approve-payment' || intent === 'cancel-payment' ? raw('paymentId') : raw('expenseId')
  if (submission.status !== 'success') return data({ intent, target, result: submission.reply() }, { status: 400 })
  const m = messages(await getLang(request))
  const g = m.grants.ui
  const back = `/beoordelen/${id}`
  const today = todayIso()
  return replyOnDomainError(
    request,
    submission,
    async () => {
      // Separation of duties: nobody handles the money of a foundation they are a member of.
      const app = await prisma.application.findUniqueOrThrow({ where: { id }, select: { foundationId: true } })
      if (user.foundationIds.includes(app.foundationId)) throw forbidden()
      const value = submission.value
      switch (value.intent) {
        case 'approve-payment': {
          const own = await prisma.payment.findFirst({ where: { id: value.paymentId, applicationId: id } })
          if (!own) throw notFound()
          const p = await prisma.$transaction((tx) => approvePayment(tx, value.paymentId, user.id))
          return redirectWithToast(back, fill(g.approved, { amount: formatMoney(centsFromDb(p.amountCents)) }))
        }
        case 'cancel-payment': {
          const own = await prisma.payment.findFirst({ where: { id: value.paymentId, applicationId: id } })
          if (!own) throw notFound()
          await prisma.$transaction((tx) => cancelPayment(tx, value.paymentId, value.reason, user.id))
          return redirectWithToast(back, g.cancelled)
        }
        case 'propose-payment': {
          const p = await prisma.$transaction((tx) =>
            proposePayment(tx, {
              applicationId: id,
              kind: value.kind,
              amountCents: value.amount,
              payOn: value.payOn,
              description: value.description,
              actorId: user.id,
              idempotencyKey: value.key,
            }),
          )
          const amount = formatMoney(value.amount)
          return redirectWithToast(back, fill(p.status === 'PROPOSED' ? g.proposed : g.released, { amount }))
        }
        case 'review-expense': {
          const own = await prisma.expense.findFirst({ where: { id: value.expenseId, applicationId: id } })
          if (!own) throw notFound()
          const accept = value.decision === 'accept'
          await prisma.$transaction((tx) =>
            reviewExpense(tx, { expenseId: value.expenseId, accept, reason: value.reason ?? '', actorId: user.id }),
          )
          const amount = formatMoney(centsFromDb(own.amountCents))
          return redirectWithToast(back, fill(accept ? g.accepted : g.rejected, { amount }))
        }
        case 'settle': {
          const { plan } = await prisma.$transaction((tx) =>
            settle(tx, {
              applicationId: id,
              finalCents: value.finalAmount,
              reason: value.reason,
              actorId: user.id,
              today,
            }),
          )
          const amount = formatMoney(value.finalAmount)
          const text =
            plan.recoveryCents > 0
              ? fill(g.settledRecovery, { amount, recovery: formatMoney(plan.recoveryCents) })
              : plan.finalPaymentCents > 0
                ? fill(g.settledPayment, { amount, payment: formatMoney(plan.finalPaymentCents) })
                : fill(g.settled, { amount })
          return redirectWithToast(back, text)
        }
        case 'recovery':
          await prisma.$transaction((tx) =>
            registerRecoveryReceipt(tx, {
              applicationId: id,
              amountCents: value.amount,
              receivedOn: value.receivedOn,
              actorId: user.id,
              today,
            }),
          )
          return redirectWithToast(back, fill(g.recoveryRegistered, { amount: formatMoney(value.amount) }))
      }
    },
    { intent, target },
  )
}

function useIntentForm(intent: ReviewIntent, defaultValue?: Record<string, string>) {
  const actionData = useActionData<typeof action>()
  return useForm({
    id: `form-${intent}`,
    lastResult: actionData?.intent === intent ? (actionData.result as SubmissionResult<string[]>) : undefined,
    defaultValue,
    shouldValidate: 'onBlur',
    // errors clear while typing, so none disappears (moving the button) at the click that submits
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: REVIEW_SCHEMAS[intent] }),
  })
}

function ApproveForm({ suggested, thresholdCents }: { suggested: number; thresholdCents: number }) {
  const m = useMessages()
  const [form, fields] = useIntentForm('approve', { amount: formatMoneyPlain(suggested) })
  return (
    <Form method="post" {...getFormProps(form)} className="card stack">
      <h3>{m.review.approveTitle}</h3>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="approve" />
      <TextField meta={fields.amount} label={m.review.approveAmount} hint={m.review.approveHint} inputMode="decimal" />
      <p className="hint">{fill(m.decide.fourEyesHint, { threshold: formatMoney(thresholdCents) })}</p>
      <TextAreaField meta={fields.reasons} label={m.decide.reasons} />
      <SubmitButton>{m.review.approve}</SubmitButton>
    </Form>
  )
}

function RejectForm() {
  const m = useMessages()
  const [form, fields] = useIntentForm('reject')
  return (
    <Form method="post" {...getFormProps(form)} className="card stack">
      <h3>{m.review.rejectTitle}</h3>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="reject" />
      <TextAreaField meta={fields.reason} label={m.review.rejectReason} />
      <SubmitButton variant="danger">{m.review.reject}</SubmitButton>
    </Form>
  )
}

function InformationRequestForm({ today }: { today: string }) {
  const m = useMessages()
  const [form, fields] = useIntentForm('request-info', { dueOn: addDays(today, 14) })
  return (
    <Form method="post" {...getFormProps(form)} className="card stack">
      <h3>{m.intake.askTitle}</h3>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="request-info" />
      <TextAreaField meta={fields.question} label={m.intake.askQuestion} />
      <TextField meta={fields.dueOn} label={m.intake.askDue} type="date" />
      <SubmitButton variant="secondary">{m.intake.ask}</SubmitButton>
    </Form>
  )
}

function PendingAward({
  pending,
  refusal,
}: {
  pending: { amountCents: number | null; proposedBy: string | null; proposedAt: string }
  refusal: string | null
}) {
  const m = useMessages()
  const [confirmForm] = useIntentForm('confirm')
  const [sendBack, fields] = useIntentForm('send-back')
  return (
    <section className="card stack" aria-labelledby="pending-title">
      <h3 id="pending-title">⏳ {m.decide.awaitingTitle}</h3>
      <p>
        {fill(m.decide.awaitingText, {
          proposer: pending.proposedBy ?? '',
          date: formatDate(pending.proposedAt),
          amount: formatMoney(pending.amountCents ?? 0),
        })}
      </p>
      {refusal ? (
        <p className="notice" role="status">
          {refusal}
        </p>
      ) : (
        <>
          <Form method="post" {...getFormProps(confirmForm)}>
            <FormErrors id={confirmForm.errorId} errors={confirmForm.errors} />
            <input type="hidden" name="intent" value="confirm" />
            <SubmitButton>{m.decide.confirm}</SubmitButton>
          </Form>
          <Form method="post" {...getFormProps(sendBack)} className="stack">
            <FormErrors id={sendBack.errorId} errors={sendBack.errors} />
            <input type="hidden" name="intent" value="send-back" />
            <TextAreaField meta={fields.reason} label={m.decide.sendBackReason} />
            <SubmitButton variant="secondary">{m.decide.sendBack}</SubmitButton>
          </Form>
        </>
      )}
    </section>
  )
}

function NotConsideredForm({ dueOn }: { dueOn: string }) {
  const m = useMessages()
  const [form, fields] = useIntentForm('not-considered')
  return (
    <Form method="post" {...getFormProps(form)} className="card stack">
      <h3>{m.decide.notConsideredTitle}</h3>
      <p>{fill(m.decide.notConsideredText, { dueOn: formatDate(dueOn) })}</p>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="not-considered" />
      <TextAreaField meta={fields.explanation} label={m.decide.notConsideredReason} />
      <SubmitButton variant="danger">{m.decide.notConsidered}</SubmitButton>
    </Form>
  )
}

function OwnerCard({
  ownerName,
  canClaim,
  canRelease,
}: {
  ownerName: string | null
  canClaim: boolean
  canRelease: boolean
}) {
  const m = useMessages()
  const [claimForm] = useIntentForm('claim')
  const [releaseForm] = useIntentForm('release')
  return (
    <div className="card stack">
      <p>
        {m.decide.owner}: <strong>{ownerName ?? m.decide.nobody}</strong>
      </p>
      {canClaim ? (
        <Form method="post" {...getFormProps(claimForm)}>
          <FormErrors id={claimForm.errorId} errors={claimForm.errors} />
          <input type="hidden" name="intent" value="claim" />
          <SubmitButton variant="secondary">{m.decide.claim}</SubmitButton>
        </Form>
      ) : null}
      {canRelease ? (
        <Form method="post" {...getFormProps(releaseForm)}>
          <FormErrors id={releaseForm.errorId} errors={releaseForm.errors} />
          <input type="hidden" name="intent" value="release" />
          <SubmitButton variant="secondary">{m.decide.release}</SubmitButton>
        </Form>
      ) : null}
    </div>
  )
}

export default function ReviewApplication() {
  const { application: app, today, review, money } = useLoaderData<typeof loader>()
  const m = useMessages()
  const decidable = review.mayDecide.ok
  return (
    <>
      <p>
        <Link to={`/beoordelen?wijk=${app.area.code}`}>← {app.area.name}</Link>
      </p>
      <PageHeader title={app.title}>
        <p className="subtitle">
          {app.reference} · {app.foundation.name} (KvK {app.foundation.kvkNumber}) · <StatusBadge status={app.status} />
        </p>
      </PageHeader>
      <div className="two-columns reverse">
        <div>
          <div className="stack">
            <InformationRequests
              requests={app.infoRequests}
              attachments={app.attachments}
              attachmentBase={`/beoordelen/${app.id}/bijlagen`}
            />
            <ApplicationSummary application={app} attachmentBase={`/beoordelen/${app.id}/bijlagen`} />
          </div>
        </div>
        <aside className="stack" aria-label={m.detail.decision}>
          <div className="card">
            <p className="big-number">
              {fill(m.review.areaAvailable, { area: app.area.name })}:{' '}
              <strong>
                <Money cents={app.money.availableCents} />
              </strong>
            </p>
          </div>
          {app.decisionDueOn && ['SUBMITTED', 'IN_REVIEW', 'INCOMPLETE'].includes(app.status) ? (
            <div className="card">
              <p className="big-number">
                {m.intake.decisionDue}: <strong>{formatDate(app.decisionDueOn)}</strong>
              </p>
              {app.clockStoppedOn ? (
                <p>{fill(m.intake.clockStopped, { date: formatDate(app.clockStoppedOn) })}</p>
              ) : null}
            </div>
          ) : null}
          {review.conflict ? (
            <p className="notice" role="alert">
              {review.conflict}
            </p>
          ) : null}
          {['SUBMITTED', 'IN_REVIEW'].includes(app.status) ? (
            <OwnerCard
              ownerName={review.ownerName ?? null}
              canClaim={review.mayClaim.ok}
              canRelease={review.mayRelease.ok}
            />
          ) : null}
          {review.pending ? <PendingAward pending={review.pending} refusal={review.confirmRefusal} /> : null}
          {decidable ? (
            <>
              <InformationRequestForm today={today} />
              <ApproveForm
                suggested={Math.min(app.requestedCents, app.money.availableCents)}
                thresholdCents={review.thresholdCents}
              />
              <RejectForm />
            </>
          ) : null}
          {review.mayNotConsider.ok && review.openRequestDueOn ? (
            <NotConsideredForm dueOn={review.openRequestDueOn} />
          ) : null}
          <KeptLetters documents={review.documents} />
          {/* ---- objection: bezwaar against the decision (app/routes/beoordelen.$id_.bezwaar.tsx) ---- */}
          {['AWARDED', 'REJECTED', 'REPORT_SUBMITTED', 'SETTLED', 'CLOSED'].includes(app.status) ? (
            <p className="card">
              <Link to={`/beoordelen/${app.id}/bezwaar`}>{m.objection.link}</Link>
            </p>
          ) : null}
          {money ? <ReviewerMoney /> : null}
        </aside>
      </div>
    </>
  )
}

/** The money after the award: what the ledger holds, the payments (four eyes), expenses, vaststelling. */
function ReviewerMoney() {
  const { application: app, today, money, formKey, userId } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as MoneyActionData
  const m = useMessages()
  const g = m.grants.ui
  if (!money) return null
  const open = ['AWARDED', 'REPORT_SUBMITTED'].includes(money.status)
  return (
    <>
      <section className="card stack" aria-labelledby="money-title">
        <h3 id="money-title">{g.moneyTitle}</h3>
        <MoneyFacts money={money} />
        <ReviewerPayments money={money} userId={userId} actionData={actionData} />
        <p>
          <Link to="/beoordelen/betalingen">{g.batchesTitle} →</Link>
        </p>
      </section>
      {open && money.payableCents > 0 ? (
        <ProposePaymentForm money={money} today={today} formKey={formKey} actionData={actionData} />
      ) : null}
      <section className="card stack" aria-labelledby="expenses-title">
        <h3 id="expenses-title">{g.expensesTitle}</h3>
        <ExpenseList money={money} fileBase={`/beoordelen/${app.id}/uitgaven`} review={open} actionData={actionData} />
      </section>
      <section className="card stack" aria-labelledby="report-title">
        <h3 id="report-title">{g.reportTitle}</h3>
        {money.reportDueOn ? <p>{fill(g.reportDue, { date: formatDate(money.reportDueOn) })}</p> : null}
        {money.report ? (
          <>
            <p>{fill(g.reportSubmittedOn, { date: formatDate(money.report.submittedAt) })}</p>
            <p className="prose">{money.report.whatHappened}</p>
            <p>{fill(g.participantsCount, { count: money.report.participants })}</p>
            {money.report.photos.length ? (
              <p>
                {g.photos}:{' '}
                {money.report.photos.map((f, i) => (
                  <span key={f.id}>
                    {i > 0 ? ', ' : ''}
                    <a href={`/beoordelen/${app.id}/uitgaven/${f.id}`} download>
                      {f.filename}
                    </a>
                  </span>
                ))}
              </p>
            ) : null}
          </>
        ) : (
          <p>{g.reportNone}</p>
        )}
      </section>
      {money.status === 'REPORT_SUBMITTED' ? <SettleForm money={money} actionData={actionData} /> : null}
      <SettlementFacts money={money} />
      <RecoveryForm money={money} today={today} formKey={formKey} actionData={actionData} />
    </>
  )
}

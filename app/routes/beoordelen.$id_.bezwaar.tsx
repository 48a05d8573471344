import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { getForStaff } from '#app/applications/review.server.ts'
import { requirePermission } from '#app/auth/session.server.ts'
import { todayIso } from '#app/clock.server.ts'
import { fill, messages, translate } from '#app/i18n/i18n.ts'
import { getLang } from '#app/i18n/lang.server.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import { formatMoney } from '#app/money/money.ts'
import { KeptLetters } from '#app/review/kept-letters.tsx'
import { keptDocumentsOf } from '#app/review/page.server.ts'
import { decideObjection, objectionPageState, registerObjection } from '#app/review/objections.server.ts'
import { OBJECTION_SCHEMAS, OUTCOMES, type ObjectionIntent } from '#app/review/objections-schemas.ts'
import { FieldErrors, FormErrors, Money, PageHeader, StatusBadge } from '#app/ui/components.tsx'
import { TextAreaField, TextField } from '#app/ui/fields.tsx'
import { formatDate } from '#app/ui/format.ts'
import { redirectWithToast } from '#app/ui/toast.server.ts'
import { parseForm, replyOnDomainError } from '#app/web/errors.server.ts'
import { readForm } from '#app/web/uploads.server.ts'
import { Select, SubmitButton } from '#app/ui/nlds.tsx'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Bezwaar ${data?.application.reference ?? ''} – Buurtbudget Amersfoort` },
]

/** The objection (bezwaar) of one application: the contested decision and its term, register, decide. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'read:application:area')
  const application = await getForStaff(user, params.id!)
  if (!application) throw new Response('Niet gevonden', { status: 404 })
  const lang = await getLang(request)
  const [state, documents] = await Promise.all([objectionPageState(user, application), keptDocumentsOf(application.id)])
  const refusal = (
    v: { ok: boolean; reason?: Parameters<typeof translate>[1]; params?: Record<string, string | number> } | null,
  ) => (!v || v.ok || !v.reason ? null : translate(lang, v.reason, v.params))
  return {
    application: {
      id: application.id,
      reference: application.reference,
      title: application.title,
      status: application.status,
      requestedCents: application.requestedCents,
      foundation: { name: application.foundation.name },
    },
    today: todayIso(),
    documents,
    decision: state.decision,
    objections: state.objections,
    open: state.open,
    mayRegister: state.mayRegister.ok,
    registerRefusal: refusal(state.mayRegister),
    mayDecide: state.mayDecide?.ok ?? false,
    decideRefusal: refusal(state.mayDecide),
    redecideRefusal: refusal(state.mayRedecide),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requirePermission(request, 'read:application:area')
  // Scoped before anything else: an application outside the reviewer's wijken is 404 whatever the form holds.
  if (!(await getForStaff(staff, params.id!))) throw new Response('Niet gevonden', { status: 404 })
  const user = await requirePermission(request, 'approve:application:area')
  const formData = await readForm(request)
  const intent = String(formData.get('intent')) as ObjectionIntent
  if (!(intent in OBJECTION_SCHEMAS)) throw new Response('Onbekende actie', { status: 400 })
  const submission = await parseForm(request, formData, { schema: OBJECTION_SCHEMAS[intent] })
  if (submission.status !== 'success') return data({ intent, result: submission.reply() }, { status: 400 })
  const m = messages(await getLang(request))
  const id = params.id!
  const value = submission.value
  const back = `/beoordelen/${id}/bezwaar`
  return replyOnDomainError(
    request,
    submission,
    async () => {
      if (value.intent === 'register-objection') {
        const objection = await registerObjection(user, id, {
          receivedOn: value.receivedOn,
          objectorName: value.objectorName,
          grounds: value.grounds,
          hearingOn: value.hearingOn,
          attachment: value.attachment ?? null,
        })
        return redirectWithToast(
          back,
          objection.late
            ? fill(m.objection.registeredLate, { termEndsOn: formatDate(objection.termEndsOn.toISOString()) })
            : m.objection.registered,
        )
      }
      await decideObjection(user, value.objectionId, {
        outcome: value.outcome,
        reasons: value.reasons,
        amountCents: value.amount,
        lateReason: value.lateReason,
        hearingOn: value.hearingOn,
      })
      return redirectWithToast(back, m.objection.decided)
    },
    { intent },
  )
}

function useIntentForm(intent: ObjectionIntent, defaultValue?: Record<string, string>) {
  const actionData = useActionData<typeof action>()
  return useForm({
    id: `form-${intent}`,
    lastResult: actionData?.intent === intent ? (actionData.result as SubmissionResult<string[]>) : undefined,
    defaultValue,
    shouldValidate: 'onBlur',
    // errors clear while typing, so none disappears (moving the button) at the click that submits
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OBJECTION_SCHEMAS[intent] }),
  })
}

function RegisterForm({ today }: { today: string }) {
  const m = useMessages()
  const [form, fields] = useIntentForm('register-objection', { receivedOn: today })
  return (
    <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="card stack">
      <h2>{m.objection.registerTitle}</h2>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="register-objection" />
      <TextField meta={fields.receivedOn} label={m.objection.receivedOn} type="date" />
      <TextField meta={fields.objectorName} label={m.objection.objectorName} hint={m.objection.objectorHint} />
      <TextAreaField meta={fields.grounds} label={m.objection.grounds} rows={6} />
      <TextField meta={fields.hearingOn} label={m.objection.hearingOn} type="date" />
      <div className="field">
        <label htmlFor={fields.attachment.id}>{m.objection.attachment}</label>
        <input
          {...getInputProps(fields.attachment, { type: 'file' })}
          accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
          aria-describedby={fields.attachment.errors ? fields.attachment.errorId : undefined}
        />
        <FieldErrors id={fields.attachment.errorId} errors={fields.attachment.errors} />
      </div>
      <SubmitButton>{m.objection.register}</SubmitButton>
    </Form>
  )
}

function DecideForm({
  objection,
  redecideRefusal,
}: {
  objection: { id: string; late: boolean; termEndsOn: string; hearingOn: string | null }
  redecideRefusal: string | null
}) {
  const m = useMessages()
  const [form, fields] = useIntentForm('decide-objection', {
    objectionId: objection.id,
    hearingOn: objection.hearingOn ?? '',
  })
  return (
    <Form method="post" {...getFormProps(form)} className="card stack">
      <h2>{m.objection.decideTitle}</h2>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="decide-objection" />
      <input type="hidden" name="objectionId" value={objection.id} />
      <div className="field">
        <label htmlFor={fields.outcome.id}>{m.objection.outcome}</label>
        <Select
          {...getSelectProps(fields.outcome)}
          aria-describedby={fields.outcome.errors ? fields.outcome.errorId : undefined}
        >
          <option value="">—</option>
          {OUTCOMES.map((o) => (
            <option
              key={o}
              value={o}
              disabled={Boolean(redecideRefusal) && (o === 'FOUNDED' || o === 'PARTLY_FOUNDED')}
            >
              {m.objection.outcomes[o]}
            </option>
          ))}
        </Select>
        <FieldErrors id={fields.outcome.errorId} errors={fields.outcome.errors} />
      </div>
      {redecideRefusal ? <p className="hint">{redecideRefusal}</p> : null}
      <TextField meta={fields.amount} label={m.objection.amount} hint={m.objection.amountHint} inputMode="decimal" />
      <TextAreaField meta={fields.reasons} label={m.objection.reasons} rows={6} />
      {objection.late ? (
        <TextAreaField
          meta={fields.lateReason}
          label={m.objection.lateReason}
          hint={fill(m.objection.lateText, { termEndsOn: formatDate(objection.termEndsOn) })}
        />
      ) : null}
      <TextField meta={fields.hearingOn} label={m.objection.hearingOn} type="date" />
      <SubmitButton>{m.objection.decide}</SubmitButton>
    </Form>
  )
}

export default function ObjectionPage() {
  const d = useLoaderData<typeof loader>()
  const m = useMessages()
  const app = d.application
  return (
    <>
      <p>
        <Link to={`/beoordelen/${app.id}`}>← {m.objection.back}</Link>
      </p>
      <PageHeader title={`${m.objection.title}: ${app.title}`}>
        <p className="subtitle">
          {app.reference} · {app.foundation.name} · <StatusBadge status={app.status} />
        </p>
      </PageHeader>
      <div className="two-columns reverse">
        <div className="stack">
          <section className="card" aria-labelledby="contested-title">
            <h2 id="contested-title">{m.objection.contested}</h2>
            {d.decision ? (
              <dl className="facts">
                <dt>{m.objection.outcome}</dt>
                <dd>
                  {m.objection.kinds[d.decision.kind]}
                  {d.decision.amountCents !== null ? (
                    <>
                      {': '}
                      <Money cents={d.decision.amountCents} />
                    </>
                  ) : null}
                </dd>
                <dt>{m.objection.sentOn}</dt>
                <dd>{d.decision.sentOn ? formatDate(d.decision.sentOn) : '—'}</dd>
                <dt>{m.objection.termEndsOn}</dt>
                <dd>{d.decision.termEndsOn ? formatDate(d.decision.termEndsOn) : '—'}</dd>
              </dl>
            ) : (
              <p>{m.objection.noDecision}</p>
            )}
          </section>
          <section className="card" aria-labelledby="objections-title">
            <h2 id="objections-title">{m.objection.list}</h2>
            {d.objections.length ? (
              <ul className="stack">
                {d.objections.map((o) => (
                  <li key={o.id}>
                    <p>
                      <strong>
                        {m.objection.receivedOn} {formatDate(o.receivedOn)}
                      </strong>{' '}
                      — {o.objectorName} ·{' '}
                      {o.late ? (
                        <span className="badge badge-warning">⚠ {m.objection.late}</span>
                      ) : (
                        <span className="badge">{m.objection.inTime}</span>
                      )}{' '}
                      ·{' '}
                      {o.outcome ? (
                        <strong>{m.objection.outcomeShort[o.outcome]}</strong>
                      ) : (
                        <span>{m.objection.open}</span>
                      )}
                    </p>
                    {o.late ? (
                      <p className="hint">{fill(m.objection.lateText, { termEndsOn: formatDate(o.termEndsOn) })}</p>
                    ) : null}
                    <dl className="facts">
                      <dt>{m.objection.grounds}</dt>
                      <dd>{o.grounds}</dd>
                      {o.attachmentId ? (
                        <>
                          <dt>{m.objection.attachmentShort}</dt>
                          <dd>
                            <a href={`/beoordelen/${app.id}/bijlagen/${o.attachmentId}`} download>
                              {m.objection.download}
                            </a>
                          </dd>
                        </>
                      ) : null}
                      {o.hearingOn ? (
                        <>
                          <dt>{m.objection.hearingShort}</dt>
                          <dd>{formatDate(o.hearingOn)}</dd>
                        </>
                      ) : null}
                      {o.outcomeReasons ? (
                        <>
                          <dt>{m.objection.reasonsShort}</dt>
                          <dd>{o.outcomeReasons}</dd>
                        </>
                      ) : null}
                      {o.lateReason ? (
                        <>
                          <dt>{m.objection.lateReasonShort}</dt>
                          <dd>{o.lateReason}</dd>
                        </>
                      ) : null}
                      {o.decidedAt ? (
                        <>
                          <dt>{m.objection.decidedOn}</dt>
                          <dd>
                            {formatDate(o.decidedAt)} {o.decidedBy ? fill(m.objection.by, { name: o.decidedBy }) : null}
                          </dd>
                        </>
                      ) : null}
                    </dl>
                  </li>
                ))}
              </ul>
            ) : (
              <p>{m.objection.none}</p>
            )}
          </section>
          <KeptLetters documents={d.documents} />
        </div>
        <aside className="stack" aria-label={m.objection.title}>
          {d.open ? (
            d.mayDecide ? (
              <DecideForm objection={d.open} redecideRefusal={d.redecideRefusal} />
            ) : d.decideRefusal ? (
              <p className="notice" role="status">
                {d.decideRefusal}
              </p>
            ) : null
          ) : d.mayRegister ? (
            <RegisterForm today={d.today} />
          ) : d.registerRefusal ? (
            <p className="notice" role="status">
              {d.registerRefusal}
            </p>
          ) : null}
          {app.requestedCents ? (
            <p className="hint">
              {m.common.requested}: {formatMoney(app.requestedCents)}
            </p>
          ) : null}
        </aside>
      </div>
    </>
  )
}

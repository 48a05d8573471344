import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { requirePermission } from '#app/auth/session.server.ts'
import { fill, messages } from '#app/i18n/i18n.ts'
import { getLang } from '#app/i18n/lang.server.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import { formatMoneyPlain } from '#app/money/money.ts'
import { createRound, nextRoundDefaults } from '#app/rounds/closing.server.ts'
import { newRoundSchema } from '#app/rounds/schema.ts'
import { FieldErrors, FormErrors, PageHeader } from '#app/ui/components.tsx'
import { title } from '#app/ui/meta.ts'
import { redirectWithToast } from '#app/ui/toast.server.ts'
import { parseForm, replyOnDomainError } from '#app/web/errors.server.ts'
import { SubmitButton } from '#app/ui/nlds.tsx'

export const meta = title((m) => m.roundLifecycle.newTitle)

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:round:any')
  return { defaults: await nextRoundDefaults() }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'manage:round:any')
  const formData = await request.formData()
  const submission = await parseForm(request, formData, { schema: newRoundSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  return replyOnDomainError(request, submission, async () => {
    const round = await createRound(submission.value, user.id)
    const m = messages(await getLang(request))
    return redirectWithToast('/beheer/rondes', fill(m.roundLifecycle.created, { year: round.year }))
  })
}

export default function NewRound() {
  const { defaults } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const m = useMessages()
  const t = m.roundLifecycle
  const money = (cents: number | null | undefined) => (cents ? formatMoneyPlain(cents) : '')
  const [form, fields] = useForm({
    id: 'new-round',
    lastResult: actionData?.result as SubmissionResult<string[]> | undefined,
    defaultValue: defaults
      ? {
          year: String(defaults.year),
          pot: money(defaults.potCents),
          opensOn: defaults.opensOn,
          closesOn: defaults.closesOn,
          maxAmount: money(defaults.maxAmountCents),
          reportTermWeeks: String(defaults.reportTermWeeks),
          advancePercent: String(defaults.advancePercent),
          fourEyesThreshold: money(defaults.fourEyesThresholdCents),
          paymentApprovalThreshold: money(defaults.paymentApprovalThresholdCents),
        }
      : undefined,
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: newRoundSchema }),
  })
  const field = (
    f: { id: string; errorId: string; errors?: string[] },
    label: string,
    input: React.ReactNode,
    hint?: string,
  ) => (
    <div className="field">
      <label htmlFor={f.id}>{label}</label>
      {hint ? <p className="hint">{hint}</p> : null}
      {input}
      <FieldErrors id={f.errorId} errors={f.errors} />
    </div>
  )
  return (
    <>
      <PageHeader title={t.newTitle} />
      <p>
        <Link to="/beheer/rondes">{t.cancel}</Link>
      </p>
      <p>{defaults ? fill(t.newIntro, { year: defaults.fromYear }) : t.noRoundYet}</p>
      <Form method="post" {...getFormProps(form)} className="card stack intake-form">
        <FormErrors id={form.errorId} errors={form.errors} />
        <div className="field-row">
          {field(
            fields.year,
            t.year,
            <input {...getInputProps(fields.year, { type: 'text' })} inputMode="numeric" autoComplete="off" />,
          )}
          {field(
            fields.pot,
            t.pot,
            <input {...getInputProps(fields.pot, { type: 'text' })} inputMode="decimal" autoComplete="off" />,
            t.potHint,
          )}
        </div>
        <div className="field-row">
          {field(fields.opensOn, m.intake.opensOn, <input {...getInputProps(fields.opensOn, { type: 'date' })} />)}
          {field(fields.closesOn, m.intake.closesOn, <input {...getInputProps(fields.closesOn, { type: 'date' })} />)}
        </div>
        {field(
          fields.maxAmount,
          t.maxAmount,
          <input {...getInputProps(fields.maxAmount, { type: 'text' })} inputMode="decimal" />,
          m.intake.maxAmountHint,
        )}
        <div className="field-row">
          {field(
            fields.reportTermWeeks,
            m.intake.reportTermWeeks,
            <input {...getInputProps(fields.reportTermWeeks, { type: 'text' })} inputMode="numeric" />,
          )}
          {field(
            fields.advancePercent,
            m.intake.roundAdvance,
            <input {...getInputProps(fields.advancePercent, { type: 'text' })} inputMode="numeric" />,
          )}
        </div>
        <div className="field-row">
          {field(
            fields.fourEyesThreshold,
            t.fourEyesThreshold,
            <input {...getInputProps(fields.fourEyesThreshold, { type: 'text' })} inputMode="decimal" />,
          )}
          {field(
            fields.paymentApprovalThreshold,
            t.paymentApprovalThreshold,
            <input {...getInputProps(fields.paymentApprovalThreshold, { type: 'text' })} inputMode="decimal" />,
          )}
        </div>
        <SubmitButton>{t.create}</SubmitButton>
      </Form>
    </>
  )
}

import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react'
import { title } from '#app/ui/meta.ts'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { CATEGORIES } from '#app/applications/categories.ts'
import { roundSettingsSchema } from '#app/applications/schema.ts'
import { requirePermission } from '#app/auth/session.server.ts'
import { fill, messages } from '#app/i18n/i18n.ts'
import { getLang } from '#app/i18n/lang.server.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import { formatMoneyPlain } from '#app/money/money.ts'
import { parseForm, replyOnDomainError } from '#app/web/errors.server.ts'
import { listRounds, updateRoundSettings } from '#app/rounds/settings.server.ts'
import { closedYears } from '#app/rounds/closing.server.ts'
import { FieldErrors, FormErrors, PageHeader } from '#app/ui/components.tsx'
import { redirectWithToast } from '#app/ui/toast.server.ts'
import { Checkbox, SubmitButton } from '#app/ui/nlds.tsx'

export const meta = title((m) => m.titles.rounds)

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:round:any')
  return { rounds: await listRounds(), closed: await closedYears() }
}

export async function action({ request }: ActionFunctionArgs) {
  await requirePermission(request, 'manage:round:any')
  const formData = await request.formData()
  const roundId = String(formData.get('roundId') ?? '')
  const submission = await parseForm(request, formData, { schema: roundSettingsSchema })
  if (submission.status !== 'success') return data({ roundId, result: submission.reply() }, { status: 400 })
  return replyOnDomainError(
    request,
    submission,
    async () => {
      const round = await updateRoundSettings(roundId, submission.value)
      const m = messages(await getLang(request))
      return redirectWithToast('/beheer/rondes', fill(m.intake.roundSaved, { year: round.year }))
    },
    { roundId },
  )
}

type Round = Awaited<ReturnType<typeof listRounds>>[number]

function RoundForm({ round, closed }: { round: Round; closed: boolean }) {
  const m = useMessages()
  const actionData = useActionData<typeof action>()
  const [form, fields] = useForm({
    id: `round-${round.year}`,
    lastResult: actionData?.roundId === round.id ? (actionData.result as SubmissionResult<string[]>) : undefined,
    defaultValue: {
      opensOn: round.opensOn,
      closesOn: round.closesOn,
      maxAmount: round.maxAmountCents === null ? '' : formatMoneyPlain(round.maxAmountCents),
      categories: round.categories.length ? round.categories : [...CATEGORIES],
      reportTermWeeks: String(round.reportTermWeeks),
      advancePercent: String(round.advancePercent),
      fourEyesThreshold: formatMoneyPlain(round.fourEyesThresholdCents),
      legalBasis: round.legalBasis,
    },
    shouldValidate: 'onBlur',
    // errors clear while typing, so none disappears (moving the button) at the click that submits
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: roundSettingsSchema }),
  })
  const value = fields.categories.value as string[] | string | undefined
  const chosen = new Set(Array.isArray(value) ? value : value ? [value] : [])
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
    <Form method="post" {...getFormProps(form)} className="card stack intake-form">
      <h2>
        {round.name}
        {closed ? <span className="badge"> {m.roundLifecycle.closedBadge}</span> : null}
      </h2>
      <p className="round-links">
        {closed ? (
          <Link to={`/beheer/rondes/${round.year}/afsluiting`}>
            {fill(m.roundLifecycle.reportLink, { year: round.year })}
          </Link>
        ) : (
          <>
            <Link to={`/beheer/rondes/${round.year}/afsluiting`}>
              {fill(m.roundLifecycle.standingLink, { year: round.year })}
            </Link>
            {' · '}
            <Link to={`/beheer/rondes/${round.year}/sluiten`}>
              {fill(m.roundLifecycle.closeLink, { year: round.year })}
            </Link>
          </>
        )}
      </p>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="roundId" value={round.id} />
      <div className="field-row">
        {field(fields.opensOn, m.intake.opensOn, <input {...getInputProps(fields.opensOn, { type: 'date' })} />)}
        {field(fields.closesOn, m.intake.closesOn, <input {...getInputProps(fields.closesOn, { type: 'date' })} />)}
      </div>
      {field(
        fields.maxAmount,
        m.intake.maxAmount,
        <input {...getInputProps(fields.maxAmount, { type: 'text' })} inputMode="decimal" />,
        m.intake.maxAmountHint,
      )}
      <fieldset>
        <legend>{m.intake.categoriesInUse}</legend>
        {CATEGORIES.map((c) => (
          <div key={c} className="field field-checkbox">
            <Checkbox
              id={`${form.id}-cat-${c}`}
              name={fields.categories.name}
              value={c}
              defaultChecked={chosen.has(c)}
            />
            <label htmlFor={`${form.id}-cat-${c}`}>{m.categories[c]}</label>
          </div>
        ))}
        <FieldErrors id={fields.categories.errorId} errors={fields.categories.errors} />
      </fieldset>
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
      {field(
        fields.fourEyesThreshold,
        m.decide.thresholdLabel,
        <input {...getInputProps(fields.fourEyesThreshold, { type: 'text' })} inputMode="decimal" />,
        m.decide.thresholdHint,
      )}
      {field(
        fields.legalBasis,
        m.decide.legalBasisLabel,
        <input {...getInputProps(fields.legalBasis, { type: 'text' })} />,
      )}
      <SubmitButton>{m.intake.saveRound}</SubmitButton>
    </Form>
  )
}

export default function Rounds() {
  const { rounds, closed } = useLoaderData<typeof loader>()
  const m = useMessages()
  return (
    <>
      <PageHeader title={m.intake.roundsTitle} />
      <p>{m.intake.roundsIntro}</p>
      <p>
        <Link to="/beheer/rondes/nieuw" className="button button-secondary">
          {m.roundLifecycle.newLink}
        </Link>
      </p>
      {rounds.map((r) => (
        <RoundForm
          key={`${r.id}-${r.opensOn}-${r.closesOn}-${r.advancePercent}`}
          round={r}
          closed={closed.includes(r.year)}
        />
      ))}
    </>
  )
}

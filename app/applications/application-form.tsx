import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
  type FieldMetadata,
  type SubmissionResult,
} from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form, useFetcher, useNavigation } from '@remix-run/react'
import { useEffect, useRef, useState, type ReactNode } from 'react'
import { useMessages } from '#app/i18n/use-messages.ts'
import { fill } from '#app/i18n/i18n.ts'
import { parseMoney } from '#app/money/money.ts'
import { FieldErrors, FormErrors, Money } from '#app/ui/components.tsx'
import { CATEGORIES } from './categories.ts'
import { ATTACHMENT_KINDS, applicationSchema, draftSchema } from './schema.ts'
import { Alert, Checkbox as CheckboxControl, Select, SubmitButton } from '#app/ui/nlds.tsx'

export type ApplicationFormDefaults = {
  title?: string
  category?: string
  areaId?: string
  location?: string
  description?: string
  goal?: string
  targetGroup?: string
  expectedParticipants?: string
  support?: string
  ownContribution?: string
  partners?: string
  permits?: string
  startDate?: string
  endDate?: string
  lines: { description: string; amount: string }[]
  otherIncome?: string
  otherIncomeNote?: string
  advancePercent?: string
  declarationTrue?: boolean
  declarationPublish?: boolean
  /** Never filled in: a file input cannot be given a value. */
  attachment?: string
  attachmentKind?: string
}

export type AttachmentItem = { id: string; kind: string; filename: string; sizeBytes: number }

/** What the action answers besides Conform's reply. */
export type FormActionData = {
  result?: SubmissionResult<string[]>
  intent?: string
  conflictVersion?: number
  draftId?: string
  version?: number
  autosaved?: { id: string; version: number }
}

const AUTOSAVE_DELAY_MS = 3000

/**
 * The application form. Works without JavaScript (every button is a real submit button, also
 * "add a line"; a file goes with Save or Submit). With JavaScript it validates inline, keeps a live
 * total, shows pending states and saves the draft by itself a few seconds after every change.
 * The draft's version goes with every save: a draft saved elsewhere in the meantime is a conflict,
 * shown and never silently overwritten.
 */
export function ApplicationForm({
  areas,
  defaultValue,
  lastResult,
  attachments = [],
  applicationId,
  version,
  draftId,
  maxAdvancePercent,
  actionData,
}: {
  areas: { id: string; name: string }[]
  defaultValue: ApplicationFormDefaults
  lastResult?: SubmissionResult<string[]> | null
  attachments?: AttachmentItem[]
  applicationId?: string
  version?: number
  draftId?: string
  maxAdvancePercent: number
  actionData?: FormActionData
}) {
  const m = useMessages()
  const navigation = useNavigation()
  const pendingIntent = navigation.state === 'submitting' ? navigation.formData?.get('intent') : null
  const [form, fields] = useForm({
    lastResult,
    defaultValue,
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) =>
      // The parsed value's types differ from the form's text defaults; only the errors matter here.
      parseWithZod(formData, {
        schema: formData.get('intent') === 'submit' ? applicationSchema : draftSchema,
      }) as never,
  })

  // Version and draft id: from the page, then from every save's answer (also autosave's).
  const serverVersion = actionData?.conflictVersion ?? actionData?.version ?? version
  const [currentVersion, setCurrentVersion] = useState(serverVersion)
  const [currentDraftId, setCurrentDraftId] = useState(actionData?.draftId ?? draftId)
  useEffect(() => setCurrentVersion(serverVersion), [serverVersion])
  useEffect(() => {
    if (actionData?.draftId) setCurrentDraftId(actionData.draftId)
  }, [actionData?.draftId])

  const autosave = useAutosave({
    onSaved: (saved) => {
      setCurrentVersion(saved.version)
      setCurrentDraftId(saved.id)
    },
  })

  const lines = fields.lines.getFieldList()
  const costs = lines.reduce((sum, line) => {
    const parsed = parseMoney(String(line.getFieldset().amount.value ?? ''))
    return parsed.ok ? sum + parsed.cents : sum
  }, 0)
  const otherParsed = parseMoney(String(fields.otherIncome.value ?? ''))
  const other = otherParsed.ok ? otherParsed.cents : 0
  const requested = Math.max(0, costs - other)
  const described = (field: { errorId: string; errors?: string[] }, hint?: string) =>
    [hint, field.errors?.length ? field.errorId : null].filter(Boolean).join(' ') || undefined

  const text = (
    field: FieldMetadata<string | undefined>,
    label: string,
    hint?: string,
    options: {
      multiline?: boolean
      type?: 'text' | 'date' | 'number'
      inputMode?: 'numeric' | 'decimal'
      className?: string
    } = {},
  ) => (
    <div className={`field ${options.className ?? ''}`}>
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${field.id}-hint`}>
          {hint}
        </p>
      ) : null}
      {options.multiline ? (
        <textarea
          {...getTextareaProps(field)}
          rows={4}
          aria-describedby={described(field, hint ? `${field.id}-hint` : undefined)}
        />
      ) : (
        <input
          {...getInputProps(field, { type: options.type ?? 'text' })}
          inputMode={options.inputMode}
          aria-describedby={described(field, hint ? `${field.id}-hint` : undefined)}
        />
      )}
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  )

  return (
    <>
      <Form
        method="post"
        encType="multipart/form-data"
        {...getFormProps(form)}
        className="stack application-form"
        ref={autosave.formRef}
        onChange={autosave.schedule}
      >
        {/* Enter in a text field saves the draft (the first submit button is the default one), never "remove a line". */}
        {/* eslint-disable-next-line no-restricted-syntax -- an invisible default button, not a control anyone sees: SubmitButton's NL Design System classes would give it a size */}
        <button type="submit" name="intent" value="save" className="visually-hidden" tabIndex={-1} aria-hidden="true" />
        {currentVersion !== undefined ? <input type="hidden" name="version" value={currentVersion} /> : null}
        {!applicationId && currentDraftId ? <input type="hidden" name="draftId" value={currentDraftId} /> : null}
        <p>
          {m.form.intro} {m.common.requiredHint}
        </p>
        {actionData?.conflictVersion !== undefined ? (
          <Alert type="warning" role="alert">
            <strong>{m.intake.conflict}.</strong> {form.errors?.[0]}
          </Alert>
        ) : (
          <FormErrors id={form.errorId} errors={form.errors} />
        )}
        <p className="autosave-status" aria-live="polite" data-testid="autosave-status">
          {autosave.statusText(m, autosave.conflict ? m.intake.conflict : undefined)}
        </p>

        <fieldset>
          <legend>{m.form.initiative}</legend>
          {text(fields.title, m.form.title, m.form.titleHint)}
          <div className="field-row">
            <div className="field">
              <label htmlFor={fields.category.id}>{m.form.category}</label>
              <Select {...getSelectProps(fields.category)} aria-describedby={described(fields.category)}>
                <option value="">{m.form.chooseCategory}</option>
                {CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {m.categories[c]}
                  </option>
                ))}
              </Select>
              <FieldErrors id={fields.category.errorId} errors={fields.category.errors} />
            </div>
            <div className="field">
              <label htmlFor={fields.areaId.id}>{m.form.area}</label>
              <Select {...getSelectProps(fields.areaId)} aria-describedby={described(fields.areaId)}>
                {areas.length > 1 ? <option value="">{m.form.chooseArea}</option> : null}
                {areas.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </Select>
              <FieldErrors id={fields.areaId.errorId} errors={fields.areaId.errors} />
            </div>
          </div>
          {text(fields.description, m.form.description, m.form.descriptionHint, { multiline: true })}
        </fieldset>

        <fieldset>
          <legend>{m.intake.where}</legend>
          {text(fields.location, m.intake.location, m.intake.locationHint)}
          <div className="field-row">
            {text(fields.startDate, m.form.startDate, undefined, { type: 'date' })}
            {text(fields.endDate, m.form.endDate, undefined, { type: 'date' })}
          </div>
          {text(fields.permits, m.intake.permits, m.intake.permitsHint, { multiline: true })}
        </fieldset>

        <fieldset>
          <legend>{m.intake.aims}</legend>
          {text(fields.goal, m.intake.goal, m.intake.goalHint, { multiline: true })}
          <div className="field-row">
            {text(fields.targetGroup, m.intake.targetGroup, m.intake.targetGroupHint)}
            {text(fields.expectedParticipants, m.intake.expectedParticipants, undefined, {
              inputMode: 'numeric',
              className: 'field-narrow',
            })}
          </div>
          {text(fields.support, m.intake.support, m.intake.supportHint, { multiline: true })}
          {text(fields.ownContribution, m.intake.ownContribution, m.intake.ownContributionHint, { multiline: true })}
          {text(fields.partners, m.intake.partners, m.intake.partnersHint)}
        </fieldset>

        <fieldset>
          <legend>{m.form.budget}</legend>
          <p className="hint">{m.form.budgetHint}</p>
          <FieldErrors id={fields.lines.errorId} errors={fields.lines.errors} />
          <ol className="budget-lines">
            {lines.map((line, index) => {
              const { description, amount } = line.getFieldset()
              return (
                <li key={line.key} className="budget-line">
                  <div className="field">
                    <label htmlFor={description.id}>
                      {m.form.lineDescription} {index + 1}
                    </label>
                    <input
                      {...getInputProps(description, { type: 'text' })}
                      aria-describedby={described(description)}
                    />
                    <FieldErrors id={description.errorId} errors={description.errors} />
                  </div>
                  <div className="field field-amount">
                    <label htmlFor={amount.id}>
                      {m.form.lineAmount}
                      <span className="visually-hidden">
                        {' '}
                        ({m.form.line} {index + 1})
                      </span>
                    </label>
                    <input
                      {...getInputProps(amount, { type: 'text' })}
                      inputMode="decimal"
                      autoComplete="off"
                      aria-describedby={described(amount)}
                    />
                    <FieldErrors id={amount.errorId} errors={amount.errors} />
                  </div>
                  <SubmitButton
                    variant="secondary"
                    small
                    {...form.remove.getButtonProps({ name: fields.lines.name, index })}
                  >
                    {fill(m.form.removeLine, { n: index + 1 })}
                  </SubmitButton>
                </li>
              )
            })}
          </ol>
          <SubmitButton
            variant="secondary"
            {...form.insert.getButtonProps({ name: fields.lines.name, defaultValue: { description: '', amount: '' } })}
          >
            {m.form.addLine}
          </SubmitButton>
          <div className="field-row">
            {text(fields.otherIncome, m.intake.otherIncome, m.intake.otherIncomeHint, {
              inputMode: 'decimal',
              className: 'field-amount',
            })}
            {text(fields.otherIncomeNote, m.intake.otherIncomeNote)}
          </div>
          <dl className="totals" aria-live="polite">
            <dt>{m.intake.totalCosts}</dt>
            <dd>
              <Money cents={costs} />
            </dd>
            <dt>{m.intake.otherIncome.replace(/ \(.*\)$/, '')}</dt>
            <dd>
              <Money cents={other} />
            </dd>
            <dt className="total">{m.form.requested}</dt>
            <dd className="total">
              <strong data-testid="requested-total">
                <Money cents={requested} />
              </strong>
            </dd>
          </dl>
          {text(
            fields.advancePercent,
            m.intake.advancePercent,
            fill(m.intake.advanceHint, { max: maxAdvancePercent }),
            { inputMode: 'numeric', className: 'field-narrow' },
          )}
        </fieldset>

        <fieldset>
          <legend>{m.intake.attachments}</legend>
          <p className="hint" id="attachments-hint">
            {m.intake.attachmentsHint}
          </p>
          {attachments.length ? (
            <ul className="attachments">
              {attachments.map((a) => (
                <li key={a.id}>
                  <span className="badge">{m.intake.kinds[a.kind as keyof typeof m.intake.kinds] ?? a.kind}</span>{' '}
                  {applicationId ? (
                    <a href={`/aanvragen/${applicationId}/bijlagen/${a.id}`}>{a.filename}</a>
                  ) : (
                    a.filename
                  )}{' '}
                  <span className="hint">({formatSize(a.sizeBytes)})</span>{' '}
                  {applicationId ? (
                    <SubmitButton variant="secondary" small form={`delete-attachment-${a.id}`}>
                      {m.intake.deleteAttachment}
                      <span className="visually-hidden"> {a.filename}</span>
                    </SubmitButton>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <p>{m.intake.noAttachments}</p>
          )}
          <div className="field-row">
            <div className="field">
              <label htmlFor={fields.attachment.id}>{m.intake.attachment}</label>
              <input
                {...getInputProps(fields.attachment, { type: 'file' })}
                accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
                aria-describedby={described(fields.attachment, 'attachments-hint')}
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
        </fieldset>

        <fieldset>
          <legend>{m.intake.declarations}</legend>
          <Checkbox field={fields.declarationTrue} label={m.intake.declarationTrue} />
          <Checkbox field={fields.declarationPublish} label={m.intake.declarationPublish} />
        </fieldset>

        <div className="actions">
          <SubmitButton intent="save" variant="secondary">
            {pendingIntent === 'save' ? m.intake.saving : m.form.saveDraft}
          </SubmitButton>
          <SubmitButton intent="submit">{pendingIntent === 'submit' ? m.intake.saving : m.form.submit}</SubmitButton>
        </div>
      </Form>
      {applicationId
        ? attachments.map((a) => (
            <Form key={a.id} method="post" id={`delete-attachment-${a.id}`} hidden>
              <input type="hidden" name="intent" value="delete-attachment" />
              <input type="hidden" name="attachmentId" value={a.id} />
            </Form>
          ))
        : null}
    </>
  )
}

function Checkbox({ field, label }: { field: FieldMetadata<boolean | undefined>; label: ReactNode }) {
  const { type: _type, ...props } = getInputProps(field, { type: 'checkbox' })
  return (
    <div className="utrecht-form-field utrecht-form-field--checkbox field field-checkbox">
      <CheckboxControl {...props} aria-describedby={field.errors?.length ? field.errorId : undefined} />
      <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor={field.id}>
        {label}
      </label>
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  )
}

export function formatSize(bytes: number) {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} kB`
  return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`
}

/**
 * Saves the draft a few seconds after the last change, through a fetcher (the page does not move).
 * Without JavaScript none of this runs; the Save button does the same.
 */
function useAutosave({ onSaved }: { onSaved: (saved: { id: string; version: number }) => void }) {
  const fetcher = useFetcher<FormActionData>()
  const formRef = useRef<HTMLFormElement>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const [state, setState] = useState<{
    kind: 'idle' | 'dirty' | 'saved' | 'invalid' | 'conflict' | 'offline'
    at?: string
  }>({ kind: 'idle' })

  useEffect(() => () => clearTimeout(timer.current), [])
  useEffect(() => {
    if (fetcher.state !== 'idle') return
    const data = fetcher.data
    if (!data) return
    if (data.autosaved) {
      onSaved(data.autosaved)
      setState({
        kind: 'saved',
        at: new Date().toLocaleTimeString('nl-NL', { hour: '2-digit', minute: '2-digit', second: '2-digit' }),
      })
    } else if (data.conflictVersion !== undefined) {
      setState({ kind: 'conflict' })
    } else if (data.result) {
      setState({ kind: 'invalid' })
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fetcher.state, fetcher.data])

  function schedule(event: { target: EventTarget }) {
    const target = event.target as HTMLInputElement
    if (target.type === 'file') return // a file goes with Save or Submit, never silently in the background
    if (state.kind === 'conflict') return // never overwrite someone else's version by itself
    setState({ kind: 'dirty' })
    clearTimeout(timer.current)
    timer.current = setTimeout(() => {
      const form = formRef.current
      if (!form) return
      const data = new FormData(form)
      data.delete('attachment')
      data.set('intent', 'autosave')
      try {
        fetcher.submit(data, { method: 'post', action: form.getAttribute('action') ?? undefined })
      } catch {
        setState({ kind: 'offline' })
      }
    }, AUTOSAVE_DELAY_MS)
  }

  function statusText(m: ReturnType<typeof useMessages>, conflictLabel?: string) {
    if (fetcher.state !== 'idle') return m.intake.autosaving
    switch (state.kind) {
      case 'saved':
        return fill(m.intake.autosaved, { time: state.at ?? '' })
      case 'invalid':
        return fill(m.intake.autosaveFailed, { reason: m.intake.autosaveInvalid })
      case 'offline':
        return fill(m.intake.autosaveFailed, { reason: m.intake.autosaveNetwork })
      case 'conflict':
        return `${conflictLabel}: ${fill(m.intake.autosaveFailed, { reason: m.errors[409] })}`
      default:
        return m.intake.autosaveOn
    }
  }

  return { formRef, schedule, statusText, conflict: state.kind === 'conflict' }
}

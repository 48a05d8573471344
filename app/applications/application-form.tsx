import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form, useNavigation } from '@remix-run/react'
import { useMessages } from '#app/i18n/use-messages.ts'
import { fill } from '#app/i18n/i18n.ts'
import { parseMoney } from '#app/money/money.ts'
import { FieldErrors, FormErrors, Money } from '#app/ui/components.tsx'
import { CATEGORIES } from './categories.ts'
import { applicationSchema, draftSchema } from './schema.ts'

export type ApplicationFormDefaults = {
  title?: string
  category?: string
  areaId?: string
  description?: string
  startDate?: string
  endDate?: string
  lines: { description: string; amount: string }[]
}

/**
 * The application form. Works without JavaScript (every button is a real submit button, also
 * "add a line"); with JavaScript it validates inline and keeps a live total.
 */
export function ApplicationForm({
  areas, defaultValue, lastResult,
}: {
  areas: { id: string; name: string }[]
  defaultValue: ApplicationFormDefaults
  lastResult?: SubmissionResult<string[]> | null
}) {
  const m = useMessages()
  const navigation = useNavigation()
  const busy = navigation.state !== 'idle'
  const [form, fields] = useForm({
    lastResult,
    defaultValue,
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) =>
      parseWithZod(formData, { schema: formData.get('intent') === 'submit' ? applicationSchema : draftSchema }),
  })
  const lines = fields.lines.getFieldList()
  const total = lines.reduce((sum, line) => {
    const parsed = parseMoney(String(line.getFieldset().amount.value ?? ''))
    return parsed.ok ? sum + parsed.cents : sum
  }, 0)
  const described = (field: { errorId: string; errors?: string[] }, hint?: string) =>
    [hint, field.errors?.length ? field.errorId : null].filter(Boolean).join(' ') || undefined

  return (
    <Form method="post" {...getFormProps(form)} className="stack application-form">
      {/* Enter in a text field saves the draft (the first submit button is the default one), never "remove a line". */}
      <button type="submit" name="intent" value="save" className="visually-hidden" tabIndex={-1} aria-hidden="true" />
      <p>{m.form.intro}</p>
      <FormErrors id={form.errorId} errors={form.errors} />
      <fieldset>
        <legend>{m.form.initiative}</legend>
        <div className="field">
          <label htmlFor={fields.title.id}>{m.form.title}</label>
          <p className="hint" id={`${fields.title.id}-hint`}>{m.form.titleHint}</p>
          <input {...getInputProps(fields.title, { type: 'text' })} aria-describedby={described(fields.title, `${fields.title.id}-hint`)} />
          <FieldErrors id={fields.title.errorId} errors={fields.title.errors} />
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor={fields.category.id}>{m.form.category}</label>
            <select {...getSelectProps(fields.category)} aria-describedby={described(fields.category)}>
              <option value="">{m.form.chooseCategory}</option>
              {CATEGORIES.map((c) => (
                <option key={c} value={c}>{m.categories[c]}</option>
              ))}
            </select>
            <FieldErrors id={fields.category.errorId} errors={fields.category.errors} />
          </div>
          <div className="field">
            <label htmlFor={fields.areaId.id}>{m.form.area}</label>
            <select {...getSelectProps(fields.areaId)} aria-describedby={described(fields.areaId)}>
              {areas.length > 1 ? <option value="">{m.form.chooseArea}</option> : null}
              {areas.map((a) => (
                <option key={a.id} value={a.id}>{a.name}</option>
              ))}
            </select>
            <FieldErrors id={fields.areaId.errorId} errors={fields.areaId.errors} />
          </div>
        </div>
        <div className="field">
          <label htmlFor={fields.description.id}>{m.form.description}</label>
          <p className="hint" id={`${fields.description.id}-hint`}>{m.form.descriptionHint}</p>
          <textarea {...getTextareaProps(fields.description)} rows={6} aria-describedby={described(fields.description, `${fields.description.id}-hint`)} />
          <FieldErrors id={fields.description.errorId} errors={fields.description.errors} />
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor={fields.startDate.id}>{m.form.startDate}</label>
            <input {...getInputProps(fields.startDate, { type: 'date' })} aria-describedby={described(fields.startDate)} />
            <FieldErrors id={fields.startDate.errorId} errors={fields.startDate.errors} />
          </div>
          <div className="field">
            <label htmlFor={fields.endDate.id}>{m.form.endDate}</label>
            <input {...getInputProps(fields.endDate, { type: 'date' })} aria-describedby={described(fields.endDate)} />
            <FieldErrors id={fields.endDate.errorId} errors={fields.endDate.errors} />
          </div>
        </div>
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
                  <label htmlFor={description.id}>{m.form.lineDescription} {index + 1}</label>
                  <input {...getInputProps(description, { type: 'text' })} aria-describedby={described(description)} />
                  <FieldErrors id={description.errorId} errors={description.errors} />
                </div>
                <div className="field field-amount">
                  <label htmlFor={amount.id}>{m.form.lineAmount}<span className="visually-hidden"> ({m.form.line} {index + 1})</span></label>
                  <input {...getInputProps(amount, { type: 'text' })} inputMode="decimal" autoComplete="off" aria-describedby={described(amount)} />
                  <FieldErrors id={amount.errorId} errors={amount.errors} />
                </div>
                <button className="button button-secondary button-small" {...form.remove.getButtonProps({ name: fields.lines.name, index })}>
                  {fill(m.form.removeLine, { n: index + 1 })}
                </button>
              </li>
            )
          })}
        </ol>
        <button className="button button-secondary" {...form.insert.getButtonProps({ name: fields.lines.name, defaultValue: { description: '', amount: '' } })}>
          {m.form.addLine}
        </button>
        <p className="total" aria-live="polite">
          {m.form.requested}: <strong><Money cents={total} /></strong>
        </p>
      </fieldset>

      <div className="actions">
        <button type="submit" name="intent" value="save" className="button button-secondary" disabled={busy}>{m.form.saveDraft}</button>
        <button type="submit" name="intent" value="submit" className="button" disabled={busy}>{m.form.submit}</button>
      </div>
    </Form>
  )
}

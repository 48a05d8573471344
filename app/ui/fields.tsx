import { getInputProps, getTextareaProps, type FieldMetadata } from '@conform-to/react'
import { FieldErrors } from '#app/ui/components.tsx'

function describedBy(meta: FieldMetadata<string | undefined>, hint?: string) {
  return [hint ? `${meta.id}-hint` : '', meta.errors ? meta.errorId : ''].filter(Boolean).join(' ') || undefined
}

/** A labelled input with its hint and field-level errors tied by aria-describedby (the house pattern). */
export function TextField({
  meta,
  label,
  type = 'text',
  hint,
  autoComplete,
  inputMode,
  className,
}: {
  meta: FieldMetadata<string | undefined>
  label: string
  type?: 'text' | 'email' | 'password' | 'tel' | 'date'
  hint?: string
  autoComplete?: string
  /** 'decimal' for amounts: a numeric keyboard on phones, while "1.234,56" stays typeable. */
  inputMode?: 'decimal' | 'numeric'
  className?: string
}) {
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={meta.id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${meta.id}-hint`}>
          {hint}
        </p>
      ) : null}
      <input
        {...getInputProps(meta, { type })}
        autoComplete={autoComplete}
        inputMode={inputMode}
        aria-describedby={describedBy(meta, hint)}
      />
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </div>
  )
}

/** The same for a multi-line text. */
export function TextAreaField({
  meta,
  label,
  hint,
  rows = 4,
}: {
  meta: FieldMetadata<string | undefined>
  label: string
  hint?: string
  rows?: number
}) {
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${meta.id}-hint`}>
          {hint}
        </p>
      ) : null}
      <textarea {...getTextareaProps(meta)} rows={rows} aria-describedby={describedBy(meta, hint)} />
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </div>
  )
}

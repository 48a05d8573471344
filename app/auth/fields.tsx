import { getInputProps, type FieldMetadata } from '@conform-to/react'
import { FieldErrors } from '#app/ui/components.tsx'

/** A labelled input with its hint and field-level errors tied by aria-describedby (the house pattern). */
export function TextField({
  meta, label, type = 'text', hint, autoComplete, className,
}: { meta: FieldMetadata<string | undefined>; label: string; type?: 'text' | 'email' | 'password' | 'tel'; hint?: string; autoComplete?: string; className?: string }) {
  const hintId = `${meta.id}-hint`
  const describedBy = [hint ? hintId : '', meta.errors ? meta.errorId : ''].filter(Boolean).join(' ') || undefined
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={meta.id}>{label}</label>
      {hint ? <p className="hint" id={hintId}>{hint}</p> : null}
      <input {...getInputProps(meta, { type })} autoComplete={autoComplete} aria-describedby={describedBy} />
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </div>
  )
}

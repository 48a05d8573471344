import { type FieldMetadata } from '@conform-to/react'
import { TextField } from '#app/ui/fields.tsx'
import { useMessages } from '#app/i18n/use-messages.ts'
import { FieldErrors } from '#app/ui/components.tsx'
import { Checkbox } from '#app/ui/nlds.tsx'

type F = FieldMetadata<string | undefined>
export type FoundationFieldSet = {
  name: F
  kvkNumber: F
  iban: F
  accountHolder: F
  street: F
  postalCode: F
  city: F
  contactName: F
  email: F
  phone: F
  areaIds: FieldMetadata<string[] | undefined>
}

/** The foundation's own fields, shared by the administrator's registration and the self-registration. */
export function FoundationFields({
  fields,
  areas,
}: {
  fields: FoundationFieldSet
  areas: { id: string; name: string }[]
}) {
  const m = useMessages()
  const chosen = new Set(([] as string[]).concat((fields.areaIds.initialValue as string[] | string | undefined) ?? []))
  return (
    <>
      <TextField meta={fields.name} label={m.foundations.name} hint={m.foundations.nameHint} />
      <TextField meta={fields.kvkNumber} label={m.foundations.kvk} hint={m.foundations.kvkHint} />
      <TextField meta={fields.iban} label={m.foundations.iban} hint={m.foundations.ibanHint} />
      <TextField meta={fields.accountHolder} label={m.foundations.accountHolder} />
      <TextField meta={fields.street} label={m.foundations.street} autoComplete="street-address" />
      <div className="field-row">
        <TextField meta={fields.postalCode} label={m.foundations.postalCode} autoComplete="postal-code" />
        <TextField meta={fields.city} label={m.foundations.city} autoComplete="address-level2" />
      </div>
      <TextField meta={fields.contactName} label={m.foundations.contactName} />
      <TextField meta={fields.email} label={m.foundations.email} type="email" />
      <TextField meta={fields.phone} label={m.foundations.phone} type="tel" hint={m.foundations.optional} />
      <fieldset className="field" aria-describedby={fields.areaIds.errors ? fields.areaIds.errorId : undefined}>
        <legend>{m.foundations.areas}</legend>
        <p className="hint">{m.foundations.areasHint}</p>
        <div className="checkbox-grid">
          {areas.map((a) => (
            <label key={a.id} className="checkbox">
              <Checkbox name={fields.areaIds.name} value={a.id} defaultChecked={chosen.has(a.id)} /> {a.name}
            </label>
          ))}
        </div>
        <FieldErrors id={fields.areaIds.errorId} errors={fields.areaIds.errors} />
      </fieldset>
    </>
  )
}

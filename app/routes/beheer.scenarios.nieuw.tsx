import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { title } from '#app/ui/meta.ts'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { AllocationAdminNav } from '#app/allocation/admin-nav.tsx'
import { scenarioSchema, UNSPENT_POLICIES } from '#app/allocation/scenario-schema.ts'
import { parseForm, replyOnDomainError } from '#app/web/errors.server.ts'
import { saveScenario, scenarioDefaults } from '#app/allocation/scenarios.server.ts'
import { requirePermission } from '#app/auth/session.server.ts'
import { fill, messages } from '#app/i18n/i18n.ts'
import { getLang } from '#app/i18n/lang.server.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import { formatMoneyPlain } from '#app/money/money.ts'
import { requireCurrentRound } from '#app/web/guards.server.ts'
import { FieldErrors, FormErrors, PageHeader, TableScroll } from '#app/ui/components.tsx'
import { formatWeight } from '#app/ui/format.ts'
import { redirectWithToast } from '#app/ui/toast.server.ts'
import { Alert, Radio, Select, SubmitButton, Table, Tbody, Td, Th, Thead, Tr } from '#app/ui/nlds.tsx'

export const meta = title((m) => m.titles.newScenario)

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:allocation:any')
  const round = await requireCurrentRound(request)
  const d = await scenarioDefaults(round.id)
  const money = (c: number | null) => (c === null ? '' : formatMoneyPlain(c))
  return {
    year: round.year,
    populationYears: d.populationYears,
    areas: d.areas.map((a) => ({ areaId: a.areaId, code: a.code, name: a.name, priority: a.priority })),
    defaultPriorityWeight: d.priorityWeightMilli,
    defaults: {
      name: '',
      pot: money(d.potCents),
      fixedAllowance: money(d.fixedAllowanceCents),
      priorityWeight: formatWeight(d.priorityWeightMilli),
      inhabitantsYear: d.inhabitantsYear === null ? '' : String(d.inhabitantsYear),
      unspentPolicy: d.unspentPolicy,
      areas: d.areas.map((a) => ({
        areaId: a.areaId,
        weight: a.weightMilli === null ? '' : formatWeight(a.weightMilli),
        floor: money(a.floorCents),
        cap: money(a.capCents),
      })),
    },
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'manage:allocation:any')
  const round = await requireCurrentRound(request)
  const { populationYears } = await scenarioDefaults(round.id)
  const submission = await parseForm(request, await request.formData(), {
    schema: scenarioSchema.superRefine((v, ctx) => {
      if (!populationYears.includes(v.inhabitantsYear)) {
        ctx.addIssue({
          code: 'custom',
          path: ['inhabitantsYear'],
          message: `Er zijn geen inwonertallen van ${v.inhabitantsYear}; importeer ze eerst.`,
        })
      }
    }),
  })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const v = submission.value
  return replyOnDomainError(request, submission, async () => {
    await saveScenario(
      round.id,
      {
        name: v.name,
        potCents: v.pot,
        fixedAllowanceCents: v.fixedAllowance,
        priorityWeightMilli: v.priorityWeight,
        inhabitantsYear: v.inhabitantsYear,
        unspentPolicy: v.unspentPolicy,
        areas: v.areas.map((a) => ({
          areaId: a.areaId,
          weightMilli: a.weight ?? null,
          floorCents: a.floor ?? null,
          capCents: a.cap ?? null,
        })),
      },
      user.id,
    )
    const m = messages(await getLang(request))
    return redirectWithToast('/beheer/scenarios', fill(m.scenarios.savedToast, { name: v.name }))
  })
}

export default function NewScenario() {
  const { year, populationYears, areas, defaults, defaultPriorityWeight } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const m = useMessages()
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: defaults,
    shouldValidate: 'onBlur',
    // Errors clear while typing, so the page does not shift between pressing and releasing the button.
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: scenarioSchema }),
  })
  const areaFields = fields.areas.getFieldList()
  const described = (f: { id: string; errorId: string; errors?: string[] }, hint?: string) =>
    [hint, f.errors ? f.errorId : undefined].filter(Boolean).join(' ') || undefined
  return (
    <>
      <PageHeader title={fill(m.scenarios.newTitle, { year })} />
      <AllocationAdminNav />
      <p className="lead">{m.scenarios.newIntro}</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        {form.errors?.length || Object.values(form.allErrors).length ? (
          <Alert type="error" role="alert">
            <p>{m.common.formErrors}</p>
          </Alert>
        ) : null}
        <fieldset className="narrow-form">
          <legend>{m.scenarios.parameters}</legend>
          <div className="field">
            <label htmlFor={fields.name.id}>{m.scenarios.name}</label>
            <input {...getInputProps(fields.name, { type: 'text' })} aria-describedby={described(fields.name)} />
            <FieldErrors id={fields.name.errorId} errors={fields.name.errors} />
          </div>
          <div className="field">
            <label htmlFor={fields.pot.id}>{m.allocation.pot}</label>
            <p className="hint" id="pot-hint">
              {m.scenarios.potHint}
            </p>
            <input
              {...getInputProps(fields.pot, { type: 'text' })}
              inputMode="decimal"
              aria-describedby={described(fields.pot, 'pot-hint')}
            />
            <FieldErrors id={fields.pot.errorId} errors={fields.pot.errors} />
          </div>
          <div className="field">
            <label htmlFor={fields.fixedAllowance.id}>{m.allocation.fixed}</label>
            <input
              {...getInputProps(fields.fixedAllowance, { type: 'text' })}
              inputMode="decimal"
              aria-describedby={described(fields.fixedAllowance)}
            />
            <FieldErrors id={fields.fixedAllowance.errorId} errors={fields.fixedAllowance.errors} />
          </div>
          <div className="field">
            <label htmlFor={fields.priorityWeight.id}>{m.allocation.priorityWeight}</label>
            <p className="hint" id="priority-hint">
              {m.scenarios.priorityWeightHint}
            </p>
            <input
              {...getInputProps(fields.priorityWeight, { type: 'text' })}
              inputMode="decimal"
              aria-describedby={described(fields.priorityWeight, 'priority-hint')}
            />
            <FieldErrors id={fields.priorityWeight.errorId} errors={fields.priorityWeight.errors} />
          </div>
          <div className="field">
            <label htmlFor={fields.inhabitantsYear.id}>{m.scenarios.inhabitantsYear}</label>
            <p className="hint" id="year-hint">
              {m.scenarios.inhabitantsYearHint} <Link to="/beheer/inwoners">{m.scenarios.navPopulation}</Link>
            </p>
            <Select
              id={fields.inhabitantsYear.id}
              name={fields.inhabitantsYear.name}
              defaultValue={fields.inhabitantsYear.initialValue as string | undefined}
              aria-invalid={fields.inhabitantsYear.errors ? true : undefined}
              aria-describedby={described(fields.inhabitantsYear, 'year-hint')}
            >
              {populationYears.length === 0 ? <option value="">{m.scenarios.noYears}</option> : null}
              {populationYears.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </Select>
            <FieldErrors id={fields.inhabitantsYear.errorId} errors={fields.inhabitantsYear.errors} />
          </div>
        </fieldset>
        <fieldset
          className="narrow-form"
          aria-describedby={fields.unspentPolicy.errors ? fields.unspentPolicy.errorId : undefined}
        >
          <legend>{m.scenarios.unspent}</legend>
          {UNSPENT_POLICIES.map((p) => (
            <div key={p} className="choice">
              <Radio
                id={`unspent-${p}`}
                name={fields.unspentPolicy.name}
                value={p}
                defaultChecked={fields.unspentPolicy.initialValue === p}
              />
              <label htmlFor={`unspent-${p}`}>{m.scenarios.unspentPolicies[p]}</label>
            </div>
          ))}
          <FieldErrors id={fields.unspentPolicy.errorId} errors={fields.unspentPolicy.errors} />
        </fieldset>
        <fieldset>
          <legend>{m.scenarios.perArea}</legend>
          <p className="hint">{fill(m.scenarios.perAreaHint, { weight: formatWeight(defaultPriorityWeight) })}</p>
          <TableScroll>
            <Table className="area-settings">
              <Thead>
                <Tr>
                  <Th scope="col">{m.common.area}</Th>
                  <Th scope="col">{m.scenarios.weightOverride}</Th>
                  <Th scope="col">{m.scenarios.floor}</Th>
                  <Th scope="col">{m.scenarios.cap}</Th>
                </Tr>
              </Thead>
              <Tbody>
                {areaFields.map((field, i) => {
                  const area = areas[i]
                  const f = field.getFieldset()
                  if (!area) return null
                  return (
                    <Tr key={field.key}>
                      <Th scope="row">
                        <input type="hidden" name={f.areaId.name} value={area.areaId} />
                        {area.name}
                        {area.priority ? <span className="tag">{m.allocation.priority}</span> : null}
                      </Th>
                      {(['weight', 'floor', 'cap'] as const).map((key) => (
                        <Td key={key}>
                          <label htmlFor={f[key].id} className="visually-hidden">
                            {fill(m.scenarios.fieldFor[key], { area: area.name })}
                          </label>
                          <input
                            {...getInputProps(f[key], { type: 'text' })}
                            inputMode="decimal"
                            size={key === 'weight' ? 5 : 10}
                            placeholder={
                              key === 'weight' ? (area.priority ? formatWeight(defaultPriorityWeight) : '1') : ''
                            }
                            aria-describedby={described(f[key])}
                          />
                          <FieldErrors id={f[key].errorId} errors={f[key].errors} />
                        </Td>
                      ))}
                    </Tr>
                  )
                })}
              </Tbody>
            </Table>
          </TableScroll>
        </fieldset>
        <div className="actions">
          <SubmitButton>{m.scenarios.save}</SubmitButton>
          <Link to="/beheer/scenarios" className="button button-secondary">
            {m.common.cancel}
          </Link>
        </div>
      </Form>
    </>
  )
}

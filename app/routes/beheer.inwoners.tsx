import { getFormProps, getInputProps, getTextareaProps, useForm } from '@conform-to/react'
import { title } from '#app/ui/meta.ts'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { AllocationAdminNav } from '#app/allocation/admin-nav.tsx'
import { parsePopulationCsv, POPULATION_CSV_COLUMNS, type PopulationCsvError } from '#app/allocation/population-csv.ts'
import { importPopulation, populationTable, populationYears } from '#app/allocation/population.server.ts'
import { populationImportSchema } from '#app/allocation/scenario-schema.ts'
import { requirePermission } from '#app/auth/session.server.ts'
import { fill, messages } from '#app/i18n/i18n.ts'
import { getLang } from '#app/i18n/lang.server.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import { FieldErrors, FormErrors, PageHeader, TableScroll } from '#app/ui/components.tsx'
import { formatDateTime } from '#app/ui/format.ts'
import { redirectWithToast } from '#app/ui/toast.server.ts'

export const meta = title((m) => m.titles.population)

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:population:any')
  const years = await populationYears()
  const shownYears = years
    .slice(0, 3)
    .map((y) => y.year)
    .sort((a, b) => a - b)
  return { years, shownYears, table: await populationTable(shownYears) }
}

export async function action({ request }: ActionFunctionArgs) {
  await requirePermission(request, 'manage:population:any')
  const submission = parseWithZod(await request.formData(), { schema: populationImportSchema })
  const fail = (rowErrors: PopulationCsvError[], status: number, formErrors?: string[]) =>
    data({ result: submission.reply(formErrors ? { formErrors } : undefined), rowErrors }, { status })
  if (submission.status !== 'success') return fail([], 400)
  const { year, file, csv } = submission.value
  const text = file && file.size > 0 ? await file.text() : (csv ?? '')
  const parsed = parsePopulationCsv(text)
  const result = parsed.ok ? await importPopulation(year, parsed.rows) : parsed
  if (!result.ok) {
    const m = messages(await getLang(request))
    return fail(result.errors, 400, [fill(m.population.rowErrors, { count: result.errors.length })])
  }
  const m = messages(await getLang(request))
  return redirectWithToast('/beheer/inwoners', fill(m.population.imported, { count: result.count, year }))
}

export default function Population() {
  const { years, shownYears, table } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const m = useMessages()
  const busy = useNavigation().state !== 'idle'
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    shouldValidate: 'onBlur',
    // Errors clear while typing, so the page does not shift between pressing and releasing the button.
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: populationImportSchema }),
  })
  const rowErrors = actionData?.rowErrors ?? []
  return (
    <>
      <PageHeader title={m.population.title} />
      <AllocationAdminNav />
      <p className="lead">{m.population.intro}</p>

      <h2 id="years-title">{m.population.years}</h2>
      {years.length === 0 ? (
        <p>{m.population.noYears}</p>
      ) : (
        <TableScroll labelledBy="years-title">
          <table className="table narrow" aria-labelledby="years-title">
            <thead>
              <tr>
                <th scope="col">{m.population.year}</th>
                <th scope="col" className="num">
                  {m.population.areas}
                </th>
                <th scope="col" className="num">
                  {m.allocation.inhabitants}
                </th>
                <th scope="col">{m.population.importedAt}</th>
              </tr>
            </thead>
            <tbody>
              {years.map((y) => (
                <tr key={y.year}>
                  <th scope="row">{y.year}</th>
                  <td className="num">
                    {y.areas}
                    {y.complete ? '' : ` (${m.population.incomplete})`}
                  </td>
                  <td className="num">{y.inhabitants.toLocaleString('nl-NL')}</td>
                  <td>{formatDateTime(y.importedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}

      <h2 id="import-title">{m.population.importTitle}</h2>
      <Form
        method="post"
        encType="multipart/form-data"
        {...getFormProps(form)}
        className="card stack narrow-form"
        aria-labelledby="import-title"
      >
        <FormErrors id={form.errorId} errors={form.errors} />
        {rowErrors.length > 0 ? (
          <TableScroll>
            <table className="table" data-testid="row-errors">
              <caption className="visually-hidden">{m.population.rowErrorsCaption}</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {m.population.line}
                  </th>
                  <th scope="col">{m.population.problem}</th>
                </tr>
              </thead>
              <tbody>
                {rowErrors.map((e) => (
                  <tr key={`${e.line}-${e.message}`}>
                    <td className="num">{e.line}</td>
                    <td className="negative">{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        ) : null}
        <p className="hint">{fill(m.population.columns, { columns: POPULATION_CSV_COLUMNS.join(',') })}</p>
        <div className="field">
          <label htmlFor={fields.year.id}>{m.population.year}</label>
          <p className="hint" id="year-hint">
            {m.population.yearHint}
          </p>
          <input
            {...getInputProps(fields.year, { type: 'text', ariaDescribedBy: 'year-hint' })}
            inputMode="numeric"
            size={6}
          />
          <FieldErrors id={fields.year.errorId} errors={fields.year.errors} />
        </div>
        <div className="field">
          <label htmlFor={fields.file.id}>{m.population.file}</label>
          <input {...getInputProps(fields.file, { type: 'file' })} accept=".csv,text/csv" />
          <FieldErrors id={fields.file.errorId} errors={fields.file.errors} />
        </div>
        <div className="field">
          <label htmlFor={fields.csv.id}>{m.population.paste}</label>
          <textarea {...getTextareaProps(fields.csv)} rows={5} className="mono" />
        </div>
        <button type="submit" className="button" disabled={busy}>
          {m.population.submit}
        </button>
      </Form>

      {shownYears.length > 0 ? (
        <>
          <h2 id="table-title">{m.population.perArea}</h2>
          <TableScroll labelledBy="table-title">
            <table className="table" aria-labelledby="table-title">
              <thead>
                <tr>
                  <th scope="col">{m.common.area}</th>
                  <th scope="col">{m.population.code}</th>
                  {shownYears.map((y) => (
                    <th key={y} scope="col" className="num">
                      {y}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.map((a) => (
                  <tr key={a.code}>
                    <th scope="row">
                      {a.name}
                      {a.priority ? <span className="tag">{m.allocation.priority}</span> : null}
                    </th>
                    <td>{a.code}</td>
                    {shownYears.map((y) => (
                      <td key={y} className="num">
                        {a.byYear[y]?.toLocaleString('nl-NL') ?? '–'}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      ) : null}
    </>
  )
}

import { getFormProps, getInputProps, getTextareaProps, useForm } from '@conform-to/react'
import { title } from '#app/ui/meta.ts'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
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
import { Caption, SubmitButton, Table, Tbody, Td, Th, Thead, Tr } from '#app/ui/nlds.tsx'
import { parseForm } from '#app/web/errors.server.ts'

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
  const submission = await parseForm(request, await request.formData(), { schema: populationImportSchema })
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
          <Table className="narrow" aria-labelledby="years-title">
            <Thead>
              <Tr>
                <Th scope="col">{m.population.year}</Th>
                <Th scope="col" className="num">
                  {m.population.areas}
                </Th>
                <Th scope="col" className="num">
                  {m.allocation.inhabitants}
                </Th>
                <Th scope="col">{m.population.importedAt}</Th>
              </Tr>
            </Thead>
            <Tbody>
              {years.map((y) => (
                <Tr key={y.year}>
                  <Th scope="row">{y.year}</Th>
                  <Td className="num">
                    {y.areas}
                    {y.complete ? '' : ` (${m.population.incomplete})`}
                  </Td>
                  <Td className="num">{y.inhabitants.toLocaleString('nl-NL')}</Td>
                  <Td>{formatDateTime(y.importedAt)}</Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
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
            <Table data-testid="row-errors">
              <Caption className="visually-hidden">{m.population.rowErrorsCaption}</Caption>
              <Thead>
                <Tr>
                  <Th scope="col" className="num">
                    {m.population.line}
                  </Th>
                  <Th scope="col">{m.population.problem}</Th>
                </Tr>
              </Thead>
              <Tbody>
                {rowErrors.map((e) => (
                  <Tr key={`${e.line}-${e.message}`}>
                    <Td className="num">{e.line}</Td>
                    <Td className="negative">{e.message}</Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
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
        <SubmitButton>{m.population.submit}</SubmitButton>
      </Form>

      {shownYears.length > 0 ? (
        <>
          <h2 id="table-title">{m.population.perArea}</h2>
          <TableScroll labelledBy="table-title">
            <Table aria-labelledby="table-title">
              <Thead>
                <Tr>
                  <Th scope="col">{m.common.area}</Th>
                  <Th scope="col">{m.population.code}</Th>
                  {shownYears.map((y) => (
                    <Th key={y} scope="col" className="num">
                      {y}
                    </Th>
                  ))}
                </Tr>
              </Thead>
              <Tbody>
                {table.map((a) => (
                  <Tr key={a.code}>
                    <Th scope="row">
                      {a.name}
                      {a.priority ? <span className="tag">{m.allocation.priority}</span> : null}
                    </Th>
                    <Td>{a.code}</Td>
                    {shownYears.map((y) => (
                      <Td key={y} className="num">
                        {a.byYear[y]?.toLocaleString('nl-NL') ?? '–'}
                      </Td>
                    ))}
                  </Tr>
                ))}
              </Tbody>
            </Table>
          </TableScroll>
        </>
      ) : null}
    </>
  )
}

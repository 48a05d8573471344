import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { clientIp } from '#app/auth/request.server.ts'
import { requirePermission } from '#app/auth/session.server.ts'
import { prisma } from '#app/db.server.ts'
import { fill, messages } from '#app/i18n/i18n.ts'
import { getLang } from '#app/i18n/lang.server.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import { importIndicators } from '#app/reporting/indicators/indicators.server.ts'
import { INDICATOR_COLUMNS, type RowError } from '#app/reporting/indicators/parse.ts'
import { FieldErrors, FormErrors, PageHeader, TableScroll } from '#app/ui/components.tsx'
import { title } from '#app/ui/meta.ts'
import { redirectWithToast } from '#app/ui/toast.server.ts'
import { SubmitButton, Table, Tbody, Td, Th, Thead, Tr } from '#app/ui/nlds.tsx'
import { parseForm } from '#app/web/errors.server.ts'

export const meta = title((m) => m.indicators.adminTitle)

const schema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('import'), file: z.instanceof(File).optional(), csv: z.string().optional() }),
  z.object({
    intent: z.literal('texts'),
    year: z.coerce.number().int().min(2000).max(2100),
    events: z.string().max(20_000).optional(),
    results: z.string().max(20_000).optional(),
  }),
])

// /beheer/indicatoren: the administrator imports Stadspeiling indicators per wijk and year (CSV,
// all or nothing, row-level errors) and writes the annual report's texts.
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:indicators:any')
  const [stored, round, texts] = await Promise.all([
    prisma.indicator.groupBy({ by: ['year'], _count: true, orderBy: { year: 'asc' } }),
    prisma.budgetRound.findFirst({ orderBy: { year: 'desc' }, select: { year: true } }),
    prisma.annualReportText.findMany({ orderBy: { year: 'desc' } }),
  ])
  const year = round?.year ?? 2026
  const text = texts.find((t) => t.year === year)
  return {
    stored: stored.map((s) => ({ year: s.year, count: s._count })),
    year,
    events: text?.events ?? '',
    results: text?.results ?? '',
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'manage:indicators:any')
  const m = messages(await getLang(request))
  const submission = await parseForm(request, await request.formData(), { schema })
  const intent = submission.payload.intent
  const fail = (rowErrors: RowError[], formErrors?: string[]) =>
    data({ intent, result: submission.reply(formErrors ? { formErrors } : undefined), rowErrors }, { status: 400 })
  if (submission.status !== 'success') return fail([])
  const v = submission.value
  if (v.intent === 'texts') {
    await prisma.annualReportText.upsert({
      where: { year: v.year },
      create: { year: v.year, events: v.events ?? '', results: v.results ?? '', updatedById: user.id },
      update: { events: v.events ?? '', results: v.results ?? '', updatedById: user.id, updatedAt: new Date() },
    })
    return redirectWithToast('/beheer/indicatoren', m.annualReport.saved)
  }
  // Every refusal of an import is at its field: the file chosen, or else the pasted lines.
  const file = v.file && (v.file.size > 0 || v.file.name !== '') ? v.file : null
  const at = file ? 'file' : 'csv'
  const failAt = (message: string, rowErrors: RowError[] = []) =>
    data({ intent, result: submission.reply({ fieldErrors: { [at]: [message] } }), rowErrors }, { status: 400 })
  if (file && file.size > 2 * 1024 * 1024) return failAt(m.badFile.tooBig)
  if (file && !/\.(csv|txt)$/i.test(file.name) && !/^text\/(csv|plain)\b/.test(file.type))
    return failAt(m.badFile.notCsv)
  const text = file ? await file.text() : (v.csv ?? '')
  if (file && (text.includes('\u0000') || text.includes('\uFFFD'))) return failAt(m.badFile.notCsv)
  if (!text.trim()) return failAt(m.indicators.empty)
  const result = await importIndicators(user.id, text, clientIp(context))
  if (!result.ok) return failAt(fill(m.indicators.rowErrors, { count: result.errors.length }), result.errors)
  return redirectWithToast('/beheer/indicatoren', fill(m.indicators.imported, { count: result.count }))
}

type ActionData = { intent?: unknown; result: SubmissionResult<string[]>; rowErrors: RowError[] }

export default function IndicatorsAdmin() {
  const d = useLoaderData<typeof loader>()
  const actionData = useActionData<ActionData>()
  const m = useMessages()
  const t = m.indicators
  const [form, fields] = useForm({
    id: 'import',
    lastResult: actionData?.intent === 'import' ? actionData.result : undefined,
  })
  const [textForm, textFields] = useForm({
    id: 'texts',
    lastResult: actionData?.intent === 'texts' ? actionData.result : undefined,
    defaultValue: { events: d.events, results: d.results },
  })
  const rowErrors = actionData?.intent === 'import' ? actionData.rowErrors : []
  return (
    <>
      <PageHeader title={t.adminTitle} />
      <p className="lead">{t.adminIntro}</p>
      <p>
        <Link to={`/open-boeken/${d.year}/indicatoren`}>{t.link}</Link> ·{' '}
        <Link to={`/open-boeken/${d.year}/jaarverslag`}>{fill(m.annualReport.link, { year: d.year })}</Link>
      </p>
      <h2 id="stored-title">{t.stored}</h2>
      <TableScroll labelledBy="stored-title">
        <Table className="narrow" aria-labelledby="stored-title" data-testid="indicator-years">
          <Thead>
            <Tr>
              <Th scope="col">{m.reporting.year}</Th>
              <Th scope="col" className="num">
                {t.values}
              </Th>
            </Tr>
          </Thead>
          <Tbody>
            {d.stored.map((s) => (
              <Tr key={s.year}>
                <Th scope="row">{s.year}</Th>
                <Td className="num">{s.count}</Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      </TableScroll>

      <h2 id="import-title">{t.adminTitle}</h2>
      <Form
        method="post"
        encType="multipart/form-data"
        {...getFormProps(form)}
        className="card stack narrow-form"
        aria-labelledby="import-title"
      >
        <input type="hidden" name="intent" value="import" />
        <FormErrors id={form.errorId} errors={form.errors} />
        {rowErrors.length > 0 ? (
          <TableScroll>
            <Table data-testid="row-errors">
              <Thead>
                <Tr>
                  <Th scope="col" className="num">
                    {t.line}
                  </Th>
                  <Th scope="col">{t.problem}</Th>
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
        <p className="hint">{fill(t.columns, { columns: INDICATOR_COLUMNS.join(';') })}</p>
        <div className="field">
          <label htmlFor={fields.file.id}>{t.file}</label>
          <input {...getInputProps(fields.file, { type: 'file' })} accept=".csv,text/csv" />
          <FieldErrors id={fields.file.errorId} errors={fields.file.errors} />
        </div>
        <div className="field">
          <label htmlFor={fields.csv.id}>{t.paste}</label>
          <textarea {...getTextareaProps(fields.csv)} rows={6} className="mono" />
        </div>
        <SubmitButton>{t.submit}</SubmitButton>
      </Form>

      <h2 id="texts-title">
        {m.annualReport.editTitle} {d.year}
      </h2>
      <Form method="post" {...getFormProps(textForm)} className="card stack" aria-labelledby="texts-title">
        <input type="hidden" name="intent" value="texts" />
        <input type="hidden" name="year" value={d.year} />
        <FormErrors id={textForm.errorId} errors={textForm.errors} />
        <div className="field">
          <label htmlFor={textFields.events.id}>{m.annualReport.events}</label>
          <textarea {...getTextareaProps(textFields.events)} rows={5} />
        </div>
        <div className="field">
          <label htmlFor={textFields.results.id}>{m.annualReport.results}</label>
          <textarea {...getTextareaProps(textFields.results)} rows={5} />
        </div>
        <SubmitButton>{m.annualReport.save}</SubmitButton>
      </Form>
    </>
  )
}

import { getFormProps, useForm, type Submission, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import type { z } from 'zod'
import { requirePermission } from '#app/auth/session.server.ts'
import { todayIso } from '#app/clock.server.ts'
import { prisma } from '#app/db.server.ts'
import { BATCH_SCHEMAS, type BatchIntent } from '#app/grants/forms.ts'
import { batchesPage } from '#app/grants/batches.server.ts'
import { createBatch, markBatchSent } from '#app/grants/payments.server.ts'
import { fill, messages, translate, type MessageKey } from '#app/i18n/i18n.ts'
import { getLang } from '#app/i18n/lang.server.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import { centsFromDb } from '#app/money/bigint.ts'
import { formatMoney } from '#app/money/money.ts'
import { FieldErrors, FormErrors, Money, PageHeader, TableScroll } from '#app/ui/components.tsx'
import { formatDate, formatDateTime } from '#app/ui/format.ts'
import { title } from '#app/ui/meta.ts'
import { redirectWithToast } from '#app/ui/toast.server.ts'
import { parseForm, orHttpError, replyOnDomainError } from '#app/web/errors.server.ts'
import { intentPermission, intentTable } from '#app/web/intents.ts'
import { Caption, SubmitButton, Table, Tbody, Td, Th, Thead, Tr } from '#app/ui/nlds.tsx'

export const meta = title((m) => m.grants.ui.batchesTitle)

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'record:payment:area')
  // A refused SEPA export (app/routes/beoordelen.betalingen_.$batchId.tsx) comes back with its reason.
  const url = new URL(request.url)
  const key = url.searchParams.get('fout') ?? ''
  const lang = await getLang(request)
  const exportError = key.startsWith('grants.errors.')
    ? { batchId: url.searchParams.get('batch') ?? '', message: translate(lang, key as MessageKey) }
    : null
  return orHttpError(request, async () => ({
    ...(await batchesPage({ areaIds: user.areaIds })),
    today: todayIso(),
    exportError,
  }))
}

const PERMISSION_FOR = intentTable<Exclude<BatchIntent, 'export'>, 'record:payment:area'>({
  'create-batch': 'record:payment:area',
  'mark-sent': 'record:payment:area',
})

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'record:payment:area')
  const formData = await request.formData()
  const { intent } = intentPermission(formData, PERMISSION_FOR)
  const submission = await parseForm(request, formData, { schema: BATCH_SCHEMAS[intent] as z.ZodTypeAny })
  const raw = formData.get('batchId')
  const target = typeof raw === 'string' ? raw.slice(0, 40) : undefined
  if (submission.status !== 'success') return data({ intent, target, result: submission.reply() }, { status: 400 })
  const m = messages(await getLang(request))
  const g = m.grants.ui
  const back = '/beoordelen/betalingen'
  const today = todayIso()
  const value = submission.value as z.infer<(typeof BATCH_SCHEMAS)[BatchIntent]>
  return replyOnDomainError(
    request,
    submission,
    async () => {
      switch (value.intent) {
        case 'create-batch': {
          const batch = await prisma.$transaction((tx) => createBatch(tx, user.id, today, { areaIds: user.areaIds }))
          return redirectWithToast(
            back,
            fill(g.batchCreated, {
              reference: batch.reference,
              count: batch.count,
              total: formatMoney(centsFromDb(batch.totalCents)),
            }),
          )
        }
        case 'mark-sent': {
          const batch = await prisma.$transaction((tx) =>
            markBatchSent(tx, value.batchId, user.id, today, { areaIds: user.areaIds }),
          )
          return redirectWithToast(back, fill(g.markedSent, { reference: batch.reference }))
        }
      }
    },
    { intent, target },
  )
}

type ActionData = { intent?: string; target?: string; result?: unknown } | undefined

function useBatchForm(intent: BatchIntent, target?: string) {
  const actionData = useActionData<typeof action>() as ActionData
  const mine = actionData?.intent === intent && (target === undefined || actionData.target === target)
  return useForm<Record<string, string | undefined>>({
    id: target ? `form-${intent}-${target}` : `form-${intent}`,
    lastResult: mine ? (actionData?.result as SubmissionResult<string[]>) : undefined,
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) =>
      parseWithZod(formData, { schema: BATCH_SCHEMAS[intent] as z.ZodTypeAny }) as Submission<
        Record<string, string | undefined>
      >,
  })
}

type Row = Awaited<ReturnType<typeof loader>>['released'][number]

function PaymentRows({ rows, caption }: { rows: Row[]; caption: string }) {
  const m = useMessages()
  const g = m.grants.ui
  return (
    <TableScroll>
      <Table>
        <Caption>{caption}</Caption>
        <Thead>
          <Tr>
            <Th scope="col">{g.reference}</Th>
            <Th scope="col">{g.application}</Th>
            <Th scope="col">{g.payOn}</Th>
            <Th scope="col">IBAN</Th>
            <Th scope="col">{m.common.amount}</Th>
          </Tr>
        </Thead>
        <Tbody>
          {rows.map((p) => (
            <Tr key={p.id} data-payment={p.reference ?? p.id}>
              <Td>{p.reference}</Td>
              <Td>
                <Link to={`/beoordelen/${p.applicationId}`}>
                  {p.applicationReference} {p.title}
                </Link>{' '}
                ({p.area})
              </Td>
              <Td>{formatDate(p.payOn)}</Td>
              <Td>
                {p.accountHolder} · {p.iban}
              </Td>
              <Td>
                <Money cents={p.amountCents} />
              </Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
    </TableScroll>
  )
}

function CreateBatchForm() {
  const m = useMessages()
  const [form] = useBatchForm('create-batch')
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="create-batch" />
      <SubmitButton>{m.grants.ui.createBatch}</SubmitButton>
    </Form>
  )
}

function ExportForm({ batchId, exported }: { batchId: string; exported: boolean }) {
  const m = useMessages()
  const g = m.grants.ui
  const { exportError } = useLoaderData<typeof loader>()
  const refused = exportError?.batchId === batchId ? exportError.message : null
  const reasonId = `reason-${batchId}`
  // A plain native post to the resource route: the browser saves the file; a refusal comes back
  // here, at the reason field of this batch.
  return (
    <form method="post" action={`/beoordelen/betalingen/${batchId}`} className="stack">
      <input type="hidden" name="intent" value="export" />
      {exported ? (
        <div className="field">
          <label htmlFor={reasonId}>{g.reexportReason}</label>
          <p className="hint" id={`${reasonId}-hint`}>
            {g.reexportHint}
          </p>
          <input
            id={reasonId}
            name="reason"
            maxLength={500}
            aria-invalid={refused ? true : undefined}
            aria-describedby={[`${reasonId}-hint`, refused ? `${reasonId}-error` : ''].filter(Boolean).join(' ')}
          />
          {refused ? <FieldErrors id={`${reasonId}-error`} errors={[refused]} /> : null}
        </div>
      ) : refused ? (
        <FormErrors errors={[refused]} />
      ) : null}
      <SubmitButton variant="secondary">{g.download}</SubmitButton>
    </form>
  )
}

function MarkSentForm({ batchId }: { batchId: string }) {
  const m = useMessages()
  const [form] = useBatchForm('mark-sent', batchId)
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="mark-sent" />
      <input type="hidden" name="batchId" value={batchId} />
      <SubmitButton>{m.grants.ui.markSent}</SubmitButton>
    </Form>
  )
}

export default function PaymentBatches() {
  const { proposed, released, batches } = useLoaderData<typeof loader>()
  const m = useMessages()
  const g = m.grants.ui
  return (
    <>
      <PageHeader title={g.batchesTitle}>
        <p className="subtitle">{g.batchesIntro}</p>
      </PageHeader>
      <div className="stack">
        <section className="card stack" aria-labelledby="released-title">
          <h2 id="released-title">{g.releasedTitle}</h2>
          {released.length ? <PaymentRows rows={released} caption={g.releasedTitle} /> : <p>{g.noReleased}</p>}
          {released.length ? <CreateBatchForm /> : null}
        </section>
        {proposed.length ? (
          <section className="card stack" aria-labelledby="awaiting-title">
            <h2 id="awaiting-title">{g.awaitingTitle}</h2>
            <PaymentRows rows={proposed} caption={g.awaitingTitle} />
          </section>
        ) : null}
        <section className="stack" aria-labelledby="batches-title">
          <h2 id="batches-title">{g.batches}</h2>
          {batches.length === 0 ? <p>{g.noBatches}</p> : null}
          {batches.map((b) => (
            <section
              key={b.id}
              className="card stack"
              aria-labelledby={`batch-${b.id}`}
              data-batch={b.reference}
              data-status={b.status}
            >
              <h3 id={`batch-${b.id}`}>
                {b.reference} · {g.batchStatus[b.status]}
              </h3>
              <dl className="facts">
                <dt>{g.executionDate}</dt>
                <dd>{formatDate(b.executionDate)}</dd>
                <dt>{g.count}</dt>
                <dd>{b.count}</dd>
                <dt>{g.total}</dt>
                <dd>
                  <Money cents={b.totalCents} />
                </dd>
                <dt>{g.exports}</dt>
                <dd>
                  {b.exports.length
                    ? b.exports
                        .map((e) => `${formatDateTime(e.createdAt)}${e.reason ? ` (${e.reason})` : ''}`)
                        .join('; ')
                    : '—'}
                </dd>
              </dl>
              <PaymentRows rows={b.payments} caption={fill(g.inBatch, { batch: b.reference })} />
              {b.status !== 'SENT' ? (
                <div className="button-row">
                  <ExportForm batchId={b.id} exported={b.exports.length > 0} />
                  <MarkSentForm batchId={b.id} />
                </div>
              ) : null}
            </section>
          ))}
        </section>
      </div>
    </>
  )
}

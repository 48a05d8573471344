import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
  type SubmissionResult,
} from '@conform-to/react'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { clientIp } from '#app/auth/request.server.ts'
import { requirePermission } from '#app/auth/session.server.ts'
import { prisma } from '#app/db.server.ts'
import { fill, messages } from '#app/i18n/i18n.ts'
import type { Messages } from '#app/i18n/nl.ts'
import { getLang } from '#app/i18n/lang.server.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import { pickRound } from '#app/reporting/audit/dashboard.server.ts'
import {
  drawAndKeepSample,
  listSamples,
  recordFinding,
  sampleDetail,
  samplePopulation,
  suggestSeed,
} from '#app/reporting/audit/sampling.server.ts'
import { drawSample, FINDING_VERDICTS, SAMPLE_METHODS, SIZE_BY } from '#app/reporting/audit/sampling.ts'
import { Section } from '#app/reporting/audit/ui.tsx'
import { FieldErrors, FormErrors, Money, PageHeader, TableScroll } from '#app/ui/components.tsx'
import { formatDate, formatDateTime } from '#app/ui/format.ts'
import { title } from '#app/ui/meta.ts'
import { redirectWithToast } from '#app/ui/toast.server.ts'
import { parseForm, replyOnDomainError } from '#app/web/errors.server.ts'
import { Radio, Select, SubmitButton, Table, Tbody, Td, Th, Thead, Tr } from '#app/ui/nlds.tsx'

export const meta = title((m) => fill(m.sampling.title, { year: '' }).trim())

function schemaFor(m: Messages) {
  const e = m.sampling.errors
  return z.discriminatedUnion('intent', [
    z.object({
      intent: z.literal('draw'),
      wijk: z.string({ error: e.area }).trim().min(1, e.area),
      seed: z
        .string({ error: e.seed })
        .trim()
        .regex(/^[A-Za-z0-9-]{1,40}$/, e.seed),
      method: z.enum(SAMPLE_METHODS as [string, ...string[]], { error: m.sampling.method }),
      sizeBy: z.enum(SIZE_BY as [string, ...string[]], { error: m.sampling.sizeBy }),
      size: z.coerce.number({ error: e.size }).int(e.size).min(1, e.count).max(100_000, e.size),
    }),
    z.object({
      intent: z.literal('finding'),
      sampleId: z.string().min(1),
      expenseId: z.string().min(1),
      verdict: z.enum(FINDING_VERDICTS, { error: e.verdict }),
      text: z.string({ error: e.text }).trim().min(3, e.text).max(4000, e.textLong),
    }),
  ])
}

// /controle/steekproef?round=<year>[&sample=<id>]: draw a reproducible sample of one wijk's expenses,
// check each expense's receipts and record findings. Reading needs read:application:any; the two
// writes (draw, finding) need record:finding:any (auditors only).
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'read:application:any')
  const url = new URL(request.url)
  const round = await pickRound(url.searchParams.get('round'))
  if (!round) throw new Response('Niet gevonden', { status: 404 })
  const sampleId = url.searchParams.get('sample')
  const [areas, samples, sample] = await Promise.all([
    prisma.area.findMany({
      where: { roundAreas: { some: { roundId: round.id } } },
      orderBy: { name: 'asc' },
      select: { code: true, name: true },
    }),
    listSamples(round.id),
    sampleId ? sampleDetail(round.id, sampleId) : Promise.resolve(null),
  ])
  if (sampleId && !sample) throw new Response('Niet gevonden', { status: 404 })
  // Monetary-unit facts are recomputed from the kept draw (pure), to show the interval and start.
  let mus: { intervalCents: number; startCents: number } | null = null
  if (sample && sample.method === 'MONETARY_UNIT') {
    const area = await prisma.area.findUnique({ where: { code: sample.area?.code ?? '' }, select: { id: true } })
    if (area) {
      const r = drawSample(await samplePopulation(round.id, area.id), {
        seed: sample.seed,
        method: 'MONETARY_UNIT',
        size: sample.points,
      })
      mus = { intervalCents: r.intervalCents ?? 0, startCents: r.startCents ?? 0 }
    }
  }
  return {
    year: round.year,
    areas,
    samples,
    sample,
    mus,
    wijk: url.searchParams.get('wijk') ?? 'WK030707',
    suggestedSeed: suggestSeed(),
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'record:finding:any')
  const url = new URL(request.url)
  const round = await pickRound(url.searchParams.get('round'))
  if (!round) throw new Response('Niet gevonden', { status: 404 })
  const m = messages(await getLang(request))
  const submission = await parseForm(request, await request.formData(), { schema: schemaFor(m) })
  const intent = submission.payload.intent
  const expenseId = typeof submission.payload.expenseId === 'string' ? submission.payload.expenseId : null
  if (submission.status !== 'success') return data({ intent, expenseId, result: submission.reply() }, { status: 400 })
  const v = submission.value
  return replyOnDomainError(
    request,
    submission,
    async () => {
      if (v.intent === 'draw') {
        const sample = await drawAndKeepSample(user, {
          roundId: round.id,
          areaCode: v.wijk,
          seed: v.seed,
          method: v.method as 'RANDOM' | 'MONETARY_UNIT',
          sizeBy: v.sizeBy as 'COUNT' | 'PERCENT',
          size: v.size,
          ip: clientIp(context),
        })
        return redirectWithToast(
          `/controle/steekproef?round=${round.year}&sample=${sample.id}`,
          fill(m.sampling.drawn, { seed: v.seed }),
        )
      }
      await recordFinding(user, {
        roundId: round.id,
        sampleId: v.sampleId,
        expenseId: v.expenseId,
        verdict: v.verdict,
        text: v.text,
      })
      return redirectWithToast(
        `/controle/steekproef?round=${round.year}&sample=${v.sampleId}#uitgave-${v.expenseId}`,
        m.sampling.recorded,
      )
    },
    { intent, expenseId },
  )
}

type ActionData = {
  intent?: unknown
  expenseId?: string | null
  result: SubmissionResult<string[]>
}

function DrawForm({ areas, wijk, seed }: { areas: { code: string; name: string }[]; wijk: string; seed: string }) {
  const m = useMessages()
  const s = m.sampling
  const actionData = useActionData<ActionData>()
  const [form, fields] = useForm({
    id: 'draw',
    lastResult: actionData?.intent === 'draw' ? actionData.result : undefined,
    defaultValue: { wijk, seed, method: 'RANDOM', sizeBy: 'COUNT', size: '3' },
  })
  return (
    <Form method="post" {...getFormProps(form)} className="card">
      <h2 id="draw-title">{s.drawTitle}</h2>
      <input type="hidden" name="intent" value="draw" />
      <FormErrors errors={form.errors} />
      <div className="field">
        <label htmlFor={fields.wijk.id}>{s.wijk}</label>
        <Select {...getSelectProps(fields.wijk)}>
          {areas.map((a) => (
            <option key={a.code} value={a.code}>
              {a.name}
            </option>
          ))}
        </Select>
        <FieldErrors id={fields.wijk.errorId} errors={fields.wijk.errors} />
      </div>
      <div className="field">
        <label htmlFor={fields.seed.id}>{s.seed}</label>
        <p className="hint" id={`${fields.seed.id}-hint`}>
          {s.seedHint}
        </p>
        <input
          {...getInputProps(fields.seed, { type: 'text' })}
          aria-describedby={`${fields.seed.id}-hint ${fields.seed.errorId}`}
        />
        <FieldErrors id={fields.seed.errorId} errors={fields.seed.errors} />
      </div>
      <fieldset className="field">
        <legend>{s.method}</legend>
        {(['RANDOM', 'MONETARY_UNIT'] as const).map((k) => (
          <label key={k} className="radio">
            <Radio
              name={fields.method.name}
              value={k}
              defaultChecked={(fields.method.initialValue ?? 'RANDOM') === k}
            />{' '}
            {s.methods[k]}
          </label>
        ))}
        <FieldErrors id={fields.method.errorId} errors={fields.method.errors} />
      </fieldset>
      <fieldset className="field">
        <legend>{s.sizeBy}</legend>
        {(['COUNT', 'PERCENT'] as const).map((k) => (
          <label key={k} className="radio">
            <Radio name={fields.sizeBy.name} value={k} defaultChecked={(fields.sizeBy.initialValue ?? 'COUNT') === k} />{' '}
            {s.sizeBys[k]}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={fields.size.id}>{s.size}</label>
        <p className="hint" id={`${fields.size.id}-hint`}>
          {s.sizeHint}
        </p>
        <input
          {...getInputProps(fields.size, { type: 'text' })}
          inputMode="numeric"
          aria-describedby={`${fields.size.id}-hint ${fields.size.errorId}`}
        />
        <FieldErrors id={fields.size.errorId} errors={fields.size.errors} />
      </div>
      <SubmitButton>{s.draw}</SubmitButton>
    </Form>
  )
}

function FindingForm({ sampleId, expenseId }: { sampleId: string; expenseId: string }) {
  const m = useMessages()
  const s = m.sampling
  const actionData = useActionData<ActionData>()
  const mine = actionData?.intent === 'finding' && actionData.expenseId === expenseId
  const [form, fields] = useForm({
    id: `finding-${expenseId}`,
    lastResult: mine ? actionData.result : undefined,
    defaultValue: { verdict: 'OK', text: '' },
  })
  return (
    <Form method="post" {...getFormProps(form)} className="stack" data-testid={`finding-form-${expenseId}`}>
      <input type="hidden" name="intent" value="finding" />
      <input type="hidden" name="sampleId" value={sampleId} />
      <input type="hidden" name="expenseId" value={expenseId} />
      <FormErrors errors={form.errors} />
      <div className="field">
        <label htmlFor={fields.verdict.id}>{s.verdict}</label>
        <Select {...getSelectProps(fields.verdict)}>
          {FINDING_VERDICTS.map((v) => (
            <option key={v} value={v}>
              {s.verdicts[v]}
            </option>
          ))}
        </Select>
        <FieldErrors id={fields.verdict.errorId} errors={fields.verdict.errors} />
      </div>
      <div className="field">
        <label htmlFor={fields.text.id}>{s.text}</label>
        <textarea {...getTextareaProps(fields.text)} rows={3} aria-describedby={fields.text.errorId} />
        <FieldErrors id={fields.text.errorId} errors={fields.text.errors} />
      </div>
      <SubmitButton small>{s.record}</SubmitButton>
    </Form>
  )
}

export default function Sampling() {
  const d = useLoaderData<typeof loader>()
  const m = useMessages()
  const s = m.sampling
  const r = m.reporting
  const lang = m.lang as 'nl' | 'en'
  const sample = d.sample
  return (
    <>
      <PageHeader title={fill(s.title, { year: d.year })} />
      <p>{s.intro}</p>
      <p>
        <Link to={`/controle?round=${d.year}`}>{r.backToDashboard}</Link> ·{' '}
        <Link to="/controle/spoor?kind=finding">{s.trailLink}</Link> ·{' '}
        <a href={`/controle/export/findings.csv?round=${d.year}`}>{s.exportLink}</a>
      </p>

      {sample ? (
        <section aria-labelledby="sample-title" data-testid="sample">
          <h2 id="sample-title">{fill(s.sampleTitle, { area: sample.area?.name ?? '–', seed: sample.seed })}</h2>
          <p data-testid="sample-facts">
            {fill(s.facts, {
              method: s.methods[sample.method],
              points: sample.points,
              population: sample.population,
              drawn: sample.expenses.length,
            })}{' '}
            {d.mus
              ? fill(s.factsMus, {
                  interval: (d.mus.intervalCents / 100).toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB', {
                    style: 'currency',
                    currency: 'EUR',
                  }),
                  start: (d.mus.startCents / 100).toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB', {
                    style: 'currency',
                    currency: 'EUR',
                  }),
                })
              : null}{' '}
            ({s.sizeBys[sample.sizeBy]}: {sample.sizeValue}; {formatDateTime(sample.createdAt, lang)})
          </p>
          <Form method="post">
            <input type="hidden" name="intent" value="draw" />
            <input type="hidden" name="wijk" value={sample.area?.code ?? ''} />
            <input type="hidden" name="seed" value={sample.seed} />
            <input type="hidden" name="method" value={sample.method} />
            <input type="hidden" name="sizeBy" value={sample.sizeBy} />
            <input type="hidden" name="size" value={sample.sizeValue} />
            <SubmitButton variant="secondary" small>
              {s.redraw}
            </SubmitButton>
          </Form>
          <ol className="stack" data-testid="sample-expenses">
            {sample.expenses.map((e) => (
              <li key={e.id} id={`uitgave-${e.id}`} className="card" data-expense={e.id}>
                <h3>
                  {s.expense}: {e.description} – <Money cents={e.amountCents} />
                </h3>
                <p>
                  {formatDate(e.spentOn, lang)}
                  {e.supplier ? ` · ${e.supplier}` : ''} · {s.application}{' '}
                  <Link to={`/controle/aanvragen/${e.application.id}`}>{e.application.reference}</Link> (
                  {e.application.title})
                </p>
                <h4>{s.receipts}</h4>
                {e.receipts.length === 0 ? (
                  <p>{s.noReceipts}</p>
                ) : (
                  <ul data-testid="sample-receipts">
                    {e.receipts.map((f) => (
                      <li key={f.id}>
                        <a href={`/controle/aanvragen/${e.application.id}/bijlagen/${f.id}`}>{f.filename}</a> (
                        {r.sha256} <code>{f.sha256.slice(0, 16)}…</code>){f.tied ? '' : ` – ${s.receiptsOfApplication}`}
                      </li>
                    ))}
                  </ul>
                )}
                <h4>{s.findings}</h4>
                {e.findings.length === 0 ? (
                  <p>{s.noFindings}</p>
                ) : (
                  <ul data-testid="sample-findings">
                    {e.findings.map((f) => (
                      <li key={f.id}>
                        <strong>{s.verdicts[f.verdict as keyof typeof s.verdicts] ?? f.verdict}</strong>: {f.text} (
                        {formatDateTime(f.createdAt, lang)})
                      </li>
                    ))}
                  </ul>
                )}
                {/* A new key after each recorded finding: the form starts empty, without the old errors. */}
                <FindingForm key={`${e.id}-${e.findings.length}`} sampleId={sample.id} expenseId={e.id} />
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      <DrawForm areas={d.areas} wijk={sample?.area?.code ?? d.wijk} seed={d.suggestedSeed} />

      <Section id="previous-title" title={s.previous}>
        {d.samples.length === 0 ? (
          <p>{s.none}</p>
        ) : (
          <TableScroll>
            <Table data-testid="samples">
              <Thead>
                <Tr>
                  <Th scope="col">{s.when}</Th>
                  <Th scope="col">{s.wijk}</Th>
                  <Th scope="col">{s.seed}</Th>
                  <Th scope="col">{s.method}</Th>
                  <Th scope="col">{s.result}</Th>
                  <Th scope="col">
                    <span className="visually-hidden">{s.open}</span>
                  </Th>
                </Tr>
              </Thead>
              <Tbody>
                {d.samples.map((x) => (
                  <Tr key={x.id}>
                    <Td>{formatDateTime(x.createdAt, lang)}</Td>
                    <Td>{x.area?.name ?? '–'}</Td>
                    <Td>
                      <code>{x.seed}</code>
                    </Td>
                    <Td>{s.methods[x.method]}</Td>
                    <Td>
                      {x.drawn} / {x.population}
                    </Td>
                    <Td>
                      <Link to={`/controle/steekproef?round=${d.year}&sample=${x.id}`}>{s.open}</Link>
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          </TableScroll>
        )}
      </Section>
    </>
  )
}

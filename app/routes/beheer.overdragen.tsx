// The administrator hands an application over to another reviewer of its wijk (issue 10): find it
// by reference (GET, in the URL), choose the reviewer, submit. The service checks again that the
// new owner reviews the wijk and has no conflict of interest; the status history records it.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { requirePermission } from '#app/auth/session.server.ts'
import { DomainError } from '#app/domain/errors.ts'
import { fill, messages, translate } from '#app/i18n/i18n.ts'
import { getLang } from '#app/i18n/lang.server.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import { handOver } from '#app/review/decisions.server.ts'
import { applicationForHandOver, latestInReview } from '#app/review/queue-claims.server.ts'
import { PageHeader, StatusBadge, TableScroll } from '#app/ui/components.tsx'
import { formatDate } from '#app/ui/format.ts'
import { title } from '#app/ui/meta.ts'
import { redirectWithToast } from '#app/ui/toast.server.ts'
import { Alert, Select, SubmitButton, Table, Tbody, Td, Th, Thead, Tr } from '#app/ui/nlds.tsx'

export const meta = title((m) => m.queue.handOverTitle)

function cleanReference(value: unknown) {
  const text = typeof value === 'string' ? value.trim().slice(0, 40) : ''
  return /^[A-Za-z0-9-]+$/.test(text) ? text : ''
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'assign:application:any')
  const reference = cleanReference(new URL(request.url).searchParams.get('referentie'))
  const [application, inReview] = await Promise.all([
    reference ? applicationForHandOver(reference) : null,
    latestInReview(),
  ])
  return { reference, application, inReview }
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requirePermission(request, 'assign:application:any')
  const form = await request.formData()
  const reference = cleanReference(form.get('referentie'))
  const to = typeof form.get('to') === 'string' ? String(form.get('to')) : ''
  const lang = await getLang(request)
  const app = reference ? await applicationForHandOver(reference) : null
  if (!app) return data({ field: 'referentie', error: fill(messages(lang).queue.notFound, { reference }) }, 400)
  if (!to) return data({ field: 'to', error: translate(lang, 'decide.targetNotReviewer') }, 400)
  try {
    await handOver(admin, app.id, to)
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
    return data({ field: error.field ?? 'to', error: translate(lang, error.key, error.params) }, error.status)
  }
  const name = app.reviewers.find((r) => r.id === to)?.name ?? ''
  return redirectWithToast(
    `/beheer/overdragen?referentie=${encodeURIComponent(app.reference)}`,
    fill(messages(lang).queue.handedOver, { reference: app.reference, name }),
  )
}

export default function HandOver() {
  const { reference, application: app, inReview } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const m = useMessages()
  const toError = result?.field === 'to' ? result.error : null
  return (
    <>
      <PageHeader title={m.queue.handOverTitle} />
      <p className="lead">{m.queue.handOverIntro}</p>
      {result && result.field !== 'to' ? (
        <Alert type="error" role="alert">
          <p>{result.error}</p>
        </Alert>
      ) : null}
      <Form method="get" style={{ display: 'flex', flexWrap: 'wrap', gap: '0 1rem', alignItems: 'end' }}>
        <div className="field">
          <label htmlFor="referentie">{m.queue.reference}</label>
          <input id="referentie" name="referentie" type="text" defaultValue={reference} maxLength={40} required />
        </div>
        <div className="field">
          <SubmitButton variant="secondary">{m.queue.find}</SubmitButton>
        </div>
      </Form>
      {reference && !app ? <p role="status">{fill(m.queue.notFound, { reference })}</p> : null}
      {app ? (
        <section className="card stack" aria-labelledby="app-title">
          <h2 id="app-title">
            {app.reference} · {app.title}
          </h2>
          <p>
            {app.foundation.name} · {app.area.name} · {app.round.year} · <StatusBadge status={app.status} />
          </p>
          <p>
            {m.queue.currentOwner}: <strong>{app.ownerName ?? m.decide.nobody}</strong>
          </p>
          {app.reviewers.length === 0 ? (
            <p>{m.queue.noReviewers}</p>
          ) : (
            <Form method="post" className="stack" noValidate>
              <input type="hidden" name="referentie" value={app.reference} />
              <div className="field">
                <label htmlFor="to">{m.queue.to}</label>
                <Select
                  id="to"
                  name="to"
                  defaultValue=""
                  aria-invalid={toError ? true : undefined}
                  aria-describedby={toError ? 'to-error' : undefined}
                >
                  <option value="">{m.queue.chooseReviewer}</option>
                  {app.reviewers.map((r) => (
                    <option key={r.id} value={r.id}>
                      {r.name} ({r.email})
                    </option>
                  ))}
                </Select>
                {toError ? (
                  <p id="to-error" className="field-errors">
                    {toError}
                  </p>
                ) : null}
              </div>
              <div className="actions">
                <SubmitButton>{m.queue.submit}</SubmitButton>
              </div>
            </Form>
          )}
        </section>
      ) : null}
      <section aria-labelledby="in-review-title">
        <h2 id="in-review-title">{m.queue.inReview}</h2>
        {inReview.length === 0 ? (
          <p>{m.queue.inReviewNone}</p>
        ) : (
          <TableScroll>
            <Table>
              <Thead>
                <Tr>
                  <Th scope="col">{m.common.reference}</Th>
                  <Th scope="col">{m.common.title}</Th>
                  <Th scope="col">{m.common.area}</Th>
                  <Th scope="col">{m.decide.queueOwner}</Th>
                  <Th scope="col">{m.queue.claimedAt}</Th>
                </Tr>
              </Thead>
              <Tbody>
                {inReview.map((r) => (
                  <Tr key={r.id}>
                    <Td>
                      <Link to={`/beheer/overdragen?referentie=${encodeURIComponent(r.reference)}`}>{r.reference}</Link>
                    </Td>
                    <Td>{r.title}</Td>
                    <Td>{r.area.name}</Td>
                    <Td>{r.ownerName}</Td>
                    <Td>{r.claimedAt ? formatDate(r.claimedAt.slice(0, 10)) : '—'}</Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          </TableScroll>
        )}
      </section>
    </>
  )
}

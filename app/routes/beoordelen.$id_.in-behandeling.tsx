// Taking an application in hand from the queue (issue 10): a reviewer of the wijk claims it
// (SUBMITTED -> IN_REVIEW with a named owner) or, as its owner, releases it. Back to where the form
// was (the queue with its filters) with a message; a refusal (someone else was first) is shown here
// with the reason and a way back.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useActionData } from '@remix-run/react'
import { requirePermission } from '#app/auth/session.server.ts'
import { DomainError } from '#app/domain/errors.ts'
import { getLang } from '#app/i18n/lang.server.ts'
import { messages, translate } from '#app/i18n/i18n.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import { claim, release } from '#app/review/decisions.server.ts'
import { getForStaff } from '#app/review/queue.server.ts'
import { PageHeader } from '#app/ui/components.tsx'
import { title } from '#app/ui/meta.ts'
import { safeRedirect } from '#app/ui/safe-redirect.ts'
import { redirectWithToast } from '#app/ui/toast.server.ts'
import { Alert } from '#app/ui/nlds.tsx'

export const meta = title((m) => m.titles.review)

/** Only to the queue or an application page of this site. */
function backTo(value: FormDataEntryValue | null, id: string) {
  const to = safeRedirect(value, `/beoordelen/${id}`)
  return to === '/beoordelen' || to.startsWith('/beoordelen?') || to.startsWith('/beoordelen/')
    ? to
    : `/beoordelen/${id}`
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'read:application:area')
  if (!(await getForStaff(user, params.id!))) throw new Response('Niet gevonden', { status: 404 })
  return redirect(`/beoordelen/${params.id}`)
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'approve:application:area')
  const id = params.id!
  // Scoped before anything else: an application outside the reviewer's wijken is 404.
  const app = await getForStaff(user, id)
  if (!app) throw new Response('Niet gevonden', { status: 404 })
  const form = await request.formData()
  const intent = form.get('intent')
  if (intent !== 'claim' && intent !== 'release') throw new Response('Onbekende actie', { status: 400 })
  const lang = await getLang(request)
  const m = messages(lang)
  const back = backTo(form.get('terug'), id)
  try {
    if (intent === 'claim') await claim(user, id)
    else await release(user, id)
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
    return data(
      {
        error: translate(lang, error.key, error.params),
        back,
        reference: app.reference,
        title: app.title,
        id,
      },
      { status: error.status === 404 ? 409 : error.status },
    )
  }
  return redirectWithToast(back, intent === 'claim' ? `${app.reference}: ${m.decide.claimed}` : m.decide.released)
}

export default function TakeInHand() {
  const result = useActionData<typeof action>()
  const m = useMessages()
  return (
    <>
      <PageHeader title={result ? `${result.reference} · ${result.title}` : m.review.title} />
      {result ? (
        <Alert type="error" role="alert">
          <p>{result.error}</p>
        </Alert>
      ) : null}
      <p>
        {result ? <Link to={`/beoordelen/${result.id}`}>{m.review.open}</Link> : null}
        {' · '}
        <Link to={result?.back ?? '/beoordelen'}>← {m.review.title}</Link>
      </p>
    </>
  )
}

import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requirePermission } from '#app/auth/session.server.ts'
import { getEnv } from '#app/env.server.ts'
import { fill } from '#app/i18n/i18n.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import { MailView } from '#app/mail/mail-view.tsx'
import { previewTemplate } from '#app/mail/preview.server.ts'
import { PageHeader } from '#app/ui/components.tsx'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.preview.name ?? 'Sjabloon'} – E-mailsjablonen` },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:mail:any')
  const lang = new URL(request.url).searchParams.get('lang') ?? 'nl'
  const preview = await previewTemplate(params.template ?? '', lang)
  if (!preview) throw new Response('Niet gevonden', { status: 404 })
  return { preview, from: getEnv().MAIL_FROM }
}

export default function MailPreview() {
  const { preview, from } = useLoaderData<typeof loader>()
  const m = useMessages()
  const other = preview.lang === 'nl' ? 'en' : 'nl'
  return (
    <>
      <p>
        <Link to="/beheer/mail/voorbeelden">← {m.mail.backToPreviews}</Link>
      </p>
      <PageHeader title={`${preview.name} (${preview.lang === 'nl' ? m.mail.dutch : m.mail.english})`}>
        <Link to={`?lang=${other}`} className="button button-secondary button-small">
          {other === 'nl' ? m.mail.dutch : m.mail.english}
        </Link>
      </PageHeader>
      <p>{preview.description}</p>
      {preview.rendered.map((mail, i) => (
        <section key={i} className="mail-preview" aria-label={fill(m.mail.variant, { n: i + 1 })}>
          {preview.rendered.length > 1 ? <h2>{fill(m.mail.variant, { n: i + 1 })}</h2> : null}
          <MailView
            subject={mail.subject}
            to="voorbeeld@stichting.example"
            from={from}
            html={mail.html}
            text={mail.text}
            lang={preview.lang}
          />
        </section>
      ))}
    </>
  )
}

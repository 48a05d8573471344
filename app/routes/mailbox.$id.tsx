import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useMessages } from '#app/i18n/use-messages.ts'
import { MailView } from '#app/mail/mail-view.tsx'
import { getMailboxMail } from '#app/mail/mailbox.server.ts'
import { requireLocalMailbox } from '#app/web/guards.server.ts'
import { formatDateTime } from '#app/ui/format.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.mail.subject ?? 'E-mail'} – Demo-postbus` },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireLocalMailbox(request)
  const mail = await getMailboxMail(scope, params.id ?? '')
  if (!mail) throw new Response('Niet gevonden', { status: 404 })
  return { mail }
}

export default function MailboxMail() {
  const { mail } = useLoaderData<typeof loader>()
  const m = useMessages()
  return (
    <>
      <p>
        <Link to="/mailbox">← {m.mail.backToMailbox}</Link>
      </p>
      <MailView
        subject={mail.subject}
        to={mail.to}
        html={mail.html}
        text={mail.text}
        lang={mail.lang}
        meta={
          <>
            <dt>{m.mail.when}</dt>
            <dd>{formatDateTime(mail.sentAt ?? mail.createdAt, m.lang as 'nl' | 'en')}</dd>
            <dt>{m.common.status}</dt>
            <dd>{m.mail.status[mail.status]}</dd>
          </>
        }
        attachments={mail.attachments.map((a) => ({
          href: `/mailbox/${mail.id}/bijlage/${a.index}`,
          filename: a.filename,
          size: a.size,
        }))}
      />
    </>
  )
}

import type { LoaderFunctionArgs } from '@remix-run/node'
import { title } from '#app/ui/meta.ts'
import { Link, useLoaderData } from '@remix-run/react'
import { useMessages } from '#app/i18n/use-messages.ts'
import { listMailbox } from '#app/mail/mailbox.server.ts'
import { requireLocalMailbox } from '#app/web/guards.server.ts'
import { PageHeader, TableScroll } from '#app/ui/components.tsx'
import { formatDateTime } from '#app/ui/format.ts'

export const meta = title((m) => m.titles.mailbox)

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requireLocalMailbox(request)
  return { mails: await listMailbox(scope) }
}

export default function Mailbox() {
  const { mails } = useLoaderData<typeof loader>()
  const m = useMessages()
  return (
    <>
      <PageHeader title={m.mail.mailboxTitle} />
      <p className="alert alert-info">{m.mail.mailboxIntro}</p>
      {mails.length === 0 ? (
        <p>{m.mail.mailboxEmpty}</p>
      ) : (
        <TableScroll>
          <table className="table" data-testid="mailbox">
            <thead>
              <tr>
                <th scope="col">{m.mail.subject}</th>
                <th scope="col">{m.mail.to}</th>
                <th scope="col">{m.mail.when}</th>
                <th scope="col">{m.common.status}</th>
              </tr>
            </thead>
            <tbody>
              {mails.map((mail) => (
                <tr key={mail.id}>
                  <th scope="row">
                    <Link to={`/mailbox/${mail.id}`}>{mail.subject}</Link>
                  </th>
                  <td>{mail.to}</td>
                  <td>{formatDateTime(mail.sentAt ?? mail.createdAt, m.lang as 'nl' | 'en')}</td>
                  <td>
                    <span className={`badge mail-status-${mail.status.toLowerCase()}`}>
                      {m.mail.status[mail.status]}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  )
}

import type { LoaderFunctionArgs } from '@remix-run/node'
import { title } from '#app/ui/meta.ts'
import { Link, useLoaderData } from '@remix-run/react'
import { useMessages } from '#app/i18n/use-messages.ts'
import { listMailbox } from '#app/mail/mailbox.server.ts'
import { requireLocalMailbox } from '#app/web/guards.server.ts'
import { PageHeader, TableScroll } from '#app/ui/components.tsx'
import { formatDateTime } from '#app/ui/format.ts'
import { Alert, Table, Tbody, Td, Th, Thead, Tr } from '#app/ui/nlds.tsx'

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
      <Alert type="info">{m.mail.mailboxIntro}</Alert>
      {mails.length === 0 ? (
        <p>{m.mail.mailboxEmpty}</p>
      ) : (
        <TableScroll>
          <Table data-testid="mailbox">
            <Thead>
              <Tr>
                <Th scope="col">{m.mail.subject}</Th>
                <Th scope="col">{m.mail.to}</Th>
                <Th scope="col">{m.mail.when}</Th>
                <Th scope="col">{m.common.status}</Th>
              </Tr>
            </Thead>
            <Tbody>
              {mails.map((mail) => (
                <Tr key={mail.id}>
                  <Th scope="row">
                    <Link to={`/mailbox/${mail.id}`}>{mail.subject}</Link>
                  </Th>
                  <Td>{mail.to}</Td>
                  <Td>{formatDateTime(mail.sentAt ?? mail.createdAt, m.lang as 'nl' | 'en')}</Td>
                  <Td>
                    <span className={`badge mail-status-${mail.status.toLowerCase()}`}>
                      {m.mail.status[mail.status]}
                    </span>
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        </TableScroll>
      )}
    </>
  )
}

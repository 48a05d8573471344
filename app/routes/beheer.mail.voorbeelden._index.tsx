import type { LoaderFunctionArgs } from '@remix-run/node'
import { title } from '#app/ui/meta.ts'
import { Link, useLoaderData } from '@remix-run/react'
import { requirePermission } from '#app/auth/session.server.ts'
import { getLang } from '#app/i18n/lang.server.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import { listTemplates } from '#app/mail/preview.server.ts'
import { PageHeader, TableScroll } from '#app/ui/components.tsx'
import { Table, Tbody, Td, Th, Thead, Tr } from '#app/ui/nlds.tsx'

export const meta = title((m) => m.titles.mailTemplates)

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:mail:any')
  return { templates: listTemplates(await getLang(request)) }
}

export default function MailPreviews() {
  const { templates } = useLoaderData<typeof loader>()
  const m = useMessages()
  return (
    <>
      <p>
        <Link to="/beheer/mail">← {m.mail.backToAdmin}</Link>
      </p>
      <PageHeader title={m.mail.previewsTitle} />
      <p>{m.mail.previewsIntro}</p>
      <TableScroll>
        <Table data-testid="mail-templates">
          <Thead>
            <Tr>
              <Th scope="col">{m.mail.template}</Th>
              <Th scope="col">{m.common.description}</Th>
              <Th scope="col">{m.mail.languages}</Th>
            </Tr>
          </Thead>
          <Tbody>
            {templates.map((t) => (
              <Tr key={t.name}>
                <Th scope="row">
                  <code>{t.name}</code>
                </Th>
                <Td>{t.description}</Td>
                <Td className="mail-lang-links">
                  <Link to={`/beheer/mail/voorbeelden/${t.name}?lang=nl`} aria-label={`${t.name}: ${m.mail.dutch}`}>
                    {m.mail.dutch}
                  </Link>{' '}
                  <Link to={`/beheer/mail/voorbeelden/${t.name}?lang=en`} aria-label={`${t.name}: ${m.mail.english}`}>
                    {m.mail.english}
                  </Link>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      </TableScroll>
    </>
  )
}

import type { LoaderFunctionArgs } from '@remix-run/node'
import { title } from '#app/ui/meta.ts'
import { Link, useLoaderData } from '@remix-run/react'
import { requirePermission } from '#app/auth/session.server.ts'
import { getLang } from '#app/i18n/lang.server.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import { listTemplates } from '#app/mail/preview.server.ts'
import { PageHeader, TableScroll } from '#app/ui/components.tsx'

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
        <table className="table" data-testid="mail-templates">
          <thead>
            <tr>
              <th scope="col">{m.mail.template}</th>
              <th scope="col">{m.common.description}</th>
              <th scope="col">{m.mail.languages}</th>
            </tr>
          </thead>
          <tbody>
            {templates.map((t) => (
              <tr key={t.name}>
                <th scope="row">
                  <code>{t.name}</code>
                </th>
                <td>{t.description}</td>
                <td className="mail-lang-links">
                  <Link to={`/beheer/mail/voorbeelden/${t.name}?lang=nl`} aria-label={`${t.name}: ${m.mail.dutch}`}>
                    {m.mail.dutch}
                  </Link>{' '}
                  <Link to={`/beheer/mail/voorbeelden/${t.name}?lang=en`} aria-label={`${t.name}: ${m.mail.english}`}>
                    {m.mail.english}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  )
}

import { getFormProps, useForm } from '@conform-to/react'
import { title } from '#app/ui/meta.ts'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { requirePermission } from '#app/auth/session.server.ts'
import { getEnv } from '#app/env.server.ts'
import { fill, messages } from '#app/i18n/i18n.ts'
import { getLang } from '#app/i18n/lang.server.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import { listProblemMails, mailCounts, resendMail } from '#app/mail/admin.server.ts'
import { resendSchema } from '#app/mail/schemas.ts'
import { FormErrors, PageHeader, TableScroll } from '#app/ui/components.tsx'
import { formatDateTime } from '#app/ui/format.ts'
import { redirectWithToast } from '#app/ui/toast.server.ts'
import { Alert, SubmitButton, Table, Tbody, Td, Th, Thead, Tr } from '#app/ui/nlds.tsx'
import { parseForm } from '#app/web/errors.server.ts'

export const meta = title((m) => m.titles.mail)

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:mail:any')
  const [problems, counts] = await Promise.all([listProblemMails(), mailCounts()])
  return { problems, counts, maxAttempts: getEnv().MAIL_MAX_ATTEMPTS }
}

export async function action({ request }: ActionFunctionArgs) {
  await requirePermission(request, 'manage:mail:any')
  const submission = await parseForm(request, await request.formData(), { schema: resendSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const m = messages(await getLang(request))
  const resent = await resendMail(submission.value.id)
  return redirectWithToast('/beheer/mail', resent ? m.mail.resent : m.mail.notResent)
}

function ResendForm({ id }: { id: string }) {
  const m = useMessages()
  const lastResult = useActionData<typeof action>()?.result
  const [form] = useForm({
    id: `resend-${id}`,
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: resendSchema }),
  })
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="id" value={id} />
      <SubmitButton intent="resend" small>
        {m.mail.resend}
      </SubmitButton>
      <FormErrors errors={form.errors} />
    </Form>
  )
}

export default function MailAdmin() {
  const { problems, counts, maxAttempts } = useLoaderData<typeof loader>()
  const m = useMessages()
  const lang = m.lang as 'nl' | 'en'
  return (
    <>
      <PageHeader title={m.mail.adminTitle} />
      <p>{fill(m.mail.adminIntro, { max: maxAttempts })}</p>
      <p>
        <Link to="/beheer/mail/voorbeelden">{m.mail.previewsLink}</Link>
      </p>
      <section className="card" aria-labelledby="mail-counts-title">
        <h2 id="mail-counts-title">{m.mail.counts}</h2>
        <dl className="facts" data-testid="mail-counts">
          {(['PENDING', 'SENDING', 'SENT', 'DEAD'] as const).map((status) => (
            <div key={status} className="mail-count">
              <dt>{m.mail.status[status]}</dt>
              <dd>{counts[status]}</dd>
            </div>
          ))}
        </dl>
      </section>
      <h2>{m.mail.problems}</h2>
      {problems.length === 0 ? (
        <Alert type="ok">{m.mail.noProblems}</Alert>
      ) : (
        <TableScroll>
          <Table data-testid="mail-problems">
            <Thead>
              <Tr>
                <Th scope="col">{m.mail.subject}</Th>
                <Th scope="col">{m.mail.to}</Th>
                <Th scope="col">{m.common.status}</Th>
                <Th scope="col" className="num">
                  {m.mail.attempts}
                </Th>
                <Th scope="col">{m.mail.lastError}</Th>
                <Th scope="col">
                  <span className="visually-hidden">{m.mail.resend}</span>
                </Th>
              </Tr>
            </Thead>
            <Tbody>
              {problems.map((mail) => (
                <Tr key={mail.id}>
                  <Th scope="row">
                    {mail.subject}
                    <br />
                    <span className="hint">{formatDateTime(mail.createdAt, lang)}</span>
                  </Th>
                  <Td>{mail.to}</Td>
                  <Td>
                    <span className={`badge mail-status-${mail.status.toLowerCase()}`}>
                      {m.mail.status[mail.status]}
                    </span>
                    {mail.status !== 'DEAD' ? (
                      <>
                        <br />
                        <span className="hint">
                          {m.mail.nextAttempt}: {formatDateTime(mail.nextAttemptAt, lang)}
                        </span>
                      </>
                    ) : null}
                  </Td>
                  <Td className="num">{mail.attempts}</Td>
                  <Td>
                    <code className="mail-error">{mail.lastError}</code>
                  </Td>
                  <Td>{mail.status === 'SENDING' ? null : <ResendForm id={mail.id} />}</Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        </TableScroll>
      )}
    </>
  )
}

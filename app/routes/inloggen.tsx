import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { HOME_BY_ROLE } from '#app/auth/permissions.ts'
import { authenticate, createUserSession, getUser } from '#app/auth/session.server.ts'
import { getEnv } from '#app/env.server.ts'
import { messages } from '#app/i18n/i18n.ts'
import { getLang } from '#app/i18n/lang.server.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '#app/seed/demo-accounts.ts'
import { FieldErrors, FormErrors } from '#app/ui/components.tsx'
import { safeRedirect } from '#app/ui/safe-redirect.ts'

export const meta: MetaFunction = () => [{ title: 'Inloggen – Buurtbudget Amersfoort' }]

const schema = z.object({
  email: z.string({ error: 'Vul uw e-mailadres in.' }).trim().email('Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.'),
  password: z.string({ error: 'Vul uw wachtwoord in.' }).max(1000),
  redirectTo: z.string().optional(),
})

// Public page: the sign-in form. Signed-in visitors go to their own start page.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request)
  if (user) throw redirect(HOME_BY_ROLE[user.role])
  const demo = getEnv().PORTAL_MODE === 'demo'
  return { demoAccounts: demo ? DEMO_ACCOUNTS.map(({ email, description }) => ({ email, description })) : null, demoPassword: demo ? DEMO_PASSWORD : null }
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData()
  const submission = parseWithZod(formData, { schema })
  if (submission.status !== 'success') return data(submission.reply({ hideFields: ['password'] }), { status: 400 })
  const user = await authenticate(submission.value.email, submission.value.password)
  if (!user) {
    const m = messages(await getLang(request))
    return data(submission.reply({ formErrors: [m.login.failed], hideFields: ['password'] }), { status: 400 })
  }
  const target = safeRedirect(submission.value.redirectTo, HOME_BY_ROLE[user.role])
  return redirect(target, { headers: { 'Set-Cookie': await createUserSession(user.id) } })
}

export default function Login() {
  const { demoAccounts, demoPassword } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const navigation = useNavigation()
  const m = useMessages()
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: 'onBlur',
  })
  return (
    <div className="narrow">
      <h1>{m.login.title}</h1>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
        <div className="field">
          <label htmlFor={fields.email.id}>{m.login.email}</label>
          <input {...getInputProps(fields.email, { type: 'email' })} autoComplete="username" />
          <FieldErrors id={fields.email.errorId} errors={fields.email.errors} />
        </div>
        <div className="field">
          <label htmlFor={fields.password.id}>{m.login.password}</label>
          <input {...getInputProps(fields.password, { type: 'password' })} autoComplete="current-password" />
          <FieldErrors id={fields.password.errorId} errors={fields.password.errors} />
        </div>
        <button type="submit" className="button" disabled={navigation.state === 'submitting'}>{m.login.submit}</button>
      </Form>
      {demoAccounts ? (
        <section className="demo-accounts" aria-labelledby="demo-title">
          <h2 id="demo-title">{m.login.demoTitle}</h2>
          <p>
            {m.login.demoIntro} <code>{demoPassword}</code>
          </p>
          <table>
            <tbody>
              {demoAccounts.map((a) => (
                <tr key={a.email}>
                  <td><code>{a.email}</code></td>
                  <td>{a.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </div>
  )
}

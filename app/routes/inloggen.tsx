import { getFormProps, useForm } from '@conform-to/react'
import { title } from '#app/ui/meta.ts'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { resendVerification } from '#app/auth/accounts.server.ts'
import { audit } from '#app/auth/audit.server.ts'
import { TextField } from '#app/ui/fields.tsx'
import { oidcConfigured } from '#app/auth/oidc.server.ts'
import { HOME_BY_ROLE, isStaff } from '#app/auth/permissions.ts'
import { clientIp, mailLink } from '#app/auth/request.server.ts'
import { createUserSession, getUser } from '#app/auth/session.server.ts'
import { authenticate } from '#app/auth/sign-in.server.ts'
import { getEnv } from '#app/env.server.ts'
import { messages } from '#app/i18n/i18n.ts'
import { getLang } from '#app/i18n/lang.server.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TOTP_SECRET } from '#app/seed/demo-accounts.ts'
import { FormErrors } from '#app/ui/components.tsx'
import { safeRedirect } from '#app/ui/safe-redirect.ts'
import { SubmitButton, Table, Tbody, Td, Tr } from '#app/ui/nlds.tsx'
import { parseForm } from '#app/web/errors.server.ts'

export const meta = title((m) => m.titles.signIn)

const schema = z.object({
  email: z
    .string({ error: 'Vul uw e-mailadres in.' })
    .trim()
    .email('Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.'),
  password: z.string({ error: 'Vul uw wachtwoord in.' }).max(1000),
  redirectTo: z.string().optional(),
})

// Public page: the sign-in form. Signed-in visitors go to their own start page.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request)
  if (user) throw redirect(HOME_BY_ROLE[user.role])
  const demo = getEnv().PORTAL_MODE === 'demo'
  // The demo accounts' descriptions are Dutch seed text; in English the account shows its role instead.
  const lang = await getLang(request)
  const roles = messages(lang).roles
  return {
    demoAccounts: demo
      ? DEMO_ACCOUNTS.map(({ email, name, role, description, totp }) => ({
          email,
          description: lang === 'nl' ? description : `${name} (${roles[role]})`,
          totp: Boolean(totp),
        }))
      : null,
    demoPassword: demo ? DEMO_PASSWORD : null,
    demoTotpSecret: demo ? DEMO_TOTP_SECRET : null,
    oidc: oidcConfigured(),
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData()
  const submission = await parseForm(request, formData, { schema })
  if (submission.status !== 'success') return data(submission.reply({ hideFields: ['password'] }), { status: 400 })
  const ip = clientIp(context)
  const m = messages(await getLang(request))
  const result = await authenticate(submission.value.email, submission.value.password, { ip })
  if (!result.ok) {
    if (result.reason === 'unverified') await resendVerification(result.userId!, await mailLink(request))
    const message = { invalid: m.login.failed, throttled: m.accounts.throttled, unverified: m.accounts.unverified }[
      result.reason
    ]
    return data(submission.reply({ formErrors: [message], hideFields: ['password'] }), {
      status: result.reason === 'throttled' ? 429 : 400,
    })
  }
  const { user } = result
  const target = safeRedirect(submission.value.redirectTo, HOME_BY_ROLE[user.role])
  if (isStaff(user.role)) {
    // Staff: the password alone signs nobody in; the second step asks the TOTP code (or enrols it).
    const cookie = await createUserSession(user.id, { request, pendingSecondFactor: true })
    return redirect(`/inloggen/tweede-stap?redirectTo=${encodeURIComponent(target)}`, {
      headers: { 'Set-Cookie': cookie },
    })
  }
  await audit({ action: 'sign-in', actorId: user.id, userId: user.id, ip, data: { method: 'password' } })
  return redirect(target, { headers: { 'Set-Cookie': await createUserSession(user.id, { request }) } })
}

export default function Login() {
  const { demoAccounts, demoPassword, demoTotpSecret, oidc } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const m = useMessages()
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  const redirectTo = searchParams.get('redirectTo') ?? ''
  return (
    <div className="narrow">
      <h1>{m.login.title}</h1>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField meta={fields.email} label={m.login.email} type="email" autoComplete="username" />
        <TextField meta={fields.password} label={m.login.password} type="password" autoComplete="current-password" />
        <SubmitButton>{m.login.submit}</SubmitButton>
      </Form>
      <p className="login-links">
        <Link to="/wachtwoord-vergeten">{m.accounts.forgotLink}</Link> ·{' '}
        <Link to="/stichting-aanmelden">{m.accounts.registerLink}</Link>
      </p>
      {oidc ? (
        <section className="card stack oidc-box" aria-labelledby="oidc-title">
          <h2 id="oidc-title">{m.accounts.oidcTitle}</h2>
          <p>{m.accounts.oidcIntro}</p>
          <Form
            method="post"
            action={`/inloggen/oidc${redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : ''}`}
          >
            <SubmitButton variant="secondary">{m.accounts.oidcButton}</SubmitButton>
          </Form>
        </section>
      ) : null}
      {demoAccounts ? (
        <section className="demo-accounts" aria-labelledby="demo-title">
          <h2 id="demo-title">{m.login.demoTitle}</h2>
          <p>
            {m.login.demoIntro} <code>{demoPassword}</code>. {m.accounts.demoTotp} <code>{demoTotpSecret}</code>
          </p>
          <Table>
            <Tbody>
              {demoAccounts.map((a) => (
                <Tr key={a.email}>
                  <Td>
                    <code>{a.email}</code>
                  </Td>
                  <Td>
                    {a.description}
                    {a.totp ? ` · ${m.accounts.demoTotpShort}` : ''}
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        </section>
      ) : null}
    </div>
  )
}

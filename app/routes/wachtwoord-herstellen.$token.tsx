import { getFormProps, useForm } from '@conform-to/react'
import { title } from '#app/ui/meta.ts'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { checkResetToken, resetPassword } from '#app/auth/accounts.server.ts'
import { TextField } from '#app/ui/fields.tsx'
import { clientIp } from '#app/auth/request.server.ts'
import { newPassword } from '#app/foundations/schema.ts'
import { messages } from '#app/i18n/i18n.ts'
import { getLang } from '#app/i18n/lang.server.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import { redirectWithToast } from '#app/ui/toast.server.ts'
import { Alert, SubmitButton } from '#app/ui/nlds.tsx'
import { parseForm } from '#app/web/errors.server.ts'

export const meta = title((m) => m.titles.resetPassword)

const schema = z.object({ password: newPassword })

// Public: whoever has the single-use link from the mail.
export async function loader({ params }: LoaderFunctionArgs) {
  const user = await checkResetToken(params.token ?? '')
  return { valid: Boolean(user), email: user?.email ?? null }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const submission = await parseForm(request, await request.formData(), { schema })
  if (submission.status !== 'success') return data(submission.reply({ hideFields: ['password'] }), { status: 400 })
  const m = messages(await getLang(request))
  const user = await resetPassword(params.token ?? '', submission.value.password, clientIp(context))
  if (!user)
    return data(submission.reply({ formErrors: [m.accounts.linkInvalid], hideFields: ['password'] }), { status: 400 })
  return redirectWithToast('/inloggen', m.accounts.passwordSet)
}

export default function ResetPassword() {
  const { valid, email } = useLoaderData<typeof loader>()
  const m = useMessages()
  const [form, fields] = useForm({
    lastResult: useActionData<typeof action>(),
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  if (!valid) {
    return (
      <div className="narrow stack">
        <h1>{m.accounts.resetTitle}</h1>
        <Alert type="error">{m.accounts.linkInvalid}</Alert>
        <p>
          <Link to="/wachtwoord-vergeten">{m.accounts.forgotLink}</Link>
        </p>
      </div>
    )
  }
  return (
    <div className="narrow stack">
      <h1>{m.accounts.resetTitle}</h1>
      <Form method="post" {...getFormProps(form)} className="stack">
        {form.errors ? (
          <Alert type="error" role="alert" id={form.errorId}>
            {form.errors.join(' ')}
          </Alert>
        ) : null}
        <input type="email" name="username" value={email ?? ''} autoComplete="username" readOnly hidden />
        <TextField
          meta={fields.password}
          label={m.accounts.newPassword}
          type="password"
          hint={m.accounts.passwordHint}
          autoComplete="new-password"
        />
        <SubmitButton>{m.accounts.resetSubmit}</SubmitButton>
      </Form>
    </div>
  )
}

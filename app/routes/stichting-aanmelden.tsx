import { getFormProps, useForm } from '@conform-to/react'
import { title } from '#app/ui/meta.ts'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { TextField } from '#app/ui/fields.tsx'
import { clientIp, mailLink } from '#app/auth/request.server.ts'
import { FoundationFields } from '#app/foundations/foundation-fields.tsx'
import { parseForm, replyOnDomainError } from '#app/web/errors.server.ts'
import { hiding } from '#app/web/plain-reply.ts'
import { listAreas, selfRegisterFoundation } from '#app/foundations/foundations.server.ts'
import { selfRegistrationSchema } from '#app/foundations/schema.ts'
import { messages } from '#app/i18n/i18n.ts'
import { getLang } from '#app/i18n/lang.server.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import { FormErrors, PageHeader } from '#app/ui/components.tsx'
import { rememberRegistration } from '#app/mail/mailbox.server.ts'
import { redirectWithToast } from '#app/ui/toast.server.ts'
import { SubmitButton } from '#app/ui/nlds.tsx'

export const meta = title((m) => m.titles.registerFoundation)

// Public: a foundation applies to register itself; it stays pending until an administrator verifies it.
export async function loader(_: LoaderFunctionArgs) {
  return { areas: await listAreas() }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = await parseForm(request, await request.formData(), { schema: selfRegistrationSchema })
  if (submission.status !== 'success')
    return data({ result: submission.reply({ hideFields: ['password'] }) }, { status: 400 })
  return replyOnDomainError(request, hiding(submission, ['password']), async () => {
    await selfRegisterFoundation(submission.value, await mailLink(request), clientIp(context))
    const m = messages(await getLang(request))
    // Demo: this browser may read the confirmation mail in /mailbox (the same answer for every address).
    const mailbox = await rememberRegistration(request, submission.value.yourEmail)
    return redirectWithToast(
      '/inloggen',
      m.foundations.selfRegistered,
      mailbox ? { headers: { 'Set-Cookie': mailbox } } : {},
    )
  })
}

export default function SelfRegistration() {
  const { areas } = useLoaderData<typeof loader>()
  const m = useMessages()
  const [form, fields] = useForm({
    lastResult: useActionData<typeof action>()?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: selfRegistrationSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  return (
    <>
      <PageHeader title={m.foundations.selfTitle} />
      <p className="lead">{m.foundations.selfIntro}</p>
      <Form method="post" {...getFormProps(form)} className="stack narrow-form">
        <FormErrors id={form.errorId} errors={form.errors} />
        <fieldset className="card stack">
          <legend>{m.foundations.selfFoundation}</legend>
          <FoundationFields fields={fields} areas={areas} />
        </fieldset>
        <fieldset className="card stack">
          <legend>{m.foundations.selfYou}</legend>
          <TextField meta={fields.yourName} label={m.accounts.yourName} autoComplete="name" />
          <TextField meta={fields.yourEmail} label={m.login.email} type="email" autoComplete="username" />
          <TextField
            meta={fields.password}
            label={m.accounts.newPassword}
            type="password"
            hint={m.accounts.passwordHint}
            autoComplete="new-password"
          />
        </fieldset>
        <SubmitButton>{m.foundations.selfSubmit}</SubmitButton>
      </Form>
    </>
  )
}

import { getFormProps, useForm } from '@conform-to/react'
import { title } from '#app/ui/meta.ts'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useLocation } from '@remix-run/react'
import { audit } from '#app/auth/audit.server.ts'
import { TextField } from '#app/ui/fields.tsx'
import { clientIp } from '#app/auth/request.server.ts'
import { createUserSession, getUser } from '#app/auth/session.server.ts'
import { parseForm, replyOnDomainError } from '#app/web/errors.server.ts'
import { plainReply } from '#app/web/plain-reply.ts'
import { acceptInvitation, findInvitation } from '#app/foundations/members.server.ts'
import { acceptInvitationSchema } from '#app/foundations/schema.ts'
import { fill, messages } from '#app/i18n/i18n.ts'
import { getLang } from '#app/i18n/lang.server.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import { FormErrors } from '#app/ui/components.tsx'
import { redirectWithToast } from '#app/ui/toast.server.ts'
import { Alert, SubmitButton } from '#app/ui/nlds.tsx'

export const meta = title((m) => m.titles.invitation)

// Public: whoever has the single-use link from the invitation mail (valid 7 days).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const invitation = await findInvitation(params.token ?? '')
  if (!invitation) return { invitation: null, mode: null }
  const user = await getUser(request)
  const mode = invitation.existingUser ? (user?.id === invitation.existingUser.id ? 'join' : 'signIn') : 'new'
  return {
    invitation: { foundation: invitation.foundation.name, email: invitation.email, role: invitation.role },
    mode,
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const token = params.token ?? ''
  const m = messages(await getLang(request))
  const invitation = await findInvitation(token)
  if (!invitation)
    return data({ result: { status: 'error' as const, error: { '': [m.accounts.linkInvalid] } } }, { status: 400 })
  const formData = await request.formData()
  return replyOnDomainError(request, plainReply, async () => {
    if (invitation.existingUser) {
      const user = await getUser(request)
      if (!user || user.id !== invitation.existingUser.id) throw new Response('Geen toegang', { status: 403 })
      const done = await acceptInvitation(token, { signedInUserId: user.id })
      if (!done)
        return data({ result: { status: 'error' as const, error: { '': [m.accounts.linkInvalid] } } }, { status: 400 })
      return redirectWithToast(
        `/stichting/${done.foundationId}`,
        fill(m.accounts.joined, { foundation: invitation.foundation.name }),
      )
    }
    const submission = await parseForm(request, formData, { schema: acceptInvitationSchema })
    if (submission.status !== 'success')
      return data({ result: submission.reply({ hideFields: ['password'] }) }, { status: 400 })
    const done = await acceptInvitation(token, submission.value)
    if (!done)
      return data(
        { result: submission.reply({ formErrors: [m.accounts.linkInvalid], hideFields: ['password'] }) },
        { status: 400 },
      )
    await audit({
      action: 'sign-in',
      actorId: done.userId,
      userId: done.userId,
      ip: clientIp(context),
      data: { method: 'invitation' },
    })
    const cookie = await createUserSession(done.userId, { request })
    return redirectWithToast(
      `/stichting/${done.foundationId}`,
      fill(m.accounts.joined, { foundation: invitation.foundation.name }),
      { headers: { 'Set-Cookie': cookie } },
    )
  })
}

export default function AcceptInvitation() {
  const { invitation, mode } = useLoaderData<typeof loader>()
  const m = useMessages()
  const location = useLocation()
  const actionData = useActionData<typeof action>()
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: acceptInvitationSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  if (!invitation) {
    return (
      <div className="narrow stack">
        <h1>{m.accounts.invitationTitle}</h1>
        <Alert type="error">{m.accounts.invitationInvalid}</Alert>
      </div>
    )
  }
  return (
    <div className="narrow stack">
      <h1>{fill(m.accounts.invitationFor, { foundation: invitation.foundation })}</h1>
      <p>
        {fill(m.accounts.invitationIntro, { foundation: invitation.foundation, role: m.memberRoles[invitation.role] })}
      </p>
      {mode === 'signIn' ? (
        <Alert type="info">
          {m.accounts.invitationSignIn}{' '}
          <Link to={`/inloggen?redirectTo=${encodeURIComponent(location.pathname)}`}>{m.login.submit}</Link>
        </Alert>
      ) : mode === 'join' ? (
        <Form method="post" className="stack">
          <FormErrors errors={form.errors} />
          <SubmitButton>{m.accounts.invitationJoin}</SubmitButton>
        </Form>
      ) : (
        <Form method="post" {...getFormProps(form)} className="stack">
          <FormErrors id={form.errorId} errors={form.errors} />
          <div className="field">
            <label htmlFor="invite-email">{m.login.email}</label>
            <input id="invite-email" type="email" value={invitation.email} readOnly autoComplete="username" />
          </div>
          <TextField meta={fields.name} label={m.accounts.yourName} autoComplete="name" />
          <TextField
            meta={fields.password}
            label={m.accounts.newPassword}
            type="password"
            hint={m.accounts.passwordHint}
            autoComplete="new-password"
          />
          <SubmitButton>{m.accounts.invitationAccept}</SubmitButton>
        </Form>
      )}
    </div>
  )
}

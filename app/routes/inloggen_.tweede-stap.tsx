import { getFormProps, useForm } from '@conform-to/react'
import { title } from '#app/ui/meta.ts'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { audit } from '#app/auth/audit.server.ts'
import { TextField } from '#app/ui/fields.tsx'
import { HOME_BY_ROLE } from '#app/auth/permissions.ts'
import { clientIp } from '#app/auth/request.server.ts'
import {
  checkSecondFactor,
  confirmEnrolment,
  enrolmentSecret,
  recentSecondFactorFailures,
  secondFactorLockedForMs,
} from '#app/auth/second-factor.server.ts'
import {
  completePendingSession,
  createUserSession,
  destroyUserSession,
  getPendingUser,
  getUser,
} from '#app/auth/session.server.ts'
import { otpauthUri } from '#app/auth/totp.ts'
import { messages } from '#app/i18n/i18n.ts'
import { getLang } from '#app/i18n/lang.server.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import { FormErrors } from '#app/ui/components.tsx'
import { safeRedirect } from '#app/ui/safe-redirect.ts'
import { Alert, SubmitButton } from '#app/ui/nlds.tsx'
import { parseForm } from '#app/web/errors.server.ts'

export const meta = title((m) => m.titles.secondStep)

const schema = z.object({
  code: z
    .string({ error: 'Vul de code uit uw authenticator-app in.' })
    .trim()
    .min(6, 'Vul de code van 6 cijfers in (of een herstelcode).')
    .max(40),
  redirectTo: z.string().optional(),
})

const MAX_FAILURES = 5

// Only for a sign-in that passed the password and waits for its second factor (a pending session).
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getPendingUser(request)
  if (!user) {
    // Just enrolled: the answer of the action shows the recovery codes (see the action).
    if (await getUser(request)) return { mode: 'done' as const, secret: null, uri: null }
    throw redirect('/inloggen')
  }
  if (user.totpEnabledAt) return { mode: 'verify' as const, secret: null, uri: null }
  const secret = (await enrolmentSecret(user.id))!
  return {
    mode: 'enrol' as const,
    secret: secret.replace(/(.{4})/g, '$1 ').trim(),
    uri: otpauthUri(secret, user.email),
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await getPendingUser(request)
  if (!user) throw redirect('/inloggen')
  const ip = clientIp(context)
  const m = messages(await getLang(request))
  const submission = await parseForm(request, await request.formData(), { schema })
  if (submission.status !== 'success') return data({ result: submission.reply(), codes: null }, { status: 400 })
  const target = safeRedirect(submission.value.redirectTo, HOME_BY_ROLE[user.role])

  if (!user.totpEnabledAt) {
    const codes = await confirmEnrolment(user.id, submission.value.code, ip)
    if (!codes)
      return data(
        { result: submission.reply({ fieldErrors: { code: [m.accounts.codeWrong] } }), codes: null },
        { status: 400 },
      )
    await audit({
      action: 'sign-in',
      actorId: user.id,
      userId: user.id,
      ip,
      data: { method: 'password+totp', enrolled: true },
    })
    // The recovery codes are shown once, on this answer; the session minted at this sign-in's
    // password step becomes a full one.
    const cookie = await completePendingSession(request)
    return data({ result: null, codes, target }, { headers: cookie ? { 'Set-Cookie': cookie } : {} })
  }
  // Lockout over all attempts for this account, not per pending session (app/auth/second-factor.server.ts).
  if ((await secondFactorLockedForMs(user.id)) > 0) {
    await audit({ action: 'sign-in.second-factor.locked', userId: user.id, ip })
    return data({ result: submission.reply({ formErrors: [m.accounts.throttled] }), codes: null }, { status: 429 })
  }
  if (await checkSecondFactor(user.id, submission.value.code, ip)) {
    await audit({ action: 'sign-in', actorId: user.id, userId: user.id, ip, data: { method: 'password+totp' } })
    return redirect(target, { headers: { 'Set-Cookie': await createUserSession(user.id, { request }) } })
  }
  await audit({ action: 'sign-in.second-factor.failed', userId: user.id, ip })
  if ((await recentSecondFactorFailures(user.id)) >= MAX_FAILURES) {
    return redirect('/inloggen', { headers: { 'Set-Cookie': await destroyUserSession(request) } })
  }
  return data(
    { result: submission.reply({ fieldErrors: { code: [m.accounts.codeWrong] } }), codes: null },
    { status: 400 },
  )
}

export default function SecondStep() {
  const { mode, secret, uri } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const m = useMessages()
  const [form, fields] = useForm({
    lastResult: actionData?.result ?? undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  if (mode === 'done' && !actionData?.codes) {
    return (
      <div className="narrow stack">
        <h1>{m.accounts.recoveryTitle}</h1>
        <Alert type="ok" role="status">
          {m.accounts.enrolled}
        </Alert>
        <p>
          <Link className="button" to="/">
            {m.accounts.continue}
          </Link>
        </p>
      </div>
    )
  }
  if (actionData?.codes) {
    return (
      <div className="narrow stack">
        <h1>{m.accounts.recoveryTitle}</h1>
        <Alert type="ok" role="status">
          {m.accounts.enrolled}
        </Alert>
        <p>{m.accounts.recoveryIntro}</p>
        <ul className="recovery-codes" data-testid="recovery-codes">
          {actionData.codes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ul>
        <p>
          <Link className="button" to={'target' in actionData ? actionData.target : '/'}>
            {m.accounts.continue}
          </Link>
        </p>
      </div>
    )
  }
  return (
    <div className="narrow stack">
      <h1>{mode === 'enrol' ? m.accounts.enrolTitle : m.accounts.codeTitle}</h1>
      {mode === 'enrol' ? (
        <>
          <p>{m.accounts.enrolIntro}</p>
          <ol className="steps">
            <li>{m.accounts.enrolStep1}</li>
            <li>
              {m.accounts.enrolStep2}
              <p className="totp-secret">
                <code data-testid="totp-secret">{secret}</code>
              </p>
              <p className="hint">
                {m.accounts.enrolUri} <a href={uri!}>{m.accounts.enrolUriLink}</a>
              </p>
            </li>
            <li>{m.accounts.enrolStep3}</li>
          </ol>
        </>
      ) : (
        <p>{m.accounts.codeIntro}</p>
      )}
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
        <TextField
          meta={fields.code}
          label={m.accounts.codeLabel}
          hint={mode === 'verify' ? m.accounts.codeHint : undefined}
          autoComplete="one-time-code"
          className="code-field"
        />
        <SubmitButton>{mode === 'enrol' ? m.accounts.enrolSubmit : m.accounts.codeSubmit}</SubmitButton>
      </Form>
    </div>
  )
}

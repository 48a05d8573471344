import type { LoaderFunctionArgs } from '@remix-run/node'
import { title } from '#app/ui/meta.ts'
import { Link, useLoaderData } from '@remix-run/react'
import { verifyEmail } from '#app/auth/accounts.server.ts'
import { useMessages } from '#app/i18n/use-messages.ts'

export const meta = title((m) => m.titles.confirmEmail)

// Public: whoever has the single-use link from the mail. Opening the link confirms the address.
export async function loader({ params }: LoaderFunctionArgs) {
  const user = await verifyEmail(params.token ?? '')
  return { ok: Boolean(user) }
}

export default function VerifyEmail() {
  const { ok } = useLoaderData<typeof loader>()
  const m = useMessages()
  return (
    <div className="narrow stack">
      <h1>{m.accounts.verifyTitle}</h1>
      <p className={ok ? 'alert alert-success' : 'alert alert-error'}>
        {ok ? m.accounts.verified : m.accounts.linkInvalid}
      </p>
      <p>
        <Link className="button" to="/inloggen">
          {m.login.submit}
        </Link>
      </p>
    </div>
  )
}

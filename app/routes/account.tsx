import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { title } from '#app/ui/meta.ts'
import { redirect } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { audit } from '#app/auth/audit.server.ts'
import { clientIp } from '#app/auth/request.server.ts'
import { destroyAllSessions, requirePermission } from '#app/auth/session.server.ts'
import { prisma } from '#app/db.server.ts'
import { fill } from '#app/i18n/i18n.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import { PageHeader } from '#app/ui/components.tsx'
import { SubmitButton } from '#app/ui/nlds.tsx'

export const meta = title((m) => m.titles.account)

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'manage:account:own')
  const sessions = await prisma.session.count({ where: { userId: user.id, pendingSecondFactor: false } })
  const me = await prisma.user.findUniqueOrThrow({
    where: { id: user.id },
    select: { totpEnabledAt: true, oidcSubject: true },
  })
  return {
    name: user.name,
    email: user.email,
    role: user.role,
    sessions,
    totp: Boolean(me.totpEnabledAt),
    oidc: Boolean(me.oidcSubject),
  }
}

// "Sign out everywhere": ends every session of the caller, on every device.
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'manage:account:own')
  const cookie = await destroyAllSessions(user.id)
  await audit({ action: 'sign-out.everywhere', actorId: user.id, userId: user.id, ip: clientIp(context) })
  return redirect('/inloggen', { headers: { 'Set-Cookie': cookie } })
}

export default function Account() {
  const d = useLoaderData<typeof loader>()
  const m = useMessages()
  return (
    <div className="narrow stack">
      <PageHeader title={m.accounts.accountTitle} />
      <dl className="facts card">
        <dt>{m.members.name}</dt>
        <dd>{d.name}</dd>
        <dt>{m.login.email}</dt>
        <dd>{d.email}</dd>
        <dt>{m.members.role}</dt>
        <dd>{m.roles[d.role]}</dd>
        <dt>{m.staff.secondFactor}</dt>
        <dd>{d.totp ? m.staff.totpOn : m.staff.totpOff}</dd>
      </dl>
      <section className="card stack">
        <h2>{m.accounts.everywhereTitle}</h2>
        <p>{fill(m.accounts.everywhereIntro, { count: d.sessions })}</p>
        <Form method="post">
          <SubmitButton variant="danger">{m.accounts.everywhereSubmit}</SubmitButton>
        </Form>
      </section>
    </div>
  )
}

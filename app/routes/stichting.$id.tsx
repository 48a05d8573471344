import { getFormProps, getSelectProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { TextField } from '#app/ui/fields.tsx'
import { hasFoundationPermission, type FoundationPermission } from '#app/auth/permissions.ts'
import { mailLink } from '#app/auth/request.server.ts'
import { requireFoundationMember } from '#app/auth/session.server.ts'
import { intentPermission, intentTable } from '#app/web/intents.ts'
import { parseForm, replyOnDomainError } from '#app/web/errors.server.ts'
import { getFoundationForMember, requestIbanChange } from '#app/foundations/foundations.server.ts'
import { changeMember, inviteMember } from '#app/foundations/members.server.ts'
import { formatIban, memberActionSchema } from '#app/foundations/schema.ts'
import { fill, messages } from '#app/i18n/i18n.ts'
import { getLang } from '#app/i18n/lang.server.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import { FieldErrors, FormErrors, PageHeader, TableScroll } from '#app/ui/components.tsx'
import { formatDate } from '#app/ui/format.ts'
import { redirectWithToast } from '#app/ui/toast.server.ts'
import { Alert, Select, SubmitButton, Table, Tbody, Td, Th, Thead, Tr } from '#app/ui/nlds.tsx'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.foundation.name ?? 'Stichting'} – Buurtbudget Amersfoort` },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, membership } = await requireFoundationMember(request, params.id!)
  const f = await getFoundationForMember(user.id, params.id!)
  if (!f) throw new Response('Niet gevonden', { status: 404 })
  const canManage = hasFoundationPermission(membership.role, 'manage:members:own')
  return {
    me: user.id,
    canManage,
    canChangeIban: hasFoundationPermission(membership.role, 'change:iban:own'),
    foundation: {
      id: f.id,
      name: f.name,
      kvkNumber: f.kvkNumber,
      iban: formatIban(f.iban),
      accountHolder: f.accountHolder,
      address: [f.street, [f.postalCode, f.city].filter(Boolean).join(' ')].filter(Boolean).join(', '),
      contactName: f.contactName,
      email: f.email,
      phone: f.phone,
      verified: Boolean(f.verifiedAt),
      pendingIban: f.pendingIban ? formatIban(f.pendingIban) : null,
      pendingAccountHolder: f.pendingAccountHolder,
      areas: f.areas.map((a) => a.area.name),
    },
    members: f.members.map((mm) => ({ id: mm.user.id, name: mm.user.name, email: mm.user.email, role: mm.role })),
    invitations: canManage
      ? f.invitations.map((i) => ({ id: i.id, email: i.email, role: i.role, expiresAt: i.expiresAt.toISOString() }))
      : [],
  }
}

const PERMISSION_FOR = intentTable<'invite' | 'role' | 'remove' | 'leave' | 'iban', FoundationPermission>({
  invite: 'manage:members:own',
  role: 'manage:members:own',
  remove: 'manage:members:own',
  leave: null,
  iban: 'change:iban:own',
})

export async function action({ request, params }: ActionFunctionArgs) {
  const foundationId = params.id!
  const formData = await request.formData()
  const { user } = await requireFoundationMember(request, foundationId)
  const { intent, permission } = intentPermission(formData, PERMISSION_FOR)
  if (permission) await requireFoundationMember(request, foundationId, permission)
  const submission = await parseForm(request, formData, { schema: memberActionSchema })
  if (submission.status !== 'success') return data({ intent, result: submission.reply() }, { status: 400 })
  const m = messages(await getLang(request))
  const v = submission.value
  const here = `/stichting/${foundationId}`
  return replyOnDomainError(
    request,
    submission,
    async () => {
      switch (v.intent) {
        case 'invite':
          await inviteMember(user, foundationId, v.email, v.role, await mailLink(request))
          return redirectWithToast(here, fill(m.members.invited, { email: v.email }))
        case 'role':
          await changeMember(user.id, foundationId, v.userId, { role: v.role })
          return redirectWithToast(here, m.members.roleChanged)
        case 'remove':
          await changeMember(user.id, foundationId, v.userId, { remove: true })
          return redirectWithToast(here, m.members.removed)
        case 'leave':
          await changeMember(user.id, foundationId, user.id, { remove: true })
          return redirectWithToast('/', m.members.left)
        case 'iban':
          await requestIbanChange(user.id, foundationId, v.iban, v.accountHolder)
          return redirectWithToast(here, m.members.ibanRequested)
      }
    },
    { intent },
  )
}

function useIntentForm(intent: string) {
  const actionData = useActionData<typeof action>()
  return useForm({
    id: `form-${intent}`,
    lastResult: actionData?.intent === intent ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: memberActionSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
}

export default function FoundationPage() {
  const { me, canManage, canChangeIban, foundation: f, members, invitations } = useLoaderData<typeof loader>()
  const m = useMessages()
  const actionData = useActionData<typeof action>()
  const [inviteForm, inviteFields] = useIntentForm('invite')
  const [ibanForm, ibanFields] = useIntentForm('iban')
  const memberError =
    actionData && ['role', 'remove', 'leave'].includes(actionData.intent) ? actionData.result.error?.[''] : null
  return (
    <>
      <PageHeader title={f.name}>
        <p className="subtitle">
          KvK {f.kvkNumber} ·{' '}
          {f.verified ? m.members.verified : <strong className="badge badge-submitted">{m.members.pending}</strong>}
        </p>
      </PageHeader>
      {!f.verified ? <Alert type="info">{m.members.pendingIntro}</Alert> : null}
      <div className="two-columns reverse">
        <section aria-labelledby="members-title" className="stack">
          <h2 id="members-title">{m.members.title}</h2>
          <FormErrors errors={memberError} />
          <TableScroll>
            <Table data-testid="members">
              <Thead>
                <Tr>
                  <Th scope="col">{m.members.name}</Th>
                  <Th scope="col">{m.login.email}</Th>
                  <Th scope="col">{m.members.role}</Th>
                  {canManage ? <Th scope="col">{m.members.actions}</Th> : null}
                </Tr>
              </Thead>
              <Tbody>
                {members.map((x) => (
                  <Tr key={x.id}>
                    <Td>
                      {x.name}
                      {x.id === me ? ` (${m.members.you})` : ''}
                    </Td>
                    <Td>{x.email}</Td>
                    <Td>{m.memberRoles[x.role]}</Td>
                    {canManage ? (
                      <Td className="member-actions">
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="intent" value="role" />
                          <input type="hidden" name="userId" value={x.id} />
                          <input
                            type="hidden"
                            name="role"
                            value={x.role === 'FOUNDATION_ADMIN' ? 'MEMBER' : 'FOUNDATION_ADMIN'}
                          />
                          <SubmitButton variant="secondary" small>
                            {x.role === 'FOUNDATION_ADMIN' ? m.members.makeMember : m.members.makeAdmin}
                          </SubmitButton>
                        </Form>
                        {x.id !== me ? (
                          <Form method="post" className="inline-form">
                            <input type="hidden" name="intent" value="remove" />
                            <input type="hidden" name="userId" value={x.id} />
                            <SubmitButton
                              variant="danger"
                              small
                              aria-label={fill(m.members.removeLabel, { name: x.name })}
                            >
                              {m.members.remove}
                            </SubmitButton>
                          </Form>
                        ) : null}
                      </Td>
                    ) : null}
                  </Tr>
                ))}
              </Tbody>
            </Table>
          </TableScroll>
          <Form method="post">
            <input type="hidden" name="intent" value="leave" />
            <SubmitButton variant="link">{m.members.leave}</SubmitButton>
          </Form>
          {canManage ? (
            <>
              {invitations.length ? (
                <>
                  <h3>{m.members.openInvitations}</h3>
                  <ul>
                    {invitations.map((i) => (
                      <li key={i.id}>
                        {i.email} ({m.memberRoles[i.role]}) ·{' '}
                        {fill(m.members.validUntil, { date: formatDate(i.expiresAt) })}
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
              <Form method="post" {...getFormProps(inviteForm)} className="card stack">
                <h3>{m.members.inviteTitle}</h3>
                <p className="hint">{m.members.inviteIntro}</p>
                <FormErrors id={inviteForm.errorId} errors={inviteForm.errors} />
                <input type="hidden" name="intent" value="invite" />
                <TextField meta={inviteFields.email} label={m.login.email} type="email" />
                <div className="field">
                  <label htmlFor={inviteFields.role.id}>{m.members.role}</label>
                  <Select {...getSelectProps(inviteFields.role)} defaultValue="MEMBER">
                    <option value="MEMBER">{m.memberRoles.MEMBER}</option>
                    <option value="FOUNDATION_ADMIN">{m.memberRoles.FOUNDATION_ADMIN}</option>
                  </Select>
                  <FieldErrors id={inviteFields.role.errorId} errors={inviteFields.role.errors} />
                </div>
                <SubmitButton>{m.members.inviteSubmit}</SubmitButton>
              </Form>
            </>
          ) : null}
        </section>
        <aside className="stack" aria-labelledby="details-title">
          <div className="card">
            <h2 id="details-title">{m.members.details}</h2>
            <dl className="facts">
              <dt>{m.foundations.kvk}</dt>
              <dd>{f.kvkNumber}</dd>
              <dt>{m.foundations.iban}</dt>
              <dd>{f.iban}</dd>
              <dt>{m.foundations.accountHolder}</dt>
              <dd>{f.accountHolder}</dd>
              <dt>{m.foundations.address}</dt>
              <dd>{f.address || '–'}</dd>
              <dt>{m.foundations.contact}</dt>
              <dd>
                {f.contactName}, {f.email}
                {f.phone ? `, ${f.phone}` : ''}
              </dd>
              <dt>{m.foundations.areas}</dt>
              <dd>{f.areas.join(', ')}</dd>
            </dl>
            {f.pendingIban ? (
              <Alert type="info">
                {fill(m.members.ibanPending, { iban: f.pendingIban, holder: f.pendingAccountHolder ?? '' })}
              </Alert>
            ) : null}
          </div>
          {canChangeIban ? (
            <Form method="post" {...getFormProps(ibanForm)} className="card stack">
              <h3>{m.members.ibanTitle}</h3>
              <p className="hint">{m.members.ibanIntro}</p>
              <FormErrors id={ibanForm.errorId} errors={ibanForm.errors} />
              <input type="hidden" name="intent" value="iban" />
              <TextField meta={ibanFields.iban} label={m.foundations.iban} />
              <TextField meta={ibanFields.accountHolder} label={m.foundations.accountHolder} />
              <SubmitButton variant="secondary">{m.members.ibanSubmit}</SubmitButton>
            </Form>
          ) : null}
        </aside>
      </div>
    </>
  )
}

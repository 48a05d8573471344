import { getFormProps, useForm } from '@conform-to/react'
import { title } from '#app/ui/meta.ts'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { requirePermission } from '#app/auth/session.server.ts'
import { parseForm, replyOnDomainError } from '#app/web/errors.server.ts'
import {
  decideIbanChange,
  listAreas,
  listFoundationsForAdmin,
  registerFoundation,
  verifyFoundation,
} from '#app/foundations/foundations.server.ts'
import { FoundationFields } from '#app/foundations/foundation-fields.tsx'
import { foundationSchema, formatIban } from '#app/foundations/schema.ts'
import { messages } from '#app/i18n/i18n.ts'
import { getLang } from '#app/i18n/lang.server.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import { FieldErrors, FormErrors, PageHeader, TableScroll } from '#app/ui/components.tsx'
import { redirectWithToast } from '#app/ui/toast.server.ts'
import { SubmitButton, Table, type ButtonVariant, Tbody, Td, Th, Thead, Tr } from '#app/ui/nlds.tsx'

export const meta = title((m) => m.titles.foundations)

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'read:foundation:any')
  const [foundations, areas] = await Promise.all([listFoundationsForAdmin(), listAreas()])
  return {
    canManage: user.role === 'ADMINISTRATOR',
    me: user.id,
    areas,
    foundations: foundations.map((f) => ({
      id: f.id,
      name: f.name,
      kvkNumber: f.kvkNumber,
      iban: formatIban(f.iban),
      accountHolder: f.accountHolder,
      verified: Boolean(f.verifiedAt),
      pendingIban: f.pendingIban ? formatIban(f.pendingIban) : null,
      pendingAccountHolder: f.pendingAccountHolder,
      pendingIbanById: f.pendingIbanById,
      areas: f.areas.map((a) => a.area.name).join(', '),
      members: f._count.members,
    })),
  }
}

const decisionSchema = z.object({
  intent: z.enum(['verify', 'confirmIban', 'rejectIban']),
  foundationId: z.string().min(1),
})

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'manage:foundation:any')
  const formData = await request.formData()
  const m = messages(await getLang(request))
  if (formData.get('intent') === 'register') {
    const submission = await parseForm(request, formData, { schema: foundationSchema })
    if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
    return replyOnDomainError(request, submission, async () => {
      await registerFoundation(user.id, submission.value)
      return redirectWithToast('/beheer/stichtingen', m.foundations.registered)
    })
  }
  // A decision's refusal is at its field (the foundation's row shows it), with what was sent kept.
  const submission = await parseForm(request, formData, { schema: decisionSchema })
  if (submission.status !== 'success')
    return data({ decision: true, result: submission.reply({ formErrors: [m.common.formErrors] }) }, { status: 400 })
  const { intent, foundationId } = submission.value
  return replyOnDomainError(
    request,
    submission,
    async () => {
      if (intent === 'verify') await verifyFoundation(user.id, foundationId)
      else await decideIbanChange(user.id, foundationId, intent === 'confirmIban')
      return redirectWithToast(
        '/beheer/stichtingen',
        {
          verify: m.foundations.verifiedToast,
          confirmIban: m.foundations.ibanConfirmed,
          rejectIban: m.foundations.ibanRejected,
        }[intent],
      )
    },
    { decision: true },
  )
}

export default function FoundationsAdmin() {
  const { canManage, me, areas, foundations } = useLoaderData<typeof loader>()
  const m = useMessages()
  const actionData = useActionData<typeof action>()
  const [form, fields] = useForm({
    id: 'register',
    lastResult: actionData && 'decision' in actionData ? undefined : actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: foundationSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  const decided = actionData && 'decision' in actionData ? actionData.result : undefined
  const decisionFor = (id: string) =>
    decided?.initialValue?.foundationId === id
      ? [...(decided.error?.foundationId ?? []), ...(decided.error?.intent ?? [])]
      : undefined
  const decide = (intent: string, id: string, label: string, variant: ButtonVariant = 'secondary') => (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="foundationId" value={id} />
      <SubmitButton variant={variant} small>
        {label}
      </SubmitButton>
      {decisionFor(id) ? <FieldErrors id={`decision-${id}-error`} errors={decisionFor(id)} /> : null}
    </Form>
  )
  return (
    <>
      <PageHeader title={m.foundations.title} />
      <FormErrors errors={form.errors} />
      <TableScroll>
        <Table data-testid="foundations">
          <Thead>
            <Tr>
              <Th scope="col">{m.common.foundation}</Th>
              <Th scope="col">{m.foundations.kvk}</Th>
              <Th scope="col">{m.foundations.iban}</Th>
              <Th scope="col">{m.foundations.areas}</Th>
              <Th scope="col">{m.common.status}</Th>
            </Tr>
          </Thead>
          <Tbody>
            {foundations.map((f) => (
              <Tr key={f.id}>
                <Td>
                  {f.name}
                  <br />
                  <span className="hint">
                    {f.members} {f.members === 1 ? m.foundations.memberCount : m.foundations.membersCount}
                  </span>
                </Td>
                <Td>{f.kvkNumber}</Td>
                <Td>
                  {f.iban}
                  <br />
                  <span className="hint">{f.accountHolder}</span>
                  {f.pendingIban ? (
                    <div className="pending-change">
                      <strong>{m.foundations.ibanChangeRequested}</strong> {f.pendingIban} ({f.pendingAccountHolder})
                      {canManage && f.pendingIbanById !== me ? (
                        <div className="actions">
                          {decide('confirmIban', f.id, m.foundations.confirmIban)}
                          {decide('rejectIban', f.id, m.foundations.rejectIban, 'danger')}
                        </div>
                      ) : null}
                    </div>
                  ) : null}
                </Td>
                <Td>{f.areas}</Td>
                <Td>
                  {f.verified ? (
                    m.members.verified
                  ) : (
                    <>
                      {m.members.pending}
                      {canManage ? decide('verify', f.id, m.foundations.verify, 'primary') : null}
                    </>
                  )}
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      </TableScroll>
      {canManage ? (
        <Form method="post" {...getFormProps(form)} className="card stack narrow-form">
          <h2>{m.foundations.registerTitle}</h2>
          <p className="hint">{m.foundations.registerIntro}</p>
          <input type="hidden" name="intent" value="register" />
          <FoundationFields fields={fields} areas={areas} />
          <SubmitButton>{m.foundations.registerSubmit}</SubmitButton>
        </Form>
      ) : null}
    </>
  )
}

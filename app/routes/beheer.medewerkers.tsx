import { getFormProps, getSelectProps, useForm } from '@conform-to/react'
import { title } from '#app/ui/meta.ts'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { TextField } from '#app/ui/fields.tsx'
import { mailLink } from '#app/auth/request.server.ts'
import { requirePermission } from '#app/auth/session.server.ts'
import { parseForm, replyOnDomainError } from '#app/web/errors.server.ts'
import { createStaff, deactivateStaff, listStaff, updateStaff } from '#app/auth/staff.server.ts'
import { listAreas } from '#app/foundations/foundations.server.ts'
import { email } from '#app/foundations/schema.ts'
import { fill, messages } from '#app/i18n/i18n.ts'
import { getLang } from '#app/i18n/lang.server.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import { FieldErrors, FormErrors, PageHeader, TableScroll } from '#app/ui/components.tsx'
import { redirectWithToast } from '#app/ui/toast.server.ts'
import { Checkbox, Select, SubmitButton, Table, Tbody, Td, Th, Thead, Tr } from '#app/ui/nlds.tsx'

export const meta = title((m) => m.titles.staff)

const role = z.enum(['REVIEWER', 'AUDITOR', 'ADMINISTRATOR'], { error: 'Kies een rol.' })
const areaIds = z.array(z.string()).default([])
const schema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('create'),
    name: z.string({ error: 'Vul de naam in.' }).trim().min(1).max(200),
    email,
    role,
    areaIds,
  }),
  z.object({ intent: z.literal('update'), userId: z.string().min(1), role, areaIds }),
  z.object({ intent: z.literal('deactivate'), userId: z.string().min(1) }),
])

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'manage:staff:any')
  const [staff, areas] = await Promise.all([listStaff(), listAreas()])
  return {
    me: user.id,
    areas,
    staff: staff.map((s) => ({
      ...s,
      totp: Boolean(s.totpEnabledAt),
      areaIds: s.reviewerAreas.map((a) => a.area.id),
      areaNames: s.reviewerAreas.map((a) => a.area.name).sort(),
    })),
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'manage:staff:any')
  const submission = await parseForm(request, await request.formData(), { schema })
  const intent = submission.payload.intent
  if (submission.status !== 'success') return data({ intent, result: submission.reply() }, { status: 400 })
  const m = messages(await getLang(request))
  const v = submission.value
  return replyOnDomainError(
    request,
    submission,
    async () => {
      if (v.intent === 'create') {
        await createStaff(user.id, v, await mailLink(request))
        return redirectWithToast('/beheer/medewerkers', fill(m.staff.created, { email: v.email }))
      }
      if (v.intent === 'update') await updateStaff(user.id, v.userId, v)
      else await deactivateStaff(user.id, v.userId)
      return redirectWithToast('/beheer/medewerkers', m.staff.saved)
    },
    { intent },
  )
}

function AreaChecks({
  areas,
  chosen,
  name,
}: {
  areas: { id: string; name: string }[]
  chosen: string[]
  name: string
}) {
  const m = useMessages()
  return (
    <details>
      <summary>{m.staff.areasPick}</summary>
      <div className="checkbox-grid">
        {areas.map((a) => (
          <label key={a.id} className="checkbox">
            <Checkbox name={name} value={a.id} defaultChecked={chosen.includes(a.id)} /> {a.name}
          </label>
        ))}
      </div>
    </details>
  )
}

export default function StaffAdmin() {
  const { me, areas, staff } = useLoaderData<typeof loader>()
  const m = useMessages()
  const actionData = useActionData<typeof action>()
  const [form, fields] = useForm({
    id: 'create',
    lastResult: actionData?.intent === 'create' ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  const rowError = actionData && actionData.intent !== 'create' ? actionData.result.error?.[''] : null
  return (
    <>
      <PageHeader title={m.staff.title} />
      <p>{m.staff.intro}</p>
      <FormErrors errors={rowError} />
      <TableScroll>
        <Table data-testid="staff">
          <Thead>
            <Tr>
              <Th scope="col">{m.members.name}</Th>
              <Th scope="col">{m.staff.areas}</Th>
              <Th scope="col">{m.staff.secondFactor}</Th>
              <Th scope="col">{m.members.actions}</Th>
            </Tr>
          </Thead>
          <Tbody>
            {staff.map((s) => (
              <Tr key={s.id} className={s.active ? undefined : 'inactive'}>
                <Td>
                  {s.name}
                  {s.id === me ? ` (${m.members.you})` : ''}
                  <br />
                  <span className="hint">{s.email}</span>
                  {s.active ? null : (
                    <>
                      <br />
                      <strong>{m.staff.inactive}</strong>
                    </>
                  )}
                </Td>
                <Td>
                  <Form method="post" className="stack staff-edit">
                    <input type="hidden" name="intent" value="update" />
                    <input type="hidden" name="userId" value={s.id} />
                    <label className="visually-hidden" htmlFor={`role-${s.id}`}>
                      {m.members.role}
                    </label>
                    <Select id={`role-${s.id}`} name="role" defaultValue={s.role} disabled={!s.active}>
                      <option value="REVIEWER">{m.roles.REVIEWER}</option>
                      <option value="AUDITOR">{m.roles.AUDITOR}</option>
                      <option value="ADMINISTRATOR">{m.roles.ADMINISTRATOR}</option>
                    </Select>
                    <p className="area-names">
                      {s.role === 'REVIEWER'
                        ? s.areaNames.length
                          ? fill(m.staff.areaCount, { count: s.areaNames.length }) + ': ' + s.areaNames.join(', ')
                          : m.staff.noAreas
                        : '–'}
                    </p>
                    {s.active ? <AreaChecks areas={areas} chosen={s.areaIds} name="areaIds" /> : null}
                    {s.active ? (
                      <SubmitButton variant="secondary" small>
                        {m.common.save}
                      </SubmitButton>
                    ) : null}
                  </Form>
                </Td>
                <Td>{s.totp ? m.staff.totpOn : m.staff.totpOff}</Td>
                <Td>
                  {s.active && s.id !== me ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="deactivate" />
                      <input type="hidden" name="userId" value={s.id} />
                      <SubmitButton variant="danger" small>
                        {m.staff.deactivate}
                      </SubmitButton>
                    </Form>
                  ) : null}
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      </TableScroll>
      <Form method="post" {...getFormProps(form)} className="card stack narrow-form">
        <h2>{m.staff.createTitle}</h2>
        <p className="hint">{m.staff.createIntro}</p>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="create" />
        <TextField meta={fields.name as never} label={m.members.name} />
        <TextField meta={fields.email as never} label={m.login.email} type="email" />
        <div className="field">
          <label htmlFor={fields.role.id}>{m.members.role}</label>
          <Select {...getSelectProps(fields.role as never)} defaultValue="REVIEWER">
            <option value="REVIEWER">{m.roles.REVIEWER}</option>
            <option value="AUDITOR">{m.roles.AUDITOR}</option>
            <option value="ADMINISTRATOR">{m.roles.ADMINISTRATOR}</option>
          </Select>
          <FieldErrors id={fields.role.errorId} errors={fields.role.errors} />
        </div>
        <AreaChecks areas={areas} chosen={[]} name="areaIds" />
        <SubmitButton>{m.staff.createSubmit}</SubmitButton>
      </Form>
    </>
  )
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { ApplicationForm } from '#app/applications/application-form.tsx'
import { areasForMember } from '#app/applications/applications.server.ts'
import { handleApplicationForm } from '#app/applications/form-action.server.ts'
import { requirePermission } from '#app/auth/session.server.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import { PageHeader } from '#app/ui/components.tsx'

export const meta: MetaFunction = () => [{ title: 'Nieuwe aanvraag – Buurtbudget Amersfoort' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'create:application:own')
  return { areas: await areasForMember(user) }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'create:application:own')
  return handleApplicationForm(request, user)
}

export default function NewApplication() {
  const { areas } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const m = useMessages()
  return (
    <>
      <PageHeader title={m.form.newTitle} />
      <ApplicationForm
        areas={areas}
        lastResult={actionData?.result}
        defaultValue={{ areaId: areas.length === 1 ? areas[0].id : '', lines: [{ description: '', amount: '' }] }}
      />
    </>
  )
}

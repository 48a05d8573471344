import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { title } from '#app/ui/meta.ts'
import { useActionData, useLoaderData } from '@remix-run/react'
import { ApplicationForm, type FormActionData } from '#app/applications/application-form.tsx'
import { areasForMember } from '#app/applications/applications.server.ts'
import { openRound } from '#app/rounds/rounds.server.ts'
import { handleApplicationForm } from '#app/applications/form-action.server.ts'
import { requirePermission } from '#app/auth/session.server.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import { PageHeader } from '#app/ui/components.tsx'

export const meta = title((m) => m.titles.newApplication)

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'create:application:own')
  const [areas, round] = await Promise.all([areasForMember(user), openRound()])
  return { areas, advancePercent: round?.advancePercent ?? 75 }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'create:application:own')
  return handleApplicationForm(request, user)
}

export default function NewApplication() {
  const { areas, advancePercent } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as FormActionData | undefined
  const m = useMessages()
  return (
    <>
      <PageHeader title={m.form.newTitle} />
      <ApplicationForm
        areas={areas}
        lastResult={actionData?.result}
        actionData={actionData}
        maxAdvancePercent={advancePercent}
        defaultValue={{
          areaId: areas.length === 1 ? areas[0].id : '',
          lines: [{ description: '', amount: '' }],
          advancePercent: String(advancePercent),
          attachmentKind: 'quote',
        }}
      />
    </>
  )
}

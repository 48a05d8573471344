import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { ApplicationForm } from '#app/applications/application-form.tsx'
import { ApplicationSummary } from '#app/applications/application-summary.tsx'
import { areasForMember, getOwnApplication } from '#app/applications/applications.server.ts'
import { handleApplicationForm } from '#app/applications/form-action.server.ts'
import { requirePermission } from '#app/auth/session.server.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import { formatMoneyPlain } from '#app/money/money.ts'
import { PageHeader, StatusBadge } from '#app/ui/components.tsx'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.application.title ?? 'Aanvraag'} – Buurtbudget Amersfoort` }]

const isoDate = (d: Date | string | null) => (d ? new Date(d).toISOString().slice(0, 10) : '')

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'read:application:own')
  const application = await getOwnApplication(user, params.id!)
  if (!application) throw new Response('Niet gevonden', { status: 404 })
  return { application, areas: application.status === 'DRAFT' ? await areasForMember(user) : [] }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'submit:application:own')
  return handleApplicationForm(request, user, params.id)
}

export default function ApplicationPage() {
  const { application: app, areas } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const m = useMessages()
  return (
    <>
      <PageHeader title={`${app.title}`}>
        <p className="subtitle">
          {app.reference} · {app.foundation.name} · <StatusBadge status={app.status} />
        </p>
      </PageHeader>
      {app.status === 'DRAFT' ? (
        <ApplicationForm
          key={String(app.updatedAt)}
          areas={areas}
          lastResult={actionData?.result}
          defaultValue={{
            title: app.title, category: app.category, areaId: app.area.id, description: app.description,
            startDate: isoDate(app.startDate), endDate: isoDate(app.endDate),
            lines: app.budgetLines.length
              ? app.budgetLines.map((l) => ({ description: l.description, amount: formatMoneyPlain(l.amountCents) }))
              : [{ description: '', amount: '' }],
          }}
        />
      ) : (
        <ApplicationSummary application={app} />
      )}
    </>
  )
}

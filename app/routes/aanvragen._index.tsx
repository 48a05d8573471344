import type { LoaderFunctionArgs } from '@remix-run/node'
import { title } from '#app/ui/meta.ts'
import { Link, useLoaderData, useRouteLoaderData } from '@remix-run/react'
import type { Lang } from '#app/i18n/i18n.ts'
import { formatDate } from '#app/ui/format.ts'
import { fill } from '#app/i18n/i18n.ts'
import { todayIso } from '#app/clock.server.ts'
import { listOwnApplications } from '#app/applications/applications.server.ts'
import { openRound } from '#app/rounds/rounds.server.ts'
import { requirePermission } from '#app/auth/session.server.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import { Money, PageHeader, StatusBadge } from '#app/ui/components.tsx'
import { Alert, DataTable } from '#app/ui/nlds.tsx'

export const meta = title((m) => m.titles.applications)

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'read:application:own')
  const [applications, round] = await Promise.all([listOwnApplications(user), openRound()])
  return { applications, roundOpen: Boolean(round), today: todayIso() }
}

/** By when the next step must happen: submit before the round closes, answer a question, the municipality's decision. */
function nextBy(a: {
  status: string
  round: { closesOn: Date | string }
  decisionDueOn: Date | string | null
  infoRequests: { dueOn: Date | string }[]
}) {
  if (a.status === 'DRAFT') return a.round.closesOn
  if (a.status === 'INCOMPLETE') return a.infoRequests[0]?.dueOn ?? null
  if (a.status === 'SUBMITTED' || a.status === 'IN_REVIEW') return a.decisionDueOn
  return null
}

/** Whose date has passed: the round's (a draft), the foundation's answer, or the municipality's decision. */
function overdueKind(status: string): 'DRAFT' | 'INCOMPLETE' | 'SUBMITTED' {
  return status === 'DRAFT' || status === 'INCOMPLETE' ? status : 'SUBMITTED'
}

export default function Applications() {
  const { applications, roundOpen, today } = useLoaderData<typeof loader>()
  const m = useMessages()
  const lang = (useRouteLoaderData('root') as { lang: Lang } | undefined)?.lang ?? 'nl'
  return (
    <>
      <PageHeader title={m.applications.title}>
        {roundOpen ? (
          <Link className="button" to="/aanvragen/nieuw">
            {m.applications.new}
          </Link>
        ) : null}
      </PageHeader>
      {!roundOpen ? <Alert>{m.applications.noRound}</Alert> : null}
      {applications.length === 0 ? (
        <p>{m.applications.empty}</p>
      ) : (
        <DataTable
          rows={applications}
          rowKey={(a) => a.id}
          columns={[
            { key: 'reference', header: m.common.reference, cell: (a) => a.reference, sortValue: (a) => a.reference },
            {
              key: 'title',
              header: m.common.title,
              cell: (a) => <Link to={`/aanvragen/${a.id}`}>{a.title}</Link>,
              sortValue: (a) => a.title,
            },
            { key: 'area', header: m.common.area, cell: (a) => a.area.name, sortValue: (a) => a.area.name },
            { key: 'status', header: m.common.status, cell: (a) => <StatusBadge status={a.status} /> },
            {
              key: 'requested',
              header: m.common.requested,
              numeric: true,
              cell: (a) => <Money cents={a.requestedCents} />,
              sortValue: (a) => a.requestedCents,
            },
            {
              key: 'awarded',
              header: m.common.awarded,
              numeric: true,
              cell: (a) => <Money cents={a.awardedCents} />,
              sortValue: (a) => a.awardedCents,
            },
            {
              key: 'next',
              header: m.applications.nextLabel,
              cell: (a) => (
                <>
                  {m.applications.next[a.status]}
                  {nextBy(a) ? (
                    <>
                      <br />
                      <strong>
                        {new Date(nextBy(a)!).toISOString().slice(0, 10) < today
                          ? fill(m.intake.overdue[overdueKind(a.status)], { date: formatDate(nextBy(a), lang) })
                          : `${m.intake.byWhen} ${formatDate(nextBy(a), lang)}`}
                      </strong>
                    </>
                  ) : null}
                </>
              ),
            },
          ]}
        />
      )}
    </>
  )
}

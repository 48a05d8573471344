import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { fill } from '#app/i18n/i18n.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import { publicAreas, publicInitiatives, publicRound } from '#app/reporting/open-data/open-data.server.ts'
import { AreasTable, InitiativesTable } from '#app/reporting/open-data/public-table.tsx'
import { PageHeader } from '#app/ui/components.tsx'

export const meta: MetaFunction = ({ params }) => [{ title: `Open boeken ${params.year} – Buurtbudget Amersfoort` }]

// Public page, no sign-in: the city overview of a round. What is public is decided in open-data.server.ts.
export async function loader({ params }: LoaderFunctionArgs) {
  const round = await publicRound(Number(params.year))
  if (!round) throw new Response('Niet gevonden', { status: 404 })
  const [areas, initiatives] = await Promise.all([publicAreas(round.id), publicInitiatives(round.id)])
  return { year: round.year, areas, initiatives }
}

export default function OpenBooks() {
  const { year, areas, initiatives } = useLoaderData<typeof loader>()
  const m = useMessages()
  const r = m.reporting
  return (
    <>
      <PageHeader title={fill(r.publicTitle, { year })} />
      <p className="lead">{r.publicIntro}</p>
      <p>
        <Link to={`/verdeling/${year}`}>{r.allocationLink}</Link> · <Link to="/open-data">{r.openDataLink}</Link> ·{' '}
        <Link to={`/open-boeken/${year}/indicatoren`}>{m.indicators.link}</Link> ·{' '}
        <Link to={`/open-boeken/${year}/jaarverslag`}>{fill(m.annualReport.link, { year })}</Link>
      </p>
      <h2>{r.publicCity}</h2>
      <AreasTable year={year} areas={areas} />
      <h2>{r.publicInitiatives}</h2>
      <p>{r.publicConsent}</p>
      <InitiativesTable initiatives={initiatives} />
    </>
  )
}

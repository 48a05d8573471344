import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { fill } from '#app/i18n/i18n.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import { publicAreas, publicInitiatives, publicRound } from '#app/reporting/open-data/open-data.server.ts'
import { InitiativesTable } from '#app/reporting/open-data/public-table.tsx'
import { Money, PageHeader } from '#app/ui/components.tsx'
import { title } from '#app/ui/meta.ts'

export const meta = title((m) => m.titles.openBooksArea)

// Public page, no sign-in: one wijk in one round.
export async function loader({ params }: LoaderFunctionArgs) {
  const round = await publicRound(Number(params.year))
  if (!round) throw new Response('Niet gevonden', { status: 404 })
  const area = (await publicAreas(round.id)).find((a) => a.code === params.code)
  if (!area) throw new Response('Niet gevonden', { status: 404 })
  return { year: round.year, area, initiatives: await publicInitiatives(round.id, area.code) }
}

export default function OpenBooksArea() {
  const { year, area, initiatives } = useLoaderData<typeof loader>()
  const r = useMessages().reporting
  const perInhabitant = area.inhabitants > 0 ? Math.round(area.realisedCents / area.inhabitants) : 0
  return (
    <>
      <PageHeader title={fill(r.publicAreaTitle, { area: area.name, year })}>
        {area.priority ? <p className="subtitle">{r.priority}</p> : null}
      </PageHeader>
      <p>
        <Link to={`/open-boeken/${year}`}>{r.allAreas}</Link> · <Link to="/open-data">{r.openDataLink}</Link>
      </p>
      <dl className="facts" data-testid="public-area">
        <dt>{r.inhabitants}</dt>
        <dd>{area.inhabitants.toLocaleString('nl-NL')}</dd>
        <dt>{r.allocated}</dt>
        <dd data-testid="allocated">
          <Money cents={area.allocatedCents} />
        </dd>
        <dt>{r.granted}</dt>
        <dd data-testid="granted">
          <Money cents={area.grantedCents} />
        </dd>
        <dt>{r.paidOut}</dt>
        <dd data-testid="paid">
          <Money cents={area.paidCents} />
        </dd>
        <dt>{r.realised}</dt>
        <dd data-testid="realised">
          <Money cents={area.realisedCents} />
        </dd>
        <dt>{r.perInhabitant}</dt>
        <dd>
          <Money cents={perInhabitant} />
        </dd>
      </dl>
      <h2>{r.publicInitiatives}</h2>
      <p>{r.publicConsent}</p>
      <InitiativesTable initiatives={initiatives} />
    </>
  )
}

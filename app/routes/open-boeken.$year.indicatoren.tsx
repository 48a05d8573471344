import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { fill } from '#app/i18n/i18n.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import { areaIndicators, cityIndicators } from '#app/reporting/indicators/indicators.server.ts'
import { AreaIndicatorsTable, CityIndicatorsTable } from '#app/reporting/indicators/ui.tsx'
import { publicRound } from '#app/reporting/open-data/open-data.server.ts'
import { PageHeader } from '#app/ui/components.tsx'
import { title } from '#app/ui/meta.ts'
import { Alert } from '#app/ui/nlds.tsx'

export const meta = title((m) => fill(m.indicators.title, { year: '' }).replace(/\s+:/, ':'))

// Public page, no sign-in: the Stadspeiling indicators beside the spend per wijk (no causal claim).
export async function loader({ params }: LoaderFunctionArgs) {
  const round = await publicRound(Number(params.year))
  if (!round) throw new Response('Niet gevonden', { status: 404 })
  const [city, areas] = await Promise.all([cityIndicators(), areaIndicators(round.id, round.year)])
  return { year: round.year, city, areas }
}

export default function Indicators() {
  const { year, city, areas } = useLoaderData<typeof loader>()
  const m = useMessages()
  const t = m.indicators
  return (
    <>
      <PageHeader title={fill(t.title, { year })} />
      <p className="lead">{t.intro}</p>
      <p>
        <Link to={`/open-boeken/${year}`}>{m.reporting.allAreas}</Link> ·{' '}
        <Link to={`/open-boeken/${year}/jaarverslag`}>{fill(m.annualReport.link, { year })}</Link>
      </p>
      <h2>{t.cityTitle}</h2>
      <CityIndicatorsTable rows={city} />
      <h2>{t.areaTitle}</h2>
      <Alert type="info">{t.noCause}</Alert>
      <AreaIndicatorsTable rows={areas} />
    </>
  )
}

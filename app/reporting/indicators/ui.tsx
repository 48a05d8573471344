import { useMessages } from '#app/i18n/use-messages.ts'
import { Money, TableScroll } from '#app/ui/components.tsx'
import { MEASURES, type Measure } from './parse.ts'

type Values = Partial<Record<Measure, number>>
export type CityRow = { year: number; realised: Values; target: Values; source: string }
export type AreaIndicatorRow = {
  code: string
  name: string
  priority: boolean
  inhabitants: number
  realisedCents: number
  perInhabitantCents: number
  measuredIn: number | null
  values: Values
}

/** 7300 -> "7,3"; 35000 -> "35" (a percentage or a score, as the Stadspeiling publishes it). */
export function formatIndicator(valueMilli: number | undefined, lang: string): string {
  if (valueMilli === undefined) return '–'
  return (valueMilli / 1000).toLocaleString(lang === 'en' ? 'en-GB' : 'nl-NL', { maximumFractionDigits: 3 })
}

/** The city's indicators as in the municipal accounts: a row per indicator, a column per year, the target, the source. */
export function CityIndicatorsTable({ rows }: { rows: CityRow[] }) {
  const m = useMessages()
  const t = m.indicators
  const years = rows.filter((r) => Object.keys(r.realised).length > 0)
  const targets = rows.filter((r) => Object.keys(r.target).length > 0)
  return (
    <TableScroll>
      <table className="table" data-testid="city-indicators">
        <caption>{t.cityCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.measure}</th>
            {years.map((r) => (
              <th key={r.year} scope="col" className="num">
                {r.year}
              </th>
            ))}
            <th scope="col" className="num">
              {t.target}
            </th>
            <th scope="col">{t.source}</th>
          </tr>
        </thead>
        <tbody>
          {MEASURES.map((measure) => {
            const target = targets.find((r) => r.target[measure] !== undefined)
            return (
              <tr key={measure} data-measure={measure}>
                <th scope="row">{t.measures[measure]}</th>
                {years.map((r) => (
                  <td key={r.year} className="num">
                    {formatIndicator(r.realised[measure], m.lang)}
                  </td>
                ))}
                <td className="num">
                  {target ? `${formatIndicator(target.target[measure], m.lang)} (${target.year})` : t.noTarget}
                </td>
                <td>{years[0]?.source ?? 'Stadspeiling (O&S)'}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </TableScroll>
  )
}

/** Per wijk: spend and spend per inhabitant beside the latest indicators; side by side, no causal claim. */
export function AreaIndicatorsTable({ rows }: { rows: AreaIndicatorRow[] }) {
  const m = useMessages()
  const t = m.indicators
  const r = m.reporting
  return (
    <TableScroll>
      <table className="table" data-testid="area-indicators">
        <caption>{t.areaCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{r.area}</th>
            <th scope="col" className="num">
              {r.realised}
            </th>
            <th scope="col" className="num">
              {r.perInhabitant}
            </th>
            <th scope="col">{t.measuredIn}</th>
            {MEASURES.map((measure) => (
              <th key={measure} scope="col" className="num">
                {t.measures[measure]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => (
            <tr key={a.code} data-area={a.code}>
              <th scope="row">
                {a.name}
                {a.priority ? ` (${r.priority})` : ''}
              </th>
              <td className="num">
                <Money cents={a.realisedCents} />
              </td>
              <td className="num">
                <Money cents={a.perInhabitantCents} />
              </td>
              <td>{a.measuredIn ?? t.notMeasured}</td>
              {MEASURES.map((measure) => (
                <td key={measure} className="num">
                  {formatIndicator(a.values[measure], m.lang)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  )
}

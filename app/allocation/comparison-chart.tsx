import { useMessages } from '#app/i18n/use-messages.ts'
import { formatMoney } from '#app/money/money.ts'

type Row = { areaId: string; name: string; publishedCents: number | null; amounts: ({ totalCents: number } | null)[] }

/**
 * Horizontal bar chart, server-rendered HTML and CSS (no JavaScript): per wijk one bar for the
 * published amount and one per scenario. Screen readers get the same numbers as text per wijk; the
 * bars themselves are decoration. Series differ by pattern as well as colour.
 */
export function ComparisonChart({ rows, names, maxCents }: { rows: Row[]; names: string[]; maxCents: number }) {
  const m = useMessages()
  const pct = (cents: number) => `${Math.max(0, (cents / maxCents) * 100).toFixed(2)}%`
  const series = [m.scenarios.published, ...names]
  return (
    <figure className="bar-chart" aria-labelledby="chart-caption">
      <figcaption id="chart-caption">{m.scenarios.chartCaption}</figcaption>
      <ul className="bar-legend" aria-hidden="true">
        {series.map((name, i) => (
          <li key={name}>
            <span className={`bar-swatch bar-series-${i}`} /> {name}
          </li>
        ))}
      </ul>
      <ul className="bar-rows">
        {rows.map((row) => {
          const values = [row.publishedCents, ...row.amounts.map((a) => a?.totalCents ?? null)]
          return (
            <li key={row.areaId} className="bar-row">
              <span className="bar-label">{row.name}</span>
              <span className="visually-hidden">
                {values.map((v, i) => `${series[i]}: ${v === null ? '–' : formatMoney(v)}`).join('; ')}
              </span>
              <span className="bar-group" aria-hidden="true">
                {values.map((v, i) => (
                  <span key={i} className="bar-line">
                    <span className={`bar bar-series-${i}`} style={{ width: pct(v ?? 0) }} />
                    <span className="bar-value">{v === null ? '–' : formatMoney(v)}</span>
                  </span>
                ))}
              </span>
            </li>
          )
        })}
      </ul>
    </figure>
  )
}

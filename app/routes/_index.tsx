import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { getUser } from '#app/auth/session.server.ts'
import { HOME_BY_ROLE } from '#app/auth/permissions.ts'
import { fill } from '#app/i18n/i18n.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import { currentRound } from '#app/rounds/rounds.server.ts'

// Public page.
export async function loader({ request }: LoaderFunctionArgs) {
  const [user, round] = await Promise.all([getUser(request), currentRound()])
  return { home: user ? HOME_BY_ROLE[user.role] : null, year: round?.year ?? null }
}

export default function Home() {
  const { home, year } = useLoaderData<typeof loader>()
  const m = useMessages()
  return (
    <div className="home">
      <h1>{m.home.title}</h1>
      <p className="lead">{m.home.intro}</p>
      <div className="actions">
        {year ? (
          <Link className="button" to={`/verdeling/${year}`}>
            {fill(m.home.publicLink, { year })}
          </Link>
        ) : null}
        {year ? (
          <Link className="button button-secondary" to={`/open-boeken/${year}`}>
            {fill(m.reporting.homeLink, { year })}
          </Link>
        ) : null}
        {home ? (
          <Link className="button button-secondary" to={home}>
            {m.home.continueLink}
          </Link>
        ) : (
          <Link className="button button-secondary" to="/inloggen">
            {m.home.signInLink}
          </Link>
        )}
      </div>
      <h2>{m.home.howTitle}</h2>
      <ol className="steps">
        {m.home.how.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
    </div>
  )
}

import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import {
  Form,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react'
import { getUser } from '#app/auth/session.server.ts'
import { navFor } from '#app/auth/policy.ts'
import { currentRound } from '#app/rounds/rounds.server.ts'
import { getEnv } from '#app/env.server.ts'
import { messages, type Lang } from '#app/i18n/i18n.ts'
import { getLang } from '#app/i18n/lang.server.ts'
import { readToast } from '#app/ui/toast.server.ts'
import stylesUrl from '#app/ui/styles.css?url'
import { localMailboxEnabled } from '#app/mail/mailbox.server.ts'
import { useNonce } from '#app/web/nonce.tsx'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesUrl },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export const meta: MetaFunction = () => [{ title: 'Buurtbudget Amersfoort' }]

// The root loader is public (the home page and the public allocation pages need it); it only reveals
// who the visitor is to the visitor.
export async function loader({ request }: LoaderFunctionArgs) {
  const [user, lang, toast, round] = await Promise.all([
    getUser(request),
    getLang(request),
    readToast(request),
    currentRound(),
  ])
  const headers = new Headers()
  if (toast.setCookie) headers.append('Set-Cookie', toast.setCookie)
  return data(
    {
      lang,
      demo: getEnv().PORTAL_MODE === 'demo',
      mailbox: localMailboxEnabled(),
      toast: toast.message,
      // The public allocation of the newest round: no year is written into a page.
      publicYear: round?.year ?? null,
      user: user && {
        name: user.name,
        role: user.role,
        foundations: user.foundations.map((f) => f.name),
        // Each link asks the rule of the page it opens (app/auth/policy.ts), never the role itself.
        can: navFor(user),
        foundationId: user.foundations[0]?.id ?? null,
      },
    },
    { headers },
  )
}

export type RootData = Awaited<ReturnType<typeof loader>>['data']

export function Layout({ children }: { children: React.ReactNode }) {
  const root = useRouteLoaderData<typeof loader>('root')
  const lang: Lang = root?.lang ?? 'nl'
  const m = messages(lang)
  const location = useLocation()
  const user = root?.user
  const nonce = useNonce()
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#inhoud">
          {m.site.skip}
        </a>
        {root?.demo ? (
          <div className="demo-banner">
            {m.site.demo}
            {root.mailbox ? (
              <>
                {' '}
                <Link to="/mailbox">{m.mail.mailboxLink}</Link>
              </>
            ) : null}
          </div>
        ) : null}
        <header className="site-header">
          <div className="container header-row">
            <Link to="/" className="brand">
              <span className="brand-mark" aria-hidden="true">
                ◆
              </span>{' '}
              {m.site.name}
            </Link>
            <nav aria-label={m.nav.main} className="main-nav">
              <ul>
                {user?.can.applications ? (
                  <li>
                    <NavLink to="/aanvragen">{m.nav.applications}</NavLink>
                  </li>
                ) : null}
                {user?.can.review ? (
                  <li>
                    <NavLink to="/beoordelen">{m.nav.review}</NavLink>
                  </li>
                ) : null}
                {user?.can.allocation ? (
                  <li>
                    <NavLink to="/beheer/verdeling">{m.nav.allocation}</NavLink>
                  </li>
                ) : null}
                {user?.can.audit ? (
                  <li>
                    <NavLink to="/controle">{m.nav.audit}</NavLink>
                  </li>
                ) : null}
                {user?.foundationId ? (
                  <li>
                    <NavLink to={`/stichting/${user.foundationId}`}>{m.nav.foundation}</NavLink>
                  </li>
                ) : null}
                {user?.can.foundations ? (
                  <li>
                    <NavLink to="/beheer/stichtingen">{m.nav.foundations}</NavLink>
                  </li>
                ) : null}
                {user?.can.staff ? (
                  <li>
                    <NavLink to="/beheer/medewerkers">{m.nav.staff}</NavLink>
                  </li>
                ) : null}
                {user?.can.mail ? (
                  <li>
                    <NavLink to="/beheer/mail">{m.mail.nav}</NavLink>
                  </li>
                ) : null}
                {user?.can.rounds ? (
                  <li>
                    <NavLink to="/beheer/rondes">{m.intake.roundsTitle}</NavLink>
                  </li>
                ) : null}
                {root?.publicYear ? (
                  <li>
                    <NavLink to={`/verdeling/${root.publicYear}`}>{m.nav.publicAllocation}</NavLink>
                  </li>
                ) : null}
              </ul>
            </nav>
            <div className="header-tools">
              <Form method="post" action="/taal" className="inline-form">
                <input type="hidden" name="lang" value={lang === 'nl' ? 'en' : 'nl'} />
                <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
                <button type="submit" className="link-button" lang={lang === 'nl' ? 'en' : 'nl'}>
                  {m.site.otherLanguage}
                </button>
              </Form>
              {user ? (
                <>
                  <span className="who">
                    {m.nav.signedInAs}{' '}
                    <Link to="/account">
                      <strong>{user.name}</strong>
                    </Link>{' '}
                    ({m.roles[user.role]}
                    {user.foundations.length ? `, ${user.foundations.join(', ')}` : ''})
                  </span>
                  <Form method="post" action="/uitloggen" className="inline-form">
                    <button type="submit" className="button button-secondary button-small">
                      {m.nav.signOut}
                    </button>
                  </Form>
                </>
              ) : (
                <Link to="/inloggen" className="button button-secondary button-small">
                  {m.nav.signIn}
                </Link>
              )}
            </div>
          </div>
        </header>
        <main id="inhoud" className="container" tabIndex={-1}>
          {root?.toast ? (
            <div className="alert alert-success" role="status">
              {root.toast}
            </div>
          ) : null}
          {children}
        </main>
        <footer className="site-footer">
          <div className="container">{m.site.footer}</div>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

export default function App() {
  return <Outlet />
}

/** One error boundary for the whole portal: expected statuses get their own message, never a stack trace. */
export function ErrorBoundary() {
  const error = useRouteError()
  const root = useRouteLoaderData<typeof loader>('root')
  const m = messages(root?.lang ?? 'nl')
  const status = isRouteErrorResponse(error) ? error.status : 500
  const text = status in m.errors ? m.errors[status as 403 | 404 | 409 | 413] : m.errors.other
  return (
    <div className="error-page">
      <h1>{m.errors.title}</h1>
      <p>{text}</p>
      <p>
        <Link to="/">{m.errors.home}</Link>
      </p>
    </div>
  )
}

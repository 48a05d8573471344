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
import { useMessages } from '#app/i18n/use-messages.ts'
import { chosenLang } from '#app/i18n/lang.server.ts'
import { readToast } from '#app/ui/toast.server.ts'
import nldsUrl from '@utrecht/component-library-css/dist/index.css?url'
import themeUrl from '#app/ui/theme-amersfoort.css?url'
import stylesUrl from '#app/ui/styles.css?url'
import { localMailboxEnabled } from '#app/mail/mailbox.server.ts'
import { useNonce } from '#app/web/nonce.tsx'
import { langOf } from '#app/ui/meta.ts'
import { Alert } from '#app/ui/nlds.tsx'

export const links: LinksFunction = () => [
  // NL Design System components, then the municipality's tokens, then the portal's own layout.
  { rel: 'stylesheet', href: nldsUrl },
  { rel: 'stylesheet', href: themeUrl },
  { rel: 'stylesheet', href: stylesUrl },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export const meta: MetaFunction = ({ matches }) => [{ title: messages(langOf(matches)).site.name }]

// The root loader is public (the home page and the public allocation pages need it); it only reveals
// who the visitor is to the visitor.
export async function loader({ request }: LoaderFunctionArgs) {
  const [user, chosen, toast, round] = await Promise.all([
    getUser(request),
    chosenLang(request),
    readToast(request),
    currentRound(),
  ])
  // The switch's cookie wins; without one, a signed-in user sees the language stored for them.
  const lang: Lang = chosen ?? user?.lang ?? 'nl'
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
        foundations: user.foundations.map((f) => ({ name: f.name, role: f.role })),
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
                {/* money (issue 11): the payment batches */}
                {user?.can.review ? (
                  <li>
                    <NavLink to="/beoordelen/betalingen">{m.grants.ui.batchesNav}</NavLink>
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
                {user?.can.handOver ? (
                  <li>
                    <NavLink to="/beheer/overdragen">{m.nav.handOver}</NavLink>
                  </li>
                ) : null}
                {user?.can.indicators ? (
                  <li>
                    <NavLink to="/beheer/indicatoren">{m.nav.indicators}</NavLink>
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
                    (
                    {user.foundations.length
                      ? user.foundations.map((f) => `${m.memberRolesShort[f.role]}, ${f.name}`).join('; ')
                      : m.roles[user.role]}
                    )
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
            <Alert type="ok" role="status">
              {root.toast}
            </Alert>
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

/**
 * One error boundary for the whole portal, inside the normal layout (language, sign-in state, demo
 * banner from the root loader): a page per status, never a stack trace.
 */
export function ErrorBoundary() {
  const error = useRouteError()
  const m = useMessages()
  const status = isRouteErrorResponse(error) ? error.status : 500
  const known = [403, 404, 409, 413, 503] as const
  const kind = (known as readonly number[]).includes(status) ? (status as (typeof known)[number]) : null
  const heading = kind ? m.statusPages[kind] : m.statusPages.other
  const text = kind === 503 ? m.statusPages.unavailable : kind ? m.errors[kind] : m.errors.other
  return (
    <div className="error-page">
      <title>{`${heading} – ${m.site.name}`}</title>
      <h1>{heading}</h1>
      <p>{text}</p>
      <p>
        <Link to="/">{m.errors.home}</Link>
      </p>
    </div>
  )
}

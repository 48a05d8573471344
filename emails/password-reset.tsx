import { Layout, P, Action, FALLBACK } from './components/layout.tsx'
import { absoluteUrl, defineMail, isoDateTime, text } from './components/define.ts'
import { formatMailDateTime } from './components/format.ts'
import { z } from 'zod'

/** A link to choose a new password; single-use and short-lived. */
export default defineMail({
  name: 'password-reset',
  description: { nl: 'Link om een nieuw wachtwoord te kiezen', en: 'Link to choose a new password' },
  schema: z.object({ name: text, url: absoluteUrl, expiresAt: isoDateTime }),
  subject: (lang) => (lang === 'nl' ? 'Nieuw wachtwoord voor het Buurtbudget' : 'New password for the Buurtbudget'),
  render: (lang, d) =>
    lang === 'nl' ? (
      <Layout lang={lang} title="Kies een nieuw wachtwoord" preview="U vroeg om een nieuw wachtwoord">
        <P>Beste {d.name},</P>
        <P>Iemand (hopelijk u) vroeg om een nieuw wachtwoord voor uw account bij het Buurtbudget.</P>
        <Action href={d.url} label="Nieuw wachtwoord kiezen" fallback={FALLBACK.nl} />
        <P>
          De link werkt één keer en is geldig tot {formatMailDateTime('nl', d.expiresAt)}. Vroeg u niets aan? Dan blijft
          uw wachtwoord zoals het is en kunt u deze e-mail negeren.
        </P>
      </Layout>
    ) : (
      <Layout lang={lang} title="Choose a new password" preview="You asked for a new password">
        <P>Dear {d.name},</P>
        <P>Someone (hopefully you) asked for a new password for your Buurtbudget account.</P>
        <Action href={d.url} label="Choose a new password" fallback={FALLBACK.en} />
        <P>
          The link works once and is valid until {formatMailDateTime('en', d.expiresAt)}. Did you not ask for this? Then
          your password stays as it is and you can ignore this e-mail.
        </P>
      </Layout>
    ),
  samples: [
    {
      name: 'Joost de Vries',
      url: 'http://localhost:3000/wachtwoord-herstellen/voorbeeld-token',
      expiresAt: '2026-11-26T13:00:00+01:00',
    },
  ],
})

import { Layout, P, Action, FALLBACK } from './components/layout.tsx'
import { absoluteUrl, defineMail, isoDateTime, text } from './components/define.ts'
import { formatMailDateTime } from './components/format.ts'
import { z } from 'zod'

/** Confirms that an e-mail address belongs to the person who entered it; single-use, expiring link. */
export default defineMail({
  name: 'email-verification',
  description: { nl: 'Bevestiging van een e-mailadres', en: 'Confirmation of an e-mail address' },
  schema: z.object({ name: text, url: absoluteUrl, expiresAt: isoDateTime }),
  subject: (lang) =>
    lang === 'nl' ? 'Bevestig uw e-mailadres voor het Buurtbudget' : 'Confirm your e-mail address for the Buurtbudget',
  render: (lang, d) =>
    lang === 'nl' ? (
      <Layout lang={lang} title="Bevestig uw e-mailadres" preview="Nog één stap: bevestig uw e-mailadres">
        <P>Beste {d.name},</P>
        <P>Bevestig uw e-mailadres, dan weten we zeker dat berichten over uw aanvragen bij u aankomen.</P>
        <Action href={d.url} label="E-mailadres bevestigen" fallback={FALLBACK.nl} />
        <P>De link werkt één keer en is geldig tot {formatMailDateTime('nl', d.expiresAt)}.</P>
      </Layout>
    ) : (
      <Layout lang={lang} title="Confirm your e-mail address" preview="One more step: confirm your e-mail address">
        <P>Dear {d.name},</P>
        <P>Please confirm your e-mail address, so we know that messages about your applications reach you.</P>
        <Action href={d.url} label="Confirm e-mail address" fallback={FALLBACK.en} />
        <P>The link works once and is valid until {formatMailDateTime('en', d.expiresAt)}.</P>
      </Layout>
    ),
  samples: [
    {
      name: 'Joost de Vries',
      url: 'http://localhost:3000/e-mail-bevestigen/voorbeeld-token',
      expiresAt: '2026-11-27T12:00:00+01:00',
    },
  ],
})

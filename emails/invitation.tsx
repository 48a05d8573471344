import { Layout, P, Action, FALLBACK } from './components/layout.tsx'
import { absoluteUrl, defineMail, isoDateTime, text } from './components/define.ts'
import { formatMailDateTime } from './components/format.ts'
import { z } from 'zod'

/** Invitation to join a foundation's account; the link is single-use and expires. */
export default defineMail({
  name: 'invitation',
  description: {
    nl: 'Uitnodiging om lid te worden van een stichting in het portaal',
    en: 'Invitation to join a foundation in the portal',
  },
  schema: z.object({ inviterName: text, foundationName: text, url: absoluteUrl, expiresAt: isoDateTime }),
  subject: (lang, d) =>
    lang === 'nl'
      ? `Uitnodiging: werk mee aan de aanvragen van ${d.foundationName}`
      : `Invitation: work on the applications of ${d.foundationName}`,
  render: (lang, d) =>
    lang === 'nl' ? (
      <Layout lang={lang} title="U bent uitgenodigd" preview={`${d.inviterName} nodigt u uit voor ${d.foundationName}`}>
        <P>Beste lezer,</P>
        <P>
          {d.inviterName} nodigt u uit om in het Buurtbudget-portaal mee te werken aan de aanvragen van{' '}
          {d.foundationName}.
        </P>
        <Action href={d.url} label="Uitnodiging aannemen" fallback={FALLBACK.nl} />
        <P>
          De link werkt één keer en is geldig tot {formatMailDateTime('nl', d.expiresAt)}. Verwachtte u deze uitnodiging
          niet? Dan kunt u deze e-mail negeren.
        </P>
      </Layout>
    ) : (
      <Layout lang={lang} title="You are invited" preview={`${d.inviterName} invites you to ${d.foundationName}`}>
        <P>Dear reader,</P>
        <P>
          {d.inviterName} invites you to work on the applications of {d.foundationName} in the Buurtbudget portal.
        </P>
        <Action href={d.url} label="Accept the invitation" fallback={FALLBACK.en} />
        <P>
          The link works once and is valid until {formatMailDateTime('en', d.expiresAt)}. Not expecting this invitation?
          Then you can ignore this e-mail.
        </P>
      </Layout>
    ),
  samples: [
    {
      inviterName: 'Fatima el Amrani',
      foundationName: 'Stichting Hoogland Leeft',
      url: 'http://localhost:3000/uitnodiging/voorbeeld-token',
      expiresAt: '2026-12-03T12:00:00+01:00',
    },
  ],
})

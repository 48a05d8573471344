import { Layout, P, Action, Facts, FALLBACK } from './components/layout.tsx'
import { absoluteUrl, cents, defineMail, text } from './components/define.ts'
import { formatMailMoney } from './components/format.ts'
import { z } from 'zod'

/** Four-eyes principle: an approval above the round's threshold waits for a second reviewer. */
export default defineMail({
  name: 'second-approval-needed',
  description: {
    nl: 'Verzoek aan een tweede beoordelaar om een toekenning boven de drempel mee te tekenen',
    en: 'Request to a second reviewer to co-approve an award above the threshold',
  },
  schema: z.object({
    reviewerName: text,
    requestedByName: text,
    reference: text,
    title: text,
    areaName: text,
    amountCents: cents,
    url: absoluteUrl,
  }),
  subject: (lang, d) =>
    lang === 'nl'
      ? `Tweede akkoord nodig: ${d.reference} (${formatMailMoney(d.amountCents)})`
      : `Second approval needed: ${d.reference} (${formatMailMoney(d.amountCents)})`,
  render: (lang, d) =>
    lang === 'nl' ? (
      <Layout
        lang={lang}
        title="Uw tweede akkoord is nodig"
        preview={`${d.requestedByName} wil ${formatMailMoney(d.amountCents)} toekennen`}
      >
        <P>Beste {d.reviewerName},</P>
        <P>
          {d.requestedByName} wil een bedrag toekennen boven de drempel van deze ronde. Volgens het vier-ogenprincipe
          gaat de toekenning pas in als een tweede beoordelaar akkoord geeft.
        </P>
        <Facts
          items={[
            ['Kenmerk', d.reference],
            ['Initiatief', d.title],
            ['Wijk', d.areaName],
            ['Bedrag', formatMailMoney(d.amountCents)],
          ]}
        />
        <Action href={d.url} label="Toekenning beoordelen" fallback={FALLBACK.nl} />
      </Layout>
    ) : (
      <Layout
        lang={lang}
        title="Your second approval is needed"
        preview={`${d.requestedByName} wants to award ${formatMailMoney(d.amountCents)}`}
      >
        <P>Dear {d.reviewerName},</P>
        <P>
          {d.requestedByName} wants to award an amount above this round's threshold. Under the four-eyes principle the
          award only takes effect when a second reviewer approves.
        </P>
        <Facts
          items={[
            ['Reference', d.reference],
            ['Initiative', d.title],
            ['Wijk', d.areaName],
            ['Amount', formatMailMoney(d.amountCents)],
          ]}
        />
        <Action href={d.url} label="Review the award" fallback={FALLBACK.en} />
      </Layout>
    ),
  samples: [
    {
      reviewerName: 'Pieter Bakker',
      requestedByName: 'Sanne Jansen',
      reference: 'BB-2026-0007',
      title: 'Kunstroute Hoogland',
      areaName: 'Hoogland',
      amountCents: 320000,
      url: 'http://localhost:3000/beoordelen/voorbeeld',
    },
  ],
})

import { Layout, P, Action, Facts, FALLBACK } from './components/layout.tsx'
import { absoluteUrl, cents, defineMail, isoDate, text } from './components/define.ts'
import { formatMailDate, formatMailMoney } from './components/format.ts'
import { z } from 'zod'

const common = {
  name: text,
  reference: text,
  title: text,
  requestedCents: cents,
  decidedOn: isoDate,
  objectionDeadline: isoDate,
  url: absoluteUrl,
}

/** The decision (beschikking): awarded (in full or in part) or rejected, with the objection term. The letter is attached as PDF when there is one. */
export default defineMail({
  name: 'decision',
  description: {
    nl: 'Besluit op een aanvraag (toekenning of afwijzing), met bezwaartermijn; de beschikking als PDF-bijlage',
    en: 'Decision on an application (award or rejection), with objection term; the decision letter as PDF attachment',
  },
  schema: z.discriminatedUnion('outcome', [
    z.object({ outcome: z.literal('awarded'), awardedCents: cents, ...common }),
    z.object({ outcome: z.literal('rejected'), reason: text, ...common }),
  ]),
  subject: (lang, d) =>
    lang === 'nl'
      ? `Besluit op uw aanvraag ${d.reference}: ${d.outcome === 'awarded' ? 'toegekend' : 'afgewezen'}`
      : `Decision on your application ${d.reference}: ${d.outcome === 'awarded' ? 'awarded' : 'rejected'}`,
  render: (lang, d) => {
    const facts: [string, string][] =
      lang === 'nl'
        ? [
            ['Kenmerk', d.reference],
            ['Initiatief', d.title],
            ['Gevraagd', formatMailMoney(d.requestedCents)],
          ]
        : [
            ['Reference', d.reference],
            ['Initiative', d.title],
            ['Requested', formatMailMoney(d.requestedCents)],
          ]
    if (d.outcome === 'awarded') facts.push([lang === 'nl' ? 'Toegekend' : 'Awarded', formatMailMoney(d.awardedCents)])
    facts.push([lang === 'nl' ? 'Besluit genomen op' : 'Decided on', formatMailDate(lang, d.decidedOn)])
    return lang === 'nl' ? (
      <Layout
        lang={lang}
        title={d.outcome === 'awarded' ? 'Uw aanvraag is toegekend' : 'Uw aanvraag is afgewezen'}
        preview={`Besluit op ${d.reference}`}
      >
        <P>Beste {d.name},</P>
        {d.outcome === 'awarded' ? (
          <P>
            Goed nieuws: de gemeente kent {formatMailMoney(d.awardedCents)} toe voor {d.title}
            {d.awardedCents < d.requestedCents ? ', minder dan het gevraagde bedrag' : ''}. Het voorschot wordt
            binnenkort betaald.
          </P>
        ) : (
          <P>
            De gemeente kent voor {d.title} geen subsidie toe. De reden: {d.reason}
          </P>
        )}
        <Facts items={facts} />
        <P>
          Het formele besluit (de beschikking) vindt u in de bijlage en in het portaal. Bent u het niet eens met dit
          besluit? Dan kunt u tot en met {formatMailDate('nl', d.objectionDeadline)} bezwaar maken (6 weken na de
          verzending van dit besluit).
        </P>
        <Action href={d.url} label="Besluit bekijken" fallback={FALLBACK.nl} />
      </Layout>
    ) : (
      <Layout
        lang={lang}
        title={d.outcome === 'awarded' ? 'Your application has been awarded' : 'Your application has been rejected'}
        preview={`Decision on ${d.reference}`}
      >
        <P>Dear {d.name},</P>
        {d.outcome === 'awarded' ? (
          <P>
            Good news: the municipality awards {formatMailMoney(d.awardedCents)} for {d.title}
            {d.awardedCents < d.requestedCents ? ', less than the amount requested' : ''}. The advance will be paid
            soon.
          </P>
        ) : (
          <P>
            The municipality does not award a grant for {d.title}. The reason: {d.reason}
          </P>
        )}
        <Facts items={facts} />
        <P>
          The formal decision letter is attached and available in the portal. Do you disagree with this decision? You
          can object until and including {formatMailDate('en', d.objectionDeadline)} (6 weeks after this decision was
          sent).
        </P>
        <Action href={d.url} label="View decision" fallback={FALLBACK.en} />
      </Layout>
    )
  },
  samples: [
    {
      outcome: 'awarded',
      name: 'Fatima el Amrani',
      reference: 'BB-2026-0007',
      title: 'Kunstroute Hoogland',
      requestedCents: 245000,
      awardedCents: 200000,
      decidedOn: '2026-11-26',
      objectionDeadline: '2027-01-07',
      url: 'http://localhost:3000/aanvragen/voorbeeld',
    },
    {
      outcome: 'rejected',
      name: 'Fatima el Amrani',
      reference: 'BB-2026-0008',
      title: 'Buurtfeest Zielhorst',
      requestedCents: 90000,
      reason: 'Het initiatief valt buiten de periode van de budgetronde.',
      decidedOn: '2026-11-26',
      objectionDeadline: '2027-01-07',
      url: 'http://localhost:3000/aanvragen/voorbeeld',
    },
  ],
})

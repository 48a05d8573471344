import { Layout, P, Action, Facts, FALLBACK } from './components/layout.tsx'
import { absoluteUrl, cents, defineMail, isoDate, text } from './components/define.ts'
import { formatMailDate, formatMailMoney } from './components/format.ts'
import { z } from 'zod'

const OUTCOME = {
  nl: {
    FOUNDED: 'gegrond',
    PARTLY_FOUNDED: 'gedeeltelijk gegrond',
    UNFOUNDED: 'ongegrond',
    INADMISSIBLE: 'niet-ontvankelijk',
  },
  en: {
    FOUNDED: 'founded',
    PARTLY_FOUNDED: 'partly founded',
    UNFOUNDED: 'unfounded',
    INADMISSIBLE: 'inadmissible',
  },
} as const

/** The decision on an objection (beslissing op bezwaar), with the appeal term; the letter is attached as PDF. */
export default defineMail({
  name: 'objection-decision',
  description: {
    nl: 'Beslissing op bezwaar (gegrond, ongegrond of niet-ontvankelijk), met beroepstermijn; de brief als PDF-bijlage',
    en: 'Decision on an objection (founded, unfounded or inadmissible), with the appeal term; the letter as PDF attachment',
  },
  schema: z.object({
    name: text,
    reference: text,
    title: text,
    outcome: z.enum(['FOUNDED', 'PARTLY_FOUNDED', 'UNFOUNDED', 'INADMISSIBLE']),
    decidedOn: isoDate,
    /** Founded with an award: the new amount. */
    awardedCents: cents.optional(),
    appealDeadline: isoDate,
    url: absoluteUrl,
  }),
  subject: (lang, d) =>
    lang === 'nl'
      ? `Beslissing op uw bezwaar ${d.reference}: ${OUTCOME.nl[d.outcome]}`
      : `Decision on your objection ${d.reference}: ${OUTCOME.en[d.outcome]}`,
  render: (lang, d) => {
    const replaced = d.outcome === 'FOUNDED' || d.outcome === 'PARTLY_FOUNDED'
    return lang === 'nl' ? (
      <Layout lang={lang} title={`Uw bezwaar is ${OUTCOME.nl[d.outcome]}`} preview={`${d.reference}: ${d.title}`}>
        <P>Beste {d.name},</P>
        <P>
          Wij hebben op {formatMailDate('nl', d.decidedOn)} beslist op het bezwaar tegen ons besluit over de aanvraag{' '}
          {d.reference} ({d.title}). Het bezwaar is {OUTCOME.nl[d.outcome]}.{' '}
          {replaced
            ? 'Een nieuw besluit vervangt het eerdere besluit; de brief met het nieuwe besluit zit als PDF in de bijlage en staat in het portaal.'
            : 'Het eerdere besluit blijft in stand. De brief met onze motivering zit als PDF in de bijlage en staat in het portaal.'}
        </P>
        <Facts
          items={[
            ['Kenmerk', d.reference],
            ['Beslissing', OUTCOME.nl[d.outcome]],
            ...(d.awardedCents !== undefined
              ? [['Nieuw bedrag', formatMailMoney(d.awardedCents)] as [string, string]]
              : []),
            ['Beroep mogelijk tot en met', formatMailDate('nl', d.appealDeadline)],
          ]}
        />
        <Action href={d.url} label="Aanvraag en brieven bekijken" fallback={FALLBACK.nl} />
      </Layout>
    ) : (
      <Layout lang={lang} title={`Your objection is ${OUTCOME.en[d.outcome]}`} preview={`${d.reference}: ${d.title}`}>
        <P>Dear {d.name},</P>
        <P>
          On {formatMailDate('en', d.decidedOn)} we decided on the objection against our decision on the application{' '}
          {d.reference} ({d.title}). The objection is {OUTCOME.en[d.outcome]}.{' '}
          {replaced
            ? 'A new decision replaces the earlier one; the letter with the new decision is attached as a PDF and is in the portal.'
            : 'The earlier decision stands. The letter with our reasons is attached as a PDF and is in the portal.'}
        </P>
        <Facts
          items={[
            ['Reference', d.reference],
            ['Outcome', OUTCOME.en[d.outcome]],
            ...(d.awardedCents !== undefined
              ? [['New amount', formatMailMoney(d.awardedCents)] as [string, string]]
              : []),
            ['Appeal possible until', formatMailDate('en', d.appealDeadline)],
          ]}
        />
        <Action href={d.url} label="View application and letters" fallback={FALLBACK.en} />
      </Layout>
    )
  },
  samples: [
    {
      name: 'Fatima El Amrani',
      reference: 'BB-2026-0004',
      title: 'Burendag-barbecue Nieuwland',
      outcome: 'FOUNDED',
      decidedOn: '2026-11-26',
      awardedCents: 150000,
      appealDeadline: '2027-01-07',
      url: 'http://localhost:3000/aanvragen/voorbeeld',
    },
    {
      name: 'Fatima El Amrani',
      reference: 'BB-2026-0004',
      title: 'Burendag-barbecue Nieuwland',
      outcome: 'UNFOUNDED',
      decidedOn: '2026-11-26',
      appealDeadline: '2027-01-07',
      url: 'http://localhost:3000/aanvragen/voorbeeld',
    },
  ],
})

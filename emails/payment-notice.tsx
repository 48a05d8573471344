import { Layout, P, Action, Facts, FALLBACK } from './components/layout.tsx'
import { absoluteUrl, cents, defineMail, isoDate, text } from './components/define.ts'
import { formatMailDate, formatMailMoney } from './components/format.ts'
import { z } from 'zod'

/** Notice that the municipality has paid (an advance on) a grant. */
export default defineMail({
  name: 'payment-notice',
  description: {
    nl: 'Betaalbericht: de gemeente heeft (een voorschot op) de subsidie betaald',
    en: 'Payment notice: the municipality has paid (an advance on) the grant',
  },
  schema: z.object({
    name: text,
    reference: text,
    title: text,
    amountCents: cents,
    paidOn: isoDate,
    description: text,
    accountEnding: text,
    url: absoluteUrl,
  }),
  subject: (lang, d) =>
    lang === 'nl'
      ? `Betaald: ${formatMailMoney(d.amountCents)} voor ${d.reference}`
      : `Paid: ${formatMailMoney(d.amountCents)} for ${d.reference}`,
  render: (lang, d) =>
    lang === 'nl' ? (
      <Layout
        lang={lang}
        title="De gemeente heeft betaald"
        preview={`${formatMailMoney(d.amountCents)} voor ${d.title}`}
      >
        <P>Beste {d.name},</P>
        <P>
          De gemeente heeft een betaling gedaan voor {d.title}. Het geld staat binnen enkele werkdagen op de rekening
          die eindigt op {d.accountEnding}.
        </P>
        <Facts
          items={[
            ['Kenmerk', d.reference],
            ['Bedrag', formatMailMoney(d.amountCents)],
            ['Betaaldatum', formatMailDate('nl', d.paidOn)],
            ['Omschrijving', d.description],
          ]}
        />
        <P>Bewaar de bonnen van uw uitgaven: u hebt ze nodig voor de verantwoording.</P>
        <Action href={d.url} label="Aanvraag bekijken" fallback={FALLBACK.nl} />
      </Layout>
    ) : (
      <Layout
        lang={lang}
        title="The municipality has paid"
        preview={`${formatMailMoney(d.amountCents)} for ${d.title}`}
      >
        <P>Dear {d.name},</P>
        <P>
          The municipality has made a payment for {d.title}. The money will be in the account ending in{' '}
          {d.accountEnding} within a few working days.
        </P>
        <Facts
          items={[
            ['Reference', d.reference],
            ['Amount', formatMailMoney(d.amountCents)],
            ['Payment date', formatMailDate('en', d.paidOn)],
            ['Description', d.description],
          ]}
        />
        <P>Keep the receipts of your expenses: you need them for the final report.</P>
        <Action href={d.url} label="View application" fallback={FALLBACK.en} />
      </Layout>
    ),
  samples: [
    {
      name: 'Fatima el Amrani',
      reference: 'BB-2026-0007',
      title: 'Kunstroute Hoogland',
      amountCents: 160000,
      paidOn: '2026-11-26',
      description: 'Voorschot 80%',
      accountEnding: '4300',
      url: 'http://localhost:3000/aanvragen/voorbeeld',
    },
  ],
})

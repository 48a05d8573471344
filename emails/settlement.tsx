import { Layout, P, Action, Facts, FALLBACK } from './components/layout.tsx'
import { absoluteUrl, cents, defineMail, isoDate, text } from './components/define.ts'
import { formatMailDate, formatMailMoney } from './components/format.ts'
import { z } from 'zod'

/** Settlement (vaststelling): the final amount, and what is still paid or must be paid back. */
export default defineMail({
  name: 'settlement',
  description: {
    nl: 'Vaststelling: het definitieve subsidiebedrag, met nabetaling of terugvordering',
    en: 'Settlement: the final grant amount, with any further payment or recovery',
  },
  schema: z.object({
    name: text,
    reference: text,
    title: text,
    awardedCents: cents,
    paidCents: cents,
    finalCents: cents,
    settledOn: isoDate,
    objectionDeadline: isoDate,
    url: absoluteUrl,
  }),
  subject: (lang, d) =>
    lang === 'nl' ? `Vaststelling van uw subsidie ${d.reference}` : `Settlement of your grant ${d.reference}`,
  render: (lang, d) => {
    const difference = d.finalCents - d.paidCents
    const nl = lang === 'nl'
    const outcome =
      difference > 0
        ? nl
          ? `U ontvangt nog ${formatMailMoney(difference)}.`
          : `You will receive a further ${formatMailMoney(difference)}.`
        : difference < 0
          ? nl
            ? `U hebt ${formatMailMoney(-difference)} te veel ontvangen; dat bedrag vorderen we terug. U krijgt daarover een apart bericht.`
            : `You received ${formatMailMoney(-difference)} too much; we will recover that amount. You will receive a separate message about it.`
          : nl
            ? 'Er hoeft niets meer betaald of terugbetaald te worden.'
            : 'Nothing more needs to be paid or paid back.'
    return (
      <Layout lang={lang} title={nl ? 'Uw subsidie is vastgesteld' : 'Your grant has been settled'} preview={outcome}>
        <P>{nl ? `Beste ${d.name},` : `Dear ${d.name},`}</P>
        <P>
          {nl
            ? `We hebben de verantwoording van ${d.title} gecontroleerd en de subsidie definitief vastgesteld.`
            : `We have checked the report for ${d.title} and settled the grant.`}
        </P>
        <Facts
          items={[
            [nl ? 'Kenmerk' : 'Reference', d.reference],
            [nl ? 'Toegekend' : 'Awarded', formatMailMoney(d.awardedCents)],
            [nl ? 'Betaald' : 'Paid', formatMailMoney(d.paidCents)],
            [nl ? 'Vastgesteld bedrag' : 'Final amount', formatMailMoney(d.finalCents)],
            [nl ? 'Vastgesteld op' : 'Settled on', formatMailDate(lang, d.settledOn)],
          ]}
        />
        <P>{outcome}</P>
        <P>
          {nl
            ? `Bezwaar maken kan tot en met ${formatMailDate('nl', d.objectionDeadline)}.`
            : `You can object until and including ${formatMailDate('en', d.objectionDeadline)}.`}
        </P>
        <Action href={d.url} label={nl ? 'Vaststelling bekijken' : 'View settlement'} fallback={FALLBACK[lang]} />
      </Layout>
    )
  },
  samples: [
    {
      name: 'Fatima el Amrani',
      reference: 'BB-2026-0007',
      title: 'Kunstroute Hoogland',
      awardedCents: 200000,
      paidCents: 160000,
      finalCents: 187550,
      settledOn: '2026-11-26',
      objectionDeadline: '2027-01-07',
      url: 'http://localhost:3000/aanvragen/voorbeeld',
    },
    {
      name: 'Fatima el Amrani',
      reference: 'BB-2026-0008',
      title: 'Opruimactie Zielhorst',
      awardedCents: 50000,
      paidCents: 50000,
      finalCents: 42010,
      settledOn: '2026-11-26',
      objectionDeadline: '2027-01-07',
      url: 'http://localhost:3000/aanvragen/voorbeeld',
    },
  ],
})

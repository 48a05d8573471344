import { Layout, P, Action, Facts, FALLBACK } from './components/layout.tsx'
import { absoluteUrl, defineMail, isoDate, text } from './components/define.ts'
import { formatMailDate } from './components/format.ts'
import { z } from 'zod'

/** Reminder that the final report (verantwoording) is due. */
export default defineMail({
  name: 'report-reminder',
  description: {
    nl: 'Herinnering: de verantwoording moet binnenkort binnen zijn',
    en: 'Reminder: the final report is due soon',
  },
  schema: z.object({ name: text, reference: text, title: text, reportDueOn: isoDate, url: absoluteUrl }),
  subject: (lang, d) =>
    lang === 'nl'
      ? `Herinnering: verantwoording ${d.reference} uiterlijk ${formatMailDate('nl', d.reportDueOn)}`
      : `Reminder: report for ${d.reference} due ${formatMailDate('en', d.reportDueOn)}`,
  render: (lang, d) =>
    lang === 'nl' ? (
      <Layout
        lang={lang}
        title="Uw verantwoording is bijna verschuldigd"
        preview={`Verantwoording uiterlijk ${formatMailDate('nl', d.reportDueOn)}`}
      >
        <P>Beste {d.name},</P>
        <P>
          {d.title} is afgelopen. Laat ons weten wat u hebt gedaan en waaraan het geld is uitgegeven, met de bonnen
          erbij.
        </P>
        <Facts
          items={[
            ['Kenmerk', d.reference],
            ['Uiterlijk op', formatMailDate('nl', d.reportDueOn)],
          ]}
        />
        <Action href={d.url} label="Verantwoording invullen" fallback={FALLBACK.nl} />
      </Layout>
    ) : (
      <Layout
        lang={lang}
        title="Your final report is due soon"
        preview={`Report due ${formatMailDate('en', d.reportDueOn)}`}
      >
        <P>Dear {d.name},</P>
        <P>{d.title} has ended. Let us know what you did and what the money was spent on, with the receipts.</P>
        <Facts
          items={[
            ['Reference', d.reference],
            ['Due no later than', formatMailDate('en', d.reportDueOn)],
          ]}
        />
        <Action href={d.url} label="Fill in the report" fallback={FALLBACK.en} />
      </Layout>
    ),
  samples: [
    {
      name: 'Fatima el Amrani',
      reference: 'BB-2026-0007',
      title: 'Kunstroute Hoogland',
      reportDueOn: '2026-12-24',
      url: 'http://localhost:3000/aanvragen/voorbeeld',
    },
  ],
})

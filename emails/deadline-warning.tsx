import { Layout, P, Action, Facts, FALLBACK } from './components/layout.tsx'
import { absoluteUrl, defineMail, isoDate, text } from './components/define.ts'
import { formatMailDate } from './components/format.ts'
import { z } from 'zod'

/** Warning to a reviewer that the legal decision term of an application is about to pass. */
export default defineMail({
  name: 'deadline-warning',
  description: {
    nl: 'Waarschuwing aan een beoordelaar: de beslistermijn verloopt bijna',
    en: 'Warning to a reviewer: the decision term is about to pass',
  },
  schema: z.object({
    reviewerName: text,
    reference: text,
    title: text,
    areaName: text,
    decisionDueOn: isoDate,
    daysLeft: z.number().int().min(0),
    url: absoluteUrl,
  }),
  subject: (lang, d) =>
    lang === 'nl'
      ? `Beslistermijn ${d.reference} verloopt op ${formatMailDate('nl', d.decisionDueOn)}`
      : `Decision term ${d.reference} ends on ${formatMailDate('en', d.decisionDueOn)}`,
  render: (lang, d) =>
    lang === 'nl' ? (
      <Layout
        lang={lang}
        title={`Nog ${d.daysLeft} ${d.daysLeft === 1 ? 'dag' : 'dagen'} om te beslissen`}
        preview={`${d.title} in ${d.areaName}`}
      >
        <P>Beste {d.reviewerName},</P>
        <P>
          Over de aanvraag {d.reference} ({d.title}, {d.areaName}) moet uiterlijk op{' '}
          {formatMailDate('nl', d.decisionDueOn)} besloten zijn. Wordt de termijn overschreden, dan kan de stichting de
          gemeente in gebreke stellen.
        </P>
        <Facts
          items={[
            ['Kenmerk', d.reference],
            ['Wijk', d.areaName],
            ['Uiterste beslisdatum', formatMailDate('nl', d.decisionDueOn)],
          ]}
        />
        <Action href={d.url} label="Aanvraag beoordelen" fallback={FALLBACK.nl} />
      </Layout>
    ) : (
      <Layout
        lang={lang}
        title={`${d.daysLeft} ${d.daysLeft === 1 ? 'day' : 'days'} left to decide`}
        preview={`${d.title} in ${d.areaName}`}
      >
        <P>Dear {d.reviewerName},</P>
        <P>
          The application {d.reference} ({d.title}, {d.areaName}) must be decided no later than{' '}
          {formatMailDate('en', d.decisionDueOn)}. If the term passes, the foundation can give the municipality notice
          of default.
        </P>
        <Facts
          items={[
            ['Reference', d.reference],
            ['Wijk', d.areaName],
            ['Decision due', formatMailDate('en', d.decisionDueOn)],
          ]}
        />
        <Action href={d.url} label="Review application" fallback={FALLBACK.en} />
      </Layout>
    ),
  samples: [
    {
      reviewerName: 'Sanne Jansen',
      reference: 'BB-2026-0007',
      title: 'Kunstroute Hoogland',
      areaName: 'Hoogland',
      decisionDueOn: '2027-01-21',
      daysLeft: 5,
      url: 'http://localhost:3000/beoordelen/voorbeeld',
    },
  ],
})

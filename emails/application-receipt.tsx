import { Layout, P, Action, Facts, FALLBACK } from './components/layout.tsx'
import { absoluteUrl, cents, defineMail, isoDate, text } from './components/define.ts'
import { formatMailDate, formatMailMoney } from './components/format.ts'
import { z } from 'zod'

/** Receipt of a submitted application (ontvangstbevestiging), with its reference and the decision due date. */
export default defineMail({
  name: 'application-receipt',
  description: {
    nl: 'Ontvangstbevestiging van een ingediende aanvraag, met kenmerk en beslisdatum',
    en: 'Receipt of a submitted application, with reference and decision due date',
  },
  schema: z.object({
    name: text,
    reference: text,
    title: text,
    foundationName: text,
    areaName: text,
    requestedCents: cents,
    submittedOn: isoDate,
    decisionDueOn: isoDate,
    url: absoluteUrl,
  }),
  subject: (lang, d) =>
    lang === 'nl'
      ? `Ontvangen: uw aanvraag ${d.reference} (${d.title})`
      : `Received: your application ${d.reference} (${d.title})`,
  render: (lang, d) =>
    lang === 'nl' ? (
      <Layout
        lang={lang}
        title="We hebben uw aanvraag ontvangen"
        preview={`Kenmerk ${d.reference}: we beslissen uiterlijk ${formatMailDate('nl', d.decisionDueOn)}`}
      >
        <P>Beste {d.name},</P>
        <P>
          Dank u wel. {d.foundationName} heeft een aanvraag ingediend bij het Buurtbudget. Noem het kenmerk als u
          contact met ons opneemt.
        </P>
        <Facts
          items={[
            ['Kenmerk', d.reference],
            ['Initiatief', d.title],
            ['Wijk', d.areaName],
            ['Gevraagd bedrag', formatMailMoney(d.requestedCents)],
            ['Ingediend op', formatMailDate('nl', d.submittedOn)],
            ['Wij beslissen uiterlijk op', formatMailDate('nl', d.decisionDueOn)],
          ]}
        />
        <P>
          Wij beslissen binnen 8 weken. Hebben we meer informatie nodig, dan vragen we daarom; de termijn staat dan stil
          tot uw antwoord binnen is.
        </P>
        <Action href={d.url} label="Aanvraag bekijken" fallback={FALLBACK.nl} />
      </Layout>
    ) : (
      <Layout
        lang={lang}
        title="We have received your application"
        preview={`Reference ${d.reference}: we decide by ${formatMailDate('en', d.decisionDueOn)}`}
      >
        <P>Dear {d.name},</P>
        <P>
          Thank you. {d.foundationName} has submitted an application to the Buurtbudget. Please mention the reference
          when you contact us.
        </P>
        <Facts
          items={[
            ['Reference', d.reference],
            ['Initiative', d.title],
            ['Wijk', d.areaName],
            ['Amount requested', formatMailMoney(d.requestedCents)],
            ['Submitted on', formatMailDate('en', d.submittedOn)],
            ['We decide no later than', formatMailDate('en', d.decisionDueOn)],
          ]}
        />
        <P>
          We decide within 8 weeks. If we need more information, we will ask; the term then stops until your answer
          arrives.
        </P>
        <Action href={d.url} label="View application" fallback={FALLBACK.en} />
      </Layout>
    ),
  samples: [
    {
      name: 'Fatima el Amrani',
      reference: 'BB-2026-0007',
      title: 'Kunstroute Hoogland',
      foundationName: 'Stichting Hoogland Leeft',
      areaName: 'Hoogland',
      requestedCents: 245000,
      submittedOn: '2026-11-26',
      decisionDueOn: '2027-01-21',
      url: 'http://localhost:3000/aanvragen/voorbeeld',
    },
  ],
})

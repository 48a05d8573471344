import { Layout, P, Action, Facts, FALLBACK } from './components/layout.tsx'
import { absoluteUrl, defineMail, isoDate, text } from './components/define.ts'
import { formatMailDate } from './components/format.ts'
import { z } from 'zod'

/** Request for missing information (aanvulling); the decision term stops until the answer arrives. */
export default defineMail({
  name: 'missing-information',
  description: { nl: 'Verzoek om aanvulling van een aanvraag', en: 'Request for missing information' },
  schema: z.object({
    name: text,
    reference: text,
    title: text,
    question: text,
    reviewerName: text,
    answerBy: isoDate,
    url: absoluteUrl,
  }),
  subject: (lang, d) =>
    lang === 'nl' ? `Vraag over uw aanvraag ${d.reference}` : `Question about your application ${d.reference}`,
  render: (lang, d) =>
    lang === 'nl' ? (
      <Layout
        lang={lang}
        title="We hebben nog informatie nodig"
        preview={`Vraag over ${d.title}: antwoord uiterlijk ${formatMailDate('nl', d.answerBy)}`}
      >
        <P>Beste {d.name},</P>
        <P>
          {d.reviewerName} heeft uw aanvraag {d.reference} ({d.title}) bekeken en heeft een vraag:
        </P>
        <P>“{d.question}”</P>
        <Facts items={[['Graag uw antwoord uiterlijk op', formatMailDate('nl', d.answerBy)]]} />
        <P>
          Tot uw antwoord binnen is, staat de beslistermijn stil. Komt er geen antwoord, dan kunnen we de aanvraag niet
          verder behandelen.
        </P>
        <Action href={d.url} label="Vraag beantwoorden" fallback={FALLBACK.nl} />
      </Layout>
    ) : (
      <Layout
        lang={lang}
        title="We need more information"
        preview={`Question about ${d.title}: please answer by ${formatMailDate('en', d.answerBy)}`}
      >
        <P>Dear {d.name},</P>
        <P>
          {d.reviewerName} has looked at your application {d.reference} ({d.title}) and has a question:
        </P>
        <P>“{d.question}”</P>
        <Facts items={[['Please answer no later than', formatMailDate('en', d.answerBy)]]} />
        <P>
          Until your answer arrives, the decision term stops. Without an answer we cannot process the application
          further.
        </P>
        <Action href={d.url} label="Answer the question" fallback={FALLBACK.en} />
      </Layout>
    ),
  samples: [
    {
      name: 'Fatima el Amrani',
      reference: 'BB-2026-0007',
      title: 'Kunstroute Hoogland',
      reviewerName: 'Sanne Jansen',
      question: 'Kunt u een offerte meesturen voor de huur van de tent?',
      answerBy: '2026-12-10',
      url: 'http://localhost:3000/aanvragen/voorbeeld',
    },
  ],
})

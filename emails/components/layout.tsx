// The frame of every mail: language, title, greeting, body, sign-off, footer. Tables from
// @react-email/components carry role="presentation", so screen readers read the mail as text.
import { Body, Button, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from '@react-email/components'
import type { ReactNode } from 'react'
import type { MailLang } from './format.ts'

const FOOTER: Record<MailLang, { sender: string; why: string; noReply: string }> = {
  nl: {
    sender: 'Buurtbudget, gemeente Amersfoort',
    why: 'U krijgt deze e-mail omdat uw e-mailadres bij het Buurtbudget bekend is.',
    noReply:
      'Dit bericht is automatisch verstuurd. Vragen? Antwoord niet op deze e-mail, maar neem contact op met uw gebiedsmanager.',
  },
  en: {
    sender: 'Buurtbudget, municipality of Amersfoort',
    why: 'You receive this e-mail because your e-mail address is known to the Buurtbudget.',
    noReply:
      'This message was sent automatically. Questions? Do not reply to this e-mail, but contact your area manager.',
  },
}

const styles = {
  body: {
    backgroundColor: '#f3f4f6',
    fontFamily: 'Arial, Helvetica, sans-serif',
    color: '#1f2937',
    margin: 0,
    padding: '24px 0',
  },
  container: {
    backgroundColor: '#ffffff',
    maxWidth: '600px',
    margin: '0 auto',
    padding: '24px 32px',
    borderTop: '6px solid #0b5394',
  },
  brand: { fontSize: '14px', fontWeight: 'bold', color: '#0b5394', margin: '0 0 8px' },
  heading: { fontSize: '22px', lineHeight: '1.3', margin: '8px 0 16px', color: '#111827' },
  text: { fontSize: '16px', lineHeight: '1.5', margin: '0 0 16px' },
  small: { fontSize: '13px', lineHeight: '1.5', color: '#4b5563', margin: '0 0 8px' },
  button: {
    backgroundColor: '#0b5394',
    color: '#ffffff',
    padding: '12px 20px',
    borderRadius: '4px',
    fontSize: '16px',
    fontWeight: 'bold',
    textDecoration: 'none',
  },
  factLabel: { fontSize: '14px', color: '#4b5563', margin: '0' },
  factValue: { fontSize: '16px', fontWeight: 'bold', margin: '0 0 12px' },
}

export function Layout({
  lang,
  preview,
  title,
  children,
}: {
  lang: MailLang
  preview: string
  title: string
  children: ReactNode
}) {
  const footer = FOOTER[lang]
  return (
    <Html lang={lang} dir="ltr">
      <Head>
        <title>{title}</title>
      </Head>
      <Preview>{preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Text style={styles.brand}>Buurtbudget Amersfoort</Text>
          <Heading as="h1" style={styles.heading}>
            {title}
          </Heading>
          {children}
          <Hr />
          <Text style={styles.small}>{footer.sender}</Text>
          <Text style={styles.small}>{footer.why}</Text>
          <Text style={styles.small}>{footer.noReply}</Text>
        </Container>
      </Body>
    </Html>
  )
}

export function P({ children }: { children: ReactNode }) {
  return <Text style={styles.text}>{children}</Text>
}

/** The one action of a mail, as a button, followed by the same address as text for mail programs without buttons. */
export function Action({ href, label, fallback }: { href: string; label: string; fallback: string }) {
  return (
    <Section style={{ margin: '8px 0 24px' }}>
      <Button href={href} style={styles.button}>
        {label}
      </Button>
      <Text style={styles.small}>
        {fallback} <Link href={href}>{href}</Link>
      </Text>
    </Section>
  )
}

/** Label/value pairs (reference number, amount, dates), as plain paragraphs: no layout table needed. */
export function Facts({ items }: { items: [label: string, value: string][] }) {
  return (
    <Section style={{ margin: '0 0 16px' }}>
      {items.map(([label, value]) => (
        <div key={label}>
          <Text style={styles.factLabel}>{label}</Text>
          <Text style={styles.factValue}>{value}</Text>
        </div>
      ))}
    </Section>
  )
}

export const FALLBACK: Record<MailLang, string> = {
  nl: 'Werkt de knop niet? Kopieer dan dit adres in uw browser:',
  en: 'Button not working? Copy this address into your browser:',
}

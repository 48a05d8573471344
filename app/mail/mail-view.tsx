// One mail as the recipient would see it: subject, recipient, the HTML in a sandboxed frame, its
// links as plain links (they work in the demo), attachments and the text version.
import { fill } from '#app/i18n/i18n.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import { htmlForFrame, mailLinks } from './links.ts'

export interface MailViewProps {
  subject: string
  to: string
  from?: string
  html: string
  text: string
  lang: string
  meta?: React.ReactNode
  attachments?: { href: string; filename: string; size: number }[]
}

export function MailView({ subject, to, from, html, text, lang, meta, attachments }: MailViewProps) {
  const m = useMessages()
  const links = mailLinks(html)
  return (
    <article className="mail-view" aria-labelledby="mail-subject">
      <header className="card mail-head">
        <h2 id="mail-subject" lang={lang}>
          {subject}
        </h2>
        <dl className="facts">
          {from ? (
            <>
              <dt>{m.mail.from}</dt>
              <dd>{from}</dd>
            </>
          ) : null}
          <dt>{m.mail.to}</dt>
          <dd data-testid="mail-to">{to}</dd>
          {meta}
        </dl>
      </header>
      <section aria-labelledby="mail-html-title">
        <h3 id="mail-html-title">{m.mail.htmlVersion}</h3>
        <iframe
          className="mail-frame"
          title={fill(m.mail.htmlFrameTitle, { subject })}
          srcDoc={htmlForFrame(html)}
          sandbox="allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation"
        />
      </section>
      {links.length ? (
        <section className="mail-links" aria-labelledby="mail-links-title">
          <h3 id="mail-links-title">{m.mail.links}</h3>
          <p className="hint">{m.mail.linksHint}</p>
          <ul>
            {links.map((link) => (
              <li key={link.href}>
                <a href={link.href} lang={lang}>
                  {link.text}
                </a>{' '}
                <span className="hint mail-link-url">{link.href}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {attachments?.length ? (
        <section aria-labelledby="mail-attachments-title">
          <h3 id="mail-attachments-title">{m.mail.attachments}</h3>
          <ul>
            {attachments.map((a) => (
              <li key={a.href}>
                <a href={a.href} download={a.filename}>
                  {a.filename}
                </a>{' '}
                <span className="hint">({Math.max(1, Math.round(a.size / 1024))} kB)</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <details className="mail-text">
        <summary>{m.mail.textVersion}</summary>
        <pre lang={lang}>{text}</pre>
      </details>
    </article>
  )
}

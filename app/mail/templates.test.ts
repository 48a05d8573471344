// Every mail template renders in both languages from its sample data, with nothing missing, and
// its HTML passes a basic accessibility check.
import { describe, expect, it } from 'vitest'
import { MAIL_LANGS, MailDataError, TEMPLATE_NAMES, renderMail, templateSamples, type TemplateData } from './render.ts'

const EXPECTED = [
  'invitation',
  'email-verification',
  'password-reset',
  'application-receipt',
  'missing-information',
  'decision',
  'second-approval-needed',
  'payment-notice',
  'report-reminder',
  'settlement',
  'deadline-warning',
  'objection-decision',
]

/** The accessibility basics of an HTML mail: language, alt texts, layout tables marked as presentation, a title, a heading. */
export function accessibilityProblems(html: string, lang: string): string[] {
  const problems: string[] = []
  if (!new RegExp(`<html[^>]*\\slang="${lang}"`).test(html)) problems.push(`<html> without lang="${lang}"`)
  if (!/<title>[^<]+<\/title>/.test(html)) problems.push('no <title>')
  if (!/<h1[\s>]/.test(html)) problems.push('no <h1>')
  for (const img of html.match(/<img\b[^>]*>/g) ?? [])
    if (!/\salt="[^"]*"/.test(img)) problems.push(`image without alt: ${img}`)
  for (const table of html.match(/<table\b[^>]*>/g) ?? [])
    if (!/\srole="presentation"/.test(table)) problems.push(`layout table without role="presentation": ${table}`)
  for (const [, href] of html.matchAll(/\shref="([^"]*)"/g))
    if (!/^https?:\/\/[^/]+/.test(href)) problems.push(`relative link: ${href}`)
  return problems
}

describe('mail templates', () => {
  // That each of these is also sent by an event of the portal: app/mail/every-template-sent.test.ts.
  it('has one template for every message of the portal', () => {
    expect([...TEMPLATE_NAMES].sort()).toEqual([...EXPECTED].sort())
  })

  for (const template of TEMPLATE_NAMES) {
    for (const lang of MAIL_LANGS) {
      it(`${template} renders in ${lang} without missing values`, async () => {
        const samples = templateSamples(template)
        expect(samples.length).toBeGreaterThan(0)
        for (const sample of samples) {
          const mail = await renderMail(template, lang, sample as TemplateData<typeof template>)
          for (const part of [mail.subject, mail.text, mail.html]) {
            expect(part).not.toMatch(/undefined|\bnull\b|NaN|\[object Object\]|\{\w+\}|Invalid Date/)
          }
          expect(mail.subject.length).toBeGreaterThan(10)
          expect(mail.text.length).toBeGreaterThan(200)
          expect(accessibilityProblems(mail.html, lang)).toEqual([])
          // The action link is in the plain text too, absolute.
          const url = (sample as { url: string }).url
          expect(mail.text).toContain(url)
          expect(mail.html).toContain(`href="${url}"`)
        }
      })
    }

    it(`${template} differs per language and refuses incomplete data`, async () => {
      const sample = templateSamples(template)[0] as TemplateData<typeof template>
      const [nl, en] = await Promise.all([renderMail(template, 'nl', sample), renderMail(template, 'en', sample)])
      expect(nl.subject).not.toBe(en.subject)
      expect(nl.text).not.toBe(en.text)
      const incomplete = Object.fromEntries(Object.entries(sample).slice(1))
      await expect(renderMail(template, 'nl', incomplete as never)).rejects.toThrow(MailDataError)
    })
  }

  it('the accessibility check finds what is wrong', () => {
    const bad = '<html><body><table><tr><td><img src="x.png"><a href="/aanvragen">x</a></td></tr></table></body></html>'
    expect(accessibilityProblems(bad, 'nl')).toHaveLength(6)
  })
})

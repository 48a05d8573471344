import type { Page } from '@playwright/test'
import { en } from '../app/i18n/en.ts'
import { nl } from '../app/i18n/nl.ts'
import { OPEN_DATA_FILES } from '../app/reporting/open-data/fields.ts'

/**
 * The crawl shared by the English-page test and the accessibility suite: starting from a page, follow
 * every same-origin link in the header, the page and the footer (never a download, a file or a
 * sign-out), so pages added later are covered as soon as some navigation links to them.
 */

/** Pages whose GET does something or returns a file; the crawl never opens them. */
const SKIP = [
  /\/bijlagen?\//,
  /\/uitloggen/,
  /\/taal$/,
  /\/e-mail-bevestigen\//,
  /\.(pdf|csv|json|xlsx|xml|zip|png|ico)$/i,
]

/** One visit per page kind: ids in the path collapse to a pattern, and any query to one. */
export function pagePattern(url: URL): string {
  const path = url.pathname
    .split('/')
    .map((s) =>
      /^c[a-z0-9]{15,}$/.test(s) ||
      /^\d+$/.test(s) ||
      /^[A-Za-z0-9_-]{24,}$/.test(s) ||
      // a wijk's CBS code (WK030715) or an application's reference (BB-2026-0001)
      /^(WK|BU|GM)\d{4,}$/.test(s) ||
      /^BB-\d{4}-\d+$/.test(s)
        ? ':id'
        : s,
    )
    .join('/')
    // Every mail preview is the same page around another template.
    .replace(/^\/beheer\/mail\/voorbeelden\/[^/]+$/, '/beheer/mail/voorbeelden/:template')
  // A query (a filter, a sort order, a page number) shows the same page with other rows: one visit
  // with a query per page, whatever its keys. Each combination of keys a visit of its own made the
  // reviewer's crawl walk every filter x sort x direction of the queue (and never end within 600 s).
  return url.search ? `${path}?` : path
}

/** The same-origin links on the page that the crawl may follow. */
export async function linksOn(page: Page): Promise<string[]> {
  const origin = new URL(page.url()).origin
  const hrefs = await page
    .locator('header a[href], main a[href], footer a[href], .demo-banner a[href]')
    .evaluateAll((as) =>
      as
        // The links in a mail (shown in the demo mailbox and the previews) are its recipient's, not
        // this role's navigation: a foundation's report page answers an administrator 404.
        .filter((a) => !a.hasAttribute('download') && !a.closest('.mail-links'))
        .map((a) => (a as HTMLAnchorElement).href),
    )
  return hrefs
    .map((h) => new URL(h))
    .filter((u) => u.origin === origin && !SKIP.some((re) => re.test(u.pathname)))
    .map((u) => u.pathname + u.search)
}

/** Visits `start` and every page reachable from it, breadth first, one page per pattern. */
export async function crawl(page: Page, start: string[], visit: (path: string) => Promise<void>, limit = 80) {
  const queue = [...start]
  const seen = new Set<string>()
  const visited: string[] = []
  while (queue.length && visited.length < limit) {
    const path = queue.shift()!
    const pattern = pagePattern(new URL(path, 'http://x'))
    if (seen.has(pattern)) continue
    seen.add(pattern)
    await page.goto(path)
    visited.push(path)
    await visit(path)
    for (const link of await linksOn(page)) if (!seen.has(pagePattern(new URL(link, 'http://x')))) queue.push(link)
  }
  return visited
}

type Tree = { [key: string]: string | Tree }

function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [[prefix + k, v] as [string, string]] : leaves(v, `${prefix}${k}.`),
  )
}

/**
 * Data, not UI text, that may show in English mode although the Dutch dictionary has the same word:
 * the field names of the published open data files (a file format, documented on /open-data).
 * Names of wijken, foundations and initiatives are data too but are not in the dictionary.
 */
export const DATA_ALLOWED = new Set<string>(Object.values(OPEN_DATA_FILES).flat())

/**
 * Dutch texts that must never show in English mode: every leaf of nl.ts that differs from en.ts (and
 * is not an English text too), split at its {placeholders}, fragments of at least 6 characters.
 */
export function dutchOnlyTexts(): string[] {
  const english = new Set(leaves(en as unknown as Tree).map(([, v]) => v))
  const enByKey = new Map(leaves(en as unknown as Tree))
  const out = new Set<string>()
  for (const [key, value] of leaves(nl as unknown as Tree)) {
    if (enByKey.get(key) === value || english.has(value)) continue
    for (const part of value.split(/\{\w+\}/)) {
      const text = part.trim().replace(/\s+/g, ' ')
      if (text.length >= 6 && !english.has(text) && !DATA_ALLOWED.has(text)) out.add(text)
    }
  }
  return [...out]
}

/**
 * The Dutch texts the page shows (title, visible text, labels for assistive technology). Short texts
 * (under 20 characters) must equal a whole element's text, longer ones may sit inside a sentence.
 */
export async function dutchOnPage(page: Page, dutch: string[]): Promise<string[]> {
  const { whole, parts } = await page.evaluate(() => {
    const whole = new Set<string>()
    const norm = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim()
    whole.add(norm(document.title))
    // A part marked lang="nl" (a Dutch mail in its preview, WCAG 3.1.2) is Dutch on purpose.
    const dutchPart = (el: Element) => el.closest('body [lang]')?.getAttribute('lang')?.startsWith('nl') ?? false
    let bodyText = document.body.innerText
    for (const part of Array.from(document.body.querySelectorAll<HTMLElement>('[lang]')))
      if (dutchPart(part) && part.innerText) bodyText = bodyText.replace(part.innerText, ' ')
    for (const el of Array.from(document.body.querySelectorAll<HTMLElement>('*'))) {
      if (el.closest('script, style, template, [hidden]') || dutchPart(el)) continue
      const own = Array.from(el.childNodes)
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent)
        .join('')
      if (norm(own)) whole.add(norm(own))
      if (el.children.length === 0 && norm(el.innerText)) whole.add(norm(el.innerText))
      for (const attr of ['aria-label', 'title', 'placeholder', 'alt'])
        if (el.getAttribute(attr)) whole.add(norm(el.getAttribute(attr)))
      if (el instanceof HTMLInputElement && (el.type === 'submit' || el.type === 'button')) whole.add(norm(el.value))
      if (el instanceof HTMLOptionElement) whole.add(norm(el.text))
    }
    return { whole: [...whole], parts: norm(document.title) + ' \n ' + norm(bodyText) }
  })
  const wholeSet = new Set(whole)
  return dutch.filter((text) => (text.length < 20 ? wholeSet.has(text) : parts.includes(text) || wholeSet.has(text)))
}

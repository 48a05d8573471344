import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { crawl, dutchOnPage, dutchOnlyTexts } from './crawl.ts'
import { signIn } from './helpers.ts'

/**
 * Every page that each role can reach from its navigation (issue 9 item 6, issue 14 item 3):
 * - in Dutch: zero WCAG 2.1 A/AA violations (axe), reflow at 320 CSS px without sideways
 *   scrolling (WCAG 1.4.10), no error in the browser console (hydration included);
 * - in English: no text from the Dutch dictionary on screen or in the title.
 * The pages are discovered by following links, so a page added later is covered once it is linked.
 */

const ROLES: { role: string; email: string | null; start: string[] }[] = [
  {
    role: 'public',
    email: null,
    start: ['/', '/inloggen', '/wachtwoord-vergeten', '/stichting-aanmelden', '/deze-pagina-bestaat-niet'],
  },
  {
    role: 'foundation member',
    email: 'aanvrager@hooglandleeft.example',
    start: ['/', '/account', '/deze-pagina-bestaat-niet'],
  },
  { role: 'reviewer', email: 'beoordelaar@amersfoort.example', start: ['/', '/account', '/deze-pagina-bestaat-niet'] },
  { role: 'auditor', email: 'controleur@amersfoort.example', start: ['/', '/account', '/deze-pagina-bestaat-niet'] },
  {
    role: 'administrator',
    email: 'beheerder@amersfoort.example',
    start: ['/', '/account', '/deze-pagina-bestaat-niet'],
  },
]

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

async function axeProblems(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(WCAG).analyze()
  return result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} at ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join(', ')}`,
  )
}

/**
 * The crawl runs at 320 CSS px wide (WCAG 1.4.10), so axe sees the narrow layout and nothing is resized
 * per page. Besides sideways scrolling: a badge or an amount glued to the word beside it, which a screen
 * reader reads as one word ("De Koppelprioriteitswijk", "€ 5.000,00minimum").
 */
async function layoutProblems(page: Page): Promise<string[]> {
  const { scroll, client, wide, glued } = await page.evaluate(() => {
    const el = document.scrollingElement!
    const wide = Array.from(document.body.querySelectorAll<HTMLElement>('*'))
      .filter((e) => e.getBoundingClientRect().right > el.clientWidth + 1)
      // what scrolls inside its own box (a wide table) does not make the page scroll
      .filter((e) => {
        for (let a = e.parentElement; a && a !== document.body; a = a.parentElement)
          if (getComputedStyle(a).overflowX !== 'visible') return false
        return true
      })
      .slice(0, 3)
      .map((e) => `${e.tagName.toLowerCase()}${e.className ? '.' + String(e.className).split(' ')[0] : ''}`)
    const word = /[\p{L}\p{N}]/u
    const glued = Array.from(document.body.querySelectorAll<HTMLElement>('.badge, .money, .utrecht-badge-status'))
      .filter((e) => {
        const text = e.textContent ?? ''
        const before = e.previousSibling?.textContent ?? ''
        const after = e.nextSibling?.textContent ?? ''
        return (
          (word.test(before.slice(-1)) && word.test(text[0] ?? '')) ||
          (word.test(text.slice(-1)) && word.test(after[0] ?? ''))
        )
      })
      .slice(0, 3)
      .map((e) => `"${e.parentElement?.textContent?.trim().slice(0, 60)}"`)
    return { scroll: el.scrollWidth, client: el.clientWidth, wide, glued }
  })
  return [
    ...(scroll <= client ? [] : [`scrolls sideways at 320 px (${scroll} > ${client}): ${wide.join(', ')}`]),
    ...glued.map((g) => `a badge or amount reads as one word with its neighbour: ${g}`),
  ]
}

/** The role's start page at 1280 and 320 CSS px, kept beside the test's results to look at. */
async function screenshots(page: Page, role: string, lang: string) {
  await page.goto('/')
  for (const width of [1280, 320]) {
    await page.setViewportSize({ width, height: 900 })
    const name = `${role.replace(/ /g, '-')}-${lang}-${width}.png`
    await page.screenshot({ path: test.info().outputPath(name), fullPage: true })
  }
  await page.setViewportSize({ width: 320, height: 800 })
}

for (const { role, email, start } of ROLES) {
  test(`every page of the ${role}: accessible, reflows at 320 px, and English in English mode`, async ({ browser }) => {
    test.setTimeout(600_000)
    const context = await browser.newContext({ viewport: { width: 320, height: 800 } })
    const page = await context.newPage()
    const consoleErrors: string[] = []
    let current = ''
    page.on('console', (msg) => {
      const text = msg.text()
      // Mail previews sit in sandboxed frames without scripts on purpose; the 404 page answers 404.
      if (text.includes("frame is sandboxed and the 'allow-scripts'")) return
      if (msg.location().url.includes('/deze-pagina-bestaat-niet') && text.includes('status of 404')) return
      if (msg.type() === 'error') consoleErrors.push(`${current}: ${text} ${msg.location().url}`)
    })
    page.on('pageerror', (error) => consoleErrors.push(`${current}: ${error.message}`))
    if (email) await signIn(page, email)

    const problems: string[] = []
    const visited = await crawl(page, start, async (path) => {
      current = path
      console.log(`${role}: ${path}`)
      const found = [...(await axeProblems(page)), ...(await layoutProblems(page))]
      for (const p of found) console.log(`  ${path}: ${p}`)
      problems.push(...found.map((p) => `${path}: ${p}`))
    })
    expect(visited.length, 'the crawl found the pages of the navigation').toBeGreaterThan(3)
    await screenshots(page, role, 'nl')

    // Switch to English with the switch in the header, then read every page again.
    await page.goto('/')
    await page.getByRole('button', { name: 'English' }).click()
    await expect(page.locator('html')).toHaveAttribute('lang', 'en')
    const dutch = dutchOnlyTexts()
    for (const path of visited) {
      current = `${path} (en)`
      await page.goto(path)
      const lang = await page.locator('html').getAttribute('lang')
      if (lang !== 'en') problems.push(`${path} (en): <html lang="${lang}">`)
      for (const text of await dutchOnPage(page, dutch)) problems.push(`${path} (en): Dutch text "${text}"`)
    }
    await screenshots(page, role, 'en')
    // Back to Dutch, for the next test and to show the switch works both ways.
    await page.getByRole('button', { name: 'Nederlands' }).click()
    await expect(page.locator('html')).toHaveAttribute('lang', 'nl')

    await context.close()
    expect([...problems, ...consoleErrors], `pages visited: ${visited.join(', ')}`).toEqual([])
  })
}

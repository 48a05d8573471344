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

async function reflowProblem(page: Page): Promise<string | null> {
  const size = page.viewportSize() ?? { width: 1280, height: 900 }
  await page.setViewportSize({ width: 320, height: 800 })
  const { scroll, client, wide } = await page.evaluate(() => {
    const el = document.scrollingElement!
    const wide = Array.from(document.body.querySelectorAll<HTMLElement>('*'))
      .filter((e) => e.getBoundingClientRect().right > el.clientWidth + 1)
      .slice(0, 3)
      .map((e) => `${e.tagName.toLowerCase()}${e.className ? '.' + String(e.className).split(' ')[0] : ''}`)
    return { scroll: el.scrollWidth, client: el.clientWidth, wide }
  })
  await page.setViewportSize(size)
  return scroll <= client ? null : `scrolls sideways at 320 px (${scroll} > ${client}): ${wide.join(', ')}`
}

for (const { role, email, start } of ROLES) {
  test(`every page of the ${role}: accessible, reflows at 320 px, and English in English mode`, async ({ browser }) => {
    test.setTimeout(600_000)
    const context = await browser.newContext()
    const page = await context.newPage()
    const consoleErrors: string[] = []
    let current = ''
    page.on('console', (msg) => {
      const text = msg.text()
      // Mail previews sit in sandboxed frames without scripts on purpose; the 404 page answers 404.
      if (text.includes("frame is sandboxed and the 'allow-scripts'")) return
      if (current.startsWith('/deze-pagina-bestaat-niet') && text.includes('status of 404')) return
      if (msg.type() === 'error') consoleErrors.push(`${current}: ${text}`)
    })
    page.on('pageerror', (error) => consoleErrors.push(`${current}: ${error.message}`))
    if (email) await signIn(page, email)

    const problems: string[] = []
    const visited = await crawl(page, start, async (path) => {
      current = path
      for (const p of await axeProblems(page)) problems.push(`${path}: ${p}`)
      const reflow = await reflowProblem(page)
      if (reflow) problems.push(`${path}: ${reflow}`)
    })
    expect(visited.length, 'the crawl found the pages of the navigation').toBeGreaterThan(3)

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
    // Back to Dutch, for the next test and to show the switch works both ways.
    await page.getByRole('button', { name: 'Nederlands' }).click()
    await expect(page.locator('html')).toHaveAttribute('lang', 'nl')

    await context.close()
    expect([...problems, ...consoleErrors], `pages visited: ${visited.join(', ')}`).toEqual([])
  })
}

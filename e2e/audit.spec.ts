import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import nodePath from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { DEMO_ACCOUNTS } from '../app/seed/demo-accounts.ts'
import { cents, signedInContext } from './helpers.ts'

// Issue 12: the open books against the auditor's dashboard, no personal data on any public page or
// download, and the auditor's drill-down, sample and finding.

const AUDITOR = 'controleur@amersfoort.example'
const KRUISKAMP = 'WK030707'

/** "1234.56" (open data) -> 123456 */
const fromEuros = (text: string) => {
  const [e, d = '00'] = text.split('.')
  return Number(e) * 100 + Number(d.padEnd(2, '0'))
}

test('an anonymous visitor sees granted and realised for Kruiskamp; the open data equal the auditor’s dashboard', async ({
  page,
  browser,
}) => {
  await page.goto('/')
  await page.getByRole('link', { name: /Open boeken 2026/ }).click()
  await expect(page.getByTestId('public-areas')).toBeVisible()
  await page.locator(`tr[data-area="${KRUISKAMP}"] a`).first().click()
  await expect(page).toHaveURL(new RegExp(`/open-boeken/2026/${KRUISKAMP}$`))
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Kruiskamp')
  const granted = cents(await page.getByTestId('granted').innerText())
  const realised = cents(await page.getByTestId('realised').innerText())
  const paid = cents(await page.getByTestId('paid').innerText())
  const allocated = cents(await page.getByTestId('allocated').innerText())
  // The seed gives Kruiskamp a grant with an advance and two expenses, so this is not 0 = 0.
  expect(granted).toBeGreaterThan(0)
  expect(realised).toBeGreaterThan(0)
  expect(realised).toBeLessThanOrEqual(paid)
  await page.screenshot({ path: '/tmp/audit2-shots/resident-kruiskamp.png', fullPage: true })

  // The open data, as a visitor downloads them from the documented page.
  await page.getByRole('link', { name: 'Open data (CSV en JSON)' }).click()
  const csvLink = page.locator('a[href="/open-data/2026/wijken.csv"]').first()
  await expect(csvLink).toBeVisible()
  const [download] = await Promise.all([page.waitForEvent('download'), csvLink.click()])
  const csv = await (await download.createReadStream()).toArray().then((b) => Buffer.concat(b).toString('utf8'))
  const [header, ...lines] = csv.trim().split(/\r?\n/)
  const cols = header.replace(/^\uFEFF/, '').split(',')
  const row = lines.map((l) => l.split(',')).find((c) => c[cols.indexOf('wijkcode')] === KRUISKAMP)!
  expect(row).toBeTruthy()
  const csvOf = (name: string) => fromEuros(row[cols.indexOf(name)])
  expect(csvOf('toegekend_eur')).toBe(granted)
  expect(csvOf('gerealiseerd_eur')).toBe(realised)
  expect(csvOf('uitbetaald_eur')).toBe(paid)
  expect(csvOf('verdeeld_eur')).toBe(allocated)
  const json = (await (await page.request.get('/open-data/2026/wijken.json')).json()) as {
    rijen: Record<string, string>[]
  }
  const jrow = json.rijen.find((r) => r.wijkcode === KRUISKAMP)!
  expect(fromEuros(String(jrow.toegekend_eur))).toBe(granted)
  expect(fromEuros(String(jrow.gerealiseerd_eur))).toBe(realised)

  // The auditor's dashboard: granted = committed + paid + spent + recovery due + recovered; realised = spent.
  const auditor = await signedInContext(browser, AUDITOR)
  try {
    await auditor.page.goto('/controle?round=2026')
    const tr = auditor.page.locator(`[data-testid="area-money"] tr[data-area="${KRUISKAMP}"]`)
    await expect(tr).toBeVisible()
    const col = async (name: string) => cents(await tr.locator(`[data-col="${name}"]`).innerText())
    const dashGranted =
      (await col('committed')) +
      (await col('paid')) +
      (await col('spent')) +
      (await col('recoveryDue')) +
      (await col('recovered'))
    expect(dashGranted).toBe(csvOf('toegekend_eur'))
    expect(await col('spent')).toBe(csvOf('gerealiseerd_eur'))
    expect(await col('allocated')).toBe(csvOf('verdeeld_eur'))
  } finally {
    await auditor.close()
  }
})

// Every name a person in the seed goes by: the demo accounts and the foundations' contact persons.
const NAMES = [...new Set([...DEMO_ACCOUNTS.map((a) => a.name), 'Yusuf Demir'])]
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/
// Dutch phone numbers as people write them: 033 469 12 34, 033-4691234, 06 12345678, +31 33 469 1234.
const PHONE = /(?<![\w.,])(?:\+31[\s-]?|0)(?:\d[\s-]?){9}(?![\d,])/

// An IBAN (the registration form's example "NL91 ABNA 0417 1643 00") is no phone number.
const IBAN = /\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){3,7}(?:\s?[A-Z0-9]{1,3})?\b/g

function pdfText(bytes: Buffer): string {
  const file = nodePath.join(mkdtempSync(nodePath.join(tmpdir(), 'audit-pdf-')), 'file.pdf')
  writeFileSync(file, bytes)
  return execFileSync('pdftotext', [file, '-']).toString()
}

function personalData(raw: string): string[] {
  const found: string[] = []
  const text = raw.replace(IBAN, ' ')
  const email = EMAIL.exec(text)
  if (email) found.push(`e-mail ${email[0]}`)
  const phone = PHONE.exec(text)
  if (phone) found.push(`phone ${phone[0]}`)
  for (const n of NAMES) if (text.includes(n)) found.push(`name ${n}`)
  return found
}

/** The text of the page as a visitor reads it, plus its link targets (mailto:, tel:). */
async function visibleText(page: Page) {
  return page.evaluate(() => {
    // Demo mode only (the sign-in page's list of demo accounts, the banner): absent in production.
    for (const el of document.querySelectorAll('.demo-accounts, .demo-banner')) el.remove()
    const hrefs = [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')).join('\n')
    return `${document.title}\n${document.body.innerText}\n${hrefs}`
  })
}

test('no public page or download shows an e-mail address, a phone number or a member’s name', async ({ page }) => {
  // It opens every public page (each wijk's open books among them) in Chromium: about 40 pages.
  test.setTimeout(420_000)
  // Demo-only and actions: the demo mailbox (404 in production), signing out, the language switch.
  const skip = [/^\/mailbox/, /^\/uitloggen/, /^\/taal/]
  const queue = ['/']
  const seen = new Set<string>()
  const pages: string[] = []
  const downloads: string[] = []
  while (queue.length) {
    const path = queue.shift()!
    if (seen.has(path)) continue
    seen.add(path)
    if (/\.(csv|json|xlsx|pdf)$/.test(path)) {
      downloads.push(path)
      continue
    }
    const response = await page.goto(path)
    expect(response?.status(), path).toBeLessThan(400)
    pages.push(path)
    const problems = personalData(await visibleText(page))
    expect(problems, `on ${path}`).toEqual([])
    const base = page.url()
    const links = await page
      .locator('a[href]')
      .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href') ?? ''))
    for (const href of links) {
      const url = new URL(href, base)
      if (url.origin !== new URL(base).origin) continue
      const next = url.pathname + url.search
      if (skip.some((re) => re.test(url.pathname)) || seen.has(next)) continue
      queue.push(next)
    }
  }
  // Every download the public pages link to, and the open data of the round by their stable address.
  for (const f of ['wijken.csv', 'wijken.json', 'initiatieven.csv', 'initiatieven.json'])
    if (!downloads.includes(`/open-data/2026/${f}`)) downloads.push(`/open-data/2026/${f}`)
  for (const path of downloads) {
    const response = await page.request.get(path)
    expect(response.status(), path).toBe(200)
    // A PDF is read as its text (its binary cross-reference table is full of zeros, not phone numbers).
    const text = path.endsWith('.pdf') ? pdfText(await response.body()) : await response.text()
    expect(text.length, path).toBeGreaterThan(20)
    expect(personalData(text), `in ${path}`).toEqual([])
  }
  // The crawl reached the open books of every wijk and the open data page.
  expect(pages).toContain(`/open-boeken/2026/${KRUISKAMP}`)
  expect(pages).toContain('/open-data')
  expect(pages.filter((p) => p.startsWith('/open-boeken/2026/')).length).toBeGreaterThan(10)
  // The initiative of Kruiskamp is public (its foundation consented), its contact person is not.
  const initiatives = await (await page.request.get('/open-data/2026/initiatieven.csv')).text()
  expect(initiatives).toContain('Stichting Kruiskamp Koppelt')
})

test('the auditor drills down to a receipt, redraws a sample with its seed and records a finding in the trail', async ({
  browser,
}) => {
  const { page, close } = await signedInContext(browser, AUDITOR)
  try {
    await page.goto('/controle?round=2026')
    await page.locator(`[data-testid="area-money"] tr[data-area="${KRUISKAMP}"] th a`).click()
    await expect(page.getByTestId('area-grants')).toBeVisible()
    await page.getByRole('link', { name: 'BB-2026-0007' }).click()
    await expect(page.getByRole('heading', { level: 1 })).toContainText('BB-2026-0007')
    // The grant's ledger entries, its payment and its expenses.
    await expect(page.getByTestId('grant-entries').locator('tbody tr').first()).toBeVisible()
    expect(await page.getByTestId('grant-entries').locator('tbody tr').count()).toBeGreaterThanOrEqual(4)
    await expect(page.getByTestId('payments')).toContainText('Voorschot')
    await expect(page.getByTestId('expenses')).toContainText('Boodschappen buurtmaaltijd februari')
    const receipt = page.getByTestId('receipts').getByRole('link', { name: 'bon-boodschappen-februari.pdf' })
    const [download] = await Promise.all([page.waitForEvent('download'), receipt.click()])
    expect(download.suggestedFilename()).toBe('bon-boodschappen-februari.pdf')
    const bytes = Buffer.concat(await (await download.createReadStream()).toArray())
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-')

    // A sample with a seed of the auditor's own, then the same seed again.
    await page.goto('/controle?round=2026')
    await page.getByRole('link', { name: 'Steekproef' }).click()
    await expect(page.getByRole('heading', { name: 'Nieuwe steekproef' })).toBeVisible()
    const drawOnce = async () => {
      await page.getByLabel('Wijk').selectOption({ label: 'Kruiskamp' })
      await page.getByLabel('Startgetal (seed)').fill('e2e-4711')
      await page.getByLabel('Omvang', { exact: true }).fill('1')
      const before = page.url()
      await page.getByRole('button', { name: 'Trek de steekproef' }).click()
      // Each draw is kept as a sample of its own: wait for its page.
      await expect(page).not.toHaveURL(before)
      await expect(page.getByTestId('sample')).toContainText('startgetal e2e-4711')
      return page
        .getByTestId('sample-expenses')
        .locator('[data-expense]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-expense')))
    }
    const first = await drawOnce()
    expect(first).toHaveLength(1)
    const firstUrl = page.url()
    const second = await drawOnce()
    expect(page.url()).not.toBe(firstUrl)
    expect(second).toEqual(first)
    const secondUrl = page.url()
    await page.getByRole('button', { name: 'Trek opnieuw met dit startgetal' }).click()
    await expect(page).not.toHaveURL(secondUrl)
    await expect(page.getByTestId('sample')).toContainText('startgetal e2e-4711')
    expect(
      await page
        .getByTestId('sample-expenses')
        .locator('[data-expense]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-expense'))),
    ).toEqual(first)
    // Each sampled expense links to its receipts.
    await expect(page.getByTestId('sample-receipts').getByRole('link').first()).toBeVisible()

    // A finding: an empty text is refused at the field; a real one is recorded and is in the trail.
    const form = page.getByTestId(`finding-form-${first[0]}`)
    await form.getByRole('button', { name: 'Leg de bevinding vast' }).click()
    await expect(form.locator('.field-errors')).toContainText('Beschrijf de bevinding')
    await form.getByLabel('Ernst').selectOption({ label: 'Opmerking' })
    await form.getByLabel('Bevinding').fill('Bon klopt met de uitgave; btw niet apart vermeld.')
    await form.getByRole('button', { name: 'Leg de bevinding vast' }).click()
    await expect(page.getByTestId('sample-findings')).toContainText('Bon klopt met de uitgave')
    await page.screenshot({ path: '/tmp/audit2-shots/auditor-sample.png', fullPage: true })
    await page.getByRole('link', { name: 'Bevindingen in de audittrail' }).click()
    await expect(page.locator('main')).toContainText('Bon klopt met de uitgave; btw niet apart vermeld.')
    await expect(page.locator('main')).toContainText('BB-2026-0007')
  } finally {
    await close()
  }
})

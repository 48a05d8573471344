import { createHmac } from 'node:crypto'
import { expect, test, type Page } from '@playwright/test'

/**
 * Mail in the demo: the server runs without SMTP_URL, so every mail lands in the local mailbox.
 * A foundation member submits an application; the receipt (with reference number and decision due
 * date) appears in /mailbox, and its link opens the application. The administrator sees the mail
 * page and the template previews.
 */

const PASSWORD = 'buurtbudget-demo'
const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXPBUURTBUDGETDEMO2'

/** RFC 6238 code of the demo accounts' authenticator (staff sign in with a second step). */
function totp(secret: string, time = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  let bits = ''
  for (const c of secret.replace(/=+$/, '')) bits += alphabet.indexOf(c).toString(2).padStart(5, '0')
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((b) => parseInt(b, 2)))
  const counter = Buffer.alloc(8)
  counter.writeBigUInt64BE(BigInt(Math.floor(time / 30_000)))
  const mac = createHmac('sha1', key).update(counter).digest()
  const offset = mac[mac.length - 1] & 0xf
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0')
}

async function signIn(page: Page, email: string) {
  await page.goto('/inloggen')
  await page.getByLabel('E-mailadres').fill(email)
  await page.getByLabel('Wachtwoord').fill(PASSWORD)
  await page.getByRole('button', { name: 'Inloggen' }).click()
  await page.waitForURL((url) => url.pathname !== '/inloggen')
  if (page.url().includes('/inloggen/tweede-stap')) {
    await page.getByLabel('Code', { exact: true }).fill(totp(DEMO_TOTP_SECRET))
    await page.getByRole('button', { name: 'Inloggen' }).click()
  }
  await expect(page.getByText('Ingelogd als')).toBeVisible()
}
// A one-page PDF is enough for the required quote.
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/MediaBox[0 0 612 792]/Parent 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n')

test('the receipt of a submission is in the local mailbox and its link opens the application', async ({ page }) => {
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))

  await signIn(page, 'aanvrager@hooglandleeft.example')

  await page.goto('/aanvragen/nieuw')
  await page.getByRole('textbox', { name: 'Naam van het initiatief' }).fill('Buurtquiz Hoogland')
  await page.getByRole('combobox', { name: 'Soort initiatief' }).selectOption({ label: 'Ontmoeting' })
  await page.getByRole('combobox', { name: 'Wijk', exact: true }).selectOption({ label: 'Hoogland' })
  await page.getByRole('textbox', { name: 'Beschrijving', exact: true }).fill('Een pubquiz over de geschiedenis van Hoogland in het buurthuis, voor jong en oud, met teams per straat.')
  const optional = async (label: string, value: string) => {
    const field = page.getByRole('textbox', { name: label, exact: true })
    if (await field.count()) await field.fill(value)
  }
  await optional('Plek in de wijk', 'Buurthuis De Neng')
  await page.getByLabel('Begindatum', { exact: true }).fill('2026-12-12')
  await page.getByLabel('Einddatum', { exact: true }).fill('2026-12-12')
  await optional('Doel voor de wijk', 'Buren uit verschillende straten leren elkaar kennen.')
  await optional('Doelgroep', 'Alle bewoners van Hoogland')
  await optional('Verwacht aantal deelnemers', '80')
  await optional('Draagvlak in de buurt', 'Op de bewonersavond meldden zich twaalf teams aan.')
  await optional('Eigen bijdrage', 'Vrijwilligers maken de vragen en bouwen op.')
  await page.getByLabel('Omschrijving kostenpost 1').fill('Huur buurthuis en prijzen')
  await page.getByLabel('Bedrag in euro').first().fill('450')
  await optional('Gewenst voorschot in procent', '50')
  const file = page.getByLabel('Bestand toevoegen (niet verplicht)')
  if (await file.count()) {
    await file.setInputFiles({ name: 'offerte-buurthuis.pdf', mimeType: 'application/pdf', buffer: PDF })
    await page.getByLabel('Soort bijlage').selectOption({ label: 'Offerte' })
  }
  // The form grows with other work (issue 5): fill whatever else is required with sensible text, and
  // give every declaration, so this test is about mail rather than about the form's exact labels.
  for (const box of await page.locator('main form').getByRole('textbox').all()) {
    if (!(await box.isVisible()) || (await box.inputValue())) continue
    const label = await box.evaluate((el) => (el as HTMLInputElement).labels?.[0]?.textContent ?? '')
    if (/niet verplicht/i.test(label)) continue
    const numeric = (await box.getAttribute('inputmode')) === 'numeric'
    await box.fill(numeric ? '50' : 'Buurthuis De Neng, met vrijwilligers uit de wijk.')
  }
  for (const box of await page.getByRole('group', { name: 'Verklaringen' }).getByRole('checkbox').all()) await box.check()
  await page.getByRole('button', { name: 'Aanvraag indienen' }).click()
  await expect(page.getByRole('status').first()).toContainText('is ingediend')
  const applicationUrl = new URL(page.url()).pathname
  expect(applicationUrl).toMatch(/^\/aanvragen\/[^/]+$/)
  const reference = (await page.locator('main').innerText()).match(/BB-2026-\d{4}/)![0]

  // The demo banner leads to the mailbox; the worker delivers within a few seconds.
  await page.getByRole('link', { name: /demo-postbus/ }).click()
  await expect(page.getByRole('heading', { name: 'Demo-postbus' })).toBeVisible()
  const subject = `Ontvangen: uw aanvraag ${reference} (Buurtquiz Hoogland)`
  await expect(async () => {
    await page.reload()
    const row = page.getByTestId('mailbox').getByRole('row').filter({ hasText: subject })
    await expect(row).toContainText('aanvrager@hooglandleeft.example')
    await expect(row).toContainText('Verstuurd')
  }).toPass({ timeout: 20_000 })
  await page.getByRole('link', { name: subject }).click()

  // The mail as the recipient sees it: reference and decision due date (8 weeks after 26 November 2026).
  await expect(page.getByRole('heading', { name: subject })).toBeVisible()
  const frame = page.frameLocator('iframe.mail-frame')
  await expect(frame.getByRole('heading', { name: 'We hebben uw aanvraag ontvangen' })).toBeVisible()
  await expect(frame.locator('body')).toContainText(reference)
  await expect(frame.locator('body')).toContainText('21 januari 2027')
  await expect(frame.locator('html')).toHaveAttribute('lang', 'nl')

  // Its link is absolute and opens the application.
  const link = page.locator('.mail-links').getByRole('link', { name: 'Aanvraag bekijken' })
  const href = await link.getAttribute('href')
  expect(href).toMatch(new RegExp(`^http://localhost:\\d+${applicationUrl}$`))
  await link.click()
  await expect(page).toHaveURL(new RegExp(`${applicationUrl}$`))
  await expect(page.getByRole('heading', { name: 'Buurtquiz Hoogland' })).toBeVisible()
  expect(errors).toEqual([])
})

test('administrators see the mail page and every template in both languages; others do not', async ({ page, browser }) => {
  await signIn(page, 'beheerder@amersfoort.example')
  await page.getByRole('link', { name: 'E-mail', exact: true }).click()
  await expect(page.getByRole('heading', { name: 'E-mail', exact: true })).toBeVisible()
  await expect(page.getByTestId('mail-counts')).toContainText('Verstuurd')
  await page.getByRole('link', { name: /e-mailsjablonen/ }).click()
  await expect(page.getByTestId('mail-templates').locator('tbody tr')).toHaveCount(11)
  await page.getByRole('link', { name: 'decision: Engels' }).click()
  await expect(page.getByRole('heading', { name: /Decision on your application BB-2026-0007: awarded/ })).toBeVisible()
  await expect(page.frameLocator('iframe.mail-frame').first().locator('html')).toHaveAttribute('lang', 'en')

  const visitor = await browser.newPage()
  await visitor.goto('/beheer/mail/voorbeelden')
  await expect(visitor).toHaveURL(/\/inloggen\?redirectTo=/)
  await visitor.close()
})

import { expect, test } from '@playwright/test'
import { fillIntakeFields, signIn, submittedApplicationPath } from './helpers.ts'

/**
 * Mail in the demo: the server runs without SMTP_URL, so every mail lands in the local mailbox.
 * A foundation member submits an application; the receipt (with reference number and decision due
 * date) appears in /mailbox, and its link opens the application. The administrator sees the mail
 * page and the template previews.
 */

test('the receipt of a submission is in the local mailbox and its link opens the application', async ({ page }) => {
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))

  await signIn(page, 'aanvrager@hooglandleeft.example')

  await page.goto('/aanvragen/nieuw')
  await page.getByRole('textbox', { name: 'Naam van het initiatief' }).fill('Buurtquiz Hoogland')
  await page.getByRole('combobox', { name: 'Soort initiatief' }).selectOption({ label: 'Ontmoeting' })
  await page.getByRole('combobox', { name: 'Wijk', exact: true }).selectOption({ label: 'Hoogland' })
  await page
    .getByRole('textbox', { name: 'Beschrijving', exact: true })
    .fill('Een pubquiz over de geschiedenis van Hoogland in het buurthuis, voor jong en oud, met teams per straat.')
  await page.getByLabel('Begindatum', { exact: true }).fill('2026-12-12')
  await page.getByLabel('Einddatum', { exact: true }).fill('2026-12-12')
  await page.getByLabel('Omschrijving kostenpost 1').fill('Huur buurthuis en prijzen')
  await page.getByLabel('Bedrag in euro').first().fill('450')
  await fillIntakeFields(page)
  await page.getByRole('button', { name: 'Aanvraag indienen' }).click()
  const applicationUrl = await submittedApplicationPath(page)
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
  }).toPass({ timeout: 60_000 })
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

test('administrators see the mail page and every template in both languages; others do not', async ({
  page,
  browser,
}) => {
  await signIn(page, 'beheerder@amersfoort.example')
  await page.getByRole('link', { name: 'E-mail', exact: true }).click()
  await expect(page.getByRole('heading', { name: 'E-mail', exact: true })).toBeVisible()
  await expect(page.getByTestId('mail-counts')).toContainText('Verstuurd')
  await page.getByRole('link', { name: /e-mailsjablonen/ }).click()
  // one row per template of emails/index.ts (the objection decision is the 12th)
  await expect(page.getByTestId('mail-templates').locator('tbody tr')).toHaveCount(12)
  await page.getByRole('link', { name: 'decision: Engels', exact: true }).click()
  await expect(page.getByRole('heading', { name: /Decision on your application BB-2026-0007: awarded/ })).toBeVisible()
  await expect(page.frameLocator('iframe.mail-frame').first().locator('html')).toHaveAttribute('lang', 'en')

  const visitor = await browser.newPage()
  await visitor.goto('/beheer/mail/voorbeelden')
  await expect(visitor).toHaveURL(/\/inloggen\?redirectTo=/)
  await visitor.close()
})

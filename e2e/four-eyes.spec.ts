import { expect, test } from '@playwright/test'
import { extractText, getDocumentProxy } from 'unpdf'
import {
  cents,
  fillIntakeFields,
  signIn,
  signedInContext,
  waitForSmtpMail,
  submittedApplicationPath,
} from './helpers.ts'

/**
 * Four eyes and the beschikking (issue 10): reviewer A awards EUR 3.000,00, above the round's
 * threshold of EUR 2.500,00; the wijk's free budget drops by the reservation; A cannot confirm;
 * reviewer B (same wijken) confirms. The foundation gets the decision over real SMTP with the letter
 * as PDF; the letter's text holds the reference, the amount, the report due date and the objection
 * clause with its end date; the foundation and an auditor download exactly the same bytes.
 * The clock is fixed at 26 November 2026 (e2e/start-server.mjs).
 */
test('an award above the threshold waits for a second reviewer; the letter is mailed and kept', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000)
  const title = 'Lichtjesroute Hoogland'
  await signIn(page, 'aanvrager@hooglandleeft.example')
  await page.goto('/aanvragen/nieuw')
  await page.getByRole('textbox', { name: 'Naam van het initiatief' }).fill(title)
  await page.getByRole('combobox', { name: 'Soort initiatief' }).selectOption({ label: 'Ontmoeting' })
  await page.getByRole('combobox', { name: 'Wijk', exact: true }).selectOption({ label: 'Hoogland' })
  await page
    .getByRole('textbox', { name: 'Beschrijving', exact: true })
    .fill('Bewoners versieren hun voortuinen en balkons; een route langs alle lichtjes met warme chocolademelk.')
  await page.getByLabel('Begindatum', { exact: true }).fill('2026-12-12')
  await page.getByLabel('Einddatum', { exact: true }).fill('2026-12-12')
  await page.getByLabel('Omschrijving kostenpost 1').fill('Lichtsnoeren, chocolademelk en flyers')
  await page.getByLabel('Bedrag in euro').first().fill('3000')
  await fillIntakeFields(page)
  await page.getByRole('button', { name: 'Aanvraag indienen' }).click()
  const applicationPath = await submittedApplicationPath(page)
  const id = applicationPath.split('/').pop()!
  const reference = (await page.locator('main').innerText()).match(/BB-2026-\d{4}/)![0]

  // Reviewer A awards EUR 3.000,00: reserved, the free budget drops by exactly that.
  const a = await signedInContext(browser, 'beoordelaar@amersfoort.example')
  await a.page.goto(`/beoordelen/${id}`)
  const free = a.page.getByText(/Vrij beschikbaar in Hoogland/)
  const before = cents(await free.innerText())
  await a.page.getByLabel('Toe te kennen bedrag').fill('3000')
  await a.page.getByRole('button', { name: 'Toekennen', exact: true }).click()
  await expect(a.page.getByRole('status').first()).toContainText('Gereserveerd: € 3.000,00')
  expect(cents(await free.innerText())).toBe(before - 300000)
  const pending = a.page.getByRole('region', { name: /Wacht op een tweede beoordelaar/ })
  await expect(pending).toContainText('€ 3.000,00')
  // A cannot confirm: no button, and the reason says why.
  await expect(pending).toContainText('U heeft deze toekenning zelf voorgesteld')
  await expect(a.page.getByRole('button', { name: 'Bevestigen en beschikking versturen' })).toHaveCount(0)

  // Reviewer B confirms.
  const b = await signedInContext(browser, 'beoordelaar2@amersfoort.example')
  await b.page.goto(`/beoordelen/${id}`)
  await b.page.getByRole('button', { name: 'Bevestigen en beschikking versturen' }).click()
  await expect(b.page.getByRole('status').first()).toContainText('Bevestigd')
  await expect(b.page.getByText('Toegekend', { exact: true }).first()).toBeVisible()
  expect(cents(await b.page.getByText(/Vrij beschikbaar in Hoogland/).innerText())).toBe(before - 300000)

  // The foundation receives the decision over SMTP, with the letter as PDF.
  const mail = await waitForSmtpMail(
    (m) =>
      m.subject === `Besluit op uw aanvraag ${reference}: toegekend` &&
      (m.to && 'text' in m.to ? m.to.text : '').includes('aanvrager@hooglandleeft.example'),
    60_000,
  )
  const attachment = mail.attachments.find((x) => x.contentType === 'application/pdf')
  expect(attachment, 'the decision mail carries the letter').toBeTruthy()
  const pdf = attachment!.content
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true })
  const letter = text.replace(/\s+/g, ' ')
  expect(letter).toContain(reference)
  expect(letter).toContain('3.000,00')
  expect(letter).toContain('Stichting Hoogland Leeft')
  // report due: 12 December 2026 + 4 weeks = Saturday 9 January 2027 -> Monday 11 January (Atw)
  expect(letter).toContain('Verantwoording uiterlijk op 11 januari 2027')
  // objection: 6 weeks from the day after 26 November 2026
  expect(letter).toMatch(/bezwaar maken, dus uiterlijk op 7 januari 2027/)
  expect(letter).toContain('Algemene wet bestuursrecht')
  expect(letter).toContain('Thijs Verbeek') // the second reviewer signs too

  // The foundation downloads the kept letter from the portal: the same bytes.
  await page.goto(applicationPath)
  const link = page.getByRole('link', { name: `beschikking-${reference}.pdf` })
  const href = await link.getAttribute('href')
  expect(href).toMatch(/^\/documenten\/[^/]+$/)
  const own = await page.request.get(href!)
  expect(own.status()).toBe(200)
  expect(Buffer.compare(await own.body(), pdf)).toBe(0)

  // So does an auditor.
  const auditor = await signedInContext(browser, 'controleur@amersfoort.example')
  const audited = await auditor.page.request.get(href!)
  expect(audited.status()).toBe(200)
  expect(Buffer.compare(await audited.body(), pdf)).toBe(0)
  expect([...a.errors, ...b.errors, ...auditor.errors]).toEqual([])
  await Promise.all([a.close(), b.close(), auditor.close()])
})

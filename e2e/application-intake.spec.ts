import { expect, test, type Browser, type Page } from '@playwright/test'
import { fillIntakeFields, quotePdf, signIn, waitForSmtpMail } from './helpers.ts'

/**
 * Issue 5, "done when": the whole application with three budget lines in Dutch notation and a PDF,
 * saved as draft, resumed, submitted, the receipt in the (local) mailbox, an aanvulling asked and
 * answered, and the reviewer sees exactly the submitted snapshot. Once with and once without JavaScript.
 */

async function fillApplication(page: Page, title: string) {
  await page.getByLabel('Naam van het initiatief').fill(title)
  await page.getByLabel('Soort initiatief').selectOption({ label: 'Ontmoeting' })
  await page.getByLabel('Wijk', { exact: true }).selectOption({ label: 'Hoogland' })
  await page
    .getByLabel('Beschrijving')
    .fill('Een avond met verhalen van oudere bewoners over het Hoogland van vroeger, met koffie en oude foto’s.')
  await page.getByLabel('Begindatum').fill('2026-12-12')
  await page.getByLabel('Einddatum').fill('2026-12-12')
  await page.getByLabel('Omschrijving kostenpost 1').fill('Huur zaal buurthuis')
  await page.getByLabel('Bedrag in euro').first().fill('1.234,56')
  await page.getByRole('button', { name: 'Regel toevoegen' }).click()
  await page.getByLabel('Omschrijving kostenpost 2').fill('Koffie, thee en gebak')
  await page.getByLabel('Bedrag in euro').nth(1).fill('215,44')
  await page.getByRole('button', { name: 'Regel toevoegen' }).click()
  await page.getByLabel('Omschrijving kostenpost 3').fill('Afdrukken oude foto’s')
  await page.getByLabel('Bedrag in euro').nth(2).fill('50')
  await page.getByLabel('Andere inkomsten in euro (niet verplicht)').fill('100,00')
  await page.getByLabel('Samenwerkingspartners (niet verplicht)').fill('Historische Kring Hoogland, Indebuurt033')
  await fillIntakeFields(page)
}

async function flow(browser: Browser, javaScriptEnabled: boolean) {
  const title = javaScriptEnabled ? 'Verhalenavond Hoogland' : 'Verhalenavond Hoogland zonder JS'
  const context = await browser.newContext({ javaScriptEnabled })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await signIn(page, 'aanvrager@hooglandleeft.example')
  await page.getByRole('link', { name: 'Nieuwe aanvraag' }).click()
  await fillApplication(page, title)
  if (javaScriptEnabled) {
    await expect(page.getByTestId('requested-total')).toHaveText('€ 1.400,00')
    // Autosave: a few seconds after the last change the draft is stored without leaving the page.
    await expect(page.getByTestId('autosave-status')).toContainText('Automatisch bewaard', { timeout: 45_000 })
    await page.getByLabel('Bestand toevoegen', { exact: true }).setInputFiles(quotePdf())
  }
  await page.getByRole('button', { name: 'Opslaan als concept' }).click()
  await expect(page.getByRole('status')).toContainText('concept is opgeslagen')

  // Resume from the dashboard: everything is still there, also the PDF.
  await page.getByRole('link', { name: 'Onze aanvragen' }).click()
  await expect(page.getByRole('link', { name: title, exact: true })).toHaveCount(1)
  await page.getByRole('link', { name: title, exact: true }).click()
  await expect(page.getByLabel('Locatie')).toHaveValue('Grasveld bij de Zielhorsterplas')
  await expect(page.getByLabel('Bedrag in euro').nth(2)).toHaveValue('50,00')
  await expect(page.getByRole('link', { name: 'offerte.pdf' })).toHaveCount(1)
  const id = page.url().split('/').pop()!

  await page.getByRole('button', { name: 'Aanvraag indienen' }).click()
  await expect(page.getByRole('status')).toContainText('is ingediend')
  const reference = (await page.locator('.subtitle').innerText()).match(/BB-2026-\d{4}/)![0]
  await expect(page.getByText('Besluit uiterlijk').first()).toBeVisible()

  // The receipt mail arrives over real SMTP: to the member, with the reference, the date by which a
  // decision is due (8 weeks) and an absolute link to the application.
  const receipt = await waitForSmtpMail((mail) => mail.subject === `Ontvangen: uw aanvraag ${reference} (${title})`)
  expect(receipt.to && 'text' in receipt.to ? receipt.to.text : '').toContain('aanvrager@hooglandleeft.example')
  expect(receipt.text).toContain(reference)
  expect(receipt.text).toMatch(/\d{1,2} (januari|februari) 2027/)
  expect(receipt.html || '').toContain(`/aanvragen/${id}`)
  // In the demo the same mail is readable in the local mailbox.
  await page.goto('/mailbox')
  await expect(page.getByRole('link', { name: `Ontvangen: uw aanvraag ${reference} (${title})` })).toBeVisible()

  // The reviewer asks for missing information.
  const staff = await browser.newContext({ javaScriptEnabled })
  const r = await staff.newPage()
  await signIn(r, 'beoordelaar@amersfoort.example')
  await r.goto(`/beoordelen/${id}`)
  await r.getByLabel('Vraag aan de stichting').fill('Kunt u de offerte van het buurthuis voor de zaalhuur meesturen?')
  await r.getByRole('button', { name: 'Vraag versturen' }).click()
  await expect(r.getByRole('status')).toContainText('De vraag is verstuurd')

  // The foundation sees the question on its dashboard and answers with text and a PDF.
  await page.goto('/aanvragen')
  await expect(page.getByRole('row', { name: new RegExp(reference) })).toContainText('Aanvulling gevraagd')
  await page.goto(`/aanvragen/${id}`)
  await expect(page.getByTestId('open-question')).toContainText('offerte van het buurthuis')
  await page.getByLabel('Uw antwoord').fill('Hierbij de offerte van het buurthuis.')
  await page
    .getByLabel('Bestand toevoegen', { exact: true })
    .setInputFiles({ ...quotePdf(), name: 'offerte-buurthuis.pdf' })
  await page.getByRole('button', { name: 'Antwoord versturen' }).click()
  await expect(page.getByRole('status')).toContainText('Uw antwoord is verstuurd')

  // The reviewer sees exactly the submitted snapshot, and the answer.
  await r.reload()
  const snapshot = r.getByTestId('snapshot')
  for (const text of [
    title,
    'Grasveld bij de Zielhorsterplas',
    'Huur zaal buurthuis',
    '€ 1.234,56',
    '€ 215,44',
    '€ 50,00',
    '€ 1.500,00',
    '€ 100,00',
    '€ 1.400,00',
    'Historische Kring Hoogland',
    'offerte.pdf',
    '75%',
    'Stichting Hoogland Leeft',
  ]) {
    await expect(snapshot).toContainText(text)
  }
  await expect(r.getByTestId('information-requests')).toContainText('Hierbij de offerte van het buurthuis.')
  await expect(r.getByRole('link', { name: 'offerte-buurthuis.pdf' })).toBeVisible()
  expect(errors).toEqual([])
  await staff.close()
  await context.close()
}

test('with JavaScript: the whole application, draft, resume, submit, receipt, aanvulling, snapshot', async ({
  browser,
}) => {
  await flow(browser, true)
})

test('without JavaScript: the same, every button a real submit', async ({ browser }) => {
  await flow(browser, false)
})

test('a 50 MB upload is refused with 413 and a clear page; a renamed .exe is refused', async ({ page }) => {
  await signIn(page, 'aanvrager@hooglandleeft.example')
  const big = await page.request
    .post('/aanvragen/nieuw', {
      multipart: {
        intent: 'save',
        title: 'Te groot',
        category: 'groen',
        attachment: { name: 'groot.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(50 * 1024 * 1024, 0x25) },
      },
      headers: { Origin: new URL(page.url()).origin },
      maxRedirects: 0,
    })
    .catch((error: Error) => error)
  // The request guard answers 413 at its limit and reads and drops the rest (lingering close), so the
  // client reads the answer instead of a cut connection (app/server/app.ts).
  expect(big instanceof Error ? big.message : 'answered').toBe('answered')
  if (!(big instanceof Error)) {
    expect(big.status()).toBe(413)
    expect(await big.text()).toContain('hoogstens 11 MB')
  }

  await page.getByRole('link', { name: 'Nieuwe aanvraag' }).click()
  await page.getByLabel('Naam van het initiatief').fill('Met een vermomd programma')
  await page.getByLabel('Soort initiatief').selectOption({ label: 'Groen' })
  await page.getByLabel('Wijk', { exact: true }).selectOption({ label: 'Hoogland' })
  await page.getByLabel('Bestand toevoegen', { exact: true }).setInputFiles({
    name: 'offerte.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]),
  })
  await page.getByRole('button', { name: 'Opslaan als concept' }).click()
  await expect(page.getByText('Dit bestand is geen PDF, JPEG of PNG')).toBeVisible()
})

import { expect, test } from '@playwright/test'
import { extractText, getDocumentProxy } from 'unpdf'
import { fillIntakeFields, signIn, signedInContext, waitForSmtpMail } from './helpers.ts'

const pdfText = async (bytes: Buffer) =>
  (await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true })).text.replace(/\s+/g, ' ')

/**
 * Bezwaar (issue 10 point 8): a reviewer awards part of an application; the foundation objects; the
 * reviewer registers the objection (in time), declares it founded with the full amount; a new decision
 * letter replaces the old one. The history shows both letters (the old one marked replaced) to the
 * reviewer and the foundation, both PDFs download, and the foundation gets the decision over SMTP.
 * The clock is fixed at 26 November 2026 (e2e/start-server.mjs).
 */
test('an objection is registered and founded; the new letter replaces the old; both stay in the history', async ({
  page,
  browser,
}) => {
  test.setTimeout(300_000)
  const title = 'Winterwandeling Hoogland'
  await signIn(page, 'aanvrager@hooglandleeft.example')
  await page.goto('/aanvragen/nieuw')
  await page.getByRole('textbox', { name: 'Naam van het initiatief' }).fill(title)
  await page.getByRole('combobox', { name: 'Soort initiatief' }).selectOption({ label: 'Ontmoeting' })
  await page.getByRole('combobox', { name: 'Wijk', exact: true }).selectOption({ label: 'Hoogland' })
  await page
    .getByRole('textbox', { name: 'Beschrijving', exact: true })
    .fill('Een wandeling met fakkels langs de boerderijen van Hoogland, met soep en een verhalenverteller.')
  await page.getByLabel('Begindatum', { exact: true }).fill('2026-12-19')
  await page.getByLabel('Einddatum', { exact: true }).fill('2026-12-19')
  await page.getByLabel('Omschrijving kostenpost 1').fill('Fakkels, soep en de verhalenverteller')
  await page.getByLabel('Bedrag in euro').first().fill('1200')
  await fillIntakeFields(page)
  await page.getByRole('button', { name: 'Aanvraag indienen' }).click()
  await expect(page.getByRole('status').first()).toContainText('is ingediend')
  await page.waitForURL((url) => /^\/aanvragen\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith('/nieuw'))
  const applicationPath = new URL(page.url()).pathname
  const id = applicationPath.split('/').pop()!
  const reference = (await page.locator('main').innerText()).match(/BB-2026-\d{4}/)![0]

  // The reviewer awards EUR 800,00 of the EUR 1.200,00 (below the four-eyes threshold: in effect at once).
  const r = await signedInContext(browser, 'beoordelaar@amersfoort.example')
  await r.page.goto(`/beoordelen/${id}`)
  await r.page.getByLabel('Toe te kennen bedrag').fill('800')
  await r.page
    .getByLabel('Motivering')
    .first()
    .fill('De verhalenverteller valt buiten de regeling van het Buurtbudget.')
  await r.page.getByRole('button', { name: 'Toekennen', exact: true }).click()
  await expect(r.page.getByRole('status').first()).toContainText('€ 800,00')

  // The objection: registered from the review page's link.
  await r.page.getByRole('link', { name: 'Bezwaar registreren of behandelen' }).click()
  await expect(r.page.getByRole('heading', { name: `Bezwaar: ${title}` })).toBeVisible()
  const contested = r.page.getByRole('region', { name: 'Geldend besluit' })
  await expect(contested).toContainText('Gedeeltelijk toegekend')
  await expect(contested).toContainText('7 januari 2027') // the objection term: 6 weeks after 26 November
  await r.page.getByRole('button', { name: 'Bezwaar registreren' }).click()
  // nothing filled in: clear Dutch errors at the fields, nothing registered
  await expect(r.page.getByText('Vul in wie het bezwaar heeft ingediend.')).toBeVisible()
  await r.page.getByLabel('Ingediend door').fill('Anja de Vries namens Stichting Hoogland Leeft')
  await r.page
    .getByLabel('Gronden van het bezwaar')
    .fill('De verhalenverteller is het hart van de ontmoeting; zonder hem komt niemand.')
  await r.page.screenshot({ path: 'test-results/objection-register.png', fullPage: true })
  await r.page.getByRole('button', { name: 'Bezwaar registreren' }).click()
  await expect(r.page.getByRole('status').first()).toContainText('Het bezwaar is geregistreerd.')
  const list = r.page.getByRole('region', { name: 'Bezwaren' })
  await expect(list).toContainText('Op tijd')
  await expect(list).toContainText('In behandeling')

  // Founded: the full amount. A typo in the amount is a field error, the reasons stay typed.
  await r.page.getByLabel('Beslissing', { exact: true }).selectOption('FOUNDED')
  await r.page.getByLabel('Bedrag van het nieuwe besluit (€)').fill('twaalfhonderd')
  const reasons = 'De verhalenverteller trekt de bewoners naar buiten; dat is precies het doel van de regeling.'
  await r.page.getByLabel('Motivering (komt in de brief)').fill(reasons)
  await r.page.getByRole('button', { name: 'Beslissing vastleggen en brief versturen' }).click()
  await expect(r.page.getByLabel('Motivering (komt in de brief)')).toHaveValue(reasons)
  await r.page.getByLabel('Bedrag van het nieuwe besluit (€)').fill('1200')
  await r.page.screenshot({ path: 'test-results/objection-decide.png', fullPage: true })
  await r.page.getByRole('button', { name: 'Beslissing vastleggen en brief versturen' }).click()
  await expect(r.page.getByRole('status').first()).toContainText('De beslissing op het bezwaar is vastgelegd')
  await expect(list).toContainText('gegrond')
  await expect(r.page.getByRole('region', { name: 'Geldend besluit' })).toContainText('€ 1.200,00')
  await r.page.screenshot({ path: 'test-results/objection-decided.png', fullPage: true })

  // The history shows both letters: the old one marked replaced.
  const letters = r.page.getByRole('region', { name: 'Beschikkingen' })
  const oldLink = letters.getByRole('link', { name: `beschikking-${reference}.pdf` })
  const newLink = letters.getByRole('link', { name: `besluit-na-bezwaar-${reference}.pdf` })
  await expect(oldLink).toBeVisible()
  await expect(newLink).toBeVisible()
  await expect(letters.getByRole('listitem').filter({ hasText: `beschikking-${reference}.pdf` })).toContainText(
    'vervangen',
  )
  await expect(
    letters.getByRole('listitem').filter({ hasText: `besluit-na-bezwaar-${reference}.pdf` }),
  ).not.toContainText('vervangen')

  // Both PDFs download; the old one still says EUR 800,00, the new one replaces it with EUR 1.200,00.
  const oldPdf = await r.page.request.get((await oldLink.getAttribute('href'))!)
  const newPdf = await r.page.request.get((await newLink.getAttribute('href'))!)
  expect(oldPdf.status()).toBe(200)
  expect(newPdf.status()).toBe(200)
  const oldText = await pdfText(await oldPdf.body())
  const newText = await pdfText(await newPdf.body())
  expect(oldText).toContain('800,00')
  expect(newText).toContain('Beslissing op uw bezwaar')
  expect(newText).toContain('verklaart uw bezwaar gegrond')
  expect(newText).toContain('1.200,00')
  expect(newText).toContain('Dit besluit vervangt het besluit van 26 november 2026')
  expect(newText).toContain(reference)

  // The foundation: the mail with the new letter over SMTP, and both letters on its own page.
  const mail = await waitForSmtpMail(
    (m) =>
      m.subject === `Beslissing op uw bezwaar ${reference}: gegrond` &&
      (m.to && 'text' in m.to ? m.to.text : '').includes('aanvrager@hooglandleeft.example'),
    60_000,
  )
  const attached = mail.attachments.find((x) => x.contentType === 'application/pdf')
  expect(Buffer.compare(attached!.content, await newPdf.body())).toBe(0)
  await page.goto(applicationPath)
  const own = page.getByRole('region', { name: 'Beschikkingen' })
  await expect(own.getByRole('link', { name: `beschikking-${reference}.pdf` })).toBeVisible()
  await expect(own.getByRole('link', { name: `besluit-na-bezwaar-${reference}.pdf` })).toBeVisible()
  await expect(own).toContainText('vervangen door een nieuw besluit na bezwaar')
  const ownNew = await page.request.get(
    (await own.getByRole('link', { name: `besluit-na-bezwaar-${reference}.pdf` }).getAttribute('href'))!,
  )
  expect(Buffer.compare(await ownNew.body(), await newPdf.body())).toBe(0)
  await page.screenshot({ path: 'test-results/objection-foundation.png', fullPage: true })
  expect(r.errors).toEqual([])
  await r.close()
})

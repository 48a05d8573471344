import { expect, test, type Page } from '@playwright/test'
import { extractText, getDocumentProxy } from 'unpdf'
import { cents, fillIntakeFields, signIn, signedInContext, submittedApplicationPath } from './helpers.ts'

/**
 * From the award to the last euro (issue 11), through the screens: a EUR 2.000,00 award with a 75%
 * advance; the advance (EUR 1.500,00, above the payment threshold of EUR 1.000,00) waits for a second
 * reviewer; it goes into a SEPA file; the foundation records three expenses with receipts and the
 * reviewer rejects one; the foundation reports; the reviewer settles at EUR 1.400,00; the portal
 * computes a recovery of EUR 100,00, registered as received; the wijk's free budget grows by exactly
 * EUR 600,00 (the unused EUR 500,00 commitment and the EUR 100,00 paid back); the auditor agrees;
 * the settlement letter holds the final amount and the recovery. Clock: 26 November 2026.
 */

function receipt(name: string) {
  const body = `%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n% ${name}\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`
  return { name, mimeType: 'application/pdf', buffer: Buffer.from(body) }
}

async function freeBudget(page: Page) {
  return cents(await page.getByText(/Vrij beschikbaar in Hoogland/).innerText())
}

async function addExpense(
  page: Page,
  e: { date: string; supplier: string; description: string; amount: string; line: string; file: string },
) {
  const form = page.locator('form', { has: page.getByRole('heading', { name: 'Uitgave toevoegen' }) })
  await form.getByLabel('Datum van de uitgave').fill(e.date)
  await form.getByLabel('Leverancier').fill(e.supplier)
  await form.getByLabel('Omschrijving').fill(e.description)
  await form.getByLabel('Bedrag in euro').fill(e.amount)
  await form.getByLabel('Begrotingspost').selectOption({ label: e.line })
  await form.getByLabel('Bonnen of facturen').setInputFiles(receipt(e.file))
  await form.getByRole('button', { name: 'Uitgave toevoegen' }).click()
  await expect(page.getByRole('status').first()).toContainText(`Uitgave van € ${e.amount} toegevoegd`)
}

test('award, advance by SEPA file, expenses, report, settlement with recovery, back to the wijk', async ({
  page,
  browser,
}) => {
  test.setTimeout(300_000)
  const title = 'Moestuin aan de Zevenhuizerstraat'

  // The foundation applies for EUR 2.000,00 in two budget lines (the advance stays at the round's 75%).
  await signIn(page, 'aanvrager@hooglandleeft.example')
  await page.goto('/aanvragen/nieuw')
  await page.getByRole('textbox', { name: 'Naam van het initiatief' }).fill(title)
  await page.getByRole('combobox', { name: 'Soort initiatief' }).selectOption({ label: 'Ontmoeting' })
  await page.getByRole('combobox', { name: 'Wijk', exact: true }).selectOption({ label: 'Hoogland' })
  await page
    .getByRole('textbox', { name: 'Beschrijving', exact: true })
    .fill('Buren leggen samen een moestuin aan op het braakliggende veld; de oogst delen we op een burendag.')
  await page.getByLabel('Begindatum', { exact: true }).fill('2026-12-12')
  await page.getByLabel('Einddatum', { exact: true }).fill('2026-12-12')
  await page.getByLabel('Omschrijving kostenpost 1').fill('Zaden en planten')
  await page.getByLabel('Bedrag in euro').first().fill('1200')
  await page.getByRole('button', { name: 'Regel toevoegen' }).click()
  await page.getByLabel('Omschrijving kostenpost 2').fill('Gereedschap')
  await page.getByLabel('Bedrag in euro').nth(1).fill('800')
  await fillIntakeFields(page)
  await page.getByRole('button', { name: 'Aanvraag indienen' }).click()
  const applicationPath = await submittedApplicationPath(page)
  const id = applicationPath.split('/').pop()!
  const reference = (await page.locator('main').innerText()).match(/BB-2026-\d{4}/)![0]

  // Reviewer A awards EUR 2.000,00 (below the award's four-eyes threshold: effective at once).
  const a = await signedInContext(browser, 'beoordelaar@amersfoort.example')
  await a.page.goto(`/beoordelen/${id}`)
  await a.page.getByLabel('Toe te kennen bedrag').fill('2000')
  await a.page.getByRole('button', { name: 'Toekennen', exact: true }).click()
  await expect(a.page.getByRole('status').first()).toContainText('Toegekend: € 2.000,00')

  // The advance of 75% is proposed; A proposed it (as the award's author) and may not approve it.
  const advance = a.page.locator('[data-testid="payments"] tr', { hasText: 'Voorschot' })
  await expect(advance).toContainText('€ 1.500,00')
  await expect(advance).toContainText('Wacht op goedkeuring')
  await advance.getByRole('button', { name: 'Betaling goedkeuren' }).click()
  await expect(advance).toContainText(
    'U hebt deze betaling zelf voorgesteld; een andere medewerker moet haar goedkeuren.',
  )
  await expect(advance).toContainText('Wacht op goedkeuring')

  // A payment above what is committed and not on its way is refused at the field, typed input kept.
  const propose = a.page.locator('form', { has: a.page.getByRole('heading', { name: 'Betaling voorstellen' }) })
  await propose.getByLabel('Soort').selectOption({ label: 'Deelbetaling' })
  await propose.getByLabel('Bedrag in euro').fill('600')
  await propose.getByLabel('Omschrijving').fill('Tweede deel')
  await propose.getByRole('button', { name: 'Betaling voorstellen' }).click()
  await expect(propose).toContainText('Dit bedrag is meer dan er nog is toegekend en niet al onderweg is (€ 500,00).')
  await expect(propose.getByLabel('Bedrag in euro')).toHaveValue('600')
  await propose.getByLabel('Bedrag in euro').fill('12,3,4')
  await propose.getByLabel('Omschrijving').click()
  await expect(propose.locator('.field-errors').first()).toBeVisible()
  await expect(a.page.locator('[data-testid="payments"] tbody tr')).toHaveCount(1)

  // Reviewer B approves the advance.
  const b = await signedInContext(browser, 'beoordelaar2@amersfoort.example')
  await b.page.goto(`/beoordelen/${id}`)
  const advanceB = b.page.locator('[data-testid="payments"] tr', { hasText: 'Voorschot' })
  await advanceB.getByRole('button', { name: 'Betaling goedkeuren' }).click()
  await expect(b.page.getByRole('status').first()).toContainText('Betaling van € 1.500,00 goedgekeurd')
  await expect(advanceB).toContainText('Vrijgegeven, wacht op batch')
  const paymentRef = (await advanceB.locator('td').first().innerText()).trim()
  expect(paymentRef).toBe(`${reference}-B1`)

  // The batches page: gather, download the SEPA file, a second download needs a reason, mark as sent.
  await b.page.getByRole('link', { name: 'Betalingen', exact: true }).click()
  await expect(b.page.getByRole('heading', { name: 'Betalingen aan de bank' })).toBeVisible()
  await expect(b.page.locator(`tr[data-payment="${paymentRef}"]`)).toContainText('€ 1.500,00')
  await b.page.getByRole('button', { name: /Batch maken/ }).click()
  await expect(b.page.getByRole('status').first()).toContainText('Batch BB-20261126-')
  const batch = b.page.locator('section[data-batch]', { has: b.page.locator(`tr[data-payment="${paymentRef}"]`) })
  const download = b.page.waitForEvent('download')
  await batch.getByRole('button', { name: 'SEPA-bestand downloaden' }).click()
  const file = await download
  const xml = await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'))
  expect(xml).toContain('urn:iso:std:iso:20022:tech:xsd:pain.001.001.09')
  expect(xml).toMatch(/<InstdAmt Ccy="EUR">1500\.00<\/InstdAmt>/)
  expect(xml).toContain(`<EndToEndId>${paymentRef}</EndToEndId>`)
  expect(xml).toContain(`Buurtbudget ${reference}`)

  await b.page.reload()
  const batchAgain = b.page.locator('section[data-batch]', { has: b.page.locator(`tr[data-payment="${paymentRef}"]`) })
  await expect(batchAgain).toHaveAttribute('data-status', 'EXPORTED')
  await batchAgain.getByRole('button', { name: 'SEPA-bestand downloaden' }).click()
  await expect(
    b.page.getByText('Dit bestand is al eens gemaakt. Geef een reden op om het opnieuw te maken.'),
  ).toBeVisible()
  const batchThird = b.page.locator('section[data-batch]', { has: b.page.locator(`tr[data-payment="${paymentRef}"]`) })
  await batchThird.getByLabel('Reden om het bestand opnieuw te maken').fill('Bank weigerde het eerste bestand')
  const second = b.page.waitForEvent('download')
  await batchThird.getByRole('button', { name: 'SEPA-bestand downloaden' }).click()
  await second
  await b.page.reload()
  const sent = b.page.locator('section[data-batch]', { has: b.page.locator(`tr[data-payment="${paymentRef}"]`) })
  await expect(sent).toContainText('Bank weigerde het eerste bestand')
  await sent.getByRole('button', { name: 'Markeren als naar de bank gestuurd' }).click()
  await expect(b.page.getByRole('status').first()).toContainText('is naar de bank gestuurd')

  // The foundation sees the advance as paid and records three expenses with receipts.
  await page.goto(applicationPath)
  await expect(page.getByTestId('received')).toContainText('Voorschot € 1.500,00')
  await expect(page.getByTestId('received')).toContainText('Betaald')
  await expect(page.getByText('Verantwoording uiterlijk op 11 januari 2027')).toBeVisible()
  // bad input first: a future date and a file that is no receipt; nothing is booked, input is kept
  const expenseForm = page.locator('form', { has: page.getByRole('heading', { name: 'Uitgave toevoegen' }) })
  await expenseForm.getByLabel('Datum van de uitgave').fill('2027-01-05')
  await expenseForm.getByLabel('Leverancier').fill('Tuincentrum De Hoef')
  await expenseForm.getByLabel('Omschrijving').fill('Zaden, pootgoed en potgrond')
  await expenseForm.getByLabel('Bedrag in euro').fill('800')
  await expenseForm.getByLabel('Begrotingspost').selectOption({ label: 'Zaden en planten' })
  await expenseForm.getByLabel('Bonnen of facturen').setInputFiles(receipt('bon-hoef.pdf'))
  await expenseForm.getByRole('button', { name: 'Uitgave toevoegen' }).click()
  await expect(expenseForm).toContainText('Deze datum ligt in de toekomst.')
  await expect(expenseForm.getByLabel('Leverancier')).toHaveValue('Tuincentrum De Hoef')
  await expenseForm.getByLabel('Datum van de uitgave').fill('2026-11-20')
  await expenseForm
    .getByLabel('Bonnen of facturen')
    .setInputFiles({ name: 'bon.pdf', mimeType: 'application/pdf', buffer: Buffer.from('geen pdf') })
  await expenseForm.getByRole('button', { name: 'Uitgave toevoegen' }).click()
  await expect(expenseForm).toContainText('Dit bestand is geen PDF, JPEG of PNG')
  await expect(page.getByTestId('expenses')).toHaveCount(0)

  await addExpense(page, {
    date: '2026-11-20',
    supplier: 'Tuincentrum De Hoef',
    description: 'Zaden, pootgoed en potgrond',
    amount: '800,00',
    line: 'Zaden en planten',
    file: 'bon-hoef.pdf',
  })
  // after a booking the form is empty again: a second click books no duplicate
  await expect(expenseForm.getByLabel('Leverancier')).toHaveValue('')
  await addExpense(page, {
    date: '2026-11-21',
    supplier: 'Bouwmarkt Hoogland',
    description: 'Schoppen, harken en kruiwagen',
    amount: '600,00',
    line: 'Gereedschap',
    file: 'bon-bouwmarkt.pdf',
  })
  await addExpense(page, {
    date: '2026-11-22',
    supplier: 'Café De Kruik',
    description: 'Borrel voor de vrijwilligers',
    amount: '300,00',
    line: 'Zaden en planten',
    file: 'bon-kruik.pdf',
  })
  await expect(page.getByTestId('expenses').locator('li')).toHaveCount(3)
  const line1 = page.locator('[data-testid="spend-by-line"] tr[data-line="Zaden en planten"]')
  expect(cents(await line1.locator('[data-col="planned"]').innerText())).toBe(1_200_00)
  expect(cents(await line1.locator('[data-col="submitted"]').innerText())).toBe(1_100_00)

  // The reviewer opens a receipt, accepts two expenses and rejects one (a reason is required).
  await a.page.goto(`/beoordelen/${id}`)
  const hoef = a.page.locator('[data-testid="expenses"] li', { hasText: 'Tuincentrum De Hoef' })
  const receiptHref = await hoef.getByRole('link', { name: 'bon-hoef.pdf' }).getAttribute('href')
  const receiptRes = await a.page.request.get(receiptHref!)
  expect(receiptRes.status()).toBe(200)
  expect((await receiptRes.body()).toString('latin1')).toContain('bon-hoef.pdf')
  await hoef.getByRole('button', { name: 'Goedkeuren' }).click()
  await expect(a.page.getByRole('status').first()).toContainText('Uitgave van € 800,00 goedgekeurd')
  const bouw = a.page.locator('[data-testid="expenses"] li', { hasText: 'Bouwmarkt Hoogland' })
  await bouw.getByRole('button', { name: 'Goedkeuren' }).click()
  await expect(a.page.getByRole('status').first()).toContainText('Uitgave van € 600,00 goedgekeurd')
  const kruik = a.page.locator('[data-testid="expenses"] li', { hasText: 'Café De Kruik' })
  await kruik.getByLabel('Toelichting').fill('Een borrel valt buiten de regeling.')
  await kruik.getByRole('button', { name: 'Afkeuren' }).click()
  await expect(a.page.getByRole('status').first()).toContainText('Uitgave van € 300,00 afgekeurd')
  await expect(kruik).toContainText('Afgekeurd — Een borrel valt buiten de regeling.')

  // The foundation submits its verantwoording.
  await page.reload()
  await expect(page.getByTestId('expenses')).toContainText('Een borrel valt buiten de regeling.')
  const report = page.locator('form', { has: page.getByRole('heading', { name: 'Verantwoording indienen' }) })
  await report.getByLabel('Wat is er gebeurd?').fill('Kort')
  await report.getByLabel('Aantal deelnemers').fill('veel')
  await report.getByRole('button', { name: 'Verantwoording indienen' }).click()
  await expect(report).toContainText('Beschrijf wat er is gebeurd (minstens 20 tekens).')
  await expect(report).toContainText('Vul het aantal deelnemers in als heel getal')
  await report
    .getByLabel('Wat is er gebeurd?')
    .fill('Veertig buren legden in twee zaterdagen de moestuin aan; de eerste oogst is gedeeld op de burendag.')
  await report.getByLabel('Aantal deelnemers').fill('40')
  await report.getByRole('button', { name: 'Verantwoording indienen' }).click()
  await expect(page.getByRole('status').first()).toContainText('Uw verantwoording is ingediend')

  // The reviewer settles at EUR 1.400,00: EUR 100,00 to recover; the unused EUR 500,00 returns.
  await a.page.goto(`/beoordelen/${id}`)
  const before = await freeBudget(a.page)
  const settleForm = a.page.locator('form', { has: a.page.getByRole('heading', { name: 'Vaststellen' }) })
  await settleForm.getByLabel('Vastgesteld bedrag').fill('2.500,00')
  await settleForm.getByLabel(/^Motivering/).fill('Twee uitgaven goedgekeurd; de borrel valt buiten de regeling.')
  await settleForm.getByRole('button', { name: 'Vaststellen en brief versturen' }).click()
  await expect(settleForm).toContainText('Het vastgestelde bedrag mag niet hoger zijn dan het verleende bedrag')
  await expect(settleForm.getByLabel('Vastgesteld bedrag')).toHaveValue('2.500,00')
  await settleForm.getByLabel('Vastgesteld bedrag').fill('1.400,00')
  await settleForm.getByRole('button', { name: 'Vaststellen en brief versturen' }).click()
  await expect(a.page.getByRole('status').first()).toContainText(
    'Vastgesteld op € 1.400,00; terug te betalen: € 100,00.',
  )
  const settlement = a.page.getByTestId('settlement')
  expect(cents(await settlement.locator('[data-col="recovery"]').innerText())).toBe(100_00)
  expect(await freeBudget(a.page)).toBe(before + 500_00)

  // The recovery comes in: too much first is refused at the field, then the EUR 100,00.
  const recovery = a.page.locator('form', { has: a.page.getByRole('heading', { name: 'Terugbetaling ontvangen' }) })
  await recovery.getByLabel('Ontvangen bedrag').fill('150')
  await recovery.getByRole('button', { name: 'Ontvangst registreren' }).click()
  await expect(recovery).toContainText('Dit bedrag is meer dan er nog terugbetaald moet worden.')
  await recovery.getByLabel('Ontvangen bedrag').fill('100,00')
  await recovery.getByRole('button', { name: 'Ontvangst registreren' }).click()
  await expect(a.page.getByRole('status').first()).toContainText('Ontvangst van € 100,00 geregistreerd')
  await expect(a.page.getByTestId('recovery-state')).toContainText('volledig ontvangen')
  // the recovery received in full closes the application (status CLOSED, "Afgesloten")
  await expect(a.page.locator('p', { hasText: `${reference} · ` }).first()).toContainText('Afgesloten')
  const after = await freeBudget(a.page)
  expect(after - before).toBe(600_00)

  // The settlement letter: kept, with the final amount and the recovery.
  const letterHref = await a.page.getByRole('link', { name: `vaststelling-${reference}.pdf` }).getAttribute('href')
  const letterRes = await a.page.request.get(letterHref!)
  expect(letterRes.status()).toBe(200)
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(await letterRes.body())), {
    mergePages: true,
  })
  const letter = text.replace(/\s+/g, ' ')
  expect(letter).toContain(reference)
  expect(letter).toContain('1.400,00')
  expect(letter).toContain('100,00')

  // The auditor's per-wijk numbers agree: the grant holds exactly the spend, the wijk the rest.
  const auditor = await signedInContext(browser, 'controleur@amersfoort.example')
  await auditor.page.goto('/controle/wijk?wijk=WK030719')
  const row = auditor.page.locator(`[data-testid="area-grants"] tr[data-reference="${reference}"]`)
  const col = async (name: string) => cents(await row.locator(`td[data-col="${name}"]`).innerText())
  expect(await col('committed')).toBe(0)
  expect(await col('paid')).toBe(0)
  expect(await col('spent')).toBe(1_400_00)
  expect(await col('recoveryDue')).toBe(0)
  await auditor.page.goto('/controle')
  const area = auditor.page.locator('[data-testid="area-money"] tr[data-area="WK030719"]')
  expect(cents(await area.locator('td[data-col="available"]').innerText())).toBe(after)
  await expect(area.locator('td').last()).toContainText('klopt')

  // The browser logs the refusals this test provokes on purpose (the same person approving: 403; bad
  // input: 422) as failed resources; nothing else may appear.
  const provoked = /the server responded with a status of (403|422)/
  expect([...a.errors, ...b.errors, ...auditor.errors].filter((e) => !provoked.test(e))).toEqual([])
  await Promise.all([a.close(), b.close(), auditor.close()])
})

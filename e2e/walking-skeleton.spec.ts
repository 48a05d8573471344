import { expect, test, type Page } from '@playwright/test'
import { cents, fillIntakeFields, quotePdf, signedInContext } from './helpers.ts'

/**
 * The whole slice through the UI, as the four roles, each in its own browser context:
 * a foundation drafts and submits, the administrator publishes a new allocation version, the reviewer
 * approves, a second reviewer releases the advance into a SEPA batch sent to the bank, the foundation
 * books an expense with its receipt that the reviewer accepts, and the auditor's numbers for the wijk
 * add up to the cent.
 */

async function areaRow(page: Page, code: string) {
  const row = page.locator(`[data-testid="area-money"] tr[data-area="${code}"]`)
  const col = async (name: string) => cents(await row.locator(`td[data-col="${name}"]`).innerText())
  return {
    allocated: await col('allocated'),
    available: await col('available'),
    committed: await col('committed'),
    paid: await col('paid'),
    spent: await col('spent'),
    check: await row.locator('td').last().innerText(),
  }
}

test('the walking skeleton: apply, allocate, approve, pay, spend, audit', async ({ browser }) => {
  // The auditor's starting point for Hoogland.
  const auditor = await signedInContext(browser, 'controleur@amersfoort.example')
  await auditor.page.goto('/controle')
  const before = await areaRow(auditor.page, 'WK030719')
  expect(before.check).toContain('klopt')

  // 1. A foundation member drafts an application with three budget lines in Dutch notation, then submits it.
  const member = await signedInContext(browser, 'aanvrager@hooglandleeft.example')
  const p = member.page
  await p.getByRole('link', { name: 'Nieuwe aanvraag' }).click()
  await expect(p.getByRole('heading', { name: 'Nieuwe aanvraag' })).toBeVisible()
  await p.getByLabel('Naam van het initiatief').fill('Lichtjesavond Hoogland')
  await p.getByLabel('Soort initiatief').selectOption({ label: 'Ontmoeting' })
  await p.getByLabel('Wijk').selectOption({ label: 'Hoogland' })
  await p
    .getByLabel('Beschrijving')
    .fill(
      'Op de kortste dag zetten bewoners lichtjes langs de Zevenhuizerstraat; met warme chocomel bij de Sint-Josephkerk.',
    )
  await p.getByLabel('Begindatum').fill('2026-12-19')
  await p.getByLabel('Einddatum').fill('2026-12-19')
  await p.getByLabel('Omschrijving kostenpost 1').fill('Lampionnen en lichtjes')
  await p.getByLabel('Bedrag in euro').first().fill('1.234,56')
  await p.getByRole('button', { name: 'Regel toevoegen' }).click()
  await p.getByLabel('Omschrijving kostenpost 2').fill('Chocomel en bekers')
  await p.getByLabel('Bedrag in euro').nth(1).fill('215,44')
  await p.getByRole('button', { name: 'Regel toevoegen' }).click()
  await p.getByLabel('Omschrijving kostenpost 3').fill('Flyers')
  await p.getByLabel('Bedrag in euro').nth(2).fill('50')
  await expect(p.getByTestId('requested-total')).toHaveText('€ 1.500,00')
  await fillIntakeFields(p)
  await p.getByRole('button', { name: 'Opslaan als concept' }).click()
  await expect(p.getByRole('status')).toContainText('concept is opgeslagen')
  await expect(p.getByLabel('Bedrag in euro').nth(2)).toHaveValue('50,00')
  await p.getByRole('button', { name: 'Aanvraag indienen' }).click()
  await expect(p.getByRole('status')).toContainText('is ingediend')
  await expect(p.getByText('Ingediend', { exact: true }).first()).toBeVisible()
  const reference = (await p.locator('.subtitle').innerText()).match(/BB-2026-\d{4}/)![0]

  // 2. The administrator computes a new version of the allocation, previews it and publishes it.
  const admin = await signedInContext(browser, 'beheerder@amersfoort.example')
  const a = admin.page
  await a.goto('/beheer/verdeling')
  // Other end-to-end tests share this server and may have published versions already.
  const current = Number((await a.getByText(/Gepubliceerd: versie \d+/).innerText()).match(/versie (\d+)/)![1])
  const next = current + 1
  await a.getByLabel('Vast bedrag per wijk').fill('1.250,00')
  await a.getByRole('button', { name: 'Bereken' }).click()
  await expect(a.getByTestId('preview')).toContainText('€ 450.000,00')
  await a.getByLabel('Reden voor de nieuwe versie').fill('Hoger vast bedrag voor de stichtingen')
  await a.getByRole('button', { name: 'Publiceer deze verdeling' }).click()
  await expect(a.getByRole('status')).toContainText(`Versie ${next} is gepubliceerd`)

  // The public page (no sign-in) shows the new version, 31 wijken summing to the pot.
  const publicPage = await browser.newPage()
  await publicPage.goto('/')
  await publicPage.getByRole('link', { name: /budget van 2026/ }).click()
  await expect(publicPage.getByText(`Versie ${next}, gepubliceerd`, { exact: false })).toBeVisible()
  await expect(publicPage.getByTestId('allocation-lines').locator('tbody tr')).toHaveCount(31)
  await expect(publicPage.getByTestId('allocation-total')).toHaveText('€ 450.000,00')
  const hooglandAllocated = cents(
    await publicPage.locator('[data-testid="allocation-lines"] tr[data-area="WK030719"] td').last().innerText(),
  )

  // 3. The reviewer finds it in Hoogland and approves part of it.
  const reviewer = await signedInContext(browser, 'beoordelaar@amersfoort.example')
  const r = reviewer.page
  await r.locator('a[href="/beoordelen?wijk=WK030719"]').click()
  await expect(r.getByRole('heading', { name: /^Hoogland/ })).toBeVisible()
  await r.getByRole('link', { name: 'Lichtjesavond Hoogland' }).click()
  await expect(r.getByText(reference)).toBeVisible()
  await r.getByLabel('Toe te kennen bedrag').fill('1.400,00')
  // less than requested: a partial award needs its reasons (they go into the beschikking)
  await r.getByLabel(/^Motivering/).fill('De huur van de geluidsinstallatie valt buiten de regeling.')
  await r.getByRole('button', { name: 'Toekennen' }).click()
  await expect(r.getByRole('status')).toContainText('Toegekend: € 1.400,00')
  // The advance of 75% (EUR 1.050,00) is proposed by the award; at or above the payment threshold a
  // second reviewer approves it, it goes to the bank in a SEPA batch, and only then is it paid.
  const advance = r.locator('[data-testid="payments"] tr', { hasText: 'Voorschot' })
  await expect(advance).toContainText('€ 1.050,00')
  await expect(advance).toContainText('Wacht op goedkeuring')
  const second = await signedInContext(browser, 'beoordelaar2@amersfoort.example')
  const s2 = second.page
  await s2.goto(r.url())
  await s2
    .locator('[data-testid="payments"] tr', { hasText: 'Voorschot' })
    .getByRole('button', { name: 'Betaling goedkeuren' })
    .click()
  await expect(s2.getByRole('status')).toContainText('Betaling van € 1.050,00 goedgekeurd')
  await s2.goto('/beoordelen/betalingen')
  await s2.getByRole('button', { name: /Batch maken/ }).click()
  await expect(s2.getByRole('status')).toContainText('Batch BB-')
  const batch = s2.locator('section[data-batch]').first()
  const download = s2.waitForEvent('download')
  await batch.getByRole('button', { name: 'SEPA-bestand downloaden' }).click()
  await download
  await s2.reload()
  await s2
    .locator('section[data-batch]')
    .first()
    .getByRole('button', { name: 'Markeren als naar de bank gestuurd' })
    .click()
  await expect(s2.getByRole('status')).toContainText('is naar de bank gestuurd')

  // The foundation records an expense with its receipt; the reviewer accepts it.
  await p.reload()
  const expense = p.locator('form', { has: p.getByRole('heading', { name: 'Uitgave toevoegen' }) })
  await expense.getByLabel('Datum van de uitgave').fill('2026-11-20')
  await expense.getByLabel('Leverancier').fill('Action Amersfoort')
  await expense.getByLabel('Omschrijving').fill('Bon Action: lampionnen')
  await expense.getByLabel('Bedrag in euro').fill('250,50')
  await expense.getByLabel('Begrotingspost').selectOption({ label: 'Lampionnen en lichtjes' })
  await expense.getByLabel('Bonnen of facturen').setInputFiles(quotePdf())
  await expense.getByRole('button', { name: 'Uitgave toevoegen' }).click()
  await expect(p.getByRole('status')).toContainText('Uitgave van € 250,50 toegevoegd')
  await r.reload()
  await r
    .locator('[data-testid="expenses"] li', { hasText: 'Bon Action' })
    .getByRole('button', { name: 'Goedkeuren' })
    .click()
  await expect(r.getByRole('status')).toContainText('Uitgave van € 250,50 goedgekeurd')

  // 4. The auditor's numbers for Hoogland moved exactly by what happened, and everything balances.
  await auditor.page.reload()
  const after = await areaRow(auditor.page, 'WK030719')
  expect(after.allocated).toBe(hooglandAllocated)
  // The batch gathers every released payment, also those other tests left in Hoogland, so committed
  // and paid are checked together: the award moved EUR 1.400,00 out of the available budget, of which
  // the accepted expense is now spent.
  expect(after.committed + after.paid - (before.committed + before.paid)).toBe(1_400_00 - 250_50)
  expect(after.spent - before.spent).toBe(250_50)
  expect(after.available).toBe(after.allocated - after.committed - after.paid - after.spent)
  expect(after.available - before.available).toBe(hooglandAllocated - before.allocated - 1_400_00)
  expect(after.check).toContain('klopt')
  const total = await auditor.page.locator('[data-testid="area-money"] tr[data-area="total"] td').allInnerTexts()
  expect(cents(total[0])).toBe(450_000_00)
  // The full recomputation of the books runs on demand (or as the daily job); the auditor starts it.
  await auditor.page.getByRole('button', { name: 'Voer de controle nu uit' }).click()
  await expect(auditor.page.getByTestId('books-last')).toBeVisible()
  await expect(auditor.page.getByTestId('check-balances')).toContainText('klopt')
  await expect(auditor.page.getByTestId('check-sum')).toContainText('klopt')
  await expect(auditor.page.getByTestId('check-pot')).toContainText('klopt')

  for (const session of [auditor, member, admin, reviewer, second]) {
    expect(session.errors, 'no errors in the browser console').toEqual([])
    await session.close()
  }
})

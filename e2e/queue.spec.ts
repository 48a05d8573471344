import { expect, test } from '@playwright/test'
import { signedInContext } from './helpers'

// The reviewer's queue (issue 10): the filter state in the URL, taking an application in hand from
// the queue, and the administrator handing it over to another reviewer of the wijk.
// Uses BB-2026-0002 (Opruimactie zwerfafval Zielhorst, submitted; no other spec touches it).
test('filter by URL, claim from the queue, hand-over by the administrator', async ({ browser }) => {
  const reviewer = await signedInContext(browser, 'beoordelaar@amersfoort.example')
  const page = reviewer.page
  const url = '/beoordelen?q=zwerfafval&wijk=WK030720&status=SUBMITTED&sorteer=bedrag&richting=af'
  await page.goto(url)
  const table = page.getByRole('table')
  const row = table.getByRole('row').filter({ hasText: 'BB-2026-0002' })
  await expect(row).toBeVisible()
  await expect(row).toContainText('Opruimactie zwerfafval Zielhorst')
  // Only what the filter asks for: one application, and the form shows the filter it came from.
  await expect(page.getByText('Pagina 1 van 1 · 1 aanvraag', { exact: true })).toBeVisible()
  await expect(page.getByLabel('Zoeken')).toHaveValue('zwerfafval')
  await expect(page.getByLabel('Wijk', { exact: true })).toHaveValue('WK030720')
  await expect(page.getByLabel('Status', { exact: true })).toHaveValue('SUBMITTED')
  await expect(page.getByRole('columnheader', { name: /Aangevraagd/ })).toHaveAttribute('aria-sort', 'descending')

  // The filter form itself puts its state in the URL (a GET form).
  await page.getByLabel('Termijn').selectOption('verstreken')
  await page.getByRole('button', { name: 'Toon' }).click()
  await expect(page).toHaveURL(/termijn=verstreken/)
  await expect(page).toHaveURL(/q=zwerfafval/)
  await page.goto(url)

  // Take it in hand from the queue; back on the same filtered queue, with the owner named.
  await row.getByRole('button', { name: 'Opruimactie zwerfafval Zielhorst in behandeling nemen' }).click()
  await expect(page.getByRole('status').first()).toContainText('BB-2026-0002: U heeft de aanvraag in behandeling.')
  await expect(page).toHaveURL(/q=zwerfafval/)
  await page.goto(url.replace('status=SUBMITTED', 'status=IN_REVIEW'))
  const claimed = page.getByRole('row').filter({ hasText: 'BB-2026-0002' })
  await expect(claimed).toContainText('Sanne Jansen (u)')
  await expect(claimed).toContainText('In behandeling')
  await expect(claimed.getByRole('button')).toHaveCount(0)
  // "Mine" shows it.
  await page.goto('/beoordelen?eigenaar=ik')
  await expect(page.getByRole('row').filter({ hasText: 'BB-2026-0002' })).toBeVisible()

  // The administrator hands it over to the second reviewer of the wijk.
  const admin = await signedInContext(browser, 'beheerder@amersfoort.example')
  await admin.page.goto('/beheer/overdragen')
  await admin.page.getByLabel('Referentie').fill('BB-2026-0002')
  await admin.page.getByRole('button', { name: 'Zoek' }).click()
  await expect(admin.page).toHaveURL(/referentie=BB-2026-0002/)
  await expect(admin.page.getByText('Nu in behandeling bij: Sanne Jansen')).toBeVisible()
  // Submitting without a choice is an error at the field, not a 500.
  await admin.page.getByRole('button', { name: 'Overdragen', exact: true }).click()
  await expect(admin.page.getByText('Kies een beoordelaar van deze wijk zonder band met de stichting.')).toBeVisible()
  await admin.page
    .getByLabel('Overdragen aan')
    .selectOption({ label: 'Thijs Verbeek (beoordelaar2@amersfoort.example)' })
  await admin.page.getByRole('button', { name: 'Overdragen', exact: true }).click()
  await expect(admin.page.getByRole('status').first()).toContainText('BB-2026-0002 is overgedragen aan Thijs Verbeek.')
  await expect(admin.page.getByText('Nu in behandeling bij: Thijs Verbeek')).toBeVisible()

  // The reviewer's queue shows the new owner; the application page too.
  await page.goto(url.replace('status=SUBMITTED', 'status=IN_REVIEW'))
  await expect(page.getByRole('row').filter({ hasText: 'BB-2026-0002' })).toContainText('Thijs Verbeek')
  await page.getByRole('link', { name: 'Opruimactie zwerfafval Zielhorst' }).click()
  await expect(page.getByText('In behandeling bij: Thijs Verbeek')).toBeVisible()

  expect(reviewer.errors).toEqual([])
  // The one expected error: the empty hand-over answered 400 (the browser logs any 4xx).
  expect(admin.errors.filter((e) => !e.includes('status of 400'))).toEqual([])
  expect(admin.errors.length).toBeLessThanOrEqual(1)
  await reviewer.close()
  await admin.close()
})

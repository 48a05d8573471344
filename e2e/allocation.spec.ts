import { expect, test, type Page } from '@playwright/test'
import { signedInContext } from './helpers.ts'

/**
 * The allocation module through the UI (issue 6): an administrator saves and compares two scenarios,
 * publishes one with a reason, a resident finds the explanation from the home page without signing in,
 * and a version that would take from a wijk more than it has uncommitted is refused, naming the wijk.
 */

async function newScenario(page: Page, name: string, fill: (page: Page) => Promise<void>) {
  await page.goto('/beheer/scenarios')
  await page.getByRole('link', { name: 'Nieuw scenario' }).click()
  await expect(page.getByRole('heading', { name: 'Nieuw scenario voor 2026' })).toBeVisible()
  // The form starts from the published parameters.
  await expect(page.getByLabel('Budget van de ronde (plafond)')).toHaveValue('450.000,00')
  await expect(page.getByLabel('Vast bedrag per wijk')).toHaveValue('1.000,00')
  await page.getByLabel('Naam van het scenario').fill(name)
  await fill(page)
  await page.getByRole('button', { name: 'Scenario opslaan' }).click()
  await expect(page.getByRole('status')).toContainText(`Scenario "${name}" is opgeslagen`)
}

test("scenarios are compared, one is published with a reason, and a version below a wijk's commitments is refused", async ({
  browser,
}) => {
  const admin = await signedInContext(browser, 'beheerder@amersfoort.example')
  const a = admin.page

  // 1. Two scenarios, simulated side by side; nothing is booked by saving or comparing.
  await newScenario(a, 'Gewicht 2 voor prioriteitswijken', (p) => p.getByLabel('Gewicht prioriteitswijk').fill('2'))
  await newScenario(a, 'Vast bedrag 1.500', (p) => p.getByLabel('Vast bedrag per wijk').fill('1.500,00'))
  const comparison = a.getByTestId('scenario-comparison')
  await expect(comparison.locator('thead')).toContainText('Gewicht 2 voor prioriteitswijken')
  await expect(comparison.locator('thead')).toContainText('Vast bedrag 1.500')
  await expect(comparison.locator('thead')).toContainText('Gepubliceerd (versie 1)')
  await expect(comparison.locator('tbody tr')).toHaveCount(31)
  const totals = await comparison.locator('tfoot td').allInnerTexts()
  expect(totals.filter((t) => /^€\s450\.000,00$/.test(t.trim()))).toHaveLength(3) // published and both scenarios
  // Newest first: "Vast bedrag 1.500", then "Gewicht 2": a priority wijk gains with weight 2, an ordinary one loses.
  await expect(comparison.locator('tr[data-area="WK030703"] td').nth(4)).toContainText('+')
  await expect(comparison.locator('tr[data-area="WK030701"] td').nth(4)).toContainText('-')
  await expect(a.getByRole('figure', { name: /Staafdiagram/ })).toBeVisible()
  await expect(a.locator('.bar-row')).toHaveCount(31)

  // 2. Publish one of them, with a reason.
  const publishWeight = a.getByTestId('publish-Gewicht 2 voor prioriteitswijken')
  await publishWeight.getByRole('button', { name: /Publiceer/ }).click()
  await expect(publishWeight.getByText(/Geef de reden/)).toBeVisible() // the reason is required
  await publishWeight.getByLabel('Reden voor deze nieuwe versie').fill('Raadsbesluit: prioriteitswijken wegen zwaarder')
  await publishWeight.getByRole('button', { name: /Publiceer/ }).click()
  await expect(a.getByRole('status')).toContainText('Versie 2 is gepubliceerd en geboekt')
  await expect(a.getByTestId('scenario-list')).toContainText('als versie 2')

  // The public explanation, from the home page, without signing in.
  const resident = await browser.newPage()
  await resident.goto('/')
  await resident.getByRole('link', { name: /budget van 2026/ }).click()
  await expect(resident.getByText(/Versie 2, gepubliceerd/)).toBeVisible()
  await expect(resident.getByRole('heading', { name: 'Zo is het berekend' })).toBeVisible()
  await expect(resident.getByText(/telt elke inwoner 2 keer mee/)).toBeVisible()
  await expect(resident.getByTestId('allocation-lines').locator('tbody tr')).toHaveCount(31)
  await expect(resident.getByTestId('allocation-total')).toHaveText('€ 450.000,00')
  await expect(resident.getByText('Raadsbesluit: prioriteitswijken wegen zwaarder')).toBeVisible()

  // 3. A version that takes from Hoogland more than it has uncommitted (the Kunstroute is awarded) is refused.
  await newScenario(a, 'Hoogland op het minimum', (p) => p.getByLabel('Maximum Hoogland in euro').fill('1.000,00'))
  const publishCap = a.getByTestId('publish-Hoogland op het minimum')
  await publishCap.getByLabel('Reden voor deze nieuwe versie').fill('Proef met een maximum voor Hoogland')
  await publishCap.getByRole('button', { name: /Publiceer/ }).click()
  const refusal = publishCap.getByRole('alert')
  await expect(refusal).toContainText('kan niet worden gepubliceerd')
  await expect(refusal).toContainText(/Hoogland \(zou €\s[\d.]+,\d\d verliezen, maar heeft nog €\s[\d.]+,\d\d vrij\)/)
  await expect(publishCap.getByLabel('Reden voor deze nieuwe versie')).toHaveValue(
    'Proef met een maximum voor Hoogland',
  )
  await resident.reload()
  await expect(resident.getByText(/Versie 2, gepubliceerd/)).toBeVisible()

  // Only the expected refusal (409) and the empty reason (400) reached the console.
  expect(
    admin.errors.filter((e) => !/status of (400|409)/.test(e)),
    'no other errors in the browser console',
  ).toEqual([])
  await resident.close()
  await admin.close()
})

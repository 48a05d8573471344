import { expect, test } from '@playwright/test'
import { fillIntakeFields } from './helpers.ts'

/** Every form works without JavaScript: Remix forms are plain HTML forms first. */
test.use({ javaScriptEnabled: false })

test('without JavaScript a foundation fills, extends, corrects and submits an application', async ({ page }) => {
  await page.goto('/inloggen')
  await page.getByLabel('E-mailadres').fill('aanvrager@wijkbudgetzielhorst.example')
  await page.getByLabel('Wachtwoord').fill('buurtbudget-demo')
  await page.getByRole('button', { name: 'Inloggen' }).click()
  await page.getByRole('link', { name: 'Nieuwe aanvraag' }).click()

  await page.getByLabel('Naam van het initiatief').fill('Buitenbios Zielhorst')
  await page.getByLabel('Soort initiatief').selectOption({ label: 'Ontmoeting' })
  await page
    .getByLabel('Beschrijving')
    .fill('Een filmavond op het grasveld bij de Zielhorsterplas, voor jong en oud uit de buurt.')
  await page.getByLabel('Begindatum').fill('2026-08-22')
  await page.getByLabel('Einddatum').fill('2026-08-22')
  await page.getByLabel('Omschrijving kostenpost 1').fill('Huur scherm en projector')
  await page.getByLabel('Bedrag in euro').first().fill('675,00')
  // "Add a line" is a real submit button: the server answers with the same form, one line longer, input kept.
  await page.getByRole('button', { name: 'Regel toevoegen' }).click()
  await expect(page.getByLabel('Naam van het initiatief')).toHaveValue('Buitenbios Zielhorst')
  await expect(page.getByLabel('Bedrag in euro').first()).toHaveValue('675,00')
  await page.getByLabel('Omschrijving kostenpost 2').fill('Popcorn')
  await page.getByLabel('Bedrag in euro').nth(1).fill('12x')

  // A wrong amount: a Dutch message at the field, and nothing typed is lost.
  await page.getByRole('button', { name: 'Aanvraag indienen' }).click()
  await expect(page.getByText('Dit is geen geldig bedrag.', { exact: false })).toBeVisible()
  await expect(page.getByLabel('Omschrijving kostenpost 2')).toHaveValue('Popcorn')
  await expect(page.getByLabel('Beschrijving')).toHaveValue(/filmavond/)

  await page.getByLabel('Bedrag in euro').nth(1).fill('1.024,50')
  await fillIntakeFields(page)
  await page.getByRole('button', { name: 'Aanvraag indienen' }).click()
  await expect(page.getByRole('status')).toContainText('is ingediend')
  await expect(page.getByText('€ 1.699,50').first()).toBeVisible()
})

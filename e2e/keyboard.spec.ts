import { expect, test, type Locator, type Page } from '@playwright/test'
import { nextUnusedStep, quotePdf } from './helpers.ts'
import { totp } from '../app/auth/totp.ts'
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../app/seed/demo-accounts.ts'

/**
 * Keyboard only (issue 14 item 3, WCAG 2.1.1): a foundation signs in, writes and submits an
 * application, and a reviewer signs in and awards it, with nothing but the keyboard. Focus moves with
 * Tab and Shift+Tab only, fields are typed into, buttons pressed with Enter, check boxes with Space
 * and options chosen by typing their name. No .click(), no .fill(), no .focus(): a control that Tab
 * cannot reach, or that the keyboard cannot operate, fails the test.
 * The only non-keyboard acts are typing an address (page.goto) and choosing the file in the operating
 * system's file dialog, which the keyboard opened.
 */

/** Presses Tab (or Shift+Tab) until `target` has the focus; fails when it never gets there. */
async function tabTo(page: Page, target: Locator, key: 'Tab' | 'Shift+Tab' = 'Tab', max = 120) {
  await expect(target).toBeVisible()
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return
    await page.keyboard.press(key)
  }
  throw new Error(`${String(target)} cannot be reached with ${key} (${max} presses)`)
}

/** Tabs to a field and types into it. */
async function typeInto(page: Page, target: Locator, text: string) {
  await tabTo(page, target)
  await page.keyboard.type(text)
}

/** From the top of the page: Tab to the skip link and follow it, so the next Tab is inside the main content. */
async function skipToContent(page: Page) {
  await tabTo(page, page.getByRole('link', { name: 'Naar de inhoud' }))
  await page.keyboard.press('Enter')
}

async function signInByKeyboard(page: Page, email: string) {
  await page.goto('/inloggen')
  await skipToContent(page)
  await typeInto(page, page.getByLabel('E-mailadres'), email)
  await typeInto(page, page.getByLabel('Wachtwoord'), DEMO_PASSWORD)
  await page.keyboard.press('Enter')
  const signedIn = page.getByText('Ingelogd als')
  const code = page.getByLabel('Code', { exact: true })
  await expect(signedIn.or(code)).toBeVisible()
  if (await code.isVisible()) {
    await typeInto(page, code, totp(DEMO_TOTP_SECRET, (await nextUnusedStep(email)) * 30_000 + 1_000))
    await page.keyboard.press('Enter')
  }
  await expect(signedIn).toBeVisible()
}

test('keyboard only: a foundation submits an application and a reviewer awards it', async ({ page, browser }) => {
  // Every Tab is a key press and a look at the focus: many round trips on a loaded machine.
  test.setTimeout(600_000)
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  // Its own foundation, wijk and title: no other spec applies for Soesterkwartier, so its budget and
  // lists are this test's alone.
  const title = 'Toetsenbordmiddag Soesterkwartier'

  // The foundation: from its start page to a new application by Tab and Enter.
  await signInByKeyboard(page, 'aanvrager@soesterkwartiersamen.example')
  await skipToContent(page)
  await tabTo(page, page.getByRole('link', { name: 'Nieuwe aanvraag' }).first())
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  await expect(page).toHaveURL(/\/aanvragen\/nieuw/)

  await typeInto(page, page.getByLabel('Naam van het initiatief'), title)
  const category = page.getByLabel('Soort initiatief')
  await typeInto(page, category, 'Ontmoeting')
  await expect(category.locator('option:checked')).toHaveText('Ontmoeting')
  const area = page.getByLabel('Wijk', { exact: true })
  await tabTo(page, area)
  if ((await area.locator('option:checked').innerText()) !== 'Soesterkwartier')
    await page.keyboard.type('Soesterkwartier')
  await expect(area.locator('option:checked')).toHaveText('Soesterkwartier')
  await typeInto(
    page,
    page.getByLabel('Beschrijving', { exact: true }),
    'Een middag spelletjes voor jong en oud in het buurthuis, met limonade.',
  )
  await typeInto(page, page.getByLabel('Locatie'), 'Buurthuis De Kei')
  // A date field takes its parts in the page's order (dd-mm-jjjj): typing the digits fills them.
  await typeInto(page, page.getByLabel('Begindatum'), '12122026')
  await expect(page.getByLabel('Begindatum')).toHaveValue('2026-12-12')
  await typeInto(page, page.getByLabel('Einddatum'), '12122026')
  await expect(page.getByLabel('Einddatum')).toHaveValue('2026-12-12')
  await typeInto(page, page.getByLabel('Doel voor leefbaarheid en samenhang'), 'Buren leren elkaar kennen.')
  await typeInto(page, page.getByLabel('Doelgroep'), 'Alle bewoners')
  await typeInto(page, page.getByLabel('Verwacht aantal deelnemers'), '40')
  await typeInto(page, page.getByLabel('Draagvlak in de buurt'), 'Twintig buren tekenden.')
  await typeInto(page, page.getByLabel('Eigen bijdrage'), 'Vrijwilligers zetten de zaal klaar.')
  await typeInto(page, page.getByLabel('Omschrijving kostenpost 1'), 'Spellen en limonade')
  await typeInto(page, page.getByLabel('Bedrag in euro').first(), '450')
  // Shift+Tab goes back: correct the name of the first line.
  await tabTo(page, page.getByLabel('Omschrijving kostenpost 1'), 'Shift+Tab')
  await page.keyboard.press('End')
  await page.keyboard.type(' voor de middag')
  await expect(page.getByLabel('Omschrijving kostenpost 1')).toHaveValue('Spellen en limonade voor de middag')
  await expect(page.getByTestId('requested-total')).toHaveText('€ 450,00')

  // The quote: the keyboard opens the file dialog, in which the file is chosen.
  const attachment = page.getByLabel('Bestand toevoegen', { exact: true })
  await tabTo(page, attachment)
  const chooser = page.waitForEvent('filechooser')
  await page.keyboard.press('Space')
  await (await chooser).setFiles(quotePdf())
  await expect(attachment).toHaveValue(/offerte\.pdf$/)

  for (const label of [
    'Ik verklaar dat deze aanvraag naar waarheid en volledig is ingevuld.',
    'De gemeente mag publiceren',
  ]) {
    const box = page.getByLabel(label)
    await tabTo(page, box)
    await page.keyboard.press('Space')
    await expect(box).toBeChecked()
  }
  await tabTo(page, page.getByRole('button', { name: 'Aanvraag indienen' }))
  await page.keyboard.press('Enter')
  await expect(page.getByRole('status').first()).toContainText('is ingediend')
  const id = new URL(page.url()).pathname.split('/').pop()!
  expect(id).not.toBe('nieuw')

  // The reviewer opens the application (its address, as from the mail) and awards it.
  const staff = await browser.newContext()
  const r = await staff.newPage()
  r.on('pageerror', (e) => errors.push(e.message))
  await signInByKeyboard(r, 'beoordelaar@amersfoort.example')
  await r.goto(`/beoordelen/${id}`)
  await expect(r.getByRole('heading', { level: 1 })).toContainText(title)
  await skipToContent(r)
  const amount = r.getByLabel('Toe te kennen bedrag')
  await tabTo(r, amount)
  await expect(amount).toHaveValue('450,00')
  await tabTo(r, r.getByRole('button', { name: 'Toekennen', exact: true }))
  await r.keyboard.press('Enter')
  await expect(r.getByRole('status').first()).toContainText('Toegekend: € 450,00')
  await expect(r.getByText('Toegekend', { exact: true }).first()).toBeVisible()

  // The foundation sees the decision.
  await page.reload()
  await expect(page.getByText('Toegekend', { exact: true }).first()).toBeVisible()
  expect(errors).toEqual([])
  await staff.close()
})

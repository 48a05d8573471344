import { expect, test, type Page } from '@playwright/test'
import { signIn as staffSignIn, signedInContext } from './helpers.ts'
import { totp } from '../app/auth/totp.ts'
import { startOidcProvider } from '../app/auth/testing/oidc-provider.ts'
import { DEMO_PASSWORD } from '../app/seed/demo-accounts.ts'

/**
 * Accounts end to end in Chromium: a foundation admin invites a member by e-mail and the member
 * follows the link from the mail (the demo server delivers mail to its local mailbox), sets a
 * password and submits an application; a reviewer enrols TOTP and signs in with a code; a staff
 * member signs in through a local OpenID Connect provider started here.
 */

const PORT = Number(process.env.E2E_PORT ?? 3100)
const OIDC_PORT = Number(process.env.E2E_OIDC_PORT ?? PORT + 10000)

function watchErrors(page: Page) {
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  return errors
}

async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/inloggen')
  await page.getByLabel('E-mailadres').fill(email)
  await page.getByLabel('Wachtwoord').fill(password)
  await page.getByRole('button', { name: 'Inloggen' }).click()
  await page.waitForURL((url) => url.pathname !== '/inloggen')
}

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/MediaBox[0 0 612 792]/Parent 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
)

test('a foundation admin invites a member, who follows the mailed link, sets a password and submits an application', async ({
  browser,
}) => {
  const adminContext = await browser.newContext()
  const admin = await adminContext.newPage()
  const adminErrors = watchErrors(admin)
  await signIn(admin, 'aanvrager@hooglandleeft.example')
  await admin.getByRole('link', { name: 'Onze stichting' }).click()
  await expect(admin.getByRole('heading', { name: 'Stichting Hoogland Leeft' })).toBeVisible()
  await admin.getByLabel('E-mailadres').fill('joke.vermeer@hooglandleeft.example')
  await admin.getByRole('button', { name: 'Uitnodiging versturen' }).click()
  await expect(admin.getByRole('status')).toContainText('Uitnodiging verstuurd naar joke.vermeer@hooglandleeft.example')
  await expect(admin.getByText('joke.vermeer@hooglandleeft.example (Lid)')).toBeVisible()

  // The mail, as delivered by the outbox worker to the demo mailbox. The mailbox shows a visitor only
  // their own mail (issue 13); the municipality's administrator reads it all.
  const member = await (await browser.newContext()).newPage()
  const mailbox = (await signedInContext(browser, 'beheerder@amersfoort.example')).page
  const memberErrors = watchErrors(member)
  await mailbox.goto('/mailbox')
  const subject = 'Uitnodiging: werk mee aan de aanvragen van Stichting Hoogland Leeft'
  await expect(async () => {
    await mailbox.reload()
    await expect(mailbox.getByTestId('mailbox').getByRole('row').filter({ hasText: subject })).toContainText(
      'joke.vermeer@hooglandleeft.example',
    )
  }).toPass({ timeout: 60_000 })
  await mailbox.getByRole('link', { name: subject }).first().click()
  const link = mailbox.locator('.mail-links').getByRole('link', { name: 'Uitnodiging aannemen' })
  const href = (await link.getAttribute('href'))!
  expect(href).toMatch(new RegExp(`^http://localhost:${PORT}/uitnodiging/[A-Za-z0-9_-]{40,}$`))
  await member.goto(href)

  await expect(member.getByRole('heading', { name: 'Uitnodiging van Stichting Hoogland Leeft' })).toBeVisible()
  await member.getByLabel('Uw naam').fill('Joke Vermeer')
  await member.getByLabel('Nieuw wachtwoord').fill('wachtwoord123')
  await member.getByRole('button', { name: 'Account maken en uitnodiging aannemen' }).click()
  await expect(member.getByText('Dit wachtwoord staat op de lijst van veelgebruikte wachtwoorden')).toBeVisible()
  await expect(member.getByLabel('Uw naam')).toHaveValue('Joke Vermeer')
  await member.getByLabel('Nieuw wachtwoord').fill('de kunstroute loopt langs de Neng')
  await member.getByRole('button', { name: 'Account maken en uitnodiging aannemen' }).click()
  await expect(member.getByRole('status')).toContainText('Welkom bij Stichting Hoogland Leeft')
  await expect(member.getByText('Ingelogd als')).toContainText('Joke Vermeer')

  // The new member submits an application for the foundation.
  await member.getByRole('link', { name: 'Onze aanvragen' }).click()
  await member.getByRole('link', { name: 'Nieuwe aanvraag' }).click()
  await member.getByRole('textbox', { name: 'Naam van het initiatief' }).fill('Snoeiochtend Hoogland')
  await member.getByRole('combobox', { name: 'Soort initiatief' }).selectOption({ label: 'Groen' })
  await member.getByRole('combobox', { name: 'Wijk', exact: true }).selectOption({ label: 'Hoogland' })
  await member
    .getByRole('textbox', { name: 'Beschrijving', exact: true })
    .fill('Bewoners snoeien samen de heggen langs de Zevenhuizerstraat en planten nieuwe struiken.')
  // Every field this test means must exist: fill() fails on a label that matches nothing.
  const field = (label: string, value: string) => member.getByRole('textbox', { name: label, exact: true }).fill(value)
  await field('Locatie', 'Zevenhuizerstraat')
  await member.getByLabel('Begindatum', { exact: true }).fill('2026-12-05')
  await member.getByLabel('Einddatum', { exact: true }).fill('2026-12-05')
  await field('Doel voor leefbaarheid en samenhang', 'Een groenere straat en buren die elkaar kennen.')
  await field('Doelgroep', 'Bewoners van de Zevenhuizerstraat')
  await field('Verwacht aantal deelnemers', '25')
  await field('Draagvlak in de buurt', 'Twintig huishoudens tekenden de lijst.')
  await field('Eigen bijdrage', 'Gereedschap van de bewoners zelf.')
  await member.getByLabel('Omschrijving kostenpost 1').fill('Struiken en snoeischaren')
  await member.getByLabel('Bedrag in euro').first().fill('320')
  await field('Gewenst voorschot in procent', '50')
  // A quote is required to submit: the file field is always there.
  await member
    .getByLabel('Bestand toevoegen', { exact: true })
    .setInputFiles({ name: 'offerte-kwekerij.pdf', mimeType: 'application/pdf', buffer: PDF })
  await member.getByLabel('Soort bijlage').selectOption({ label: 'Offerte' })
  // The declarations (their wording belongs to the application form).
  for (const box of await member.getByRole('checkbox').all()) await box.check()
  await member.getByRole('button', { name: 'Aanvraag indienen' }).click()
  await expect(member.getByRole('status').first()).toContainText('is ingediend')

  // The foundation admin sees the new member.
  await admin.reload()
  await expect(admin.getByTestId('members')).toContainText('Joke Vermeer')
  expect(adminErrors).toEqual([])
  expect(memberErrors).toEqual([])
  await adminContext.close()
})

test('a reviewer enrols TOTP at the first sign-in and then signs in with a code', async ({ page }) => {
  const errors = watchErrors(page)
  await signIn(page, 'beoordelaar.zuid@amersfoort.example')
  await expect(page.getByRole('heading', { name: 'Stel de tweede stap in' })).toBeVisible()
  const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s/g, '')
  expect(secret).toMatch(/^[A-Z2-7]{32}$/)
  await page.getByLabel('Code', { exact: true }).fill('123456')
  await page.getByRole('button', { name: 'Code controleren en inschakelen' }).click()
  await expect(page.getByText('Deze code klopt niet')).toBeVisible()
  await page.getByLabel('Code', { exact: true }).fill(totp(secret))
  await page.getByRole('button', { name: 'Code controleren en inschakelen' }).click()
  await expect(page.getByRole('heading', { name: 'Uw herstelcodes' })).toBeVisible()
  await expect(page.getByTestId('recovery-codes').locator('li')).toHaveCount(10)
  await page.getByRole('link', { name: 'Verder' }).click()
  await expect(page.getByRole('heading', { name: 'Beoordelen' })).toBeVisible()
  await page.getByRole('button', { name: 'Uitloggen' }).click()

  // Next time: password, then the code from the app.
  await signIn(page, 'beoordelaar.zuid@amersfoort.example')
  await expect(page.getByRole('heading', { name: 'Tweede stap: code uit uw app' })).toBeVisible()
  await page.getByLabel('Code', { exact: true }).fill(totp(secret))
  await page.getByRole('button', { name: 'Inloggen' }).click()
  await expect(page.getByRole('heading', { name: 'Beoordelen' })).toBeVisible()
  await expect(page.getByText('Ingelogd als')).toContainText('Karim Haddou')
  expect(errors).toEqual([])
})

test('a staff member signs in through the municipality’s OpenID Connect provider', async ({ page }) => {
  const provider = await startOidcProvider({
    port: OIDC_PORT,
    redirectUris: [`http://localhost:${PORT}/inloggen/oidc/terug`],
  })
  try {
    await page.goto('/inloggen')
    await page.getByRole('button', { name: 'Via gemeente-account' }).click()
    // The provider's own (development) login page.
    await expect(page).toHaveURL(new RegExp(`^http://127\\.0\\.0\\.1:${OIDC_PORT}/interaction/`))
    await page.locator('input[name="login"]').fill('controleur@amersfoort.example')
    await page.locator('input[name="password"]').fill('iets')
    await page.getByRole('button', { name: 'Sign-in' }).click()
    await expect(page).toHaveURL(new RegExp(`^http://localhost:${PORT}/controle`))
    await expect(page.getByText('Ingelogd als')).toContainText('Willem de Graaf')
  } finally {
    await provider.close()
  }
})

test('the demo staff sign in with the documented TOTP secret', async ({ page }) => {
  // The shared helper types a code of DEMO_TOTP_SECRET, the secret the README documents, in the
  // second step (waiting for a fresh code when this account used the current one earlier in the run).
  await staffSignIn(page, 'beheerder@amersfoort.example', { fresh: true })
  await expect(page).not.toHaveURL(/tweede-stap/)
  await page.getByRole('link', { name: 'Medewerkers' }).click()
  await expect(page.getByTestId('staff')).toContainText('Sanne Jansen')
})

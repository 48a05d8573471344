import { expect, type Page } from '@playwright/test'
import { totp } from '../app/auth/totp.ts'
import { DEMO_TOTP_SECRET } from '../app/seed/demo-accounts.ts'

/** A small real PDF (a quote) for uploads in the end-to-end tests. */
export function quotePdf(): { name: string; mimeType: string; buffer: Buffer } {
  const body = '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n'
  return { name: 'offerte.pdf', mimeType: 'application/pdf', buffer: Buffer.from(body) }
}

/**
 * The fields of the full application form (issue 5) besides title, category, wijk, description,
 * dates and budget lines: location, goal, target group, participants, support, own contribution,
 * a quote and the two declarations.
 */
export async function fillIntakeFields(page: Page, options: { attach?: boolean } = {}) {
  await page.getByLabel('Locatie').fill('Grasveld bij de Zielhorsterplas')
  await page.getByLabel('Doel voor leefbaarheid en samenhang').fill('Buren die elkaar nauwelijks kennen zitten een avond samen op het gras.')
  await page.getByLabel('Doelgroep').fill('Alle bewoners, jong en oud')
  await page.getByLabel('Verwacht aantal deelnemers').fill('150')
  await page.getByLabel('Draagvlak in de buurt').fill('Op de bewonersavond stemden 40 buren voor.')
  await page.getByLabel('Eigen bijdrage').fill('Tien vrijwilligers bouwen op en ruimen op.')
  if (options.attach !== false) await page.getByLabel('Bestand toevoegen (niet verplicht)').setInputFiles(quotePdf())
  await page.getByLabel('Ik verklaar dat deze aanvraag naar waarheid en volledig is ingevuld.').check()
  await page.getByLabel('De gemeente mag publiceren').check()
}

export async function signInAs(page: Page, email: string) {
  await page.goto('/inloggen')
  await page.getByLabel('E-mailadres').fill(email)
  await page.getByLabel('Wachtwoord').fill('buurtbudget-demo')
  await page.getByRole('button', { name: 'Inloggen' }).click()
  // Staff sign in with a second step: the demo staff's authenticator is DEMO_TOTP_SECRET (README).
  if (!email.startsWith('aanvrager@')) {
    await page.getByLabel('Code', { exact: true }).fill(totp(DEMO_TOTP_SECRET))
    await page.getByRole('button', { name: 'Inloggen' }).click()
  }
  await expect(page.getByText('Ingelogd als')).toBeVisible()
}

import { existsSync, readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { expect, test, type Browser, type Page } from '@playwright/test'
import { simpleParser, type ParsedMail } from 'mailparser'
import { e2eMailDir } from './mail-catcher.mjs'
import { totp } from '../app/auth/totp.ts'
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../app/seed/demo-accounts.ts'

/** Helpers shared by the end-to-end tests. */

/**
 * Signs in with a demo account through the sign-in form. Staff sign in with a second step: the demo
 * staff's authenticator is DEMO_TOTP_SECRET (README), so the test types the current code.
 */
export async function signIn(page: Page, email: string, options: { fresh?: boolean } = {}) {
  // Staff sign in once per test run and account: the session's cookies are kept and reused, as a
  // browser keeps them, so the tests do not wait for a fresh TOTP code at every sign-in. A kept
  // session that no longer holds (signed out everywhere, expired) falls back to the form.
  const kept = options.fresh ? undefined : keptSessions.get(email)
  if (kept) {
    // Back where the sign-in form led this account (its start page), as after a fresh sign-in.
    await page.context().addCookies(kept.cookies)
    await page.goto(kept.landing)
    if (await page.getByText('Ingelogd als').isVisible()) return
    await page.context().clearCookies()
  }
  await page.goto('/inloggen')
  await page.getByLabel('E-mailadres').fill(email)
  await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Inloggen', exact: true }).click()
  await page.waitForURL((url) => url.pathname !== '/inloggen')
  const secondStep = page.url().includes('/inloggen/tweede-stap')
  if (secondStep) {
    // A TOTP code signs in once only (the portal stores the last used step per account): the same
    // staff member signing in again within 30 seconds waits for the next code, as a person would.
    for (let attempt = 1; ; attempt++) {
      const step = await nextUnusedStep(email)
      await page.getByLabel('Code', { exact: true }).fill(totp(DEMO_TOTP_SECRET, step * 30_000 + 1_000))
      await page.getByRole('button', { name: 'Inloggen', exact: true }).click()
      // The form posts by fetch when JavaScript runs, so wait for the outcome itself: either the
      // portal navigated away from the second step, or it shows an error beside the code.
      const signedIn = page.getByText('Ingelogd als')
      const refused = page.locator('#inhoud .field-errors, #inhoud [role="alert"]').first()
      await expect(signedIn.or(refused)).toBeVisible()
      if (await signedIn.isVisible()) break
      if (attempt >= 2) break
    }
  }
  await expect(page.getByText('Ingelogd als')).toBeVisible()
  if (secondStep) keptSessions.set(email, { cookies: await page.context().cookies(), landing: page.url() })
}

type Cookies = Awaited<ReturnType<ReturnType<Page['context']>['cookies']>>
const keptSessions = new Map<string, { cookies: Cookies; landing: string }>()

const usedSteps = new Map<string, number>()
/** The current 30-second TOTP step, or the next one (after waiting for it) when this account used the current one. */
export async function nextUnusedStep(email: string): Promise<number> {
  let step = Math.floor(Date.now() / 30_000)
  const last = usedSteps.get(email) ?? -1
  if (step <= last) {
    await new Promise((resolve) => setTimeout(resolve, (last + 1) * 30_000 - Date.now() + 500))
    step = Math.floor(Date.now() / 30_000)
  }
  usedSteps.set(email, step)
  return step
}

/** A signed-in page in a browser context of its own, recording errors in the browser console. */
export async function signedInContext(browser: Browser, email: string) {
  const context = await browser.newContext()
  const page = await context.newPage()
  const errors: string[] = []
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text())
  })
  page.on('pageerror', (error) => errors.push(error.message))
  await signIn(page, email)
  return { page, errors, close: () => context.close() }
}

/** "€ 1.234,56" -> 123456 */
export function cents(text: string): number {
  const clean = text.replace(/[^\d,-]/g, '')
  const [euros, dec = '00'] = clean.split(',')
  return Number(euros) * 100 + Number(dec.padEnd(2, '0')) * (euros.startsWith('-') ? -1 : 1)
}

/** A small real PDF (a quote) for uploads in the end-to-end tests. */
export function quotePdf(): { name: string; mimeType: string; buffer: Buffer } {
  const body =
    '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n'
  return { name: 'offerte.pdf', mimeType: 'application/pdf', buffer: Buffer.from(body) }
}

/**
 * The fields of the full application form (issue 5) besides title, category, wijk, description,
 * dates and budget lines: location, goal, target group, participants, support, own contribution,
 * a quote and the two declarations.
 */
export async function fillIntakeFields(page: Page, options: { attach?: boolean } = {}) {
  await page.getByLabel('Locatie').fill('Grasveld bij de Zielhorsterplas')
  await page
    .getByLabel('Doel voor leefbaarheid en samenhang')
    .fill('Buren die elkaar nauwelijks kennen zitten een avond samen op het gras.')
  await page.getByLabel('Doelgroep').fill('Alle bewoners, jong en oud')
  await page.getByLabel('Verwacht aantal deelnemers').fill('150')
  await page.getByLabel('Draagvlak in de buurt').fill('Op de bewonersavond stemden 40 buren voor.')
  await page.getByLabel('Eigen bijdrage').fill('Tien vrijwilligers bouwen op en ruimen op.')
  if (options.attach !== false) await page.getByLabel('Bestand toevoegen', { exact: true }).setInputFiles(quotePdf())
  await page.getByLabel('Ik verklaar dat deze aanvraag naar waarheid en volledig is ingevuld.').check()
  await page.getByLabel('De gemeente mag publiceren').check()
}

/**
 * Waits until the end-to-end server's real SMTP mail catcher (e2e/start-server.mjs) has received a mail
 * that matches, and returns it parsed.
 */
export async function waitForSmtpMail(match: (mail: ParsedMail) => boolean, timeoutMs = 60_000): Promise<ParsedMail> {
  const baseURL = test.info().project.use.baseURL ?? 'http://localhost:3100'
  const dir = e2eMailDir(Number(new URL(baseURL).port))
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const files = existsSync(dir)
      ? readdirSync(dir)
          .filter((f) => f.endsWith('.eml'))
          .sort()
      : []
    for (const file of files) {
      const mail = await simpleParser(readFileSync(path.join(dir, file)))
      if (match(mail)) return mail
    }
    if (Date.now() > deadline)
      throw new Error(`no matching mail arrived over SMTP in ${timeoutMs} ms (${files.length} mails in ${dir})`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

/**
 * After "Aanvraag indienen": waits for the confirmation and for the application's own address (the
 * message can show while the address is still /aanvragen/nieuw), and returns that path.
 */
export async function submittedApplicationPath(page: Page): Promise<string> {
  await expect(page.getByRole('status').first()).toContainText('is ingediend')
  await page.waitForURL((url) => /^\/aanvragen\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith('/nieuw'))
  return new URL(page.url()).pathname
}

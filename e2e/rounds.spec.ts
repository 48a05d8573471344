import { spawnSync } from 'node:child_process'
import { expect, test, type Page } from '@playwright/test'
import { cents, signedInContext } from './helpers.ts'

/**
 * Rounds, opened and closed (issue 11, point 6): the administrator publishes the carry-over policy for
 * 2026, creates round 2027 from 2026 (with refusals at the field), is refused closing 2026 while grants
 * are open, closes it once they are settled, and each wijk's unspent 2026 money is in the same wijk of
 * 2027; `npm run ledger:verify` on the e2e server's database passes on both rounds.
 */

const PG_PORT = process.env.E2E_PG_PORT ?? '54339'

/** Runs a script of the portal against the e2e server's running embedded PostgreSQL. */
function portalScript(script: string) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, DATABASE_URL: '', EMBEDDED_PG_PORT: PG_PORT, PORTAL_CLOCK: '2026-11-26' },
    encoding: 'utf8',
    timeout: 240_000,
  })
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` }
}

/** Amounts of one column of a table, per wijk code (rows carry data-wijk or data-area). */
async function column(page: Page, table: string, col: string, attr = 'data-wijk') {
  const rows = page.getByTestId(table).locator(`tr[${attr}]`)
  const out = new Map<string, number>()
  for (const row of await rows.all()) {
    const code = (await row.getAttribute(attr))!
    out.set(code, cents(await row.locator(`td[data-col="${col}"]`).innerText()))
  }
  return out
}

/** Screenshots of the administrator's pages, for looking at them (test-results/ is not committed). */
const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/rounds-${name}.png`, fullPage: true })

test('round 2027 from 2026, 2026 closed with carry-over: the unspent money of every wijk arrives in 2027', async ({
  browser,
}) => {
  test.setTimeout(300_000)
  const admin = await signedInContext(browser, 'beheerder@amersfoort.example')
  const a = admin.page

  // 1. The carry-over policy for 2026, published as a new version of the allocation.
  await a.goto('/beheer/scenarios/nieuw')
  await expect(a.getByRole('heading', { name: 'Nieuw scenario voor 2026' })).toBeVisible()
  await a.getByLabel('Naam van het scenario').fill('Restgeld blijft in de wijk')
  await a.getByLabel('Blijft voor de wijk en gaat mee naar de volgende ronde').check()
  await a.getByRole('button', { name: 'Scenario opslaan' }).click()
  await expect(a.getByRole('status')).toContainText('Scenario "Restgeld blijft in de wijk" is opgeslagen')
  const publish = a.getByTestId('publish-Restgeld blijft in de wijk')
  await publish.getByLabel('Reden voor deze nieuwe versie').fill('Raadsbesluit: restgeld blijft voor de wijk')
  await publish.getByRole('button', { name: /Publiceer/ }).click()
  await expect(a.getByRole('status')).toContainText('is gepubliceerd en geboekt')

  // 2. Round 2027, its parameters copied from 2026; bad input is refused at the field and kept.
  await a.goto('/beheer/rondes')
  await a.getByRole('link', { name: 'Nieuwe ronde aanmaken' }).click()
  await expect(a.getByRole('heading', { name: 'Nieuwe budgetronde' })).toBeVisible()
  await expect(a.getByText(/overgenomen uit ronde 2026/)).toBeVisible()
  await expect(a.getByLabel('Jaar')).toHaveValue('2027')
  await expect(a.getByLabel('Subsidieplafond (pot) in euro')).toHaveValue('450.000,00')
  await expect(a.getByLabel('Voorschot (procent van het toegekende bedrag)')).toHaveValue('75')
  await a.getByLabel('Jaar').fill('2026')
  await a.getByLabel('Subsidieplafond (pot) in euro').fill('abc')
  await a.getByLabel('Open vanaf').fill('2026-06-01')
  await a.getByLabel('Open tot en met').fill('2026-01-01')
  await a.getByRole('button', { name: 'Ronde aanmaken' }).click()
  const potField = a.locator('.field', { has: a.getByLabel('Subsidieplafond (pot) in euro') })
  await expect(potField.locator('.field-errors')).toBeVisible()
  await expect(a.getByText('De sluitingsdatum moet na de openingsdatum liggen.')).toBeVisible()
  await expect(a.getByLabel('Subsidieplafond (pot) in euro')).toHaveValue('abc')
  await a.getByLabel('Subsidieplafond (pot) in euro').fill('400.000,00')
  await a.getByLabel('Open vanaf').fill('2026-01-01')
  await a.getByLabel('Open tot en met').fill('2026-12-31')
  await a.getByRole('button', { name: 'Ronde aanmaken' }).click()
  // the year that exists is the server's refusal, at the year, with what was typed kept
  const yearField = a.locator('.field', { has: a.getByLabel('Jaar') })
  await expect(yearField.getByText('Voor dit jaar bestaat al een ronde.')).toBeVisible()
  await shot(a, 'new-round-refused')
  await expect(a.getByLabel('Subsidieplafond (pot) in euro')).toHaveValue('400.000,00')
  await a.getByLabel('Jaar').fill('2027')
  await a.getByLabel('Open vanaf').fill('2027-01-01')
  await a.getByLabel('Open tot en met').fill('2027-12-31')
  await a.getByRole('button', { name: 'Ronde aanmaken' }).click()
  await expect(a.getByRole('status')).toContainText('Ronde 2027 is aangemaakt')
  await expect(a.getByRole('heading', { name: 'Buurtbudget 2027' })).toBeVisible()

  // 3. Closing 2026 is refused while grants are open; they are listed.
  await a.getByRole('link', { name: 'Ronde 2026 sluiten' }).click()
  await expect(a.getByRole('heading', { name: 'Ronde 2026 sluiten' })).toBeVisible()
  await expect(a.getByTestId('open-grants').locator('tbody tr').first()).toBeVisible()
  await expect(a.getByTestId('refusal')).toContainText('toekenningen open')
  await expect(a.getByRole('button', { name: 'Ronde 2026 definitief sluiten' })).toBeDisabled()
  await expect(a.getByTestId('policy')).toContainText('Blijft voor de wijk')
  await expect(a.getByTestId('unspent-per-wijk')).toContainText('Mee naar ronde 2027, zelfde wijk')
  await shot(a, 'close-refused')

  // The grants are settled (the foundation's verantwoording, the reviewer's vaststelling).
  const settled = portalScript('e2e/settle-open-grants.ts')
  expect(settled.status, settled.output).toBe(0)
  expect(settled.output).toMatch(/[1-9]\d* toekenningen vastgesteld/)

  await a.reload()
  await expect(a.getByTestId('no-open-grants')).toBeVisible()
  await expect(a.getByTestId('refusal')).toHaveCount(0)
  const unspentTotal = cents(await a.getByTestId('unspent-per-wijk').locator('tfoot td').first().innerText())
  expect(unspentTotal).toBeGreaterThan(0)
  await shot(a, 'close-ready')
  // the reason is required
  await a.getByLabel('Reden voor het sluiten').fill('kort')
  await a.getByRole('button', { name: 'Ronde 2026 definitief sluiten' }).click()
  await expect(a.getByText('Geef een reden op in minstens 10 tekens.')).toBeVisible()
  await a.getByLabel('Reden voor het sluiten').fill('Alle aanvragen van 2026 zijn vastgesteld en verrekend.')
  await a.getByRole('button', { name: 'Ronde 2026 definitief sluiten' }).click()

  // 4. The closing report of 2026: every wijk's unspent money carried over, tied out to the pot.
  await expect(a.getByRole('heading', { name: 'Afsluiting van ronde 2026' })).toBeVisible()
  await expect(a.getByRole('status').filter({ hasText: 'Ronde 2026 is gesloten.' })).toBeVisible()
  await expect(a.getByTestId('closing')).toContainText('Alle aanvragen van 2026 zijn vastgesteld en verrekend.')
  await expect(a.getByTestId('ties-out')).toHaveText('Sluit aan: elke euro is verantwoord.')
  await expect(a.getByTestId('funded')).toHaveText(/450\.000,00/)
  await shot(a, 'closing-report-2026')
  const carried = await column(a, 'per-wijk', 'carriedOverCents')
  const carriedTotal = carried.get('total')!
  carried.delete('total')
  expect(carriedTotal).toBe(unspentTotal)
  expect([...carried.values()].reduce((s, c) => s + c, 0)).toBe(carriedTotal)
  const still = await column(a, 'per-wijk', 'stillOpenCents')
  expect(still.get('total')).toBe(0)

  // 5. In 2027 each wijk has exactly what it carried: on the round's standing and the audit page.
  await a.goto('/beheer/rondes/2027/afsluiting')
  await expect(a.getByRole('heading', { name: 'Stand van ronde 2027' })).toBeVisible()
  await expect(a.getByTestId('ties-out')).toHaveText('Sluit aan: elke euro is verantwoord.')
  const carriedIn = await column(a, 'per-wijk', 'carriedInCents')
  expect(carriedIn.get('total')).toBe(carriedTotal)
  for (const [code, amount] of carried) expect(carriedIn.get(code), code).toBe(amount)
  await shot(a, 'standing-2027')
  const euro = (c: number) => new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 2 }).format(c / 100)
  await expect(a.getByTestId('funded')).toContainText(euro(40_000_000 + carriedTotal))

  await a.goto('/controle?round=2027')
  const available = await column(a, 'area-money', 'available', 'data-area')
  const wijken = [...carried.entries()].filter(([, c]) => c > 0).slice(0, 3)
  expect(wijken.length).toBeGreaterThan(1)
  for (const [code, amount] of wijken) expect(available.get(code), code).toBe(amount)
  expect(available.get('total')).toBe(carriedTotal)
  // the carried-over money counts as the wijken's allocation: the round still ties out to pot + carried
  await expect(a.getByTestId('tie-out')).toContainText('klopt')

  // 6. The books of both rounds verify.
  const verify = portalScript('app/cli/ledger-verify.ts')
  expect(verify.status, verify.output).toBe(0)
  expect(verify.output).toContain('ronde 2026 (gesloten) gecontroleerd')
  expect(verify.output).toContain('ronde 2027 gecontroleerd')
  expect(verify.output).toMatch(/; 0 fouten\./)
  // the browser logs the refused submissions (400/422) as failed resources; nothing else may appear
  expect(admin.errors.filter((e) => !/status of 4(00|22)/.test(e))).toEqual([])
  await admin.close()
})

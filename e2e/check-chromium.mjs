// Fails `npm test` early, with instructions, when no Chromium is installed.
import { chromiumPath } from './chromium-path.mjs'

if (!chromiumPath()) {
  console.error(`
Geen Chromium gevonden voor de end-to-end-tests. / No Chromium found for the end-to-end tests.
Installeer het zo / install it like this (Debian/Ubuntu):
  sudo apt-get update && sudo apt-get install -y chromium
of wijs een bestaande browser aan / or point to one:  CHROMIUM_PATH=/pad/naar/chromium npm test
(Playwright kan hier zijn eigen browser niet downloaden; \`npx playwright install\` werkt dus niet.)
`)
  process.exit(1)
}

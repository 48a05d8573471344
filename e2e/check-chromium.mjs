// Fails `npm test` early, with instructions, when no Chromium is installed, or no `pdftotext`
// (poppler-utils), with which the tests read the text of the portal's PDF letters and reports.
import { spawnSync } from 'node:child_process'
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

if (spawnSync('pdftotext', ['-v']).error) {
  console.error(`
Geen pdftotext gevonden; de tests lezen daarmee de tekst van de pdf-brieven en -rapporten.
No pdftotext found; the tests read the text of the PDF letters and reports with it.
Installeer het zo / install it like this (Debian/Ubuntu):
  sudo apt-get update && sudo apt-get install -y poppler-utils
`)
  process.exit(1)
}

import { existsSync } from 'node:fs'

const CANDIDATES = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
].filter(Boolean)

/** The Chromium to drive: CHROMIUM_PATH, or the system's. */
export function chromiumPath() {
  return CANDIDATES.find((p) => existsSync(p)) ?? null
}

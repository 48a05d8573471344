import { defineConfig } from '@playwright/test'
import { chromiumPath } from './e2e/chromium-path.mjs'

const PORT = Number(process.env.E2E_PORT ?? 3100)

/**
 * End-to-end tests drive the built portal in the system's Chromium (Playwright cannot download its
 * own browser here). The portal runs exactly as `npm start` runs it, on a fresh embedded PostgreSQL
 * with the demo seed, and with the clock fixed so the 2026 round is open whatever today is.
 */
export default defineConfig({
  testDir: 'e2e',
  // Generous on purpose: green on a machine several times slower (shared runners, a CPU hog beside
  // it). A test that needs longer does less, rather than raising this further.
  timeout: 180_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${PORT}`,
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromiumPath() ?? undefined,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'chromium', use: { browserName: 'chromium' }, testIgnore: /rounds\.spec\.ts/ },
    // Closing round 2026 and opening 2027 changes the current round for every page of the shared
    // server, so that spec runs after all the others.
    { name: 'rounds', use: { browserName: 'chromium' }, testMatch: /rounds\.spec\.ts/, dependencies: ['chromium'] },
  ],
  webServer: {
    command: 'node e2e/start-server.mjs',
    url: `http://localhost:${PORT}/`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: { PORT: String(PORT) },
  },
})

// Starts the built portal for the end-to-end tests on a brand-new embedded PostgreSQL.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, chmodSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

// The test's OIDC provider listens on E2E_OIDC_PORT, by default the portal's port + 10000.
const oidcPort = process.env.E2E_OIDC_PORT ?? String(Number(process.env.PORT ?? 3100) + 10000)
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'buurtbudget-e2e-'))
chmodSync(dataDir, 0o755)
const child = spawn(process.execPath, ['--import', 'tsx', 'app/server/main.ts'], {
  stdio: 'inherit',
  env: {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: '',
    DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: process.env.E2E_PG_PORT ?? '54339',
    PORTAL_MODE: 'demo',
    PORTAL_CLOCK: '2026-11-26',
    // The local OpenID Connect provider that e2e/accounts.spec.ts starts (docs/decisions/0011-accounts-and-sign-in.md).
    OIDC_ISSUER: `http://127.0.0.1:${oidcPort}`,
    OIDC_CLIENT_ID: 'buurtbudget',
    OIDC_CLIENT_SECRET: 'buurtbudget-test-secret-0123456789',
  },
})
const stop = (signal) => child.kill(signal)
process.on('SIGTERM', () => stop('SIGTERM'))
process.on('SIGINT', () => stop('SIGINT'))
child.on('exit', (code) => {
  rmSync(dataDir, { recursive: true, force: true })
  process.exit(code ?? 0)
})

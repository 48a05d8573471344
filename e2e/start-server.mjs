// Starts the built portal for the end-to-end tests on a brand-new embedded PostgreSQL.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, chmodSync, mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { SMTPServer } from 'smtp-server'
import { e2eMailDir, e2eSmtpPort } from './mail-catcher.mjs'

// A real SMTP server catches the portal's mail: every message is written, raw, to e2eMailDir(), where
// the tests read it (e2e/helpers.ts). In demo mode /mailbox still shows what was sent.
const portalPort = Number(process.env.PORT ?? 3100)
const mailDir = e2eMailDir(portalPort)
rmSync(mailDir, { recursive: true, force: true })
mkdirSync(mailDir, { recursive: true })
let received = 0
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, _session, callback) {
    const chunks = []
    stream.on('data', (chunk) => chunks.push(chunk))
    stream.on('end', () => {
      writeFileSync(path.join(mailDir, `${String(++received).padStart(5, '0')}.eml`), Buffer.concat(chunks))
      callback()
    })
  },
})
const smtpPort = e2eSmtpPort(portalPort)
await new Promise((resolve) => smtp.listen(smtpPort, '127.0.0.1', resolve))

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
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    MAIL_RETRY_BASE_SECONDS: '1',
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
  smtp.close()
  rmSync(dataDir, { recursive: true, force: true })
  process.exit(code ?? 0)
})

import os from 'node:os'
import path from 'node:path'

/** Where the end-to-end server's SMTP mail catcher writes what it receives (one .eml per mail). */
export function e2eMailDir(portalPort) {
  return path.join(os.tmpdir(), `buurtbudget-e2e-mail-${portalPort}`)
}

/** The mail catcher's port: E2E_SMTP_PORT, or the portal's port + 20000. */
export function e2eSmtpPort(portalPort) {
  return Number(process.env.E2E_SMTP_PORT ?? portalPort + 20000)
}

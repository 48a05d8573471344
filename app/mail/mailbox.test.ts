// The local mailbox exists only in demo/development without a mail server.
import { afterEach, describe, expect, it } from 'vitest'
import { resetEnvCache } from '#app/env.server.ts'
import { requireLocalMailbox } from '#app/web/guards.server.ts'
import { localMailboxEnabled } from './mailbox.server.ts'

const saved = {
  PORTAL_MODE: process.env.PORTAL_MODE,
  SMTP_URL: process.env.SMTP_URL,
  SESSION_SECRET: process.env.SESSION_SECRET,
}
afterEach(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key]
    else process.env[key] = value
  }
  resetEnvCache()
})

function configure(env: Record<string, string | undefined>) {
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key]
    else process.env[key] = value
  }
  resetEnvCache()
}

describe('the local mailbox', () => {
  it('is there in demo mode without SMTP_URL', () => {
    configure({ PORTAL_MODE: 'demo', SMTP_URL: undefined })
    expect(localMailboxEnabled()).toBe(true)
    expect(() => requireLocalMailbox(new Request('http://localhost/mailbox'))).not.toThrow()
  })

  it('is a 404 in production mode', () => {
    configure({ PORTAL_MODE: 'production', SMTP_URL: undefined, SESSION_SECRET: 'x'.repeat(40) })
    expect(localMailboxEnabled()).toBe(false)
    expect(notFoundStatus(() => requireLocalMailbox(new Request('http://localhost/mailbox')))).toBe(404)
  })

  it('shows what was sent in demo mode also when a mail server is configured (a mail catcher)', () => {
    configure({ PORTAL_MODE: 'demo', SMTP_URL: 'smtp://127.0.0.1:2525' })
    expect(localMailboxEnabled()).toBe(true)
    expect(() => requireLocalMailbox(new Request('http://localhost/mailbox'))).not.toThrow()
  })

  it('is a 404 in production mode also with a mail server configured', () => {
    configure({ PORTAL_MODE: 'production', SMTP_URL: 'smtp://127.0.0.1:2525', SESSION_SECRET: 'x'.repeat(40) })
    expect(localMailboxEnabled()).toBe(false)
    expect(notFoundStatus(() => requireLocalMailbox(new Request('http://localhost/mailbox')))).toBe(404)
  })
})

/** The status of the Response a guard throws; fails the test when it throws anything else or nothing. */
function notFoundStatus(guard: () => void): number {
  try {
    guard()
  } catch (error) {
    expect(error).toBeInstanceOf(Response)
    return (error as Response).status
  }
  throw new Error('the guard did not throw')
}

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
  it('is there in demo mode without SMTP_URL', async () => {
    configure({ PORTAL_MODE: 'demo', SMTP_URL: undefined })
    expect(localMailboxEnabled()).toBe(true)
    await expect(requireLocalMailbox(new Request('http://localhost/mailbox'))).resolves.toBeDefined()
  })

  it('is a 404 in production mode', async () => {
    configure({ PORTAL_MODE: 'production', SMTP_URL: undefined, SESSION_SECRET: 'x'.repeat(40) })
    expect(localMailboxEnabled()).toBe(false)
    try {
      await requireLocalMailbox(new Request('http://localhost/mailbox'))
      expect.unreachable('the guard must throw')
    } catch (error) {
      expect((error as Response).status).toBe(404)
    }
  })

  it('shows what was sent in demo mode also when a mail server is configured (a mail catcher)', async () => {
    configure({ PORTAL_MODE: 'demo', SMTP_URL: 'smtp://127.0.0.1:2525' })
    expect(localMailboxEnabled()).toBe(true)
    await expect(requireLocalMailbox(new Request('http://localhost/mailbox'))).resolves.toBeDefined()
  })

  it('is a 404 in production mode also with a mail server configured', async () => {
    configure({ PORTAL_MODE: 'production', SMTP_URL: 'smtp://127.0.0.1:2525', SESSION_SECRET: 'x'.repeat(40) })
    expect(localMailboxEnabled()).toBe(false)
    const refusal = await requireLocalMailbox(new Request('http://localhost/mailbox')).catch((error: unknown) => error)
    expect(refusal).toBeInstanceOf(Response)
    expect((refusal as Response).status).toBe(404)
  })
})

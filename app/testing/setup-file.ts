// Runs in the test worker before each test FILE is imported (vite.config.ts `setupFiles`).
// 1. Gives the file its own database, a copy of the migrated template, and points
//    process.env.DATABASE_URL at it before the file's own imports run (app/db.server.ts reads it
//    lazily on first use).
// 2. House rule: a console.error during a test fails that test. Tests that expect one call
//    takeConsoleErrors() from app/testing/db.ts to consume it.
import { format } from 'node:util'
import { afterAll, afterEach, beforeEach } from 'vitest'
import { disconnectPrisma } from '../db.server.ts'
import { createDatabase, dropCreatedDatabases, harnessState, templateDatabase } from './db.ts'

process.env.DATABASE_URL = await createDatabase({ template: templateDatabase() })

const state = harnessState()
let inTest = false
const originalConsoleError = console.error
console.error = (...args: unknown[]) => {
  if (inTest) state.consoleErrors.push(format(...args))
  originalConsoleError.apply(console, args)
}

beforeEach(() => {
  state.consoleErrors.length = 0
  inTest = true
})

afterEach(() => {
  inTest = false
  const recorded = state.consoleErrors.splice(0)
  if (recorded.length > 0) {
    throw new Error(
      `console.error was called ${recorded.length} time(s) during this test (house rule: that fails the test):\n` +
        recorded.map((message) => `  - ${message.split('\n').join('\n    ')}`).join('\n'),
    )
  }
})

afterAll(async () => {
  await disconnectPrisma()
  await dropCreatedDatabases()
})

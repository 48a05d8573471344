// Database helpers for tests. The vitest global setup (app/testing/global-setup.ts) starts one
// embedded PostgreSQL per test run and migrates a template database `bb_template`; the setup file
// (app/testing/setup-file.ts) gives every test FILE its own copy of it and points
// process.env.DATABASE_URL at that copy before the test file is imported.
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { inject } from 'vitest'

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the test server's maintenance database `postgres` (superuser). */
    pgBaseUrl: string
    /** The migrated template of this run (`bb_template`, or `bb_<run>_template` on a TEST_PG_URL server). */
    pgTemplateDatabase: string
    /** Prefix of every database this run creates ('' on the embedded server; see global-setup.ts). */
    pgDatabasePrefix: string
  }
}

/** The migrated database every test database is copied from, on the embedded test server. */
export const TEMPLATE_DATABASE = 'bb_template'

/** This run's migrated template database (differs from TEMPLATE_DATABASE on a TEST_PG_URL server). */
export function templateDatabase(): string {
  return inject('pgTemplateDatabase') ?? TEMPLATE_DATABASE
}

interface HarnessState {
  databases: Set<string>
  clients: Set<pg.Client>
  consoleErrors: string[]
}
const STATE_KEY = Symbol.for('buurtbudget.testing.db')
/** Shared through globalThis so the setup file and the test file see the same state. */
export function harnessState(): HarnessState {
  const g = globalThis as unknown as Record<symbol, HarnessState | undefined>
  return (g[STATE_KEY] ??= { databases: new Set(), clients: new Set(), consoleErrors: [] })
}

/** URL of `databaseName` on the test server (default: the maintenance database `postgres`). */
export function serverUrl(databaseName?: string): string {
  const url = new URL(inject('pgBaseUrl'))
  if (databaseName) url.pathname = `/${encodeURIComponent(databaseName)}`
  return url.toString()
}

/** The URL of this test file's own database (a migrated copy of bb_template). */
export function testDatabaseUrl(): string {
  const url = process.env.DATABASE_URL
  if (!url) throw new Error('DATABASE_URL is not set: is app/testing/setup-file.ts configured in vite.config.ts?')
  return url
}

function uniqueName(prefix: string): string {
  return `${inject('pgDatabasePrefix') ?? ''}${prefix}_${randomBytes(6).toString('hex')}`
}

/**
 * CREATE DATABASE, optionally from a template; returns its URL. Dropped after the test file
 * (when nothing is still connected to it). Retries while the template is briefly in use.
 */
export async function createDatabase(opts: { name?: string; template?: string } = {}): Promise<string> {
  const name = opts.name ?? uniqueName('t')
  const admin = new pg.Client({ connectionString: serverUrl() })
  await admin.connect()
  try {
    const sql =
      `CREATE DATABASE ${admin.escapeIdentifier(name)}` +
      (opts.template ? ` TEMPLATE ${admin.escapeIdentifier(opts.template)}` : '')
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(sql)
        break
      } catch (error) {
        // 55006: source database is being accessed by other users
        if ((error as { code?: string }).code !== '55006' || attempt >= 20) throw error
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt))
      }
    }
  } finally {
    await admin.end()
  }
  harnessState().databases.add(name)
  return serverUrl(name)
}

/** A new database with NO migrations applied (for migration tests). */
export function createEmptyDatabase(): Promise<string> {
  return createDatabase({ name: uniqueName('e'), template: 'template0' })
}

/** A new migrated database, independent of this file's DATABASE_URL. */
export function createMigratedDatabase(): Promise<string> {
  return createDatabase({ name: uniqueName('t'), template: templateDatabase() })
}

/** A connected pg client (default: this test file's database); closed after the test file if still open. */
export async function pgClient(url: string = testDatabaseUrl()): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url })
  const state = harnessState()
  state.clients.add(client)
  client.once('end', () => state.clients.delete(client))
  await client.connect()
  return client
}

/** Runs `fn` with a connected client and closes it afterwards. */
export async function withPgClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = await pgClient(url)
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

/**
 * Returns and forgets the console.error calls recorded during the current test, for tests that
 * expect an error to be logged (otherwise any console.error fails the test).
 */
export function takeConsoleErrors(): string[] {
  return harnessState().consoleErrors.splice(0)
}

/** Drops the databases created by this test file that nobody is connected to any more. */
export async function dropCreatedDatabases(): Promise<void> {
  const state = harnessState()
  await Promise.all([...state.clients].map((client) => client.end().catch(() => undefined)))
  if (state.databases.size === 0) return
  const admin = new pg.Client({ connectionString: serverUrl() })
  await admin.connect()
  try {
    for (const name of [...state.databases]) {
      // DROP DATABASE waits up to 5 s for other sessions; skip the ones still in use (e.g. by a
      // Prisma client the test did not disconnect). The whole cluster is removed after the run.
      const { rows } = await admin.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1',
        [name],
      )
      if (rows[0].n > 0) continue
      await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)}`).catch(() => undefined)
      state.databases.delete(name)
    }
  } finally {
    await admin.end()
  }
}

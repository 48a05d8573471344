import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import { PrismaClient } from '#app/generated/prisma/client.ts'
import { forget, remember } from '#app/web/remember.ts'

export { Prisma } from '#app/generated/prisma/client.ts'
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0]

/**
 * Database resilience (docs/decisions/0021): a connection attempt gives up after DB_CONNECT_TIMEOUT_MS,
 * a statement after DB_STATEMENT_TIMEOUT_MS (server side) or a little later (client side, for a
 * server that does not answer at all); a broken connection is dropped from the pool and the next
 * request opens a fresh one, so the portal reconnects by itself when PostgreSQL is back.
 */
export const DB_TIMEOUTS = {
  connectMs: Number(process.env.DB_CONNECT_TIMEOUT_MS ?? 5000),
  statementMs: Number(process.env.DB_STATEMENT_TIMEOUT_MS ?? 15000),
}

type Db = { client: PrismaClient; pool: pg.Pool; trouble: { at: number } }

function createDb(): Db {
  const url = process.env.DATABASE_URL
  if (!url) throw new Error('DATABASE_URL is not set: start the portal with `npm start` or set DATABASE_URL.')
  const pool = new pg.Pool({
    connectionString: url,
    connectionTimeoutMillis: DB_TIMEOUTS.connectMs,
    statement_timeout: DB_TIMEOUTS.statementMs,
    query_timeout: DB_TIMEOUTS.statementMs + 2000,
    idleTimeoutMillis: 30_000,
    // Connections per portal instance (PostgreSQL's default max_connections is 100).
    max: Number(process.env.DB_POOL_MAX ?? 20),
    keepAlive: true,
    application_name: 'buurtbudget',
  })
  // An idle connection that breaks (PostgreSQL restarted or killed) must not crash the process;
  // pg drops it from the pool, and the next query connects anew.
  const trouble = { at: 0 }
  pool.on('error', () => (trouble.at = Date.now()))
  // No free connection in time (the database is away, or every connection is busy): the request
  // that gets this error is answered 503 with Retry-After, not 500.
  const connect = pool.connect.bind(pool) as () => Promise<pg.PoolClient>
  pool.connect = ((...args: unknown[]) => {
    if (args.length > 0) return (connect as (...a: unknown[]) => unknown)(...args)
    return connect().catch((error: unknown) => {
      trouble.at = Date.now()
      throw error
    })
  }) as typeof pool.connect
  // A connection released with an error (it broke during a query) marks trouble too.
  pool.on('release', (error: Error | undefined) => {
    if (error) trouble.at = Date.now()
  })
  // Prisma's defaults (wait 2 s for a connection, 5 s per transaction) turn a busy moment on a slow or
  // shared machine into 500s for correct requests. Each statement stays bounded by statement_timeout;
  // a transaction may queue for a connection and run longer (docs/decisions/0021).
  const transactionOptions = { maxWait: 30_000, timeout: 60_000 }
  return { pool, client: new PrismaClient({ adapter: new PrismaPg(pool), transactionOptions }), trouble }
}

const db = () => remember('db', createDb)

/** The one Prisma client of the process, created on first use (after DATABASE_URL is known). */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = db().client
    const value = Reflect.get(client, property, client)
    return typeof value === 'function' ? value.bind(client) : value
  },
})

/**
 * Whether a database connection broke, or the database did not answer, within the last `withinMs`:
 * a request that failed in that window failed because of the outage (a 503 "your input is safe"),
 * even when PostgreSQL is back by the time the answer is sent.
 */
export function recentDatabaseTrouble(withinMs = 15_000): boolean {
  if (!process.env.DATABASE_URL) return false
  return Date.now() - db().trouble.at < withinMs
}

/** Ready means: PostgreSQL answers a trivial query within `timeoutMs`. */
export async function databaseReady(timeoutMs = 2000): Promise<boolean> {
  if (!process.env.DATABASE_URL) return false
  const { pool } = db()
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)))
  const probe = pool.query('SELECT 1').then(
    () => true,
    () => false,
  )
  try {
    const ready = await Promise.race([probe, timeout])
    if (!ready) db().trouble.at = Date.now()
    return ready
  } finally {
    clearTimeout(timer)
  }
}

/**
 * A connection of the same pool as Prisma's, for what Prisma cannot do: COPY ... TO STDOUT (the
 * ledger's CSV export, app/reporting/exports/copy.server.ts). The caller must release it.
 */
export function poolConnection(): Promise<pg.PoolClient> {
  return db().pool.connect()
}

export async function disconnectPrisma() {
  const g = globalThis as unknown as Record<symbol, { values: Map<string, unknown> } | undefined>
  const current = g[Symbol.for('buurtbudget.singletons')]?.values.get('db') as Db | undefined
  forget('db')
  if (current) {
    await current.client.$disconnect().catch(() => {})
    await current.pool.end().catch(() => {})
  }
}

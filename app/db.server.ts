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

type Db = { client: PrismaClient; pool: pg.Pool }

function createDb(): Db {
  const url = process.env.DATABASE_URL
  if (!url) throw new Error('DATABASE_URL is not set: start the portal with `npm start` or set DATABASE_URL.')
  const pool = new pg.Pool({
    connectionString: url,
    connectionTimeoutMillis: DB_TIMEOUTS.connectMs,
    statement_timeout: DB_TIMEOUTS.statementMs,
    query_timeout: DB_TIMEOUTS.statementMs + 2000,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    application_name: 'buurtbudget',
  })
  // An idle connection that breaks (PostgreSQL restarted or killed) must not crash the process;
  // pg drops it from the pool, and the next query connects anew.
  pool.on('error', () => {})
  return { pool, client: new PrismaClient({ adapter: new PrismaPg(pool) }) }
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
    return await Promise.race([probe, timeout])
  } finally {
    clearTimeout(timer)
  }
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

// For the command-line scripts: run `work` against the portal's database. With DATABASE_URL that
// server; otherwise the embedded PostgreSQL in DATA_DIR (default ./data/postgres) on EMBEDDED_PG_PORT,
// using it when the portal already runs it and starting (and afterwards stopping) it when not.
import path from 'node:path'
import pg from 'pg'
import {
  DEFAULT_EMBEDDED_PORT,
  embeddedUrl,
  ensureDatabase,
  projectRoot,
  startEmbeddedPostgres,
} from '#app/db/embedded.server.ts'
import { getEnv } from '#app/env.server.ts'

export const DATABASE_NAME = 'buurtbudget'

async function isReachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 })
  client.on('error', () => {})
  try {
    await client.connect()
    await client.end()
    return true
  } catch {
    return false
  }
}

export async function withDatabase(work: (url: string, where: string) => Promise<void>) {
  const env = getEnv()
  if (env.DATABASE_URL) return work(env.DATABASE_URL, 'DATABASE_URL')
  const port = env.EMBEDDED_PG_PORT ?? DEFAULT_EMBEDDED_PORT
  const dataDir = path.resolve(projectRoot(), env.DATA_DIR, 'postgres')
  if (await isReachable(embeddedUrl(port, 'postgres'))) {
    await ensureDatabase(embeddedUrl(port, 'postgres'), DATABASE_NAME)
    return work(embeddedUrl(port, DATABASE_NAME), `running embedded PostgreSQL on port ${port}`)
  }
  console.log(`starting embedded PostgreSQL (${dataDir}, port ${port})`)
  const server = await startEmbeddedPostgres({ dataDir, port, databaseName: DATABASE_NAME })
  try {
    await work(server.url, `embedded PostgreSQL ${dataDir}`)
  } finally {
    await server.stop()
  }
}

export function run(main: () => Promise<void>) {
  main().then(
    // process.exit(0) would override a process.exitCode of 1 set by the script (ledger:verify and
    // trail:verify exited 0 while printing their failures; found by app/grants/ledger-model.test.ts)
    () => process.exit(process.exitCode ?? 0),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error)
      process.exit(1)
    },
  )
}

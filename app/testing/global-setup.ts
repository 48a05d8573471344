// vitest globalSetup: one embedded PostgreSQL for the whole test run, in a fresh temp directory on
// a free port, with the migrated template database `bb_template`. Test files get its URL through
// vitest's provide/inject (`inject('pgBaseUrl')`, see app/testing/db.ts), which works with any pool.
import fsp from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../db/embedded.server.ts'
import { migrate } from '../db/migrate.server.ts'

// Same value as TEMPLATE_DATABASE in ./db.ts (which imports 'vitest' and so cannot be imported
// here: globalSetup runs outside the test workers).
const TEMPLATE_DATABASE = 'bb_template'

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

export default async function setup(project: TestProject) {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'buurtbudget-test-pg-'))
  // As root, PostgreSQL runs as the 'postgres' user, which must be able to enter this directory.
  if (process.getuid?.() === 0) await fsp.chmod(dir, 0o755)

  let server: EmbeddedPostgres | undefined
  for (let attempt = 1; !server; attempt++) {
    try {
      server = await startEmbeddedPostgres({
        dataDir: path.join(dir, 'data'),
        port: await freePort(),
        databaseName: TEMPLATE_DATABASE,
        persistent: false,
        durable: false,
      })
    } catch (error) {
      // Another process may have taken the free port between probing and binding.
      if (attempt >= 3 || !String((error as Error).message).includes('could not bind')) {
        await fsp.rm(dir, { recursive: true, force: true })
        throw error
      }
    }
  }

  const running: EmbeddedPostgres = server
  try {
    await migrate(running.url)
    // Nobody may connect to the template: CREATE DATABASE ... TEMPLATE fails while anyone is.
    const admin = new pg.Client({ connectionString: running.urlFor('postgres') })
    await admin.connect()
    await admin.query(`ALTER DATABASE ${TEMPLATE_DATABASE} WITH ALLOW_CONNECTIONS false`)
    await admin.end()
  } catch (error) {
    await running.stop()
    await fsp.rm(dir, { recursive: true, force: true })
    throw error
  }

  project.provide('pgBaseUrl', running.urlFor('postgres'))

  return async () => {
    await running.stop()
    await fsp.rm(dir, { recursive: true, force: true })
  }
}

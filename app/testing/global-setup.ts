// vitest globalSetup: one PostgreSQL server for the whole test run with a migrated template
// database. Test files get its URL through vitest's provide/inject (`inject('pgBaseUrl')`, see
// app/testing/db.ts), which works with any pool.
//
// - Default: an embedded PostgreSQL (npm) in a fresh temp directory on a free port; the template
//   is `bb_template` and the whole cluster is removed afterwards.
// - TEST_PG_URL set (a superuser URL of any PostgreSQL server, e.g. Debian's `postgresql` package
//   as .ci/run starts it; docs/decisions/0024-tests-against-debian-postgresql.md): no embedded
//   server starts. The template gets a name of its own for this run (`bb_<run>_template`), every
//   test database starts with `bb_<run>_`, and all of them are dropped at the end.
import { randomBytes } from 'node:crypto'
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

function urlFor(baseUrl: string, databaseName: string): string {
  const url = new URL(baseUrl)
  url.pathname = `/${encodeURIComponent(databaseName)}`
  return url.toString()
}

async function withAdmin<T>(url: string, fn: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  try {
    return await fn(admin)
  } finally {
    await admin.end()
  }
}

/** Migrates the template and closes it to connections (CREATE DATABASE ... TEMPLATE fails while anyone is connected). */
async function prepareTemplate(adminUrl: string, template: string) {
  await migrate(urlFor(adminUrl, template))
  await withAdmin(adminUrl, (admin) =>
    admin.query(`ALTER DATABASE ${admin.escapeIdentifier(template)} WITH ALLOW_CONNECTIONS false`),
  )
}

async function externalServer(project: TestProject, adminUrl: string) {
  const prefix = `bb_${randomBytes(4).toString('hex')}_`
  const template = `${prefix}template`
  const dropAll = () =>
    withAdmin(adminUrl, async (admin) => {
      const { rows } = await admin.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE starts_with(datname, $1)`,
        [prefix],
      )
      for (const { datname } of rows)
        await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(datname)} WITH (FORCE)`)
    })
  const version = await withAdmin(adminUrl, async (admin) => {
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(template)}`)
    return (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version
  })
  console.log(`Tests tegen de PostgreSQL-server van TEST_PG_URL (PostgreSQL ${version}), databases ${prefix}*`)
  try {
    await prepareTemplate(adminUrl, template)
  } catch (error) {
    await dropAll()
    throw error
  }
  project.provide('pgBaseUrl', adminUrl)
  project.provide('pgTemplateDatabase', template)
  project.provide('pgDatabasePrefix', prefix)
  return dropAll
}

export default async function setup(project: TestProject) {
  const external = process.env.TEST_PG_URL
  if (external) return externalServer(project, external)

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
    await prepareTemplate(running.urlFor('postgres'), TEMPLATE_DATABASE)
  } catch (error) {
    await running.stop()
    await fsp.rm(dir, { recursive: true, force: true })
    throw error
  }

  project.provide('pgBaseUrl', running.urlFor('postgres'))
  project.provide('pgTemplateDatabase', TEMPLATE_DATABASE)
  project.provide('pgDatabasePrefix', '')

  return async () => {
    await running.stop()
    await fsp.rm(dir, { recursive: true, force: true })
  }
}

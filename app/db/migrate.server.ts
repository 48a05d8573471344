// The project's own migration step (Prisma's schema engine cannot be downloaded here, see
// docs/decisions/0004-own-migration-step.md). It reads Prisma's layout
// (prisma/migrations/<timestamp>_<name>/migration.sql) and records what it applied in Prisma's
// `_prisma_migrations` table, with Prisma's checksums and Prisma's advisory lock key, so that
// `prisma migrate deploy` and this step are interchangeable on the same database.
import { createHash, randomUUID } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import pg from 'pg'
import { projectRoot } from './embedded.server.ts'

/** The key Prisma's schema engine passes to pg_advisory_lock; sharing it also excludes a concurrent `prisma migrate deploy`. */
export const MIGRATION_LOCK_KEY = 72707369

/** Exactly the table Prisma's schema engine creates (its constraint is named "_prisma_migrations_pkey"). */
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`

export function defaultMigrationsDir(): string {
  return path.join(projectRoot(), 'prisma', 'migrations')
}

function sha256(bytes: Buffer): Buffer {
  return createHash('sha256').update(bytes).digest()
}

/** Prisma's checksum: the lower-case hex SHA-256 of the migration.sql bytes (64 characters). */
export function migrationChecksum(script: Buffer | string): string {
  return sha256(Buffer.isBuffer(script) ? script : Buffer.from(script, 'utf8')).toString('hex')
}

/**
 * Prisma's `script_matches_checksum`: the file matches if its checksum, or that of the file with
 * CRLF turned into LF, or LF into CRLF, equals the recorded one. Checksums recorded by old Prisma
 * versions were not zero-padded (prisma-engines#1887); a recorded checksum that is not 64
 * characters long is compared in that old format.
 */
export function checksumMatches(script: Buffer | string, recorded: string): boolean {
  const text = Buffer.isBuffer(script) ? script.toString('utf8') : script
  const variants = [text, text.replaceAll('\r\n', '\n'), text.replaceAll('\n', '\r\n')]
  return variants.some((variant) => {
    const digest = sha256(Buffer.from(variant, 'utf8'))
    const formatted =
      recorded.length !== 0 && recorded.length !== 64
        ? [...digest].map((byte) => byte.toString(16)).join('')
        : digest.toString('hex')
    return formatted === recorded
  })
}

export interface MigrationFile {
  name: string
  script: Buffer
  checksum: string
}

/** The migrations on disk, in name order (which is timestamp order). */
export async function readMigrations(migrationsDir: string): Promise<MigrationFile[]> {
  let entries: import('node:fs').Dirent[]
  try {
    entries = await fs.readdir(migrationsDir, { withFileTypes: true })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
  const names = entries
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  const migrations: MigrationFile[] = []
  for (const name of names) {
    const file = path.join(migrationsDir, name, 'migration.sql')
    let script: Buffer
    try {
      script = await fs.readFile(file)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new Error(`Migration ${name} has no migration.sql (expected ${file})`)
      }
      throw error
    }
    migrations.push({ name, script, checksum: migrationChecksum(script) })
  }
  return migrations
}

interface MigrationRow {
  id: string
  checksum: string
  finished_at: Date | null
  migration_name: string
  rolled_back_at: Date | null
}

export interface MigrateOptions {
  migrationsDir?: string
  log?: (msg: string) => void
}

/**
 * Applies the pending migrations to `databaseUrl`, each in its own transaction together with its
 * `_prisma_migrations` row, while holding Prisma's advisory lock. Refuses (throws, changing
 * nothing) when an applied migration was edited or deleted, or a previous attempt failed.
 */
export async function migrate(databaseUrl: string, opts: MigrateOptions = {}): Promise<{ applied: string[] }> {
  const migrationsDir = opts.migrationsDir ?? defaultMigrationsDir()
  const log = opts.log ?? (() => {})
  const migrations = await readMigrations(migrationsDir)

  const client = new pg.Client({ connectionString: databaseUrl })
  // A dropped connection must reject the pending query, not crash the process.
  client.on('error', () => {})
  await client.connect()
  try {
    const { rows: lockRows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [
      MIGRATION_LOCK_KEY,
    ])
    if (!lockRows[0].locked) {
      log('waiting for another migration run to finish (advisory lock)')
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY])
    }
    try {
      return await migrateLocked(client, migrations, migrationsDir, log)
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined)
    }
  } finally {
    await client.end().catch(() => undefined)
  }
}

async function migrateLocked(
  client: pg.Client,
  migrations: MigrationFile[],
  migrationsDir: string,
  log: (msg: string) => void,
): Promise<{ applied: string[] }> {
  await client.query(CREATE_MIGRATIONS_TABLE)
  const { rows } = await client.query<MigrationRow>(
    `SELECT "id", "checksum", "finished_at", "migration_name", "rolled_back_at"
       FROM "_prisma_migrations" ORDER BY "started_at", "migration_name"`,
  )

  const failed = rows.filter((row) => row.finished_at === null && row.rolled_back_at === null)
  if (failed.length > 0) {
    const names = failed.map((row) => row.migration_name).join(', ')
    throw new Error(
      `Migration ${names} failed in an earlier attempt (recorded in _prisma_migrations with finished_at and rolled_back_at NULL). ` +
        `Repair the database by hand, then mark it with \`prisma migrate resolve --applied|--rolled-back ${failed[0].migration_name}\` ` +
        `or set rolled_back_at on that row; no migrations were applied.`,
    )
  }

  const onDisk = new Map(migrations.map((migration) => [migration.name, migration]))
  const applied = new Set<string>()
  for (const row of rows) {
    if (row.rolled_back_at !== null || row.finished_at === null) continue
    const migration = onDisk.get(row.migration_name)
    if (!migration) {
      throw new Error(
        `Migration ${row.migration_name} is recorded as applied in the database but is missing from ${migrationsDir}; no migrations were applied.`,
      )
    }
    if (!checksumMatches(migration.script, row.checksum)) {
      throw new Error(
        `Migration ${row.migration_name} was modified after it was applied (checksum in database ${row.checksum}, ` +
          `file ${migration.checksum}). Never edit an applied migration: revert the file and add a new migration; no migrations were applied.`,
      )
    }
    applied.add(row.migration_name)
  }

  const pending = migrations.filter((migration) => !applied.has(migration.name))
  if (pending.length === 0) {
    log('database is up to date, no pending migrations')
    return { applied: [] }
  }

  const done: string[] = []
  for (const migration of pending) {
    log(`applying migration ${migration.name}`)
    await client.query('BEGIN')
    try {
      // One simple-protocol query: the whole file, in this transaction.
      await client.query(migration.script.toString('utf8'))
      await client.query(
        `INSERT INTO "_prisma_migrations"
           ("id", "checksum", "finished_at", "migration_name", "logs", "rolled_back_at", "started_at", "applied_steps_count")
         VALUES ($1, $2, clock_timestamp(), $3, NULL, NULL, now(), 1)`,
        [randomUUID(), migration.checksum, migration.name],
      )
      await client.query('COMMIT')
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined)
      const pgError = error as Error & { position?: string; detail?: string }
      let where = ''
      if (pgError.position) {
        const before = migration.script.toString('utf8').slice(0, Number(pgError.position) - 1)
        where = ` (migration.sql line ${before.split('\n').length})`
      }
      throw new Error(
        `Migration ${migration.name} failed and was rolled back${where}: ${pgError.message}` +
          (pgError.detail ? `\n${pgError.detail}` : '') +
          (done.length ? `\nApplied before the failure: ${done.join(', ')}` : ''),
        { cause: error },
      )
    }
    done.push(migration.name)
  }
  return { applied: done }
}

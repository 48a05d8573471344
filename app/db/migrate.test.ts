import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEmptyDatabase, withPgClient } from '../testing/db.ts'
import { checksumMatches, defaultMigrationsDir, migrate, migrationChecksum, readMigrations } from './migrate.server.ts'

interface Row {
  id: string
  checksum: string
  finished_at: Date | null
  migration_name: string
  logs: string | null
  rolled_back_at: Date | null
  started_at: Date
  applied_steps_count: number
}

function migrationRows(url: string): Promise<Row[]> {
  return withPgClient(url, async (client) => {
    const { rows } = await client.query<Row>('SELECT * FROM "_prisma_migrations" ORDER BY "migration_name"')
    return rows
  })
}

let tmp: string
beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'bb-migrations-'))
})
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true })
})

/** A copy of prisma/migrations that a test may edit. */
async function copyOfMigrations(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(tmp, 'copy-'))
  await fs.cp(defaultMigrationsDir(), dir, { recursive: true })
  return dir
}

describe('checksums (Prisma schema engine compatible)', () => {
  it('is the lower-case hex SHA-256 of the file bytes', () => {
    // The value from prisma-engines' own test (schema-connector/src/checksum.rs).
    expect(migrationChecksum('hello')).toBe('2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824')
  })

  it('matches across line endings and the old non-zero-padded format, like Prisma', () => {
    expect(checksumMatches('a\r\nb\r\n', migrationChecksum('a\nb\n'))).toBe(true)
    expect(checksumMatches('a\nb\n', migrationChecksum('a\r\nb\r\n'))).toBe(true)
    expect(checksumMatches('abc\n', migrationChecksum('abc'))).toBe(false)
    const digest = createHash('sha256').update('hello').digest()
    const old = [...digest].map((b) => b.toString(16)).join('')
    expect(old.length).toBeLessThan(64)
    expect(checksumMatches('hello', old)).toBe(true)
    expect(checksumMatches('hellO', old)).toBe(false)
  })
})

describe('migrate()', () => {
  it('applies every migration to an empty database and records it the way Prisma does', async () => {
    const url = await createEmptyDatabase()
    const onDisk = await readMigrations(defaultMigrationsDir())
    expect(onDisk.length).toBeGreaterThan(0)

    const { applied } = await migrate(url)
    expect(applied).toEqual(onDisk.map((m) => m.name))

    const rows = await migrationRows(url)
    expect(rows.map((r) => r.migration_name)).toEqual(onDisk.map((m) => m.name))
    for (const [i, row] of rows.entries()) {
      const bytes = await fs.readFile(path.join(defaultMigrationsDir(), row.migration_name, 'migration.sql'))
      expect(row.checksum).toBe(createHash('sha256').update(bytes).digest('hex'))
      expect(row.checksum).toBe(onDisk[i].checksum)
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
      expect(row.finished_at).toBeInstanceOf(Date)
      expect(row.rolled_back_at).toBeNull()
      expect(row.logs).toBeNull()
      expect(row.applied_steps_count).toBe(1)
    }

    // The bookkeeping table has exactly Prisma's columns and types.
    const columns = await withPgClient(url, async (client) => {
      const { rows } = await client.query(
        `SELECT column_name, data_type, character_maximum_length AS len, is_nullable, column_default
           FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
      )
      return rows
    })
    expect(columns).toEqual([
      { column_name: 'id', data_type: 'character varying', len: 36, is_nullable: 'NO', column_default: null },
      { column_name: 'checksum', data_type: 'character varying', len: 64, is_nullable: 'NO', column_default: null },
      {
        column_name: 'finished_at',
        data_type: 'timestamp with time zone',
        len: null,
        is_nullable: 'YES',
        column_default: null,
      },
      {
        column_name: 'migration_name',
        data_type: 'character varying',
        len: 255,
        is_nullable: 'NO',
        column_default: null,
      },
      { column_name: 'logs', data_type: 'text', len: null, is_nullable: 'YES', column_default: null },
      {
        column_name: 'rolled_back_at',
        data_type: 'timestamp with time zone',
        len: null,
        is_nullable: 'YES',
        column_default: null,
      },
      {
        column_name: 'started_at',
        data_type: 'timestamp with time zone',
        len: null,
        is_nullable: 'NO',
        column_default: 'now()',
      },
      { column_name: 'applied_steps_count', data_type: 'integer', len: null, is_nullable: 'NO', column_default: '0' },
    ])

    // A second run applies nothing and changes nothing.
    expect(await migrate(url)).toEqual({ applied: [] })
    expect(await migrationRows(url)).toEqual(rows)
  })

  it('applies each migration exactly once when two runs start at the same time', async () => {
    const url = await createEmptyDatabase()
    const [a, b] = await Promise.all([migrate(url), migrate(url)])
    const onDisk = (await readMigrations(defaultMigrationsDir())).map((m) => m.name)
    expect([...a.applied, ...b.applied].sort()).toEqual(onDisk)
    expect(a.applied.length === 0 || b.applied.length === 0).toBe(true)
    const rows = await migrationRows(url)
    expect(rows.map((r) => r.migration_name)).toEqual(onDisk)
  })

  it('applies only the pending migrations, in name order, each in its own transaction', async () => {
    const dir = await copyOfMigrations()
    const url = await createEmptyDatabase()
    await migrate(url, { migrationsDir: dir })
    await fs.mkdir(path.join(dir, '29990101000001_second'))
    await fs.writeFile(
      path.join(dir, '29990101000001_second', 'migration.sql'),
      'CREATE TABLE "Second" ("id" INTEGER);\n',
    )
    await fs.mkdir(path.join(dir, '29990101000000_first'))
    await fs.writeFile(
      path.join(dir, '29990101000000_first', 'migration.sql'),
      'CREATE TABLE "First" ("id" INTEGER);\n',
    )
    await fs.mkdir(path.join(dir, '29990101000002_broken'))
    await fs.writeFile(
      path.join(dir, '29990101000002_broken', 'migration.sql'),
      'CREATE TABLE "Third" ("id" INTEGER);\nSELECT * FROM "DoesNotExist";\n',
    )
    await expect(migrate(url, { migrationsDir: dir })).rejects.toThrow(
      /Migration 29990101000002_broken failed and was rolled back \(migration\.sql line 2\).*"DoesNotExist"/,
    )
    const rows = await migrationRows(url)
    const [first, second] = rows.slice(-2)
    expect([first.migration_name, second.migration_name]).toEqual(['29990101000000_first', '29990101000001_second'])
    expect(first.finished_at!.getTime()).toBeLessThanOrEqual(second.started_at.getTime())
    const tables = await withPgClient(url, async (client) => {
      const { rows } = await client.query(`SELECT to_regclass('"First"') AS first, to_regclass('"Third"') AS third`)
      return rows[0]
    })
    expect(tables).toEqual({ first: '"First"', third: null })
  })

  it('refuses when an applied migration was changed, naming it', async () => {
    const dir = await copyOfMigrations()
    const url = await createEmptyDatabase()
    await migrate(url, { migrationsDir: dir })
    const [first] = await readMigrations(dir)
    await fs.appendFile(path.join(dir, first.name, 'migration.sql'), '\n-- an edit after the fact\n')
    await fs.mkdir(path.join(dir, '29990101000000_later'))
    await fs.writeFile(
      path.join(dir, '29990101000000_later', 'migration.sql'),
      'CREATE TABLE "Later" ("id" INTEGER);\n',
    )
    await expect(migrate(url, { migrationsDir: dir })).rejects.toThrow(
      new RegExp(`Migration ${first.name} was modified after it was applied`),
    )
    // Nothing was applied.
    expect((await migrationRows(url)).map((r) => r.migration_name)).not.toContain('29990101000000_later')
  })

  it('accepts an applied migration whose line endings changed (as Prisma does)', async () => {
    const dir = await copyOfMigrations()
    const url = await createEmptyDatabase()
    await migrate(url, { migrationsDir: dir })
    const [first] = await readMigrations(dir)
    const file = path.join(dir, first.name, 'migration.sql')
    await fs.writeFile(file, (await fs.readFile(file, 'utf8')).replaceAll('\n', '\r\n'))
    expect(await migrate(url, { migrationsDir: dir })).toEqual({ applied: [] })
  })

  it('refuses when an applied migration is missing on disk, naming it', async () => {
    const dir = await copyOfMigrations()
    const url = await createEmptyDatabase()
    await fs.mkdir(path.join(dir, '29990101000000_gone'))
    await fs.writeFile(path.join(dir, '29990101000000_gone', 'migration.sql'), 'CREATE TABLE "Gone" ("id" INTEGER);\n')
    await migrate(url, { migrationsDir: dir })
    await fs.rm(path.join(dir, '29990101000000_gone'), { recursive: true })
    await expect(migrate(url, { migrationsDir: dir })).rejects.toThrow(
      /Migration 29990101000000_gone is recorded as applied .* missing/,
    )
  })

  it('refuses when a previous attempt is recorded as failed, naming it', async () => {
    const url = await createEmptyDatabase()
    await migrate(url)
    await withPgClient(url, (client) =>
      client.query(
        `INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name", "applied_steps_count")
         VALUES (gen_random_uuid()::text, $1, '29990101000000_half_done', 0)`,
        [migrationChecksum('x')],
      ),
    )
    await expect(migrate(url)).rejects.toThrow(/Migration 29990101000000_half_done failed in an earlier attempt/)
    // Once marked as rolled back (what `prisma migrate resolve --rolled-back` does) it is no obstacle.
    await withPgClient(url, (client) =>
      client.query(
        `UPDATE "_prisma_migrations" SET "rolled_back_at" = now() WHERE "migration_name" = '29990101000000_half_done'`,
      ),
    )
    expect(await migrate(url)).toEqual({ applied: [] })
  })
})

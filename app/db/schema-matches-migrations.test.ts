// Proves that the hand-written SQL in prisma/migrations produces exactly what prisma/schema.prisma
// describes (Prisma's schema engine, which would generate them, cannot run on these machines).
import fs from 'node:fs/promises'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { createEmptyDatabase, withPgClient } from '../testing/db.ts'
import { projectRoot } from './embedded.server.ts'
import { migrate } from './migrate.server.ts'
import { compareSchemaToDatabase } from './schema-compare.server.ts'

const schemaPath = path.join(projectRoot(), 'prisma', 'schema.prisma')

describe('prisma/migrations vs prisma/schema.prisma', () => {
  let schemaText: string
  let migratedUrl: string

  beforeAll(async () => {
    schemaText = await fs.readFile(schemaPath, 'utf8')
    migratedUrl = await createEmptyDatabase()
    await migrate(migratedUrl)
  })

  it('the migrated database has exactly the schema (nothing missing, nothing extra)', async () => {
    const differences = await compareSchemaToDatabase(schemaText, migratedUrl)
    expect(differences, `differences:\n${differences.join('\n')}`).toEqual([])
  })

  it('notices a column that schema.prisma has and the database lacks', async () => {
    const edited = schemaText.replace(/(model Area \{\n)/, '$1  extraColumn String?\n')
    expect(edited).not.toBe(schemaText)
    const differences = await compareSchemaToDatabase(edited, migratedUrl)
    expect(differences).toEqual([
      expect.stringMatching(/^missing in database: column "Area"\."extraColumn": text NULL$/),
    ])
  })

  it('notices a changed default, nullability and relation action in schema.prisma', async () => {
    const edited = schemaText
      .replace('priority    Boolean  @default(false)', 'priority    Boolean  @default(true)')
      .replace('phone         String?', 'phone         String')
      .replace(
        'area         Area       @relation(fields: [areaId], references: [id])\n\n  @@id([foundationId, areaId])',
        'area         Area       @relation(fields: [areaId], references: [id], onDelete: Cascade)\n\n  @@id([foundationId, areaId])',
      )
    const differences = await compareSchemaToDatabase(edited, migratedUrl)
    expect(differences.join('\n')).toContain('column "Area"."priority"')
    expect(differences.join('\n')).toContain('column "Foundation"."phone"')
    expect(differences.join('\n')).toContain('foreign key "FoundationArea_areaId_fkey"')
    expect(differences).toHaveLength(3)
  })

  it('notices a column, an index and an enum value that the database has and schema.prisma lacks', async () => {
    const url = await createEmptyDatabase()
    await migrate(url)
    await withPgClient(url, async (client) => {
      await client.query('ALTER TABLE "Area" ADD COLUMN "x" TEXT')
      await client.query('CREATE INDEX "Area_name_idx" ON "Area"("name")')
      await client.query(`ALTER TYPE "Role" ADD VALUE 'GUEST'`)
    })
    const differences = await compareSchemaToDatabase(schemaText, url)
    expect(differences).toContain('not in schema.prisma: column "Area"."x": text NULL')
    expect(differences).toContain('not in schema.prisma: index "Area_name_idx": on "Area" USING btree ("name")')
    expect(differences.some((d) => d.startsWith('enum "Role"') && d.includes("'GUEST'"))).toBe(true)
    expect(differences).toHaveLength(3)
  })

  it('ignores CHECK constraints, triggers and the _prisma_migrations table', async () => {
    await withPgClient(migratedUrl, async (client) => {
      const { rows } = await client.query(
        `SELECT count(*)::int AS n FROM pg_trigger WHERE tgrelid = '"LedgerEntry"'::regclass AND NOT tgisinternal`,
      )
      expect(rows[0].n).toBeGreaterThan(0)
    })
    expect(await compareSchemaToDatabase(schemaText, migratedUrl)).toEqual([])
  })
})

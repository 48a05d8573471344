// A kept letter is stored with its SHA-256, and the database refuses to change or remove it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type pg from 'pg'
import { pgClient } from '#app/testing/db.ts'
import { sha256Hex } from './kept.server.ts'

describe('KeptDocument is append-only', () => {
  let client: pg.Client
  beforeAll(async () => {
    client = await pgClient()
    await client.query(`
      INSERT INTO "User" ("id", "email", "name", "passwordHash", "role")
        VALUES ('u1', 'beoordelaar@example.nl', 'Beoordelaar', 'x', 'REVIEWER');
      INSERT INTO "KeptDocument" ("id", "kind", "filename", "sizeBytes", "sha256", "data", "createdById")
        VALUES ('d1', 'DECISION', 'beschikking.pdf', 3, '${sha256Hex(Buffer.from('pdf'))}', 'pdf'::bytea, 'u1');`)
  })
  afterAll(() => client.end())

  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    await expect(client.query(`UPDATE "KeptDocument" SET "data" = 'x'::bytea WHERE "id" = 'd1'`)).rejects.toThrow(
      /append-only/,
    )
    await expect(client.query(`DELETE FROM "KeptDocument" WHERE "id" = 'd1'`)).rejects.toThrow(/append-only/)
    await expect(client.query(`TRUNCATE "KeptDocument"`)).rejects.toThrow(/append-only/)
    const { rows } = await client.query(`SELECT encode("data", 'escape') AS data, "sha256" FROM "KeptDocument"`)
    expect(rows).toEqual([{ data: 'pdf', sha256: sha256Hex(Buffer.from('pdf')) }])
  })
})

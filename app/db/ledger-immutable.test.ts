// The database itself refuses to change or remove a ledger entry (trigger in the init migration).
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pgClient } from '../testing/db.ts'

describe('LedgerEntry is immutable', () => {
  let client: pg.Client
  let entryId: string

  beforeAll(async () => {
    client = await pgClient()
    await client.query(`
      INSERT INTO "User" ("id", "email", "name", "passwordHash", "role")
        VALUES ('u1', 'penningmeester@example.nl', 'Penningmeester', 'x', 'ADMINISTRATOR');
      INSERT INTO "BudgetRound" ("id", "year", "name", "potCents", "opensOn", "closesOn")
        VALUES ('r1', 2027, 'Buurtbudget 2027', 10000000, '2027-01-01', '2027-03-31');
      INSERT INTO "Account" ("id", "key", "kind", "roundId") VALUES
        ('a1', 'source:2027', 'BUDGET_SOURCE', 'r1'),
        ('a2', 'pot:2027', 'ROUND_POT', 'r1');`)
    const { rows } = await client.query<{ id: string }>(`
      INSERT INTO "LedgerEntry" ("fromAccountId", "toAccountId", "amountCents", "cause", "roundId", "actorId")
        VALUES ('a1', 'a2', 10000000, 'ROUND_FUNDING', 'r1', 'u1') RETURNING "id"`)
    entryId = rows[0].id
  })

  afterAll(async () => {
    await client.end()
  })

  it('refuses UPDATE', async () => {
    await expect(client.query('UPDATE "LedgerEntry" SET "amountCents" = 1 WHERE "id" = $1', [entryId])).rejects.toThrow(
      'ledger entries are immutable',
    )
  })

  it('refuses DELETE', async () => {
    await expect(client.query('DELETE FROM "LedgerEntry" WHERE "id" = $1', [entryId])).rejects.toThrow(
      'ledger entries are immutable',
    )
  })

  it('refuses TRUNCATE', async () => {
    await expect(client.query('TRUNCATE "LedgerEntry"')).rejects.toThrow('ledger entries are immutable')
  })

  it('still has the entry, unchanged', async () => {
    const { rows } = await client.query('SELECT "amountCents" FROM "LedgerEntry" WHERE "id" = $1', [entryId])
    expect(rows).toEqual([{ amountCents: '10000000' }])
  })

  it('refuses a zero amount and a movement from an account to itself', async () => {
    await expect(
      client.query(`INSERT INTO "LedgerEntry" ("fromAccountId", "toAccountId", "amountCents", "cause", "roundId", "actorId")
                    VALUES ('a1', 'a2', 0, 'ROUND_FUNDING', 'r1', 'u1')`),
    ).rejects.toThrow(/LedgerEntry_amountCents_check/)
    await expect(
      client.query(`INSERT INTO "LedgerEntry" ("fromAccountId", "toAccountId", "amountCents", "cause", "roundId", "actorId")
                    VALUES ('a1', 'a1', 5, 'ROUND_FUNDING', 'r1', 'u1')`),
    ).rejects.toThrow(/LedgerEntry_accounts_check/)
  })
})

// post() on its own, on a real PostgreSQL (this file's own database): what it books and what it refuses.
import { beforeAll, describe, expect, it } from 'vitest'
import { prisma } from '#app/db.server.ts'
import { centsFromDb } from '#app/money/bigint.ts'
import type { AccountRef } from './accounts.ts'
import { InsufficientFundsError, post } from './ledger.server.ts'

let roundId = ''
let otherRoundId = ''
let actorId = ''

beforeAll(async () => {
  actorId = (
    await prisma.user.create({
      data: { email: 'penning@example.nl', name: 'Penningmeester', passwordHash: 'x', role: 'ADMINISTRATOR' },
    })
  ).id
  const round = (year: number) =>
    prisma.budgetRound.create({
      data: {
        year,
        name: `Ronde ${year}`,
        potCents: 100_000n,
        opensOn: new Date(`${year}-01-01T00:00:00Z`),
        closesOn: new Date(`${year}-03-31T00:00:00Z`),
      },
    })
  roundId = (await round(2031)).id
  otherRoundId = (await round(2032)).id
})

const source = (): AccountRef => ({ kind: 'BUDGET_SOURCE', roundId })
const pot = (): AccountRef => ({ kind: 'ROUND_POT', roundId })

async function balances() {
  const rows = await prisma.account.findMany({ where: { roundId }, select: { kind: true, balanceCents: true } })
  return Object.fromEntries(rows.map((r) => [r.kind, centsFromDb(r.balanceCents)]))
}
const entries = () => prisma.ledgerEntry.count({ where: { roundId } })
const book = (from: AccountRef, to: AccountRef, amountCents: number) =>
  prisma.$transaction((tx) => post(tx, { from, to, amountCents, cause: 'ROUND_FUNDING', actorId }))

describe('post()', () => {
  it('moves the amount: one entry, the source down and the target up by exactly that, books balanced', async () => {
    const entry = await book(source(), pot(), 12_345)
    expect(centsFromDb(entry.amountCents)).toBe(12_345)
    expect(await balances()).toEqual({ BUDGET_SOURCE: -12_345, ROUND_POT: 12_345 })
    expect(await entries()).toBe(1)
  })

  it('refuses to take more than an account holds, and then books nothing at all', async () => {
    const before = { balances: await balances(), entries: await entries() }
    const refused = await book(pot(), source(), 12_346).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(InsufficientFundsError)
    expect(refused).toMatchObject({ balanceCents: 12_345, requestedCents: 12_346 })
    expect(await entries()).toBe(before.entries)
    expect(await balances()).toEqual(before.balances)
  })

  it('refuses amounts that are not a positive whole number of cents', async () => {
    const before = await entries()
    for (const amount of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])
      await expect(book(source(), pot(), amount), String(amount)).rejects.toThrow(RangeError)
    expect(await entries()).toBe(before)
  })

  it('never moves money between rounds', async () => {
    const before = await entries()
    await expect(book(source(), { kind: 'ROUND_POT', roundId: otherRoundId }, 100)).rejects.toThrow(/one round/)
    expect(await entries()).toBe(before)
    expect(await prisma.account.count({ where: { roundId: otherRoundId } })).toBe(0)
  })
})

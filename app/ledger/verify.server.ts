import type { Tx } from '#app/db.server.ts'
import type { AccountKind } from '#app/generated/prisma/enums.ts'
import { centsFromDb } from '#app/money/bigint.ts'
import { AREA_KINDS, mayGoNegative } from './accounts.ts'

export type VerifyResult = {
  rounds: number
  accounts: number
  entries: number
  failures: string[]
}

type Db = Pick<Tx, '$queryRaw' | 'budgetRound' | 'roundClosing'>

type AccountRow = {
  id: string
  key: string
  kind: AccountKind
  roundId: string
  areaId: string | null
  applicationId: string | null
  balanceCents: bigint
}
type EntryRow = { fromAccountId: string; toAccountId: string; amountCents: bigint; cause: string }

/**
 * Recomputes every balance from the entries (never trusting Account.balanceCents) and checks every
 * invariant of the books (docs/decisions/0029). Returns one line per failure; none means the books
 * are right. `roundIds` limits the check (the property test checks its own rounds after every step).
 *
 * 1. every stored balance equals the sum of its entries;
 * 2. all balances of a round sum to zero (double entry);
 * 3. no account below its limit (zero, except the municipality's source account);
 * 4. per grant: paid never above what was committed, spent never above what was paid;
 * 5. per wijk: allocated (allocation and carry-over entries from the pot) = the sum of its accounts;
 * 6. a closed round with carry-over: what left each wijk arrived in the same wijk of the next round.
 */
export async function verifyLedger(db: Db, roundIds?: string[]): Promise<VerifyResult> {
  const rounds = await db.budgetRound.findMany({
    where: roundIds ? { id: { in: roundIds } } : {},
    select: { id: true, year: true },
  })
  const ids = rounds.map((r) => r.id)
  const year = new Map(rounds.map((r) => [r.id, r.year]))
  const accounts = await db.$queryRaw<AccountRow[]>`
    SELECT "id", "key", "kind", "roundId", "areaId", "applicationId", "balanceCents" FROM "Account"
    WHERE "roundId" = ANY(${ids})`
  const entries = await db.$queryRaw<EntryRow[]>`
    SELECT "fromAccountId", "toAccountId", "amountCents", "cause"::text AS "cause" FROM "LedgerEntry"
    WHERE "roundId" = ANY(${ids})`
  const failures: string[] = []
  const byId = new Map(accounts.map((a) => [a.id, a]))
  const computed = new Map<string, number>(accounts.map((a) => [a.id, 0]))
  // flow[grantOrArea][from>to] = net amount moved between two kinds
  const flows = new Map<string, Map<string, number>>()
  const addFlow = (owner: string, from: AccountKind, to: AccountKind, amount: number) => {
    const m = flows.get(owner) ?? new Map<string, number>()
    flows.set(owner, m)
    m.set(`${from}>${to}`, (m.get(`${from}>${to}`) ?? 0) + amount)
    m.set(`${to}>${from}`, (m.get(`${to}>${from}`) ?? 0) - amount)
  }
  const allocated = new Map<string, number>() // roundId:areaId
  for (const e of entries) {
    const amount = centsFromDb(e.amountCents)
    const from = byId.get(e.fromAccountId)
    const to = byId.get(e.toAccountId)
    if (!from || !to) {
      failures.push(`entry between unknown accounts ${e.fromAccountId} -> ${e.toAccountId}`)
      continue
    }
    computed.set(from.id, (computed.get(from.id) ?? 0) - amount)
    computed.set(to.id, (computed.get(to.id) ?? 0) + amount)
    const grant = to.applicationId ?? from.applicationId
    if (grant) addFlow(`grant:${grant}`, from.kind, to.kind, amount)
    const potArea =
      from.kind === 'ROUND_POT' && to.kind === 'AREA_AVAILABLE'
        ? { area: to, sign: 1 }
        : from.kind === 'AREA_AVAILABLE' && to.kind === 'ROUND_POT'
          ? { area: from, sign: -1 }
          : null
    if (potArea) {
      const key = `${potArea.area.roundId}:${potArea.area.areaId}`
      allocated.set(key, (allocated.get(key) ?? 0) + potArea.sign * amount)
    }
  }

  const roundTotal = new Map<string, number>()
  const areaTotal = new Map<string, number>()
  for (const a of accounts) {
    const stored = centsFromDb(a.balanceCents)
    const fromEntries = computed.get(a.id) ?? 0
    if (stored !== fromEntries)
      failures.push(`${a.key}: stored balance ${stored} but the entries sum to ${fromEntries}`)
    if (!mayGoNegative(a.kind) && fromEntries < 0) failures.push(`${a.key}: balance ${fromEntries} is below zero`)
    roundTotal.set(a.roundId, (roundTotal.get(a.roundId) ?? 0) + fromEntries)
    if (a.areaId && AREA_KINDS.includes(a.kind)) {
      const key = `${a.roundId}:${a.areaId}`
      areaTotal.set(key, (areaTotal.get(key) ?? 0) + fromEntries)
    }
  }
  for (const [roundId, total] of roundTotal)
    if (total !== 0) failures.push(`round ${year.get(roundId)}: balances sum to ${total}, not 0`)

  for (const [owner, m] of flows) {
    const f = (from: AccountKind, to: AccountKind) => m.get(`${from}>${to}`) ?? 0
    const committed = f('AREA_AVAILABLE', 'GRANT_COMMITTED') + f('GRANT_RESERVED', 'GRANT_COMMITTED')
    const paid = f('GRANT_COMMITTED', 'GRANT_PAID')
    const spent = f('GRANT_PAID', 'GRANT_SPENT')
    if (paid > committed) failures.push(`${owner}: paid ${paid} is more than was committed (${committed})`)
    if (spent > paid) failures.push(`${owner}: spent ${spent} is more than was paid (${paid})`)
  }
  for (const key of new Set([...allocated.keys(), ...areaTotal.keys()])) {
    const alloc = allocated.get(key) ?? 0
    const sum = areaTotal.get(key) ?? 0
    if (alloc !== sum) {
      const [roundId, areaId] = key.split(':')
      failures.push(`round ${year.get(roundId)}, wijk ${areaId}: allocated ${alloc} but its accounts hold ${sum}`)
    }
  }

  // 6. carry-over arrives where it left
  const closings = await db.roundClosing.findMany({
    where: { roundId: { in: ids }, policy: 'CARRY_OVER_PER_AREA' },
  })
  for (const c of closings) {
    if (!c.nextRoundId) {
      failures.push(`round ${year.get(c.roundId)}: carried over, but to no next round`)
      continue
    }
    const left = await db.$queryRaw<{ areaId: string; cents: bigint }[]>`
      SELECT "areaId", "balanceCents" AS cents FROM "Account" WHERE "roundId" = ${c.roundId} AND "kind" = 'ROUND_CARRIED_OVER'`
    const arrived = await db.$queryRaw<{ areaId: string; cents: bigint }[]>`
      SELECT a."areaId", SUM(CASE WHEN e."toAccountId" = a."id" THEN e."amountCents" ELSE -e."amountCents" END)::bigint AS cents
      FROM "LedgerEntry" e JOIN "Account" a ON a."id" IN (e."fromAccountId", e."toAccountId") AND a."kind" = 'AREA_AVAILABLE'
      WHERE e."cause" = 'CARRY_OVER' AND e."roundId" = ${c.nextRoundId}
      GROUP BY a."areaId"`
    const arrivedBy = new Map(arrived.map((r) => [r.areaId, centsFromDb(r.cents)]))
    for (const l of left) {
      const out = centsFromDb(l.cents)
      const inNext = arrivedBy.get(l.areaId) ?? 0
      if (out !== inNext)
        failures.push(`round ${year.get(c.roundId)}, wijk ${l.areaId}: carried over ${out}, arrived ${inNext}`)
    }
  }
  return { rounds: rounds.length, accounts: accounts.length, entries: entries.length, failures }
}

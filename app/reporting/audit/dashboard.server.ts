import { prisma, Prisma } from '#app/db.server.ts'
import { checkLedger, type LedgerCheck } from '#app/ledger/reports.server.ts'
import { roundTotals, type TotalRow } from '#app/ledger/totals.server.ts'
import { centsFromDb } from '#app/money/bigint.ts'
import { addColumns, columns, type Balances, type MoneyColumns } from './money.ts'

/**
 * The dashboard reads the balance totals per wijk, kind, category and foundation (maintained from
 * every change of an account's balance, app/ledger/totals.server.ts), never the entries or the
 * accounts one by one, so its cost grows with the number of wijken and foundations, not with the
 * number of grants or the history (docs/decisions/0039-balance-totals.md).
 */
export type AreaRow = MoneyColumns & {
  areaId: string
  code: string
  name: string
  priority: boolean
  inhabitants: number
  /** From the latest published allocation's lines (not from the balances). */
  allocatedCents: number
  /** allocated = the sum of all the wijk's account balances (all AREA_KINDS). */
  balanced: boolean
}

/** Sums total rows per key (a wijk, a category or a foundation) and kind. */
function fold(rows: TotalRow[], keyOf: (r: TotalRow) => string): Map<string, Balances> {
  const map = new Map<string, Balances>()
  for (const r of rows) {
    const key = keyOf(r)
    const b = map.get(key) ?? {}
    b[r.kind] = (b[r.kind] ?? 0) + r.cents
    map.set(key, b)
  }
  return map
}

export async function roundsForPicker() {
  return prisma.budgetRound.findMany({ orderBy: { year: 'desc' }, select: { id: true, year: true, name: true } })
}

/** The round of ?round=<year>, or the newest. */
export async function pickRound(year: string | null) {
  const y = Number(year)
  const round = Number.isInteger(y) && y > 0 ? await prisma.budgetRound.findUnique({ where: { year: y } }) : null
  return round ?? prisma.budgetRound.findFirst({ orderBy: { year: 'desc' } })
}

async function allocatedByArea(roundId: string): Promise<Map<string, number>> {
  const latest = await prisma.allocation.findFirst({
    where: { roundId, status: 'PUBLISHED' },
    orderBy: { version: 'desc' },
    select: { lines: { select: { areaId: true, totalCents: true } } },
  })
  const allocated = new Map((latest?.lines ?? []).map((l) => [l.areaId, centsFromDb(l.totalCents)]))
  // Money a closed round carried over into this one counts as the wijk's allocation too (decision 0030).
  for (const { areaId, cents } of await carriedInByArea(roundId))
    allocated.set(areaId, (allocated.get(areaId) ?? 0) + centsFromDb(cents))
  return allocated
}

/**
 * Per wijk: what the round before carried over into this round (pot -> wijk, cause CARRY_OVER). Read
 * through the round's pot account (indexed), so the cost does not grow with the round's entries.
 */
function carriedInByArea(roundId: string) {
  return prisma.$queryRaw<{ areaId: string; cents: bigint }[]>`
    SELECT a."areaId" AS "areaId", SUM(e."amountCents")::bigint AS cents
    FROM "Account" o
    JOIN "LedgerEntry" e ON e."fromAccountId" = o."id" AND e."cause" = 'CARRY_OVER'
    JOIN "Account" a ON a."id" = e."toAccountId" AND a."kind" = 'AREA_AVAILABLE'
    WHERE o."roundId" = ${roundId} AND o."kind" = 'ROUND_POT'
    GROUP BY a."areaId"`
}

/** What a closed round carried over into this one in total (source -> pot, cause CARRY_OVER). */
async function carriedInTotal(roundId: string): Promise<number> {
  const [row] = await prisma.$queryRaw<{ cents: bigint | null }[]>`
    SELECT SUM(e."amountCents")::bigint AS cents
    FROM "Account" o
    JOIN "LedgerEntry" e ON e."toAccountId" = o."id" AND e."cause" = 'CARRY_OVER'
    JOIN "Account" s ON s."id" = e."fromAccountId" AND s."kind" = 'BUDGET_SOURCE'
    WHERE o."roundId" = ${roundId} AND o."kind" = 'ROUND_POT'`
  return centsFromDb(row?.cents ?? 0n)
}

export async function areaRows(roundId: string, totals?: TotalRow[]): Promise<AreaRow[]> {
  const [areas, rowsOfRound, allocated] = await Promise.all([
    prisma.area.findMany({
      where: { roundAreas: { some: { roundId } } },
      orderBy: { name: 'asc' },
      select: { id: true, code: true, name: true, priority: true, inhabitants: true },
    }),
    totals ?? roundTotals(roundId),
    allocatedByArea(roundId),
  ])
  const balances = rowsOfRound.filter((r) => r.areaId !== '')
  const byArea = fold(balances, (r) => r.areaId)
  return areas.map((a) => {
    const cols = columns(byArea.get(a.id) ?? {})
    const allocatedCents = allocated.get(a.id) ?? 0
    const { id, ...area } = a
    return { areaId: id, ...area, ...cols, allocatedCents, balanced: allocatedCents === cols.sumCents }
  })
}

export type Dashboard = Awaited<ReturnType<typeof dashboard>>

/** The round's dashboard; `balanceTotals` when the caller read them already (one read per page view). */
export async function dashboard(roundId: string, balanceTotals?: TotalRow[]) {
  const round = await prisma.budgetRound.findUniqueOrThrow({ where: { id: roundId } })
  const all = balanceTotals ?? (await roundTotals(roundId))
  const [rows, lastCheck, carriedInCents] = await Promise.all([
    areaRows(roundId, all),
    lastLedgerCheck(roundId),
    carriedInTotal(roundId),
  ])
  const rb =
    fold(
      all.filter((r) => r.areaId === ''),
      () => '',
    ).get('') ?? {}
  const totals = { ...addColumns(rows), allocatedCents: rows.reduce((s, r) => s + r.allocatedCents, 0) }
  const potCents = centsFromDb(round.potCents)
  const undividedCents = rb.ROUND_POT ?? 0
  const sourceCents = rb.BUDGET_SOURCE ?? 0
  return {
    round: { id: round.id, year: round.year, name: round.name },
    rows,
    totals,
    tie: {
      potCents,
      undividedCents,
      sourceCents,
      /** Everything the round holds (undivided + every wijk's accounts) is the pot. */
      carriedInCents,
      // The municipality put in the pot, plus what a closed round carried over (decision 0030).
      tiesOut: undividedCents + totals.sumCents === potCents + carriedInCents,
      allocatedIsPot: totals.allocatedCents + undividedCents === potCents + carriedInCents,
      sourceIsMinusPot: sourceCents === -(potCents + carriedInCents),
      allBalanced: rows.every((r) => r.balanced),
    },
    lastCheck,
  }
}

/** Per category or per foundation: the balances of the grants' accounts. */
export async function groupedRows(roundId: string, by: 'category' | 'foundation', totals?: TotalRow[]) {
  const ofGrants = (totals ?? (await roundTotals(roundId))).filter((r) => r.foundationId !== '')
  const map = fold(ofGrants, (r) => (by === 'category' ? r.category : r.foundationId))
  const names =
    by === 'foundation'
      ? new Map(
          (
            await prisma.foundation.findMany({
              where: { id: { in: [...map.keys()] } },
              select: { id: true, name: true },
            })
          ).map((f) => [f.id, f.name]),
        )
      : null
  return [...map.entries()]
    .map(([key, b]) => ({ key, name: names?.get(key) ?? key, ...columns(b) }))
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'))
}

/** Every round side by side (year on year), from balances and the published allocations. */
export async function yearOnYear() {
  const rounds = await prisma.budgetRound.findMany({ orderBy: { year: 'asc' }, select: { id: true, year: true } })
  return Promise.all(
    rounds.map(async (r) => {
      const rows = await areaRows(r.id)
      const t = addColumns(rows)
      return {
        year: r.year,
        allocatedCents: rows.reduce((s, x) => s + x.allocatedCents, 0),
        grantedCents: t.grantedCents,
        paidOutCents: t.paidOutCents,
        realisedCents: t.realisedCents,
        returnedCents: t.returnedCents + t.carriedOverCents,
      }
    }),
  )
}

/** The grants of one wijk with their balances. */
export async function areaGrants(roundId: string, areaId: string) {
  const apps = await prisma.application.findMany({
    where: { roundId, areaId, status: { not: 'DRAFT' } },
    orderBy: { reference: 'asc' },
    select: {
      id: true,
      reference: true,
      title: true,
      status: true,
      category: true,
      requestedCents: true,
      foundation: { select: { id: true, name: true } },
      accounts: { select: { kind: true, balanceCents: true } },
    },
  })
  return apps.map((a) => {
    const b: Balances = {}
    for (const acc of a.accounts) b[acc.kind] = (b[acc.kind] ?? 0) + centsFromDb(acc.balanceCents)
    return {
      id: a.id,
      reference: a.reference,
      title: a.title,
      status: a.status,
      category: a.category,
      requestedCents: centsFromDb(a.requestedCents),
      foundation: a.foundation,
      ...columns(b),
    }
  })
}

// ---------------------------------------------------------------------------------------------
// The full recomputation of the books, on demand or scheduled; the result is stored (CheckRun).
// ---------------------------------------------------------------------------------------------

export async function runLedgerCheck(roundId: string, ranById: string | null) {
  const result = await checkLedger(roundId)
  const ok = result.balancesMatchEntries && result.sumOfBalancesIsZero && result.sourceEqualsPot
  return prisma.checkRun.create({
    data: { kind: 'LEDGER', roundId, ok, result: result as unknown as Prisma.InputJsonValue, ranById },
  })
}

export async function lastLedgerCheck(roundId: string) {
  const run = await prisma.checkRun.findFirst({ where: { kind: 'LEDGER', roundId }, orderBy: { ranAt: 'desc' } })
  return run ? { ok: run.ok, ranAt: run.ranAt, result: run.result as unknown as LedgerCheck } : null
}

import { prisma } from '#app/db.server.ts'
import { notFound } from '#app/domain/errors.ts'
import { assertAllowed } from '#app/domain/verdict.ts'
import type { AccountKind, UnspentPolicy } from '#app/generated/prisma/enums.ts'
import { centsFromDb } from '#app/money/bigint.ts'
import { closeRound, createNextRound, openCommitments } from './lifecycle.server.ts'
import { mayCloseRound, shiftYear } from './policy.ts'
import type { NewRoundValues } from './schema.ts'

/**
 * The administrator's screens for a round's life (issue 11, point 6; decision 0034): the next round
 * with the newest round's parameters filled in, the overview before closing, the close itself with a
 * stated reason, and the closing report. Every amount is read from the ledger's accounts and entries.
 */

/** Closing books an entry per wijk (three with carry-over), all or nothing: give it time. */
const LONG_TRANSACTION = { maxWait: 30_000, timeout: 120_000 }

export async function roundByYear(year: number) {
  if (!Number.isInteger(year)) throw notFound()
  const round = await prisma.budgetRound.findUnique({ where: { year } })
  if (!round) throw notFound()
  return round
}

/** What the form for the next round starts with: the newest round's parameters, one year later. */
export async function nextRoundDefaults() {
  const last = await prisma.budgetRound.findFirst({ orderBy: { year: 'desc' } })
  if (!last) return null
  const day = (d: Date) => d.toISOString().slice(0, 10)
  return {
    fromYear: last.year,
    year: last.year + 1,
    potCents: centsFromDb(last.potCents),
    opensOn: shiftYear(day(last.opensOn), 1),
    closesOn: shiftYear(day(last.closesOn), 1),
    maxAmountCents: last.maxAmountCents === null ? null : centsFromDb(last.maxAmountCents),
    reportTermWeeks: last.reportTermWeeks,
    advancePercent: last.advancePercent,
    fourEyesThresholdCents: centsFromDb(last.fourEyesThresholdCents),
    paymentApprovalThresholdCents: centsFromDb(last.paymentApprovalThresholdCents),
    categories: last.categories,
  }
}

/** Creates the next round and funds its pot, in one transaction. */
export async function createRound(values: NewRoundValues, actorId: string) {
  return prisma.$transaction((tx) =>
    createNextRound(tx, {
      year: values.year,
      potCents: values.pot,
      opensOn: values.opensOn,
      closesOn: values.closesOn,
      actorId,
      maxAmountCents: values.maxAmount,
      reportTermWeeks: values.reportTermWeeks,
      advancePercent: values.advancePercent,
      fourEyesThresholdCents: values.fourEyesThreshold,
      paymentApprovalThresholdCents: values.paymentApprovalThreshold,
    }),
  )
}

export type OpenGrant = {
  applicationId: string
  reference: string
  title: string
  foundation: string
  area: string
  status: string
  /** All the grant ever took from the wijk and still holds in any of its accounts. */
  committedCents: number
  /** Paid to the foundation (paid, spent, to be or already paid back). */
  paidCents: number
  /** Not yet settled: reserved, committed and unpaid, paid but not accounted for, recovery due. */
  openCents: number
}

const OPEN_KINDS: AccountKind[] = ['GRANT_RESERVED', 'GRANT_COMMITTED', 'GRANT_PAID', 'GRANT_RECOVERY_DUE']
const PAID_KINDS: AccountKind[] = ['GRANT_PAID', 'GRANT_SPENT', 'GRANT_RECOVERY_DUE', 'GRANT_RECOVERED']

/** Sum of balances per (owner, kind), read from the accounts. */
function balanceMap(rows: { owner: string | null; kind: AccountKind; cents: bigint }[]) {
  const map = new Map<string, number>()
  for (const r of rows) map.set(`${r.owner}:${r.kind}`, (map.get(`${r.owner}:${r.kind}`) ?? 0) + centsFromDb(r.cents))
  return (owner: string, kinds: AccountKind[]) => kinds.reduce((s, k) => s + (map.get(`${owner}:${k}`) ?? 0), 0)
}

async function openGrants(roundId: string): Promise<OpenGrant[]> {
  const open = await openCommitments(prisma as never, roundId)
  const ids = [...new Set(open.map((o) => o.application?.id).filter((id): id is string => Boolean(id)))]
  if (ids.length === 0) return []
  const [apps, accounts] = await Promise.all([
    prisma.application.findMany({
      where: { id: { in: ids } },
      select: {
        id: true,
        reference: true,
        title: true,
        status: true,
        foundation: { select: { name: true } },
        area: { select: { name: true } },
      },
      orderBy: { reference: 'asc' },
    }),
    prisma.account.findMany({
      where: { roundId, applicationId: { in: ids } },
      select: { applicationId: true, kind: true, balanceCents: true },
    }),
  ])
  const of = balanceMap(accounts.map((a) => ({ owner: a.applicationId, kind: a.kind, cents: a.balanceCents })))
  const ALL: AccountKind[] = [...new Set([...OPEN_KINDS, ...PAID_KINDS, 'GRANT_SPENT' as const])]
  return apps.map((a) => ({
    applicationId: a.id,
    reference: a.reference,
    title: a.title,
    foundation: a.foundation.name,
    area: a.area.name,
    status: a.status,
    committedCents: of(a.id, ALL),
    paidCents: of(a.id, PAID_KINDS),
    openCents: of(a.id, OPEN_KINDS),
  }))
}

async function publishedPolicy(roundId: string): Promise<UnspentPolicy> {
  const allocation = await prisma.allocation.findFirst({
    where: { roundId, status: 'PUBLISHED' },
    orderBy: { version: 'desc' },
    select: { unspentPolicy: true },
  })
  return allocation?.unspentPolicy ?? 'RETURN_TO_MUNICIPALITY'
}

/** Before closing: the open grants, the policy, and what the policy will do with each wijk's free budget. */
export async function closingOverview(year: number) {
  const round = await roundByYear(year)
  const [grants, policy, next, areas, available] = await Promise.all([
    openGrants(round.id),
    publishedPolicy(round.id),
    prisma.budgetRound.findUnique({ where: { year: round.year + 1 }, select: { id: true, year: true } }),
    prisma.area.findMany({
      where: { roundAreas: { some: { roundId: round.id } } },
      orderBy: { code: 'asc' },
      select: { id: true, code: true, name: true },
    }),
    prisma.account.findMany({
      where: { roundId: round.id, kind: 'AREA_AVAILABLE' },
      select: { areaId: true, balanceCents: true },
    }),
  ])
  const free = new Map(available.map((a) => [a.areaId, centsFromDb(a.balanceCents)]))
  const wijken = areas.map((a) => ({ code: a.code, name: a.name, availableCents: free.get(a.id) ?? 0 }))
  const verdict = mayCloseRound({
    closed: round.closedAt !== null,
    openGrants: grants.length,
    policy,
    hasNextRound: next !== null,
  })
  return {
    round: { id: round.id, year: round.year, name: round.name, closed: round.closedAt !== null },
    policy,
    nextYear: next?.year ?? null,
    grants,
    wijken,
    unspentCents: wijken.reduce((s, w) => s + w.availableCents, 0),
    openCents: grants.reduce((s, g) => s + g.openCents, 0),
    verdict,
  }
}

/** Closes the round by its unspent policy and keeps the administrator's reason. */
export async function closeRoundByYear(year: number, reason: string, actorId: string) {
  const round = await roundByYear(year)
  const overview = await closingOverview(year)
  assertAllowed(overview.verdict)
  return prisma.$transaction(async (tx) => {
    // closeRound locks the round and checks again inside the transaction (two administrators at once)
    const closing = await closeRound(tx, round.id, actorId)
    return tx.roundClosing.update({ where: { id: closing.id }, data: { reason: reason.trim() } })
    // three entries per wijk (31 wijken in Amersfoort): more than the default 5 s on a busy machine
  }, LONG_TRANSACTION)
}

export type ReportRow = {
  code: string
  name: string
  /** Booked to the wijk from the pot: allocations, and money carried in from the round before. */
  allocatedCents: number
  carriedInCents: number
  spentCents: number
  returnedCents: number
  carriedOverCents: number
  /** Still in the wijk (free budget) or in its grants (reserved, committed, paid, recovery). */
  stillOpenCents: number
}

/**
 * Where every euro of the round ended, per wijk and in total, from the ledger: the balances of the
 * wijk's accounts, and the pot's entries for what came in. The total ends where the money came from:
 * the municipality's source account (pot plus any carry-over into this round).
 */
export async function roundReport(year: number) {
  const round = await roundByYear(year)
  const [areas, balances, inflow, closing, closedBy] = await Promise.all([
    prisma.area.findMany({
      where: { roundAreas: { some: { roundId: round.id } } },
      orderBy: { code: 'asc' },
      select: { id: true, code: true, name: true },
    }),
    prisma.account.groupBy({ by: ['areaId', 'kind'], where: { roundId: round.id }, _sum: { balanceCents: true } }),
    // Net amounts booked from the pot to each wijk's free budget, by cause (ALLOCATION or CARRY_OVER).
    prisma.$queryRaw<{ areaId: string; cause: string; net: bigint }[]>`
      SELECT a."areaId" AS "areaId", e."cause"::text AS "cause",
             SUM(CASE WHEN e."toAccountId" = a."id" THEN e."amountCents" ELSE -e."amountCents" END)::bigint AS net
      FROM "LedgerEntry" e
      JOIN "Account" a ON a."id" IN (e."fromAccountId", e."toAccountId") AND a."kind" = 'AREA_AVAILABLE'
      JOIN "Account" o ON o."id" = CASE WHEN e."toAccountId" = a."id" THEN e."fromAccountId" ELSE e."toAccountId" END
      WHERE e."roundId" = ${round.id} AND o."kind" = 'ROUND_POT' AND e."cause" IN ('ALLOCATION', 'CARRY_OVER')
      GROUP BY a."areaId", e."cause"`,
    prisma.roundClosing.findUnique({ where: { roundId: round.id } }),
    prisma.roundClosing
      .findUnique({ where: { roundId: round.id }, select: { closedById: true } })
      .then((c) => (c ? prisma.user.findUnique({ where: { id: c.closedById }, select: { name: true } }) : null)),
  ])
  const sum = balanceMap(balances.map((b) => ({ owner: b.areaId, kind: b.kind, cents: b._sum.balanceCents ?? 0n })))
  const flow = (areaId: string, cause: string) =>
    centsFromDb(inflow.find((r) => r.areaId === areaId && r.cause === cause)?.net ?? 0n)
  const rows: ReportRow[] = areas.map((a) => ({
    code: a.code,
    name: a.name,
    allocatedCents: flow(a.id, 'ALLOCATION'),
    carriedInCents: flow(a.id, 'CARRY_OVER'),
    spentCents: sum(a.id, ['GRANT_SPENT']),
    returnedCents: sum(a.id, ['ROUND_RETURNED']),
    carriedOverCents: sum(a.id, ['ROUND_CARRIED_OVER']),
    stillOpenCents: sum(a.id, [
      'AREA_AVAILABLE',
      'GRANT_RESERVED',
      'GRANT_COMMITTED',
      'GRANT_PAID',
      'GRANT_RECOVERY_DUE',
      'GRANT_RECOVERED',
    ]),
  }))
  const total = (k: keyof Omit<ReportRow, 'code' | 'name'>) => rows.reduce((s, r) => s + r[k], 0)
  const undividedCents = sum('null', ['ROUND_POT'])
  // What the municipality put in: minus the source account's balance.
  const fundedCents = -sum('null', ['BUDGET_SOURCE'])
  const endedCents =
    total('spentCents') + total('returnedCents') + total('carriedOverCents') + total('stillOpenCents') + undividedCents
  const carriedIn = total('carriedInCents')
  const potCents = centsFromDb(round.potCents)
  return {
    round: { year: round.year, name: round.name, closed: round.closedAt !== null },
    closing: closing
      ? {
          policy: closing.policy,
          reason: closing.reason,
          closedAt: closing.closedAt.toISOString(),
          closedBy: closedBy?.name ?? '',
          returnedCents: centsFromDb(closing.returnedCents),
          carriedCents: centsFromDb(closing.carriedCents),
          nextYear: closing.nextRoundId
            ? ((await prisma.budgetRound.findUnique({ where: { id: closing.nextRoundId }, select: { year: true } }))
                ?.year ?? null)
            : null,
        }
      : null,
    rows,
    totals: {
      allocatedCents: total('allocatedCents'),
      carriedInCents: carriedIn,
      spentCents: total('spentCents'),
      returnedCents: total('returnedCents'),
      carriedOverCents: total('carriedOverCents'),
      stillOpenCents: total('stillOpenCents'),
    },
    potCents,
    undividedCents,
    fundedCents,
    endedCents,
    /** Every euro is accounted for: what ended = what was funded = the pot plus what was carried in. */
    tiesOut: endedCents === fundedCents && fundedCents === potCents + carriedIn,
  }
}

/** For the rounds list: which rounds are closed. */
export async function closedYears(): Promise<number[]> {
  const rows = await prisma.budgetRound.findMany({ where: { closedAt: { not: null } }, select: { year: true } })
  return rows.map((r) => r.year)
}

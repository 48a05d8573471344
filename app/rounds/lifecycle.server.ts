import type { Tx } from '#app/db.server.ts'
import { DomainError } from '#app/domain/errors.ts'
import { post } from '#app/ledger/ledger.server.ts'
import { centsFromDb, centsToDb } from '#app/money/bigint.ts'

export type NextRoundInput = {
  year: number
  potCents: number
  opensOn: string
  closesOn: string
  actorId: string
  /** Parameters the administrator changed; what is left out is copied from the newest round. */
  maxAmountCents?: number
  reportTermWeeks?: number
  advancePercent?: number
  fourEyesThresholdCents?: number
  paymentApprovalThresholdCents?: number
}

/**
 * A new round for the next year: the parameters (categories, maximum, terms, advance, thresholds,
 * the wijken and their weights) are copied from the newest round; the administrator gives the year,
 * the pot and the dates. The pot is funded from the municipality's budget at once.
 */
export async function createNextRound(tx: Tx, input: NextRoundInput) {
  const last = await tx.budgetRound.findFirst({ orderBy: { year: 'desc' }, include: { areas: true } })
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100)
    throw new DomainError('grants.errors.year', { field: 'year', status: 422 })
  if (await tx.budgetRound.findUnique({ where: { year: input.year } }))
    throw new DomainError('grants.errors.yearExists', { field: 'year', status: 422 })
  if (!Number.isSafeInteger(input.potCents) || input.potCents <= 0)
    throw new DomainError('grants.errors.amountPositive', { field: 'pot', status: 422 })
  if (!(input.opensOn < input.closesOn))
    throw new DomainError('grants.errors.dates', { field: 'closesOn', status: 422 })
  // A round's dates lie in its year or the year before (as the settings page demands, app/rounds/settings.server.ts)
  for (const field of ['opensOn', 'closesOn'] as const) {
    const year = Number(input[field].slice(0, 4))
    if (year < input.year - 1 || year > input.year)
      throw new DomainError('errors.rounds.dateInYears', {
        field,
        status: 422,
        params: { from: input.year - 1, to: input.year },
      })
  }
  const given = (cents: number | undefined, copied: bigint | null | undefined) =>
    cents === undefined ? copied : centsToDb(cents)
  const round = await tx.budgetRound.create({
    data: {
      year: input.year,
      name: `Buurtbudget ${input.year}`,
      potCents: centsToDb(input.potCents),
      fixedAllowanceCents: last?.fixedAllowanceCents ?? 0n,
      opensOn: new Date(`${input.opensOn}T00:00:00Z`),
      closesOn: new Date(`${input.closesOn}T00:00:00Z`),
      maxAmountCents:
        input.maxAmountCents === undefined
          ? (last?.maxAmountCents ?? null)
          : input.maxAmountCents > 0
            ? centsToDb(input.maxAmountCents)
            : null,
      categories: last?.categories ?? [],
      reportTermWeeks: input.reportTermWeeks ?? last?.reportTermWeeks ?? 4,
      advancePercent: input.advancePercent ?? last?.advancePercent ?? 75,
      fourEyesThresholdCents: given(input.fourEyesThresholdCents, last?.fourEyesThresholdCents) ?? 250000n,
      legalBasis: last?.legalBasis,
      paymentApprovalThresholdCents:
        given(input.paymentApprovalThresholdCents, last?.paymentApprovalThresholdCents) ?? 100000n,
      settleAtAwardBelowCents: last?.settleAtAwardBelowCents ?? 0n,
      areas: {
        create: (last?.areas ?? []).map((a) => ({
          areaId: a.areaId,
          weightMilli: a.weightMilli,
          floorCents: a.floorCents,
          capCents: a.capCents,
        })),
      },
    },
  })
  await post(tx, {
    from: { kind: 'BUDGET_SOURCE', roundId: round.id },
    to: { kind: 'ROUND_POT', roundId: round.id },
    amountCents: input.potCents,
    cause: 'ROUND_FUNDING',
    actorId: input.actorId,
    memo: 'Subsidieplafond van de ronde',
  })
  return round
}

/** Grants of the round that still hold money (reserved, committed, paid but not settled, recovery due). */
export async function openCommitments(tx: Pick<Tx, 'account'>, roundId: string) {
  const rows = await tx.account.findMany({
    where: {
      roundId,
      kind: { in: ['GRANT_RESERVED', 'GRANT_COMMITTED', 'GRANT_PAID', 'GRANT_RECOVERY_DUE'] },
      balanceCents: { gt: 0 },
    },
    include: { application: { select: { id: true, reference: true, title: true, status: true } } },
    orderBy: { key: 'asc' },
  })
  return rows.map((r) => ({ kind: r.kind, amountCents: centsFromDb(r.balanceCents), application: r.application }))
}

/**
 * Closes a round. Refused while grants still hold money (they are listed to the administrator).
 * Each wijk's free budget leaves by the published allocation's unspent policy: back to the
 * municipality (AREA_AVAILABLE -> ROUND_RETURNED), or carried over (-> ROUND_CARRIED_OVER) and funded
 * into the same wijk of the next round (its source -> pot -> the wijk, cause CARRY_OVER).
 */
export async function closeRound(tx: Tx, roundId: string, actorId: string, nextRoundId?: string) {
  const [round] = await tx.$queryRaw<{ id: string; year: number; closedAt: Date | null }[]>`
    SELECT "id", "year", "closedAt" FROM "BudgetRound" WHERE "id" = ${roundId} FOR UPDATE`
  if (!round) throw new DomainError('errors.notFound', { status: 404 })
  if (round.closedAt) throw new DomainError('grants.errors.roundClosed', { status: 409 })
  if ((await openCommitments(tx, roundId)).length > 0)
    throw new DomainError('grants.errors.openCommitments', { status: 409 })
  const allocation = await tx.allocation.findFirst({
    where: { roundId, status: 'PUBLISHED' },
    orderBy: { version: 'desc' },
  })
  const policy = allocation?.unspentPolicy ?? 'RETURN_TO_MUNICIPALITY'
  let next: { id: string } | null = null
  if (policy === 'CARRY_OVER_PER_AREA') {
    next = nextRoundId
      ? await tx.budgetRound.findUnique({ where: { id: nextRoundId } })
      : await tx.budgetRound.findFirst({ where: { year: round.year + 1 } })
    if (!next) throw new DomainError('grants.errors.noNextRound', { status: 409 })
  }
  const available = await tx.account.findMany({
    where: { roundId, kind: 'AREA_AVAILABLE', balanceCents: { gt: 0 } },
    orderBy: { key: 'asc' },
  })
  let returned = 0
  let carried = 0
  for (const a of available) {
    const amount = centsFromDb(a.balanceCents)
    const areaId = a.areaId!
    const from = { kind: 'AREA_AVAILABLE' as const, roundId, areaId }
    if (!next) {
      await post(tx, {
        from,
        to: { kind: 'ROUND_RETURNED', roundId, areaId },
        amountCents: amount,
        cause: 'ROUND_CLOSE',
        actorId,
        memo: `Ronde ${round.year} gesloten: terug naar de gemeente`,
      })
      returned += amount
      continue
    }
    await post(tx, {
      from,
      to: { kind: 'ROUND_CARRIED_OVER', roundId, areaId },
      amountCents: amount,
      cause: 'CARRY_OVER',
      actorId,
      memo: `Ronde ${round.year} gesloten: meegenomen naar de volgende ronde`,
    })
    await post(tx, {
      from: { kind: 'BUDGET_SOURCE', roundId: next.id },
      to: { kind: 'ROUND_POT', roundId: next.id },
      amountCents: amount,
      cause: 'CARRY_OVER',
      actorId,
      memo: `Meegenomen uit ronde ${round.year}`,
    })
    await post(tx, {
      from: { kind: 'ROUND_POT', roundId: next.id },
      to: { kind: 'AREA_AVAILABLE', roundId: next.id, areaId },
      amountCents: amount,
      cause: 'CARRY_OVER',
      actorId,
      memo: `Meegenomen uit ronde ${round.year}`,
    })
    carried += amount
  }
  await tx.budgetRound.update({ where: { id: roundId }, data: { closedAt: new Date() } })
  return tx.roundClosing.create({
    data: {
      roundId,
      policy,
      nextRoundId: next?.id ?? null,
      returnedCents: centsToDb(returned),
      carriedCents: centsToDb(carried),
      closedById: actorId,
    },
  })
}

/** Where every euro of a round ended: per wijk, the balance of each of its accounts. */
export async function closingReport(tx: Pick<Tx, 'account'>, roundId: string) {
  const rows = await tx.account.groupBy({
    by: ['areaId', 'kind'],
    where: { roundId },
    _sum: { balanceCents: true },
  })
  return rows.map((r) => ({ areaId: r.areaId, kind: r.kind, cents: centsFromDb(r._sum.balanceCents ?? 0n) }))
}

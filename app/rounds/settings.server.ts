import { prisma } from '#app/db.server.ts'
import { DomainError, notFound } from '#app/domain/errors.ts'
import { centsFromDb, centsToDb } from '#app/money/bigint.ts'

/**
 * The administrator's settings of a budget round (issue 5): when foundations can submit, the maximum
 * per application, the kinds of initiative that take part, the report term and the advance.
 * The pot and its allocation are set on the allocation page; nothing here moves money.
 */
export async function listRounds() {
  const rounds = await prisma.budgetRound.findMany({ orderBy: { year: 'desc' } })
  return rounds.map((r) => ({
    id: r.id,
    year: r.year,
    name: r.name,
    opensOn: r.opensOn.toISOString().slice(0, 10),
    closesOn: r.closesOn.toISOString().slice(0, 10),
    maxAmountCents: r.maxAmountCents === null ? null : centsFromDb(r.maxAmountCents),
    categories: r.categories,
    reportTermWeeks: r.reportTermWeeks,
    advancePercent: r.advancePercent,
    fourEyesThresholdCents: centsFromDb(r.fourEyesThresholdCents),
    legalBasis: r.legalBasis,
  }))
}

export async function updateRoundSettings(
  roundId: string,
  input: {
    opensOn: string
    closesOn: string
    maxAmount: number
    categories: string[]
    reportTermWeeks: number
    advancePercent: number
    fourEyesThreshold?: number
    legalBasis?: string
  },
) {
  const round = await prisma.budgetRound.findUnique({ where: { id: roundId } })
  if (!round) throw notFound()
  for (const [field, value] of [
    ['opensOn', input.opensOn],
    ['closesOn', input.closesOn],
  ] as const) {
    const year = Number(value.slice(0, 4))
    if (year < round.year - 1 || year > round.year)
      throw new DomainError('errors.rounds.dateInYears', { field, params: { from: round.year - 1, to: round.year } })
  }
  return prisma.budgetRound.update({
    where: { id: roundId },
    data: {
      opensOn: new Date(`${input.opensOn}T00:00:00Z`),
      closesOn: new Date(`${input.closesOn}T00:00:00Z`),
      maxAmountCents: input.maxAmount > 0 ? centsToDb(input.maxAmount) : null,
      categories: input.categories,
      reportTermWeeks: input.reportTermWeeks,
      advancePercent: input.advancePercent,
      ...(input.fourEyesThreshold === undefined ? {} : { fourEyesThresholdCents: centsToDb(input.fourEyesThreshold) }),
      ...(input.legalBasis === undefined ? {} : { legalBasis: input.legalBasis }),
    },
  })
}

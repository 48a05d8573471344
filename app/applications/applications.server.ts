import { prisma, Prisma, type Tx } from '#app/db.server.ts'
import type { SessionUser } from '#app/auth/session.server.ts'
import { todayIso } from '#app/clock.server.ts'
import { centsFromDb, centsToDb } from '#app/money/bigint.ts'
import type { ApplicationInput, DraftInput } from './schema.ts'
import { requestedCents } from './schema.ts'

type Member = Pick<NonNullable<SessionUser>, 'id' | 'foundationIds'>

/** A problem the applicant can fix, with the form field it belongs to (or null for the whole form). */
export class ApplicationRuleError extends Error {
  constructor(
    readonly field: string | null,
    message: string,
  ) {
    super(message)
  }
}

/** The round that accepts applications today, if any. */
export async function openRound() {
  const today = new Date(`${todayIso()}T00:00:00Z`)
  return prisma.budgetRound.findFirst({
    where: { opensOn: { lte: today }, closesOn: { gte: today } },
    orderBy: { year: 'desc' },
  })
}

/** The wijken the member's foundations serve: the only wijken they can apply for. */
export async function areasForMember(user: Member) {
  return prisma.area.findMany({
    where: { foundations: { some: { foundationId: { in: user.foundationIds } } } },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, code: true },
  })
}

async function foundationForArea(tx: Tx, user: Member, areaId: string) {
  const link = await tx.foundationArea.findFirst({
    where: { areaId, foundationId: { in: user.foundationIds } },
    select: { foundationId: true },
  })
  if (!link) throw new ApplicationRuleError('areaId', 'Uw stichting werkt niet in deze wijk. Kies een wijk waar uw stichting actief is.')
  return link.foundationId
}

export async function listOwnApplications(user: Member) {
  const rows = await prisma.application.findMany({
    where: { foundationId: { in: user.foundationIds } },
    orderBy: [{ updatedAt: 'desc' }],
    select: {
      id: true, reference: true, title: true, status: true, requestedCents: true, awardedCents: true,
      submittedAt: true, area: { select: { name: true } }, foundation: { select: { name: true } },
    },
  })
  return rows.map((r) => ({
    ...r,
    requestedCents: centsFromDb(r.requestedCents),
    awardedCents: r.awardedCents === null ? null : centsFromDb(r.awardedCents),
  }))
}

/** One application of the member's own foundation(s); a guessed id of another foundation finds nothing. */
export async function getOwnApplication(user: Member, id: string) {
  const app = await prisma.application.findFirst({
    where: { id, foundationId: { in: user.foundationIds } },
    include: {
      area: { select: { id: true, name: true } },
      foundation: { select: { name: true } },
      budgetLines: { orderBy: { position: 'asc' } },
      statusChanges: { orderBy: { createdAt: 'asc' }, include: { actor: { select: { name: true } } } },
    },
  })
  if (!app) return null
  return {
    ...app,
    requestedCents: centsFromDb(app.requestedCents),
    awardedCents: app.awardedCents === null ? null : centsFromDb(app.awardedCents),
    budgetLines: app.budgetLines.map((l) => ({ ...l, amountCents: centsFromDb(l.amountCents) })),
  }
}

function dateOrNull(value: string | undefined) {
  return value ? new Date(`${value}T00:00:00Z`) : null
}

async function nextReference(tx: Tx, roundId: string, year: number) {
  // Serialise numbering within a round on the round's row; numbers never repeat.
  await tx.$queryRaw`SELECT 1 FROM "BudgetRound" WHERE "id" = ${roundId} FOR UPDATE`
  const count = await tx.application.count({ where: { roundId } })
  return `BB-${year}-${String(count + 1).padStart(4, '0')}`
}

function lineRows(lines: { description: string; amount: number }[]) {
  return lines.map((line, position) => ({ position, description: line.description, amountCents: centsToDb(line.amount) }))
}

async function writeDraft(tx: Tx, user: Member, round: { id: string; year: number }, input: DraftInput, id?: string) {
  const foundationId = await foundationForArea(tx, user, input.areaId)
  const data = {
    title: input.title,
    category: input.category,
    areaId: input.areaId,
    foundationId,
    description: input.description ?? '',
    startDate: dateOrNull(input.startDate),
    endDate: dateOrNull(input.endDate),
    requestedCents: centsToDb(requestedCents(input.lines)),
  }
  if (!id) {
    const created = await tx.application.create({
      data: {
        ...data,
        roundId: round.id,
        reference: await nextReference(tx, round.id, round.year),
        createdById: user.id,
        budgetLines: { create: lineRows(input.lines) },
      },
    })
    await tx.statusChange.create({ data: { applicationId: created.id, toStatus: 'DRAFT', actorId: user.id } })
    return created
  }
  await tx.budgetLine.deleteMany({ where: { applicationId: id } })
  return tx.application.update({ where: { id }, data: { ...data, budgetLines: { create: lineRows(input.lines) } } })
}

/** Locks the member's own application row; a guessed id of another foundation is a 404. */
async function lockOwn(tx: Tx, user: Member, id: string) {
  const [row] = await tx.$queryRaw<{ id: string; status: string }[]>`
    SELECT "id", "status" FROM "Application" WHERE "id" = ${id} AND "foundationId" = ANY(${user.foundationIds}) FOR UPDATE`
  if (!row) throw new Response('Niet gevonden', { status: 404 })
  return row
}

async function requireOpenRound() {
  const round = await openRound()
  if (!round) throw new ApplicationRuleError(null, 'Er is op dit moment geen budgetronde open voor aanvragen. Uw concept blijft bewaard.')
  return round
}

/** Creates a draft (id undefined) or updates one. Only drafts of the member's own foundation can change. */
export async function saveDraft(user: Member, input: DraftInput, id?: string) {
  const round = await requireOpenRound()
  return prisma.$transaction(async (tx) => {
    if (id) {
      const row = await lockOwn(tx, user, id)
      if (row.status !== 'DRAFT') throw new ApplicationRuleError(null, 'Deze aanvraag is al ingediend en kan niet meer worden gewijzigd.')
    }
    return writeDraft(tx, user, round, input, id)
  })
}

/**
 * Submits: saves the final content and moves the application to SUBMITTED in one transaction.
 * The row lock makes a double submit (double click, back button, retry) return the first result.
 */
export async function submitApplication(user: Member, id: string | undefined, input: ApplicationInput) {
  const round = await requireOpenRound()
  for (const [field, value] of [['startDate', input.startDate], ['endDate', input.endDate]] as const) {
    if (Number(value.slice(0, 4)) !== round.year) {
      throw new ApplicationRuleError(field, `Het initiatief moet in ${round.year} plaatsvinden (budgetronde ${round.year}).`)
    }
  }
  return prisma.$transaction(async (tx) => {
    if (id) {
      const row = await lockOwn(tx, user, id)
      if (row.status !== 'DRAFT') return tx.application.findUniqueOrThrow({ where: { id } })
    }
    const draft = await writeDraft(tx, user, round, input, id)
    const app = await tx.application.update({
      where: { id: draft.id },
      data: { status: 'SUBMITTED', submittedAt: new Date() },
    })
    await tx.statusChange.create({
      data: {
        applicationId: app.id, fromStatus: 'DRAFT', toStatus: 'SUBMITTED', actorId: user.id,
        data: { requestedCents: centsFromDb(app.requestedCents) } as Prisma.InputJsonValue,
      },
    })
    return app
  })
}

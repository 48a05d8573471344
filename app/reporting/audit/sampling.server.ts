// The auditor's samples of expenses and findings (issue 12, point 4). Drawing a sample and recording
// a finding are the only things an auditor writes; both land in the hash-chained trail (the draw as
// an AuditEvent, the finding in the append-only AuditFinding table).
import { prisma } from '#app/db.server.ts'
import { DomainError, notFound } from '#app/domain/errors.ts'
import { centsFromDb } from '#app/money/bigint.ts'
import { randomInt } from 'node:crypto'
import {
  drawSample,
  FINDING_VERDICTS,
  sampleSize,
  SEED_PATTERN,
  seedFrom,
  type FindingVerdict,
  type SampleMethod,
  type SizeBy,
} from './sampling.ts'

/** A seed to offer when the auditor types none (six random digits; the auditor may type another). */
export const suggestSeed = () => seedFrom(randomInt(1_000_000))

type Actor = { id: string }

/** The expenses a sample is drawn from: every expense not rejected, of the round, in the wijk. */
export async function samplePopulation(roundId: string, areaId: string) {
  const rows = await prisma.expense.findMany({
    where: { status: { not: 'REJECTED' }, application: { roundId, areaId } },
    select: { id: true, amountCents: true },
    orderBy: { id: 'asc' },
  })
  return rows.map((r) => ({ id: r.id, amountCents: centsFromDb(r.amountCents) }))
}

export type DrawInput = {
  roundId: string
  areaCode: string
  seed: string
  method: SampleMethod
  sizeBy: SizeBy
  size: number
  ip?: string | null
}

/** Draws and keeps a sample; the draw is recorded in the audit trail with its seed and parameters. */
export async function drawAndKeepSample(actor: Actor, input: DrawInput) {
  if (!SEED_PATTERN.test(input.seed)) throw new DomainError('sampling.errors.seed', { field: 'seed' })
  if (input.sizeBy === 'PERCENT' && (input.size < 1 || input.size > 100))
    throw new DomainError('sampling.errors.percent', { field: 'size' })
  if (input.sizeBy === 'COUNT' && input.size < 1) throw new DomainError('sampling.errors.count', { field: 'size' })
  const area = await prisma.area.findFirst({
    where: { code: input.areaCode, roundAreas: { some: { roundId: input.roundId } } },
    select: { id: true, code: true },
  })
  if (!area) throw new DomainError('sampling.errors.area', { field: 'wijk' })
  const population = await samplePopulation(input.roundId, area.id)
  if (population.length === 0) throw new DomainError('sampling.errors.empty', { field: 'wijk' })
  const points = sampleSize(population.length, input.sizeBy, input.size)
  const result = drawSample(population, { seed: input.seed, method: input.method, size: points })
  return prisma.$transaction(async (tx) => {
    const sample = await tx.auditSample.create({
      data: {
        roundId: input.roundId,
        areaId: area.id,
        seed: input.seed,
        method: input.method,
        size: points,
        sizeBy: input.sizeBy,
        sizeValue: input.size,
        population: population.length,
        expenseIds: result.ids,
        createdById: actor.id,
      },
    })
    await tx.auditEvent.create({
      data: {
        action: 'audit.sample-drawn',
        actorId: actor.id,
        ip: input.ip ?? null,
        data: {
          sampleId: sample.id,
          wijk: area.code,
          seed: input.seed,
          method: input.method,
          sizeBy: input.sizeBy,
          size: input.size,
          points,
          population: population.length,
          expenseIds: result.ids,
        },
      },
    })
    return sample
  })
}

export async function listSamples(roundId: string) {
  const samples = await prisma.auditSample.findMany({
    where: { roundId },
    orderBy: { createdAt: 'desc' },
    take: 50,
  })
  const areas = new Map(
    (
      await prisma.area.findMany({
        where: { id: { in: samples.map((s) => s.areaId).filter((x): x is string => !!x) } },
        select: { id: true, code: true, name: true },
      })
    ).map((a) => [a.id, a]),
  )
  return samples.map((s) => ({
    id: s.id,
    createdAt: s.createdAt,
    seed: s.seed,
    method: s.method as SampleMethod,
    sizeBy: s.sizeBy as SizeBy,
    sizeValue: s.sizeValue,
    points: s.size,
    population: s.population,
    drawn: s.expenseIds.length,
    area: s.areaId ? (areas.get(s.areaId) ?? null) : null,
  }))
}

/** One sample with its expenses (in the order drawn), each with its receipts and its findings. */
export async function sampleDetail(roundId: string, sampleId: string) {
  const sample = await prisma.auditSample.findFirst({ where: { id: sampleId, roundId } })
  if (!sample) return null
  const expenses = await prisma.expense.findMany({
    where: { id: { in: sample.expenseIds } },
    include: {
      receipts: { select: { id: true, filename: true, sha256: true, kind: true } },
      application: {
        select: {
          id: true,
          reference: true,
          title: true,
          attachments: { where: { kind: 'receipt' }, select: { id: true, filename: true, sha256: true } },
        },
      },
    },
  })
  const byId = new Map(expenses.map((e) => [e.id, e]))
  const findings = await prisma.auditFinding.findMany({
    where: { sampleId: sample.id },
    orderBy: { chainSeq: 'asc' },
  })
  const area = sample.areaId
    ? await prisma.area.findUnique({ where: { id: sample.areaId }, select: { code: true, name: true } })
    : null
  return {
    id: sample.id,
    createdAt: sample.createdAt,
    seed: sample.seed,
    method: sample.method as SampleMethod,
    sizeBy: sample.sizeBy as SizeBy,
    sizeValue: sample.sizeValue,
    points: sample.size,
    population: sample.population,
    area,
    expenses: sample.expenseIds
      .map((id) => byId.get(id))
      .filter((e): e is NonNullable<typeof e> => !!e)
      .map((e) => ({
        id: e.id,
        spentOn: e.spentOn,
        amountCents: centsFromDb(e.amountCents),
        description: e.description,
        supplier: e.supplier,
        status: e.status,
        application: { id: e.application.id, reference: e.application.reference, title: e.application.title },
        // The receipts tied to this expense; when none is tied, the application's receipts.
        receipts: e.receipts.length
          ? e.receipts.map((f) => ({ id: f.id, filename: f.filename, sha256: f.sha256, tied: true }))
          : e.application.attachments.map((f) => ({ id: f.id, filename: f.filename, sha256: f.sha256, tied: false })),
        findings: findings
          .filter((f) => f.expenseId === e.id)
          .map((f) => ({ id: f.id, verdict: f.verdict, text: f.text, createdAt: f.createdAt, hash: f.hash })),
      })),
  }
}

export type FindingInput = {
  roundId: string
  sampleId: string
  expenseId: string
  verdict: FindingVerdict
  text: string
}

/** Records a finding on an expense of a sample (append-only; the database chains it into the trail). */
export async function recordFinding(actor: Actor, input: FindingInput) {
  const text = input.text.trim()
  if (text.length < 3) throw new DomainError('sampling.errors.text', { field: 'text' })
  if (text.length > 4000) throw new DomainError('sampling.errors.textLong', { field: 'text' })
  if (!FINDING_VERDICTS.includes(input.verdict)) throw new DomainError('sampling.errors.verdict', { field: 'verdict' })
  const sample = await prisma.auditSample.findFirst({ where: { id: input.sampleId, roundId: input.roundId } })
  if (!sample || !sample.expenseIds.includes(input.expenseId)) throw notFound()
  const expense = await prisma.expense.findUnique({
    where: { id: input.expenseId },
    select: { applicationId: true },
  })
  if (!expense) throw notFound()
  return prisma.auditFinding.create({
    data: {
      roundId: input.roundId,
      sampleId: sample.id,
      expenseId: input.expenseId,
      applicationId: expense.applicationId,
      verdict: input.verdict,
      text,
      actorId: actor.id,
    },
  })
}

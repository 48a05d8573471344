// Two scheduler instances on one real PostgreSQL: each daily job runs once per day, and each
// deadline warning is queued exactly once per reviewer, whatever the number of instances and ticks.
import { beforeAll, expect, test } from 'vitest'
import { prisma } from '#app/db.server.ts'
import { seeded } from '#app/testing/fixtures.ts'
import { registerReviewJobs } from './deadline-warnings.server.ts'
import { registerDailyJob, runDueJobs, startScheduler } from './scheduler.server.ts'

let f: Awaited<ReturnType<typeof seeded>>
beforeAll(async () => {
  f = await seeded()
})

test('two instances: each job once a day, each deadline warning exactly once', async () => {
  const area = await f.area('WK030719') // Hoogland: reviewers beoordelaar@ and beoordelaar2@
  const base = await prisma.application.findUniqueOrThrow({ where: { reference: 'BB-2026-0006' } })
  const make = (reference: string, dueOn: string) =>
    prisma.application.create({
      data: {
        reference,
        roundId: f.round.id,
        areaId: area.id,
        foundationId: base.foundationId,
        title: `Initiatief ${reference}`,
        category: 'ontmoeting',
        description: 'x'.repeat(30),
        status: 'SUBMITTED',
        submittedAt: new Date(),
        requestedCents: 10_000n,
        decisionDueOn: new Date(`${dueOn}T00:00:00Z`),
        createdById: f.hoogland.id,
      },
    })
  const day = '2026-11-26'
  const soon = await make('DUE-SOON', '2026-12-10') // 14 days left
  const passed = await make('DUE-PASSED', '2026-11-25') // passed yesterday
  const later = await make('DUE-LATER', '2027-01-15') // not yet

  let counted = 0
  registerDailyJob({ name: 'count', run: async () => void counted++ })
  registerReviewJobs()
  const a = startScheduler({ instance: 'a', intervalMs: 3_600_000 })
  const b = startScheduler({ instance: 'b', intervalMs: 3_600_000 })
  // both instances tick, again and again, on the same day
  const runs = await Promise.all([
    runDueJobs('a', day),
    runDueJobs('b', day),
    runDueJobs('a', day),
    runDueJobs('b', day),
  ])
  await Promise.all([a.tick(), b.tick(), a.stop(), b.stop()])
  const ranDeadline = runs.filter((r) => r.includes('deadline-warnings')).length
  expect(ranDeadline).toBe(1)
  expect(await prisma.jobRun.count({ where: { job: 'deadline-warnings', day: new Date(`${day}T00:00:00Z`) } })).toBe(1)

  const warnings = await prisma.outboxMail.findMany({ where: { template: 'deadline-warning' } })
  const about = (reference: string) =>
    warnings
      .filter((w) => (w.data as { reference: string }).reference === reference)
      .map((w) => w.to)
      .sort()
  const reviewers = ['beoordelaar2@amersfoort.example', 'beoordelaar@amersfoort.example'].sort()
  expect(about(soon.reference)).toEqual(reviewers)
  expect(about(passed.reference)).toEqual(reviewers)
  expect(about(later.reference)).toEqual([])

  // a new day: the job runs again, but no warning is repeated
  await Promise.all([runDueJobs('a', '2026-11-27'), runDueJobs('b', '2026-11-27')])
  expect(await prisma.outboxMail.count({ where: { template: 'deadline-warning' } })).toBe(warnings.length)
  expect(counted).toBeGreaterThanOrEqual(2)
})

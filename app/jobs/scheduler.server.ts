// The scheduler (docs/decisions/0025-scheduler.md): daily jobs, run once per day whatever the number
// of instances. Each instance ticks; the first to insert the (job, day) row in JobRun runs the job,
// the others see the conflict and skip. It runs in the server process and as its own process
// (`npm run jobs:worker`).
import { randomUUID } from 'node:crypto'
import { prisma } from '#app/db.server.ts'
import { todayIso } from '#app/clock.server.ts'

export type DailyJob = { name: string; run: (day: string) => Promise<void> }

const jobs = new Map<string, DailyJob>()

/** Registers a daily job (e.g. the grants module's report reminders). Registering a name again replaces it. */
export function registerDailyJob(job: DailyJob) {
  jobs.set(job.name, job)
}

export function registeredJobs(): string[] {
  return [...jobs.keys()]
}

/** Runs every job that no instance has run today yet; returns the names of the jobs this instance ran. */
export async function runDueJobs(instance: string, day: string = todayIso()): Promise<string[]> {
  const ran: string[] = []
  for (const job of jobs.values()) {
    const claimed = await prisma.$executeRaw`
      INSERT INTO "JobRun" ("job", "day", "instance") VALUES (${job.name}, ${day}::date, ${instance})
      ON CONFLICT ("job", "day") DO NOTHING`
    if (claimed !== 1) continue
    try {
      await job.run(day)
      await prisma.$executeRaw`UPDATE "JobRun" SET "finishedAt" = now() WHERE "job" = ${job.name} AND "day" = ${day}::date`
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      await prisma.$executeRaw`UPDATE "JobRun" SET "error" = ${message.slice(0, 2000)} WHERE "job" = ${job.name} AND "day" = ${day}::date`
      console.error(`job ${job.name} (${day}) failed: ${message}`)
    }
    ran.push(job.name)
  }
  return ran
}

export type Scheduler = { instance: string; tick: () => Promise<string[]>; stop: () => Promise<void> }

/** Ticks every `intervalMs` (default 10 minutes) and at start. */
export function startScheduler(options: { intervalMs?: number; instance?: string } = {}): Scheduler {
  const instance = options.instance ?? `${process.pid}-${randomUUID().slice(0, 8)}`
  let running: Promise<string[]> | null = null
  const tick = () => {
    running ??= runDueJobs(instance).finally(() => {
      running = null
    })
    return running
  }
  const timer = setInterval(() => void tick().catch(() => {}), options.intervalMs ?? 600_000)
  timer.unref()
  void tick().catch(() => {})
  return {
    instance,
    tick,
    stop: async () => {
      clearInterval(timer)
      await running?.catch(() => {})
    },
  }
}

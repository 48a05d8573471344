// `npm run jobs:worker`: the scheduler as its own process (any number may run beside the portal;
// each daily job still runs once per day). `--once` runs what is due today and stops.
import { disconnectPrisma } from '#app/db.server.ts'
import { registerReviewJobs } from '#app/jobs/deadline-warnings.server.ts'
import { runDueJobs, startScheduler } from '#app/jobs/scheduler.server.ts'
import { withDatabase } from './database.ts'

const once = process.argv.includes('--once')

await withDatabase(async (url, where) => {
  process.env.DATABASE_URL = url
  registerReviewJobs()
  console.log(`planner op ${where}`)
  if (once) {
    console.log(`uitgevoerd: ${(await runDueJobs(`cli-${process.pid}`)).join(', ') || 'niets'}`)
  } else {
    const scheduler = startScheduler()
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve())
      process.once('SIGTERM', () => resolve())
    })
    await scheduler.stop()
  }
  await disconnectPrisma()
})

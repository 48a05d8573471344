/**
 * Everything the server process (app/server/main.ts) uses besides the embedded database. In
 * production main.ts takes it from the built app (app/entry.server.tsx re-exports it), so the
 * process loads each module once, from the bundle: one Prisma client, one pool, one environment, and
 * no second copy of the domain to transpile and evaluate at start (docs/decisions/0050-cold-start.md).
 * In development (`npm run dev`) main.ts imports this file from source.
 */
export { migrate } from '#app/db/migrate.server.ts'
export { disconnectPrisma } from '#app/db.server.ts'
export { getEnv } from '#app/env.server.ts'
export { isEmpty, seed } from '#app/seed/seed.server.ts'
export { mailWorkerFromEnv, type MailWorker } from '#app/mail/worker.server.ts'
export { registerReviewJobs } from '#app/jobs/deadline-warnings.server.ts'
export { startScheduler, type Scheduler } from '#app/jobs/scheduler.server.ts'
export { createApp, type Handle } from './app.ts'

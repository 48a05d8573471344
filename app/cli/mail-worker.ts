// `npm run mail:worker`: the mail delivery worker as its own process (any number of them can run
// beside the portal, which then may run with MAIL_WORKER=off). `--once` sends what is due and stops.
import { disconnectPrisma } from '#app/db.server.ts'
import { mailWorkerFromEnv } from '#app/mail/worker.server.ts'
import { withDatabase } from './database.ts'

const once = process.argv.includes('--once')

await withDatabase(async (url, where) => {
  process.env.DATABASE_URL = url
  const worker = mailWorkerFromEnv()
  if (!worker) {
    process.exitCode = 1
    return
  }
  console.log(`mailworker (${worker.transport.kind}) op ${where}`)
  if (once) {
    const sent = await worker.drain()
    await worker.stop()
    console.log(`${sent} mail(s) verwerkt`)
  } else {
    worker.start()
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve())
      process.once('SIGTERM', () => resolve())
    })
    await worker.stop()
  }
  await disconnectPrisma()
})

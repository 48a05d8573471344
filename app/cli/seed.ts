// `npm run db:seed`: migrates and loads the demo data (idempotent: existing records stay as they are).
import { migrate } from '#app/db/migrate.server.ts'
import { disconnectPrisma } from '#app/db.server.ts'
import { seed } from '#app/seed/seed.server.ts'
import { run, withDatabase } from './database.ts'

run(() =>
  withDatabase(async (url, where) => {
    await migrate(url)
    process.env.DATABASE_URL = url
    await seed((m) => console.log(`  ${m}`))
    await disconnectPrisma()
    console.log(`${where}: demo data present.`)
  }),
)

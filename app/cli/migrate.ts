// `npm run db:migrate`: applies prisma/migrations to the portal's database (see ./database.ts).
import { migrate } from '#app/db/migrate.server.ts'
import { run, withDatabase } from './database.ts'

run(() =>
  withDatabase(async (url, where) => {
    const { applied } = await migrate(url, { log: (msg) => console.log(msg) })
    if (applied.length === 0) console.log(`${where}: no pending migrations, the database is up to date.`)
    else
      console.log(
        `${where}: applied ${applied.length} migration(s):\n${applied.map((name) => `  - ${name}`).join('\n')}`,
      )
  }),
)

// For e2e/rounds.spec.ts: settles every open grant of round 2026 in the e2e server's database, through
// the grants module's services (verantwoording by the foundation, vaststelling by the reviewer at what was
// paid out), because closing a round waits for that (decision 0030). Reaches the database as
// `npm run ledger:verify` does: the running embedded PostgreSQL on EMBEDDED_PG_PORT.
import { run, withDatabase } from '#app/cli/database.ts'
import { disconnectPrisma, prisma } from '#app/db.server.ts'
import { settleOpenGrants } from '#app/testing/settle-open-grants.server.ts'

run(() =>
  withDatabase(async (url) => {
    process.env.DATABASE_URL = url
    const round = await prisma.budgetRound.findUniqueOrThrow({ where: { year: 2026 } })
    const reviewer = await prisma.user.findUniqueOrThrow({ where: { email: 'beoordelaar@amersfoort.example' } })
    const settled = await settleOpenGrants(round.id, reviewer.id, '2026-11-26')
    await disconnectPrisma()
    console.log(`${settled} toekenningen vastgesteld`)
  }),
)

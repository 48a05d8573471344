// `npm run ledger:verify`: recomputes every balance from the ledger entries and checks every invariant
// of the books (app/ledger/verify.server.ts, docs/decisions/0029). Prints each failure; exits 1 on any.
import { disconnectPrisma, prisma } from '#app/db.server.ts'
import { verifyLedger } from '#app/ledger/verify.server.ts'
import { run, withDatabase } from './database.ts'

run(() =>
  withDatabase(async (url, where) => {
    process.env.DATABASE_URL = url
    const result = await verifyLedger(prisma)
    // rounds: name the rounds checked (and whether they are closed), so a reader sees both sides of a carry-over
    const rounds = await prisma.budgetRound.findMany({
      orderBy: { year: 'asc' },
      select: { year: true, closedAt: true },
    })
    await disconnectPrisma()
    for (const r of rounds) console.log(`ronde ${r.year}${r.closedAt ? ' (gesloten)' : ''} gecontroleerd`)
    for (const failure of result.failures) console.error(`FOUT: ${failure}`)
    console.log(
      `${where}: ${result.rounds} rondes, ${result.accounts} rekeningen, ${result.entries} boekingen gecontroleerd; ${result.failures.length} fouten.`,
    )
    if (result.failures.length > 0) process.exitCode = 1
  }),
)

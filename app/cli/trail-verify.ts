// `npm run trail:verify`: proves that no row of the audit trail (AuditEvent, StatusChange,
// AuditFinding) was changed or removed, by recomputing the hash chain; also runs the full check of
// the books of every round. Both results are stored (CheckRun) and shown on /controle and
// /controle/spoor. Exits with 1 when anything is wrong, so a scheduler (cron) can alert on it.
import { prisma, disconnectPrisma } from '#app/db.server.ts'
import { runLedgerCheck } from '#app/reporting/audit/dashboard.server.ts'
import { runTrailCheck, type TrailVerdict } from '#app/reporting/audit/trail.server.ts'
import { run, withDatabase } from './database.ts'

run(() =>
  withDatabase(async (url, where) => {
    process.env.DATABASE_URL = url
    const trail = await runTrailCheck(null)
    const verdict = trail.result as unknown as TrailVerdict
    for (const t of verdict.tables)
      console.log(`${where}: ${t.table}: ${t.rows} rows, head ${t.headSeq} ${t.headHash ?? '-'}`)
    for (const p of verdict.problems) console.log(`  PROBLEM ${p.table} #${p.chainSeq}: ${p.problem}`)
    console.log(trail.ok ? 'Audit trail intact.' : 'Audit trail NOT intact.')
    let booksOk = true
    for (const round of await prisma.budgetRound.findMany({ orderBy: { year: 'asc' } })) {
      const check = await runLedgerCheck(round.id, null)
      booksOk &&= check.ok
      console.log(`Books ${round.year}: ${check.ok ? 'correct' : 'NOT correct'}`)
    }
    await disconnectPrisma()
    if (!trail.ok || !booksOk) process.exitCode = 1
  }),
)

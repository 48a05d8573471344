/**
 * CI (.ci/run): two production portal instances (built app) against ONE PostgreSQL server share a
 * short load, and the run fails on any error. Usage:
 *   tsx app/bench/two-instances.ts <superuser URL of the server>
 * Creates its own database on that server (dropped afterwards), starts instance A (which migrates and
 * seeds it) and then instance B, signs a reviewer and the auditor in through the app's session code (sessions live in PostgreSQL) and sends
 * those cookies to both instances and sends
 * that cookie to both, then loads both at once with autocannon (4 connections each, 40 requests per URL and instance): public pages,
 * the reviewer's queue and the auditor's dashboard. Every loop and wait is bounded; only 127.0.0.1.
 * See docs/decisions/0024-tests-against-debian-postgresql.md.
 */
import { randomBytes } from 'node:crypto'
import autocannon from 'autocannon'
import pg from 'pg'
import { startPortal, type PortalProcess } from './server.ts'

const adminUrl = process.argv[2] ?? process.env.TEST_PG_URL
if (!adminUrl) {
  console.error('usage: tsx app/bench/two-instances.ts <postgresql://superuser URL>')
  process.exit(2)
}
const PORTS = [Number(process.env.CI_PORTAL_PORT_A ?? 3301), Number(process.env.CI_PORTAL_PORT_B ?? 3302)]
/** Requests per URL and instance: a fixed amount (not a duration), so a slow machine passes too. */
const AMOUNT = Number(process.env.CI_LOAD_REQUESTS ?? 40)
const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36'
const PATHS: { path: string; as?: 'reviewer' | 'auditor' }[] = [
  { path: '/healthz' },
  { path: '/inloggen' },
  { path: '/verdeling/2026' },
  { path: '/beoordelen', as: 'reviewer' },
  { path: '/controle', as: 'auditor' },
]

async function main() {
  const name = `bb_ci_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`)
  const url = new URL(adminUrl!)
  url.pathname = `/${name}`
  const env = {
    DATABASE_URL: url.toString(),
    PORTAL_MODE: 'production',
    SESSION_SECRET: randomBytes(24).toString('hex'),
    PORTAL_CLOCK: '2026-11-26',
    MAIL_WORKER: 'off',
  }
  const portals: PortalProcess[] = []
  let failures = 0
  try {
    for (const port of PORTS) {
      portals.push(await startPortal({ port, env: { ...env, PUBLIC_URL: `http://127.0.0.1:${port}` } }))
      console.log(`instance on 127.0.0.1:${port} ready after ${Math.round(portals.at(-1)!.readyMs)} ms`)
    }
    // Sessions live in PostgreSQL: a cookie minted by the app's session code works on both instances.
    Object.assign(process.env, env)
    const { prisma, disconnectPrisma } = await import('#app/db.server.ts')
    const { createUserSession } = await import('#app/auth/session.server.ts')
    const cookieOf = async (email: string) =>
      (await createUserSession((await prisma.user.findUniqueOrThrow({ where: { email } })).id)).split(';')[0]
    const cookies = {
      reviewer: await cookieOf('beoordelaar@amersfoort.example'),
      auditor: await cookieOf('controleur@amersfoort.example'),
    }
    await disconnectPrisma()
    const runs = portals.flatMap((portal) =>
      PATHS.map(async ({ path, as }) => {
        const result = await autocannon({
          url: portal.baseUrl + path,
          headers: { 'user-agent': UA, ...(as ? { cookie: cookies[as] } : {}) },
          connections: 4,
          amount: AMOUNT,
          timeout: 60,
        })
        const codes = Object.fromEntries(
          Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, stat?.count ?? 0]),
        )
        const bad = result.errors + result.non2xx
        console.log(
          `${portal.baseUrl}${path}: ${result.requests.total} requests, ${result.errors} errors, ${result.non2xx} non-2xx ${JSON.stringify(codes)}`,
        )
        if (bad > 0 || result.requests.total < AMOUNT) failures++
      }),
    )
    await Promise.all(runs)
  } finally {
    for (const portal of portals) {
      const log = portal.log()
      await portal.stop()
      if (failures) console.log(`--- log of ${portal.baseUrl} ---\n${log.slice(-4000)}`)
    }
    await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`).catch(() => {})
    await admin.end()
  }
  if (failures) {
    console.error(`two instances under load: ${failures} target(s) had errors`)
    process.exit(1)
  }
  console.log('two instances under load: no errors')
  process.exit(0)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})

/**
 * The portal's process: `npm start` (built app) or `npm run dev` (Vite dev server).
 * Without DATABASE_URL it starts an embedded PostgreSQL with its data under ./data, applies pending
 * migrations, seeds an empty database, serves the app, and on Ctrl-C / SIGTERM stops everything cleanly.
 */
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { createRequestHandler, type ServerBuild } from '@remix-run/node'
import express from 'express'
import {
  DEFAULT_EMBEDDED_PORT,
  projectRoot,
  startEmbeddedPostgres,
  type EmbeddedPostgres,
} from '#app/db/embedded.server.ts'
import { getEnv } from '#app/env.server.ts'
import type * as ServerKit from './kit.server.ts'

type Kit = typeof ServerKit
type MailWorker = ServerKit.MailWorker
type Scheduler = ServerKit.Scheduler

const dev = process.argv.includes('--dev')
const root = projectRoot()
const buildDir = path.resolve(root, process.env.BUILD_DIR ?? 'build')

/**
 * The built app and the server kit in it (production), or the kit from source (development). In
 * production the kit comes from the bundle so that every module is loaded once; see kit.server.ts.
 */
async function load(): Promise<{ kit: Kit; build?: ServerBuild }> {
  if (dev) return { kit: await import('./kit.server.ts') }
  const build = (await import(pathToFileURL(path.join(buildDir, 'server/index.js')).href)) as ServerBuild
  const kit = (build.entry.module as unknown as { serverKit?: Kit }).serverKit
  if (!kit) throw new Error(`De build in ${buildDir} is van een oudere versie: bouw opnieuw met \`npm run build\`.`)
  return { kit, build }
}

async function main() {
  const env = getEnv()
  // The mode is decided once, before the embedded database sets DATABASE_URL (which would otherwise
  // make the app bundle, reading the environment later, think it runs in production).
  process.env.PORTAL_MODE = env.PORTAL_MODE
  // The app is loaded while the embedded database starts (two processes, two cores).
  const loading = load()
  loading.catch(() => {})
  let embedded: EmbeddedPostgres | undefined
  let stopping = false
  let server: ReturnType<ReturnType<typeof express>['listen']> | undefined
  let mailWorker: MailWorker | null = null
  let scheduler: Scheduler | null = null

  async function shutdown(signal: string) {
    if (stopping) return
    stopping = true
    console.log(`\n${signal} ontvangen: het portaal stopt.`)
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
    await mailWorker?.stop().catch(() => {})
    await scheduler?.stop().catch(() => {})
    await loading.then(({ kit }) => kit.disconnectPrisma()).catch(() => {})
    if (embedded) {
      await embedded.stop()
      console.log('PostgreSQL is netjes gestopt; alle gegevens staan in', path.resolve(root, env.DATA_DIR, 'postgres'))
    }
    process.exit(0)
  }
  process.on('SIGINT', () => void shutdown('SIGINT'))
  process.on('SIGTERM', () => void shutdown('SIGTERM'))

  if (!env.DATABASE_URL) {
    const dataDir = path.resolve(root, env.DATA_DIR, 'postgres')
    console.log(`Geen DATABASE_URL: ingebouwde PostgreSQL start met gegevens in ${dataDir}`)
    const startDatabase = () =>
      startEmbeddedPostgres({
        dataDir,
        port: env.EMBEDDED_PG_PORT ?? DEFAULT_EMBEDDED_PORT,
        databaseName: 'buurtbudget',
        onUnexpectedExit: ({ code, signal }) => void restartDatabase(code, signal),
      })
    // The portal owns its embedded PostgreSQL: when it dies (killed, crashed), the portal starts it
    // again, with a growing pause between tries. Meanwhile pages answer 503 (app/server/app.ts) and
    // the connection pool reconnects by itself once it is back (docs/decisions/0021).
    const restartDatabase = async (code: number | null, signal: string | null) => {
      if (stopping) return
      console.error(
        `De ingebouwde PostgreSQL stopte onverwacht (${signal ?? `code ${code}`}); hij wordt opnieuw gestart.`,
      )
      for (let attempt = 1; !stopping; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, Math.min(10_000, 250 * 2 ** (attempt - 1))))
        if (stopping) return
        try {
          embedded = await startDatabase()
          console.log('De ingebouwde PostgreSQL draait weer.')
          return
        } catch (error) {
          console.error(`Herstart van PostgreSQL mislukt (poging ${attempt}):`, (error as Error).message.split('\n')[0])
        }
      }
    }
    embedded = await startDatabase()
    process.env.DATABASE_URL = embedded.url
  }
  const loaded = await loading
  const { migrate, isEmpty, seed, mailWorkerFromEnv, registerReviewJobs, startScheduler, createApp } = loaded.kit
  const { applied } = await migrate(process.env.DATABASE_URL!, { log: (m) => console.log(m) })
  if (applied.length) console.log(`Migraties toegepast: ${applied.join(', ')}`)
  if (await isEmpty()) {
    console.log('Lege database: demogegevens worden geladen (Amersfoort, ronde 2026).')
    await seed((m) => console.log(`  ${m}`))
  }

  // The mail worker sends what the outbox holds (docs/decisions/0010-mail-outbox.md); MAIL_WORKER=off
  // leaves that to separate `npm run mail:worker` processes.
  if (env.MAIL_WORKER === 'on') {
    mailWorker = mailWorkerFromEnv()
    mailWorker?.start()
    if (mailWorker)
      console.log(
        mailWorker.transport.kind === 'smtp'
          ? 'Mail gaat via SMTP_URL.'
          : `Geen SMTP_URL: mail komt in de lokale postbus, ${env.PUBLIC_URL}/mailbox`,
      )
  }

  // The scheduler (docs/decisions/0025-scheduler.md): daily jobs, once per day over all instances.
  // JOBS=off leaves it to separate `npm run jobs:worker` processes.
  if (process.env.JOBS !== 'off') {
    registerReviewJobs()
    scheduler = startScheduler()
  }

  const staticMiddleware: express.RequestHandler[] = []
  let handle: ServerKit.Handle
  if (dev) {
    const vite = await import('vite').then((v) => v.createServer({ server: { middlewareMode: true } }))
    staticMiddleware.push(vite.middlewares)
    const remix = createRequestHandler(
      () => vite.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild>,
      'development',
    )
    handle = (request, context) => remix(request, context)
  } else {
    const assets = express.Router()
    assets.use('/assets', express.static(path.join(buildDir, 'client/assets'), { immutable: true, maxAge: '1y' }))
    staticMiddleware.push(assets, express.static(path.join(buildDir, 'client'), { maxAge: '1h' }))
    // The server kit came from this same bundle: one copy of each module, one of each singleton.
    const remix = createRequestHandler(loaded.build!, 'production')
    handle = (request, context) => remix(request, context)
  }
  const app = createApp({
    handle,
    mode: env.PORTAL_MODE,
    dev,
    trustProxyHops: env.TRUST_PROXY_HOPS,
    formActionOrigins: env.OIDC_ISSUER ? [new URL(env.OIDC_ISSUER).origin] : [],
    staticMiddleware,
  })

  await new Promise<void>((resolve, reject) => {
    server = app.listen(env.PORT, () => resolve())
    server.once('error', reject)
  }).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') console.error(`Poort ${env.PORT} is al in gebruik. Kies een andere met PORT=...`)
    else console.error(error)
    await shutdown('fout')
  })
  console.log(
    `Buurtbudget draait op http://localhost:${env.PORT}` +
      (env.PORTAL_MODE === 'demo' ? ' (demo: zie de inlogpagina voor demo-accounts)' : ''),
  )
}

main().catch((error) => {
  console.error('Het portaal kon niet starten:', error instanceof Error ? error.message : error)
  process.exit(1)
})

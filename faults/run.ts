/**
 * `npm run test:faults`: the portal under faults (issue 13, docs/decisions/0021). Each scenario
 * starts the real portal (app/server/main.ts with the built app, embedded PostgreSQL in a fresh
 * temp directory), does real HTTP requests, injects a fault and checks the outcome. Prints
 * "N passed, N failed" and exits non-zero when any failed.
 *
 * Scenarios:
 * 1. SIGKILL of the portal during 1,000 submissions, then a restart: the restart succeeds unaided
 *    (the orphaned embedded PostgreSQL is stopped), every acknowledged submission is present and
 *    complete, none is there twice.
 * 2. PostgreSQL paused (SIGSTOP) for 10 s under load: answers are 503 pages (no hanging beyond the
 *    timeouts, no 500), and after SIGCONT the portal answers normally again without help; no
 *    acknowledged write is lost.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'

const root = path.resolve(import.meta.dirname, '..')
const BUILD_DIR = process.env.BUILD_DIR ?? 'build'
const PORT = Number(process.env.FAULTS_PORT ?? 3290)
const PG_PORT = Number(process.env.FAULTS_PG_PORT ?? 54490)
const BASE = `http://127.0.0.1:${PORT}`
const PG_URL = `postgresql://postgres:postgres@127.0.0.1:${PG_PORT}/buurtbudget`

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

function ensureBuild() {
  if (fs.existsSync(path.join(root, BUILD_DIR, 'server/index.js'))) return
  console.log(`Geen build in ${BUILD_DIR}: remix vite:build ...`)
  execFileSync('npx', ['remix', 'vite:build'], { cwd: root, stdio: 'inherit', env: { ...process.env, BUILD_DIR } })
}

function startPortal(dataDir: string, extraEnv: Record<string, string> = {}): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'app/server/main.ts'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: '',
      PORTAL_MODE: 'demo',
      PORTAL_CLOCK: '2026-06-01',
      DATA_DIR: dataDir,
      PORT: String(PORT),
      EMBEDDED_PG_PORT: String(PG_PORT),
      BUILD_DIR,
      MAIL_WORKER: 'off',
      ...extraEnv,
    },
  })
  const log = fs.createWriteStream(path.join(dataDir, 'portal.log'), { flags: 'a' })
  child.stdout!.pipe(log)
  child.stderr!.pipe(log)
  return child
}

async function waitReady(timeoutMs = 180_000) {
  const end = Date.now() + timeoutMs
  while (Date.now() < end) {
    try {
      const r = await fetch(`${BASE}/readyz`)
      if (r.status === 200) return
    } catch {
      /* not listening yet */
    }
    await sleep(500)
  }
  throw new Error('het portaal werd niet ready')
}

async function signIn(): Promise<string> {
  const r = await fetch(`${BASE}/inloggen`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'email=aanvrager%40hooglandleeft.example&password=buurtbudget-demo',
    redirect: 'manual',
  })
  const cookie = r.headers.get('set-cookie')?.split(';')[0]
  if (r.status !== 302 || !cookie) throw new Error(`inloggen mislukt: ${r.status}`)
  return cookie
}

async function areaId(): Promise<string> {
  const c = new pg.Client({ connectionString: PG_URL })
  await c.connect()
  try {
    return (await c.query<{ id: string }>(`SELECT id FROM "Area" WHERE code = 'WK030719'`)).rows[0].id
  } finally {
    await c.end()
  }
}

/** One submission: a new draft application with a unique title; acknowledged = a 302 to its page. */
async function submit(cookie: string, area: string, title: string, timeoutMs = 30_000): Promise<number> {
  const body = new URLSearchParams({ intent: 'save', title, category: 'groen', areaId: area, location: 'Plein' })
  const r = await fetch(`${BASE}/aanvragen/nieuw`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie, Origin: BASE },
    body,
    redirect: 'manual',
    signal: AbortSignal.timeout(timeoutMs),
  })
  await r.arrayBuffer().catch(() => undefined)
  return r.status
}

async function stored(prefix: string) {
  const c = new pg.Client({ connectionString: PG_URL })
  await c.connect()
  try {
    const { rows } = await c.query<{ title: string; location: string; foundationId: string | null }>(
      `SELECT title, location, "foundationId" FROM "Application" WHERE title LIKE $1`,
      [`${prefix}%`],
    )
    return rows
  } finally {
    await c.end()
  }
}

function postmasterPid(dataDir: string): number | null {
  try {
    return Number.parseInt(fs.readFileSync(path.join(dataDir, 'postgres/postmaster.pid'), 'utf8').split('\n')[0], 10)
  } catch {
    return null
  }
}

async function stopPortal(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return
  child.kill('SIGTERM')
  await new Promise((r) => child.once('exit', r))
}

type Result = { name: string; ok: boolean; detail: string }

async function sigkillDuringSubmissions(): Promise<Result> {
  const name = 'SIGKILL tijdens 1.000 inzendingen, daarna herstart'
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bb-faults-kill-'))
  fs.chmodSync(dataDir, 0o755)
  let portal = startPortal(dataDir)
  try {
    await waitReady()
    const cookie = await signIn()
    const area = await areaId()
    const acknowledged: string[] = []
    let sent = 0
    let killed = false
    const worker = async (w: number) => {
      for (let i = 0; sent < 1000; i++) {
        const title = `fault-kill-${w}-${i}`
        sent++
        try {
          const status = await submit(cookie, area, title)
          if (status === 302) acknowledged.push(title)
        } catch {
          /* connection gone: not acknowledged */
        }
        if (!killed && acknowledged.length >= 300) {
          killed = true
          portal.kill('SIGKILL')
        }
        if (killed) return
      }
    }
    await Promise.all([0, 1, 2, 3].map(worker))
    await new Promise((r) =>
      portal.exitCode !== null || portal.signalCode !== null ? r(null) : portal.once('exit', r),
    )
    const orphan = postmasterPid(dataDir)
    portal = startPortal(dataDir)
    await waitReady()
    const rows = await stored('fault-kill-')
    const titles = new Set(rows.map((r) => r.title))
    const missing = acknowledged.filter((t) => !titles.has(t))
    const duplicates = rows.length - titles.size
    const half = rows.filter((r) => r.location !== 'Plein' || !r.foundationId).length
    const ok = acknowledged.length >= 300 && missing.length === 0 && duplicates === 0 && half === 0
    return {
      name,
      ok,
      detail: `${acknowledged.length} bevestigd, ${rows.length} opgeslagen, ${missing.length} kwijt, ${duplicates} dubbel, ${half} half; achtergebleven PostgreSQL ${orphan} gestopt bij herstart`,
    }
  } catch (error) {
    return { name, ok: false, detail: (error as Error).message }
  } finally {
    await stopPortal(portal)
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

async function postgresPaused(): Promise<Result> {
  const name = 'PostgreSQL 10 s gepauzeerd onder belasting'
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bb-faults-pause-'))
  fs.chmodSync(dataDir, 0o755)
  const portal = startPortal(dataDir, { DB_CONNECT_TIMEOUT_MS: '2000', DB_STATEMENT_TIMEOUT_MS: '3000' })
  try {
    await waitReady()
    const cookie = await signIn()
    const area = await areaId()
    const pid = postmasterPid(dataDir)
    if (!pid) throw new Error('geen postmaster.pid')
    const acknowledged: string[] = []
    const statuses = new Map<number, number>()
    let hung = 0
    let stop = false
    const load = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const title = `fault-pause-${w}-${i}`
        try {
          const status = await submit(cookie, area, title, 20_000)
          statuses.set(status, (statuses.get(status) ?? 0) + 1)
          if (status === 302) acknowledged.push(title)
        } catch {
          hung++
        }
        await sleep(100)
      }
    }
    const running = Promise.all([0, 1, 2].map(load))
    await sleep(2000)
    // Pause every process of the cluster (postmaster and backends).
    const pids = execFileSync('pgrep', ['-P', String(pid)])
      .toString()
      .trim()
      .split('\n')
      .map(Number)
      .concat(pid)
    for (const p of pids) process.kill(p, 'SIGSTOP')
    await sleep(10_000)
    for (const p of pids) process.kill(p, 'SIGCONT')
    // Recovery without help: within a minute, submissions are acknowledged again.
    const before = acknowledged.length
    let recovered = false
    for (let i = 0; i < 120 && !recovered; i++) {
      await sleep(500)
      recovered = acknowledged.length > before + 3
    }
    stop = true
    await running
    const rows = await stored('fault-pause-')
    const titles = new Set(rows.map((r) => r.title))
    const missing = acknowledged.filter((t) => !titles.has(t))
    const fiveHundreds = statuses.get(500) ?? 0
    const ok = recovered && missing.length === 0 && fiveHundreds === 0 && hung === 0 && (statuses.get(503) ?? 0) > 0
    return {
      name,
      ok,
      detail: `antwoorden ${JSON.stringify(Object.fromEntries(statuses))}, ${hung} bleven hangen, hersteld: ${recovered}, ${missing.length} bevestigde kwijt`,
    }
  } catch (error) {
    return { name, ok: false, detail: (error as Error).message }
  } finally {
    await stopPortal(portal)
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

ensureBuild()
const results: Result[] = []
for (const scenario of [sigkillDuringSubmissions, postgresPaused]) {
  const result = await scenario()
  console.log(`${result.ok ? 'ok  ' : 'FOUT'} ${result.name}: ${result.detail}`)
  results.push(result)
}
const passed = results.filter((r) => r.ok).length
console.log(`${passed} passed, ${results.length - passed} failed`)
process.exit(passed === results.length ? 0 : 1)

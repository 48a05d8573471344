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
 * 3. PostgreSQL killed (SIGKILL of the server and its backends) under load: the portal starts it
 *    again by itself, answers 503 meanwhile (never a 500, never hanging), and no acknowledged write
 *    is lost (crash recovery from the write-ahead log).
 * 4. The mail server away: mail of real actions (foundations registering) waits in the outbox while
 *    SMTP refuses connections, and arrives exactly once each when the mail server is back.
 * 5. Two portal instances on one database under load: both send mail and run the scheduler; the
 *    same awards are sent to both at once; every award is decided once, no mail is sent twice, and
 *    `npm run ledger:verify` passes.
 */
import { spawn, spawnSync, execFileSync, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { SMTPServer } from 'smtp-server'
import { totp } from '../app/auth/totp.ts'
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../app/seed/demo-accounts.ts'

const root = path.resolve(import.meta.dirname, '..')
const BUILD_DIR = process.env.BUILD_DIR ?? 'build'
const PORT = Number(process.env.FAULTS_PORT ?? 3290)
const PG_PORT = Number(process.env.FAULTS_PG_PORT ?? 54490)
const BASE = `http://127.0.0.1:${PORT}`
const PG_URL = `postgresql://postgres:postgres@127.0.0.1:${PG_PORT}/buurtbudget`

/** The portal logs of the scenario running now, shown when it fails (read before the data dir goes). */
const lastLogs: string[] = []
/** Data directories of finished scenarios, removed after their result (and logs) were printed. */
const leftovers: string[] = []
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

function ensureBuild() {
  if (fs.existsSync(path.join(root, BUILD_DIR, 'server/index.js'))) return
  console.log(`Geen build in ${BUILD_DIR}: remix vite:build ...`)
  execFileSync('npx', ['remix', 'vite:build'], { cwd: root, stdio: 'inherit', env: { ...process.env, BUILD_DIR } })
}

function startPortal(dataDir: string, extraEnv: Record<string, string> = {}): ChildProcess {
  const logName = extraEnv.PORT ? `portal-${extraEnv.PORT}.log` : 'portal.log'
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
  const logFile = path.join(dataDir, logName)
  lastLogs.push(logFile)
  const log = fs.createWriteStream(logFile, { flags: 'a' })
  child.stdout!.pipe(log)
  child.stderr!.pipe(log)
  return child
}

async function waitReady(timeoutMs = 180_000, base = BASE) {
  const end = Date.now() + timeoutMs
  while (Date.now() < end) {
    try {
      const r = await fetch(`${base}/readyz`)
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
async function submit(cookie: string, area: string, title: string, timeoutMs = 30_000, base = BASE): Promise<number> {
  const body = new URLSearchParams({ intent: 'save', title, category: 'groen', areaId: area, location: 'Plein' })
  const r = await fetch(`${base}/aanvragen/nieuw`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie, Origin: base },
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
    leftovers.push(dataDir)
  }
}

/**
 * Three clients submitting drafts (titles `<prefix>-<client>-<n>`) until stopped: what each got back,
 * which submissions were acknowledged (302) and how many never got an answer in 20 s.
 */
function submissionLoad(cookie: string, area: string, prefix: string) {
  const acknowledged: string[] = []
  const statuses = new Map<number, number>()
  let hung = 0
  let stop = false
  const client = async (w: number) => {
    for (let i = 0; !stop; i++) {
      const title = `${prefix}-${w}-${i}`
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
  const running = Promise.all([0, 1, 2].map(client))
  return {
    acknowledged,
    statuses,
    hung: () => hung,
    /** Waits (at most `timeoutMs`) until a few more submissions than now are acknowledged. */
    async recovers(timeoutMs: number) {
      const before = acknowledged.length
      for (const end = Date.now() + timeoutMs; Date.now() < end;) {
        await sleep(500)
        if (acknowledged.length > before + 3) return true
      }
      return false
    },
    stop: async () => {
      stop = true
      await running
    },
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
    const load = submissionLoad(cookie, area, 'fault-pause')
    await sleep(2000)
    // Pause every process of the cluster (postmaster and backends).
    const pids = clusterPids(dataDir)
    for (const p of pids) process.kill(p, 'SIGSTOP')
    await sleep(10_000)
    for (const p of pids) process.kill(p, 'SIGCONT')
    // Recovery without help: within a minute, submissions are acknowledged again.
    const recovered = await load.recovers(60_000)
    await load.stop()
    const { acknowledged, statuses } = load
    const hung = load.hung()
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
    leftovers.push(dataDir)
  }
}

/** Every process of the embedded cluster: the postmaster and its children (backends, writer, WAL). */
function clusterPids(dataDir: string): number[] {
  const pid = postmasterPid(dataDir)
  if (!pid) throw new Error('geen postmaster.pid')
  const children = execFileSync('pgrep', ['-P', String(pid)])
    .toString()
    .trim()
    .split('\n')
    .filter(Boolean)
    .map(Number)
  return [pid, ...children]
}

async function postgresKilled(): Promise<Result> {
  const name = 'PostgreSQL gedood (SIGKILL) onder belasting'
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bb-faults-pgkill-'))
  fs.chmodSync(dataDir, 0o755)
  const portal = startPortal(dataDir, { DB_CONNECT_TIMEOUT_MS: '2000', DB_STATEMENT_TIMEOUT_MS: '3000' })
  try {
    await waitReady()
    const cookie = await signIn()
    const area = await areaId()
    const load = submissionLoad(cookie, area, 'fault-pgkill')
    await sleep(2000)
    const killed = clusterPids(dataDir)
    for (const p of killed) {
      try {
        process.kill(p, 'SIGKILL')
      } catch {
        /* already gone */
      }
    }
    const recovered = await load.recovers(120_000)
    await load.stop()
    const { acknowledged, statuses } = load
    const hung = load.hung()
    const restartedPid = postmasterPid(dataDir)
    const rows = await stored('fault-pgkill-')
    const titles = new Set(rows.map((r) => r.title))
    const missing = acknowledged.filter((t) => !titles.has(t))
    const fiveHundreds = statuses.get(500) ?? 0
    const ok = recovered && missing.length === 0 && fiveHundreds === 0 && hung === 0 && restartedPid !== killed[0]
    return {
      name,
      ok,
      detail: `antwoorden ${JSON.stringify(Object.fromEntries(statuses))}, ${hung} bleven hangen, door het portaal herstart: ${recovered} (postmaster ${killed[0]} -> ${restartedPid}), ${missing.length} bevestigde kwijt`,
    }
  } catch (error) {
    return { name, ok: false, detail: (error as Error).message }
  } finally {
    await stopPortal(portal)
    leftovers.push(dataDir)
  }
}

/** A real SMTP server that keeps the Message-ID of every mail it receives. */
async function mailCatcher(port: number) {
  const received: string[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8')
        received.push(/^Message-ID:\s*(\S+)/im.exec(raw)?.[1] ?? `(geen Message-ID ${received.length})`)
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return { received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}

/** A foundation registers itself (a real action that mails its new account a confirmation link). */
async function registerFoundation(n: number, area: string, base = BASE): Promise<number> {
  const body = new URLSearchParams({
    name: `Stichting Storingstest ${n}`,
    kvkNumber: String(80_000_000 + n),
    iban: 'NL91ABNA0417164300',
    accountHolder: `Stichting Storingstest ${n}`,
    street: 'Stadsring 1',
    postalCode: '3811 HA',
    city: 'Amersfoort',
    contactName: 'Contactpersoon',
    email: `stichting-${n}@storingstest.example`,
    areaIds: area,
    yourName: 'Bestuurder',
    yourEmail: `bestuur-${n}@storingstest.example`,
    password: 'storingstest-wachtwoord-2026',
  })
  const r = await fetch(`${base}/stichting-aanmelden`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base },
    body,
    redirect: 'manual',
    signal: AbortSignal.timeout(120_000),
  })
  await r.arrayBuffer().catch(() => undefined)
  return r.status
}

async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: PG_URL })
  await c.connect()
  try {
    return (await c.query<T>(sql, params)).rows
  } finally {
    await c.end()
  }
}

/** Waits until the outbox holds no mail that is still to be sent; returns the outbox's row count. */
async function outboxDrained(timeoutMs: number): Promise<number> {
  const end = Date.now() + timeoutMs
  for (;;) {
    const [row] = await query<{ open: string; total: string }>(
      `SELECT count(*) FILTER (WHERE status <> 'SENT') AS open, count(*) AS total FROM "OutboxMail"`,
    )
    if (Number(row.open) === 0) return Number(row.total)
    if (Date.now() > end) throw new Error(`${row.open} mails nog niet verstuurd na ${timeoutMs / 1000} s`)
    await sleep(500)
  }
}

async function smtpAway(): Promise<Result> {
  const name = 'Mailserver weg: mail wacht en komt één keer aan'
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bb-faults-smtp-'))
  fs.chmodSync(dataDir, 0o755)
  const smtpPort = PORT + 50
  const portal = startPortal(dataDir, {
    MAIL_WORKER: 'on',
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    MAIL_RETRY_BASE_SECONDS: '1',
    MAIL_RETRY_MAX_SECONDS: '4',
    MAIL_MAX_ATTEMPTS: '100',
  })
  let catcher: Awaited<ReturnType<typeof mailCatcher>> | null = null
  try {
    await waitReady()
    const area = await areaId()
    // The seed's own mail goes out first... there is no mail server, so it waits too.
    const statuses = await Promise.all(Array.from({ length: 20 }, (_, n) => registerFoundation(n, area)))
    const refused = statuses.filter((s) => s !== 302).length
    await sleep(8000)
    const [waiting] = await query<{ n: string; tried: string }>(
      `SELECT count(*) AS n, count(*) FILTER (WHERE attempts > 0) AS tried FROM "OutboxMail" WHERE status = 'PENDING'`,
    )
    catcher = await mailCatcher(smtpPort)
    const total = await outboxDrained(120_000)
    await sleep(3000) // a second delivery of something would arrive here
    const unique = new Set(catcher.received)
    const ok =
      refused === 0 &&
      Number(waiting.n) >= 20 &&
      Number(waiting.tried) > 0 &&
      catcher.received.length === total &&
      unique.size === total
    return {
      name,
      ok,
      detail: `${20 - refused}/20 aanmeldingen bevestigd; zonder mailserver ${waiting.n} mails wachtend (${waiting.tried} al geprobeerd); daarna ${catcher.received.length} ontvangen, ${unique.size} verschillend, ${total} in de outbox`,
    }
  } catch (error) {
    return { name, ok: false, detail: (error as Error).message }
  } finally {
    await stopPortal(portal)
    await catcher?.close()
    leftovers.push(dataDir)
  }
}

/** A reviewer signed in over HTTP, with the demo TOTP secret for the second step (README). */
async function staffSignIn(base: string, email: string): Promise<string> {
  const first = await fetch(`${base}/inloggen`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD }),
    redirect: 'manual',
  })
  const pending = first.headers.get('set-cookie')?.split(';')[0]
  if (first.status !== 302 || !pending) throw new Error(`inloggen ${email} mislukt: ${first.status}`)
  const second = await fetch(`${base}/inloggen/tweede-stap`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base, Cookie: pending },
    body: new URLSearchParams({ code: totp(DEMO_TOTP_SECRET) }),
    redirect: 'manual',
  })
  const session = second.headers.get('set-cookie')?.split(';')[0]
  if (second.status !== 302 || !session) throw new Error(`tweede stap ${email} mislukt: ${second.status}`)
  return session
}

async function twoInstances(): Promise<Result> {
  const name = 'Twee portaalinstanties op één database onder belasting'
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bb-faults-two-'))
  fs.chmodSync(dataDir, 0o755)
  const smtpPort = PORT + 51
  const catcher = await mailCatcher(smtpPort)
  const mail = { MAIL_WORKER: 'on', SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, MAIL_RETRY_BASE_SECONDS: '1' }
  const a = startPortal(dataDir, { ...mail, PORT: String(PORT) })
  const baseB = `http://127.0.0.1:${PORT + 1}`
  let b: ChildProcess | null = null
  try {
    await waitReady()
    b = startPortal(dataDir, { ...mail, PORT: String(PORT + 1), DATABASE_URL: PG_URL })
    await waitReady(180_000, baseB)
    const bases = [BASE, baseB]
    const area = await areaId()
    const cookie = await signIn()
    const reviewer = await staffSignIn(BASE, 'beoordelaar@amersfoort.example')
    const [round] = await query<{ threshold: string }>(
      `SELECT "fourEyesThresholdCents" AS threshold FROM "BudgetRound" WHERE year = 2026`,
    )
    const amountCents = Math.min(25_000, Number(round.threshold) - 100)
    const open = await query<{ id: string }>(
      `SELECT a.id FROM "Application" a JOIN "BudgetRound" r ON r.id = a."roundId"
       WHERE r.year = 2026 AND a.status IN ('SUBMITTED', 'IN_REVIEW') AND a."requestedCents" >= $1`,
      [amountCents],
    )
    if (open.length === 0) throw new Error('geen ingediende aanvragen om te beslissen')
    const statuses = new Map<number, number>()
    const count = (s: number) => statuses.set(s, (statuses.get(s) ?? 0) + 1)
    const award = (id: string, base: string) =>
      fetch(`${base}/beoordelen/${id}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: reviewer, Origin: base },
        body: new URLSearchParams({
          intent: 'approve',
          amount: (amountCents / 100).toFixed(2).replace('.', ','),
          reasons: 'Past in de regeling (storingstest).',
        }),
        redirect: 'manual',
        signal: AbortSignal.timeout(120_000),
      }).then(async (r) => {
        await r.arrayBuffer().catch(() => undefined)
        count(r.status)
        return r.status
      })
    // Load on both: drafts and registrations (with mail) on each instance, and every award sent to
    // both instances at the same moment.
    let hung = 0
    const drafts = Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        submit(cookie, area, `fault-two-${i}`, 120_000, bases[i % 2]).then(count, () => hung++),
      ),
    )
    const registrations = Promise.all(
      Array.from({ length: 10 }, (_, n) => registerFoundation(100 + n, area, bases[n % 2]).then(count, () => hung++)),
    )
    const awards = await Promise.all(open.map(({ id }) => Promise.all([award(id, BASE), award(id, baseB)])))
    await Promise.all([drafts, registrations])
    const bothWon = awards.filter(([x, y]) => x === 302 && y === 302).length
    const noneWon = awards.filter(([x, y]) => x !== 302 && y !== 302).length
    const ids = open.map((o) => o.id)
    const decisions = await query<{ applicationId: string; n: string }>(
      `SELECT "applicationId", count(*) AS n FROM "Decision" WHERE "applicationId" = ANY($1) GROUP BY 1`,
      [ids],
    )
    const doubleDecided = decisions.filter((d) => Number(d.n) !== 1).length
    const total = await outboxDrained(120_000)
    await sleep(3000)
    const unique = new Set(catcher.received)
    const check = spawnSync(process.execPath, ['--import', 'tsx', 'app/cli/ledger-verify.ts'], {
      cwd: root,
      env: { ...process.env, PORTAL_MODE: 'demo', DATABASE_URL: PG_URL },
      encoding: 'utf8',
    })
    const verified = check.status === 0
    const verify = `${check.stdout}\n${check.stderr}`
    const fiveHundreds = [...statuses.entries()].filter(([s]) => s >= 500 && s !== 503).reduce((n, [, c]) => n + c, 0)
    // An award that neither instance could take (both busy: 503, "try again") is allowed; one
    // taken twice, or a decision without a winning answer, is not.
    const ok =
      fiveHundreds === 0 &&
      hung === 0 &&
      bothWon === 0 &&
      doubleDecided === 0 &&
      decisions.length === ids.length - noneWon &&
      catcher.received.length === total &&
      unique.size === total &&
      verified
    return {
      name,
      ok,
      detail: `antwoorden ${JSON.stringify(Object.fromEntries(statuses))}, ${hung} bleven hangen; ${ids.length} toekenningen tegelijk naar beide: ${bothWon} dubbel gewonnen, ${noneWon} door geen, ${doubleDecided} dubbel besloten; ${catcher.received.length} mails ontvangen, ${unique.size} verschillend, ${total} in de outbox; ledger:verify ${verified ? 'klopt' : `FOUT: ${verify.trim().split('\n').slice(0, 6).join(' / ')}`}`,
    }
  } catch (error) {
    return { name, ok: false, detail: (error as Error).message }
  } finally {
    if (b) await stopPortal(b)
    await stopPortal(a)
    await catcher.close()
    leftovers.push(dataDir)
  }
}

ensureBuild()
const only = process.argv.slice(2)
const scenarios = [sigkillDuringSubmissions, postgresPaused, postgresKilled, smtpAway, twoInstances].filter(
  (s) => only.length === 0 || only.includes(s.name),
)
const results: Result[] = []
for (const scenario of scenarios) {
  const result = await scenario()
  console.log(`${result.ok ? 'ok  ' : 'FOUT'} ${result.name}: ${result.detail}`)
  if (!result.ok && lastLogs.length) {
    for (const file of lastLogs) {
      const lines = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split('\n') : []
      console.log(`---- laatste regels van ${path.basename(file)}:\n${lines.slice(-40).join('\n')}`)
    }
  }
  lastLogs.length = 0
  for (const dir of leftovers.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
  results.push(result)
}
const passed = results.filter((r) => r.ok).length
console.log(`${passed} passed, ${results.length - passed} failed`)
process.exit(passed === results.length ? 0 : 1)

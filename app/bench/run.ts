/**
 * `npm run bench` (not part of `npm test`): the portal at a city's scale, measured from outside
 * (docs/decisions/0023-bench-harness.md, results in docs/performance.md and bench/results.json).
 *
 *  1. builds the app (BUILD_DIR, default build/) unless BENCH_SKIP_BUILD=1;
 *  2. a fresh embedded PostgreSQL with the demo seed plus set-based scale data (app/bench/data.server.ts):
 *     100,000 applications, 1,000,000 ledger entries, 200,000 expenses, books balanced;
 *  3. the production server against it; the auditor dashboard as the ledger grows (10k, 100k, 1M entries);
 *  4. autocannon at 32 connections over the URL table in app/bench/targets.ts, interleaved in rounds;
 *  5. 200 concurrent awards in one wijk through the real approval path (app/applications/review.server.ts);
 *  6. the ledger as CSV: PostgreSQL COPY, and the export route once it exists (LEDGER_EXPORT_PATH);
 *  7. cold start of the built server on the existing data (embedded PostgreSQL included) to its first page;
 *  8. the allocation of 2,000 wijken (pure computation).
 * Every loop is bounded in count and time, only 127.0.0.1 is contacted, and a watchdog ends the run
 * after BENCH_MAX_MINUTES (default 14). Exit code 1 when the data or the awards are wrong (or the
 * harness fails); missed performance targets are reported (BENCH_STRICT=1 makes them fail too).
 */
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import fsp from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import autocannon from 'autocannon'
import pg from 'pg'
import { allocate, type AllocationInput } from '#app/allocation/allocate.ts'
import { projectRoot, startEmbeddedPostgres, type EmbeddedPostgres } from '#app/db/embedded.server.ts'
import { migrate } from '#app/db/migrate.server.ts'
import { BENCH_EXPENSES, BENCH_GRANTS, addGrants, checkReferences, countEntries, generateBase } from './data.server.ts'
import { startPortal, type PortalProcess } from './server.ts'
import {
  LEDGER_EXPORT_PATH,
  LOAD,
  LOAD_TARGETS,
  QUEUE_TARGETS,
  QUEUE_TIMING,
  TARGETS,
  type LoadTarget,
  type Persona,
} from './targets.ts'

const root = projectRoot()
const PORT = Number(process.env.BENCH_PORT ?? 3225)
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 54425)
const BUILD_DIR = process.env.BUILD_DIR ?? 'build'
const MAX_MINUTES = Number(process.env.BENCH_MAX_MINUTES ?? 14)
const DATABASE = 'buurtbudget'
/** `BENCH_ONLY=queue`: only the reviewer's queue (data, server times, load of the queue rows and the bare route). */
const ONLY = process.env.BENCH_ONLY === 'queue' ? 'queue' : null
/** `BENCH_KEEP=1`: stop after generating and checking the data, and keep the data directory (to study queries). */
const KEEP = process.env.BENCH_KEEP === '1'
const SESSION_SECRET = randomBytes(24).toString('hex')
const BROWSER_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36'
const t0 = performance.now()
const since = () => `${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s`
const say = (message: string) => console.log(`[${since()}] ${message}`)

type LoadResult = {
  name: string
  path: string
  method: string
  requests: number
  seconds: number
  requestsPerSecond: number
  p50Ms: number | null
  p99Ms: number | null
  errors: number
  timeouts: number
  non2xx: number
  statusCodes: Record<string, number>
  ratioToBare: number | null
  peakRssMb: number
  meetsTargets: boolean | null
}

const results: Record<string, unknown> = {}
const missed: string[] = []
const wrong: string[] = []

// The app's own modules read DATABASE_URL, SESSION_SECRET and the mode when first used.
function appEnv(databaseUrl: string) {
  return {
    DATABASE_URL: databaseUrl,
    PORTAL_MODE: 'production',
    SESSION_SECRET,
    PORTAL_CLOCK: '2026-11-26',
    PUBLIC_URL: `http://127.0.0.1:${PORT}`,
    MAIL_WORKER: 'off',
    // The scheduler's jobs would warn about 20,000 overdue generated applications at start-up
    // (thousands of mails in one transaction) and keep the server from answering; pages are measured here.
    JOBS: 'off',
    BUILD_DIR,
  }
}

function machine() {
  const cpus = os.cpus()
  return {
    nproc: os.availableParallelism(),
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
  }
}

async function build() {
  if (process.env.BENCH_SKIP_BUILD === '1') return say(`build skipped (BENCH_SKIP_BUILD=1), using ${BUILD_DIR}/`)
  say(`building the app into ${BUILD_DIR}/`)
  // The same check-and-build as `npm start` (app/cli/start.mjs), so the cold start below finds a current build.
  const run = spawnSync(process.execPath, ['app/cli/start.mjs', '--build-only'], {
    cwd: root,
    env: { ...process.env, BUILD_DIR },
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: 5 * 60_000,
  })
  if (run.status !== 0) throw new Error('the build failed')
}

/**
 * Waits (at most maxMs) until the previous load has drained: PostgreSQL runs no query but ours and
 * the server's event loop answers /healthz within 200 ms (requests abandoned by the load generator
 * are still rendered by the server).
 */
async function drain(db: pg.Client, portal: PortalProcess, maxMs = 30_000) {
  const deadline = Date.now() + maxMs
  while (Date.now() < deadline) {
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND state = 'active' AND pid <> pg_backend_pid()`,
      [DATABASE],
    )
    if (rows[0].n === 0) {
      const start = performance.now()
      const ok = await fetch(`${portal.baseUrl}/healthz`, { signal: AbortSignal.timeout(5000) })
        .then((r) => r.text())
        .then(
          () => true,
          () => false,
        )
      if (ok && performance.now() - start < 200) return
    }
    await sleep(250)
  }
  say(`  (server still busy after ${maxMs / 1000} s; continuing)`)
}

function fill(text: string, values: Record<string, string>) {
  return text.replace(/\{(\w+)\}/g, (_m, key: string) => values[key] ?? `{${key}}`)
}

async function runLoad(
  target: LoadTarget,
  portal: PortalProcess,
  cookies: Record<Persona, string>,
  values: Record<string, string>,
  seconds: number,
): Promise<autocannon.Result> {
  const headers: Record<string, string> = { 'user-agent': BROWSER_UA, accept: 'text/html' }
  if (target.as) headers.cookie = cookies[target.as]
  let body: string | undefined
  if (target.method === 'POST') {
    headers['content-type'] = 'application/x-www-form-urlencoded'
    headers.origin = portal.baseUrl
    body = new URLSearchParams(
      Object.fromEntries(Object.entries(target.form ?? {}).map(([k, v]) => [k, fill(v, values)])),
    ).toString()
  }
  return autocannon({
    url: portal.baseUrl + fill(target.path, values),
    method: target.method ?? 'GET',
    headers,
    body,
    connections: LOAD.connections,
    duration: seconds,
    timeout: LOAD.requestTimeoutSeconds,
  })
}

/**
 * The dashboard's time at the ledger's current size: one request first that is not counted (it folds
 * the balance deltas of the bulk load just generated, with the trigger's backlog of every account at
 * once, and warms the caches; in use that fold is spread over the page views as the ledger grows,
 * docs/decisions/0039), then the median of `runs` requests.
 */
async function measureDashboard(portal: PortalProcess, cookie: string, runs = 7) {
  const times: number[] = []
  let status = 0
  let bytes = 0
  let warmUpMs: number | null = null
  for (let i = -1; i < runs; i++) {
    // A page that takes over 10 s is measured once (time budget).
    if (times.length && times[0] > 10_000) break
    const start = performance.now()
    try {
      const res = await fetch(`${portal.baseUrl}/controle`, {
        headers: { cookie, 'user-agent': BROWSER_UA },
        signal: AbortSignal.timeout(120_000),
      })
      bytes = (await res.arrayBuffer()).byteLength
      status = res.status
    } catch (error) {
      status = -1
      say(`  dashboard request failed: ${(error as Error).message}`)
    }
    if (i < 0) warmUpMs = Math.round(performance.now() - start)
    else times.push(performance.now() - start)
    if (warmUpMs !== null && warmUpMs > 10_000) break
  }
  times.sort((a, b) => a - b)
  const medianMs = times.length ? Math.round(times[Math.floor(times.length / 2)]) : (warmUpMs ?? 0)
  return { runs: times.length, warmUpMs, medianMs, status, bytes }
}

type QueueTime = {
  name: string
  path: string
  status: number
  bytes: number
  /** Median of QUEUE_TIMING.runs requests one after the other (response complete), ms. */
  medianMs: number
  p90Ms: number
  /** The page's server time divided by the bare route's (1.0 = as fast as /healthz). */
  ratioToBare: number | null
  /** The total the page reports ("… aanvragen"), as a check that the queue really holds the data. */
  total: string | null
}

/** The queue's server time, one request at a time, next to the bare route's (issue 10). */
async function queueTimes(portal: PortalProcess, cookies: Record<Persona, string>): Promise<QueueTime[]> {
  const bare = LOAD_TARGETS.find((t) => t.bare)!
  const measure = async (target: LoadTarget) => {
    const headers: Record<string, string> = { 'user-agent': BROWSER_UA, accept: 'text/html' }
    if (target.as) headers.cookie = cookies[target.as]
    const times: number[] = []
    let status = 0
    let bytes = 0
    let body = ''
    for (let i = 0; i < QUEUE_TIMING.warmup + QUEUE_TIMING.runs; i++) {
      const start = performance.now()
      const res = await fetch(portal.baseUrl + target.path, { headers, signal: AbortSignal.timeout(60_000) })
      body = await res.text()
      const ms = performance.now() - start
      status = res.status
      bytes = Buffer.byteLength(body)
      if (i >= QUEUE_TIMING.warmup) times.push(ms)
    }
    times.sort((a, b) => a - b)
    const total = /([\d.]+) aanvragen/.exec(body)?.[1] ?? null
    return {
      name: target.name,
      path: target.path,
      status,
      bytes,
      medianMs: Math.round(times[Math.floor(times.length / 2)] * 10) / 10,
      p90Ms: Math.round(times[Math.floor(times.length * 0.9)] * 10) / 10,
      ratioToBare: null as number | null,
      total,
    }
  }
  const base = await measure(bare)
  base.ratioToBare = 1
  const rows: QueueTime[] = [base]
  for (const target of QUEUE_TARGETS) {
    const row = await measure(target)
    row.ratioToBare = Math.round((row.medianMs / base.medianMs) * 10) / 10
    if (row.status !== 200) wrong.push(`queue: ${target.name} answered ${row.status}`)
    rows.push(row)
    say(
      `queue ${target.name}: ${row.medianMs} ms (${row.ratioToBare}x the bare route), ${row.total ?? '?'} applications`,
    )
  }
  return rows
}

async function sessionCookies(): Promise<Record<Persona, string>> {
  const { prisma } = await import('#app/db.server.ts')
  const { createUserSession } = await import('#app/auth/session.server.ts')
  const cookieOf = async (email: string) => {
    const user = await prisma.user.findUniqueOrThrow({ where: { email } })
    return (await createUserSession(user.id)).split(';')[0]
  }
  return {
    reviewer: await cookieOf('beoordelaar@amersfoort.example'),
    auditor: await cookieOf('controleur@amersfoort.example'),
    member: await cookieOf('aanvrager@hooglandleeft.example'),
  }
}

/** 200 reviewers' approvals at once in one wijk that can afford about 150 of them. */
async function concurrentAwards(db: pg.Client, roundId: string) {
  const { prisma } = await import('#app/db.server.ts')
  const { approve } = await import('#app/review/decisions.server.ts')
  const { checkLedger, areaMoney } = await import('#app/ledger/reports.server.ts')
  const N = 200
  const reviewer = await prisma.user.findUniqueOrThrow({
    where: { email: 'beoordelaar@amersfoort.example' },
    include: { reviewerAreas: true },
  })
  const area = await prisma.area.findUniqueOrThrow({ where: { code: 'WK030720' } })
  const account = await prisma.account.findFirstOrThrow({ where: { roundId, areaId: area.id, kind: 'AREA_AVAILABLE' } })
  const available = Number(account.balanceCents)
  const amount = Math.ceil(available / 150)
  const expected = Math.min(N, Math.floor(available / amount))
  await db.query(
    `INSERT INTO "Application" (id, reference, "roundId", "areaId", "foundationId", title, category, status,
       "requestedCents", "submittedAt", "decisionDueOn", "createdById", "updatedAt", "declarationTrue", "declarationPublish")
     SELECT 'bench-race-' || i, 'BENCH-RACE-' || lpad(i::text, 3, '0'), $1, $2,
       (SELECT "foundationId" FROM "FoundationArea" WHERE "areaId" = $2 AND starts_with("foundationId", 'bench-f-') LIMIT 1),
       'Gelijktijdige toekenning ' || i, 'ontmoeting', 'SUBMITTED', $3, now(), date '2026-12-31', $4, now(), true, true
     FROM generate_series(1, ${N}) AS i`,
    [roundId, area.id, amount, reviewer.id],
  )
  const staff = {
    id: reviewer.id,
    role: reviewer.role,
    areaIds: reviewer.reviewerAreas.map((r) => r.areaId),
    foundationIds: [],
  }
  const start = performance.now()
  const outcomes = await Promise.allSettled(
    Array.from({ length: N }, (_, i) => approve(staff, `bench-race-${i + 1}`, amount)),
  )
  const ms = performance.now() - start
  const ok = outcomes.filter((o) => o.status === 'fulfilled').length
  const refusals = outcomes
    .filter((o): o is PromiseRejectedResult => o.status === 'rejected')
    .map((o) => (o.reason as Error)?.message ?? String(o.reason))
  // errors other than 'not enough budget' (a DomainError carries its message key, decide.insufficient)
  const overspend = refusals.filter((m) => !/vrij beschikbare budget|^decide\.insufficient$/.test(m))
  const after = await prisma.account.findUniqueOrThrow({ where: { id: account.id } })
  const awarded = await prisma.application.count({ where: { id: { startsWith: 'bench-race-' }, status: 'AWARDED' } })
  const books = await checkLedger(roundId)
  const wijk = (await areaMoney(roundId, [area.id]))[0]
  // Money: exactly the successful approvals were booked, never more than the wijk had, books balanced.
  const moneyCorrect =
    ok <= expected &&
    awarded === ok &&
    Number(after.balanceCents) === available - ok * amount &&
    books.balancesMatchEntries &&
    books.sumOfBalancesIsZero &&
    books.sourceEqualsPot &&
    wijk.balanced
  const result = {
    approvals: N,
    wijk: area.code,
    availableBeforeCents: available,
    amountCents: amount,
    expectedAwards: expected,
    awards: ok,
    refusedForLackOfBudget: refusals.length - overspend.length,
    otherErrors: overspend.slice(0, 3),
    availableAfterCents: Number(after.balanceCents),
    booksBalanced: books.balancesMatchEntries && books.sumOfBalancesIsZero && books.sourceEqualsPot && wijk.balanced,
    totalMs: Math.round(ms),
    msPerApproval: Math.round((ms / N) * 10) / 10,
    moneyCorrect,
    /** Every approval either awarded or refused for lack of budget (no other error). */
    allAnswered: ok === expected && overspend.length === 0,
  }
  if (!moneyCorrect) wrong.push(`concurrent awards: ${JSON.stringify(result)}`)
  if (!result.allAnswered)
    missed.push(
      `concurrent awards: ${ok} of the ${expected} affordable approvals succeeded; ${overspend.length} failed otherwise (${overspend[0] ?? ''})`,
    )
  return result
}

async function copyVersusExport(db: pg.Client, portal: PortalProcess, auditorCookie: string, dir: string) {
  const file = path.join(dir, 'copy', 'ledger.csv')
  await fsp.mkdir(path.dirname(file), { recursive: true })
  await fsp.chmod(path.dirname(file), 0o777)
  const start = performance.now()
  await db.query(`COPY (SELECT * FROM "LedgerEntry" ORDER BY id) TO '${file}' WITH (FORMAT csv, HEADER true)`)
  const copyMs = performance.now() - start
  const copyBytes = (await fsp.stat(file)).size
  await fsp.rm(file)
  const out: Record<string, unknown> = {
    entries: await countEntries(db),
    copy: { ms: Math.round(copyMs), bytes: copyBytes },
  }
  if (LEDGER_EXPORT_PATH) {
    // The server's memory while it streams the export (issue 12: growth under 100 MB).
    const rssBefore = portal.rssKb()
    let rssPeak = rssBefore
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, portal.rssKb())), 100)
    const begin = performance.now()
    const res = await fetch(portal.baseUrl + LEDGER_EXPORT_PATH, {
      headers: { cookie: auditorCookie, 'user-agent': BROWSER_UA },
      signal: AbortSignal.timeout(300_000),
    })
    let bytes = 0
    let lines = 0
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.byteLength
      for (const b of chunk) if (b === 10) lines++
    }
    const ms = performance.now() - begin
    clearInterval(sampler)
    const rssGrowthMb = Math.round((rssPeak - rssBefore) / 1024)
    out.export = { path: LEDGER_EXPORT_PATH, status: res.status, ms: Math.round(ms), bytes, lines, rssGrowthMb }
    if (rssGrowthMb >= 100) missed.push(`ledger CSV export: server memory grew ${rssGrowthMb} MB (target < 100 MB)`)
    out.exportToCopyRatio = Math.round((ms / copyMs) * 10) / 10
  } else {
    out.export = 'not measured: no export route on this branch (set LEDGER_EXPORT_PATH in app/bench/targets.ts)'
  }
  return out
}

function allocationBench() {
  const input: AllocationInput = {
    potCents: 10_000_000_000,
    fixedAllowanceCents: 100_000,
    areas: Array.from({ length: 2000 }, (_, i) => ({
      areaId: `a${i}`,
      code: `WK${String(i).padStart(6, '0')}`,
      inhabitants: 500 + ((i * 7919) % 20_000),
      weightMilli: i % 5 === 0 ? 1500 : 1000,
      floorCents: i % 11 === 0 ? 2_000_000 : null,
      capCents: i % 13 === 0 ? 3_000_000 : null,
    })),
  }
  for (let i = 0; i < 5; i++) allocate(input)
  const times: number[] = []
  for (let i = 0; i < 30; i++) {
    const start = performance.now()
    allocate(input)
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  const medianMs = Math.round(times[15] * 100) / 100
  if (medianMs > TARGETS.maxAllocationMs)
    missed.push(`allocation of 2,000 wijken: median ${medianMs} ms > ${TARGETS.maxAllocationMs} ms`)
  return { medianMs, p95Ms: Math.round(times[28] * 100) / 100, targetMs: TARGETS.maxAllocationMs }
}

function printTable(rows: LoadResult[]) {
  const pad = (s: string | number, n: number) => String(s).padStart(n)
  console.log(
    `\n${'target'.padEnd(46)} ${pad('req/s', 8)} ${pad('p50 ms', 8)} ${pad('p99 ms', 8)} ${pad('errors', 7)} ${pad('non2xx', 7)} ${pad('ratio', 6)}  status codes`,
  )
  for (const r of rows)
    console.log(
      `${r.name.slice(0, 46).padEnd(46)} ${pad(r.requestsPerSecond.toFixed(1), 8)} ${pad(r.p50Ms ?? '-', 8)} ${pad(r.p99Ms ?? '-', 8)} ${pad(r.errors, 7)} ${pad(r.non2xx, 7)} ${pad(r.ratioToBare === null ? '-' : r.ratioToBare.toFixed(2), 6)}  ${JSON.stringify(r.statusCodes)}`,
    )
}

async function writeResults() {
  const dir = path.join(root, 'bench')
  await fsp.mkdir(dir, { recursive: true })
  const prettier = await import('prettier')
  const json = await prettier.format(JSON.stringify(results, null, 2), { parser: 'json', printWidth: 120 })
  await fsp.writeFile(path.join(dir, ONLY === 'queue' ? 'queue-results.json' : 'results.json'), json)
  await updatePerformanceDoc()
  say('wrote bench/results.json and the results section of docs/performance.md')
}

/** The queue's block of docs/performance.md (between its markers): server times and load. */
function updateQueueBlock(text: string) {
  const start = '<!-- bench:queue:start -->'
  const end = '<!-- bench:queue:end -->'
  const times = results.queue as QueueTime[] | undefined
  if (!times) return text
  const m = results.machine as ReturnType<typeof machine>
  const load = ((results.load ?? []) as LoadResult[]).filter(
    (r) => r.path === '/healthz' || QUEUE_TARGETS.some((t) => t.path === r.path),
  )
  const lines = [
    start,
    `Run: ${results.finishedAt ?? new Date().toISOString()}${ONLY ? ' (`BENCH_ONLY=queue`)' : ''}, ${m.nproc} CPUs, load average at start ${m.loadAverageAtStart.join(' / ')}; the bench reviewer reviews all 31 wijken: ${times[1]?.total ?? '?'} applications in the queue.`,
    '',
    'Server time, one request at a time (median of ' +
      QUEUE_TIMING.runs +
      ' after ' +
      QUEUE_TIMING.warmup +
      ' untimed):',
    '',
    '| page | server time (median) ms | p90 ms | ratio to bare | status | bytes |',
    '|---|---:|---:|---:|---:|---:|',
    ...times.map(
      (t) =>
        `| ${t.name} (\`${t.path}\`) | ${t.medianMs} | ${t.p90Ms} | ${t.ratioToBare ?? '-'} | ${t.status} | ${t.bytes} |`,
    ),
    '',
    ...(load.length
      ? [
          `Under load (${LOAD.connections} connections):`,
          '',
          '| page | req/s | p50 ms | p99 ms | errors | ratio to bare (req/s) |',
          '|---|---:|---:|---:|---:|---:|',
          ...load.map(
            (r) =>
              `| ${r.name} | ${r.requestsPerSecond.toFixed(1)} | ${r.p50Ms ?? 'none completed'} | ${r.p99Ms ?? 'none completed'} | ${r.errors} | ${r.ratioToBare === null ? '-' : r.ratioToBare.toFixed(2)} |`,
          ),
          '',
        ]
      : []),
    end,
  ]
  if (!text.includes(start)) return `${text.trimEnd()}\n\n## The reviewer's queue (generated)\n\n${lines.join('\n')}\n`
  return text.slice(0, text.indexOf(start)) + lines.join('\n') + text.slice(text.indexOf(end) + end.length)
}

/** Replaces the generated block of docs/performance.md (between the markers) with these results. */
async function updatePerformanceDoc() {
  const file = path.join(root, 'docs', 'performance.md')
  const start = '<!-- bench:results:start -->'
  const end = '<!-- bench:results:end -->'
  const original = fs.existsSync(file) ? await fsp.readFile(file, 'utf8') : `# Performance\n\n${start}\n${end}\n`
  const text = updateQueueBlock(original)
  if (ONLY === 'queue') return fsp.writeFile(file, text)
  const m = results.machine as ReturnType<typeof machine>
  const load = (results.load ?? []) as LoadResult[]
  const lines = [
    start,
    `Latest run: ${results.finishedAt} (${results.totalSeconds} s), machine: ${m.nproc} CPUs (${m.cpuModel}), ${m.memoryGb} GB memory, load average at start ${m.loadAverageAtStart.join(' / ')}, Node ${m.node}.`,
    '',
    `| target | req/s | p50 ms | p99 ms | errors | non-2xx | ratio to bare | status codes |`,
    `|---|---:|---:|---:|---:|---:|---:|---|`,
    ...load.map(
      (r) =>
        `| ${r.name} (\`${r.method} ${r.path}\`) | ${r.requestsPerSecond.toFixed(1)} | ${r.p50Ms ?? 'none completed'} | ${r.p99Ms ?? 'none completed'} | ${r.errors} | ${r.non2xx} | ${r.ratioToBare === null ? '-' : r.ratioToBare.toFixed(2)} | ${Object.entries(
          r.statusCodes,
        )
          .map(([k, v]) => `${k}: ${v}`)
          .join(', ')} |`,
    ),
    '',
    '```json',
    JSON.stringify(
      {
        data: results.data,
        dashboardGrowth: results.dashboardGrowth,
        concurrentAwards: results.concurrentAwards,
        ledgerCsv: results.ledgerCsv,
        coldStart: results.coldStart,
        peakServerRssMb: results.peakServerRssMb,
        allocation: results.allocation,
      },
      null,
      2,
    ),
    '```',
    '',
    missed.length ? `Targets missed in this run:\n\n${missed.map((x) => `- ${x}`).join('\n')}` : 'All targets met.',
    end,
  ]
  const before = text.includes(start) ? text.slice(0, text.indexOf(start)) : `${text}\n`
  const after = text.includes(end) ? text.slice(text.indexOf(end) + end.length) : '\n'
  await fsp.writeFile(file, before + lines.join('\n') + after)
}

/** Ends a BENCH_ONLY=queue run after the queue's load (the finally block stops everything). */
class QueueOnlyDone extends Error {}

/** Things to stop when the run is cut short (watchdog, Ctrl-C). */
const cleanups = new Set<() => Promise<unknown>>()

async function abort(reason: string) {
  console.error(`bench: ${reason}; writing what was measured so far`)
  missed.push(`the run was cut short: ${reason}`)
  for (const cleanup of cleanups) await cleanup().catch(() => {})
  results.finishedAt = new Date().toISOString()
  results.totalSeconds = Math.round((performance.now() - t0) / 1000)
  results.missed = missed
  results.wrong = wrong
  await writeResults().catch(() => {})
  process.exit(1)
}

async function main() {
  const watchdog = setTimeout(
    () => void abort(`stopped by the watchdog after ${MAX_MINUTES} minutes`),
    MAX_MINUTES * 60_000,
  )
  watchdog.unref()
  process.once('SIGINT', () => void abort('interrupted (SIGINT)'))
  process.once('SIGTERM', () => void abort('interrupted (SIGTERM)'))
  results.machine = machine()
  results.startedAt = new Date().toISOString()
  say(`machine: ${JSON.stringify(results.machine)}`)
  await build()

  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'buurtbudget-bench-'))
  await fsp.chmod(dir, 0o755)
  const dataDir = path.join(dir, 'data')
  let embedded: EmbeddedPostgres | null = null
  let portal: PortalProcess | null = null
  let db: pg.Client | null = null
  let peakRssKb = 0
  cleanups.add(async () => {
    await portal?.stop()
    await db?.end()
    await embedded?.stop()
    if (!KEEP) await fsp.rm(dir, { recursive: true, force: true })
  })
  try {
    // --- data -------------------------------------------------------------------------------
    say(`fresh embedded PostgreSQL on 127.0.0.1:${PG_PORT} in ${dataDir}`)
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(dataDir, 'postgres'),
      port: PG_PORT,
      databaseName: DATABASE,
      persistent: true,
    })
    const url = embedded.url
    Object.assign(process.env, appEnv(url))
    // The 200 concurrent awards run in this process through a pool of 20: they queue for a connection
    // as long as Prisma's transaction maxWait allows, not the server's 5 s (which is about a database away).
    process.env.DB_CONNECT_TIMEOUT_MS ??= '30000'
    await migrate(url)
    const { seed } = await import('#app/seed/seed.server.ts')
    await seed()
    db = new pg.Client({ connectionString: url })
    await db.connect()
    let start = performance.now()
    const ctx = await generateBase(db)
    say(`base data: 100,000 applications, ${BENCH_GRANTS} grants to book (${Math.round(performance.now() - start)} ms)`)

    // --- the server, and the dashboard as the ledger grows ------------------------------------
    portal = await startPortal({ port: PORT, env: appEnv(url) })
    say(`production server on ${portal.baseUrl} (ready after ${Math.round(portal.readyMs)} ms)`)
    const cookies = await sessionCookies()
    const growth: ({ entries: number; generateMs: number } & Awaited<ReturnType<typeof measureDashboard>>)[] = []
    // BENCH_ONLY=queue: the queue needs the applications, not the 1,000,000 ledger entries.
    const steps: [number, number][] = ONLY
      ? []
      : [
          [1, 650],
          [651, 6500],
          [6501, BENCH_GRANTS],
        ]
    for (const [from, to] of steps) {
      start = performance.now()
      await addGrants(db, ctx, from, to)
      const generateMs = Math.round(performance.now() - start)
      const entries = await countEntries(db)
      const d = await measureDashboard(portal, cookies.auditor)
      growth.push({ entries, generateMs, ...d })
      say(`ledger at ${entries} entries (generated in ${generateMs} ms): dashboard ${d.medianMs} ms (${d.status})`)
    }
    results.dashboardGrowth = growth

    // --- the data is what it claims to be ----------------------------------------------------
    if (!ONLY) {
      const counts = (
        await db.query<{ apps: number; entries: number; expenses: number; payments: number; accounts: number }>(
          `SELECT (SELECT count(*) FROM "Application")::int AS apps, (SELECT count(*) FROM "LedgerEntry")::int AS entries,
                (SELECT count(*) FROM "Expense" WHERE starts_with(id, 'bench-exp-'))::int AS expenses, (SELECT count(*) FROM "Payment")::int AS payments,
                (SELECT count(*) FROM "Account")::int AS accounts`,
        )
      ).rows[0]
      const { checkLedger, areaMoney } = await import('#app/ledger/reports.server.ts')
      const books = await checkLedger(ctx.roundId)
      const wijken = await areaMoney(ctx.roundId)
      const balanced =
        books.balancesMatchEntries &&
        books.sumOfBalancesIsZero &&
        books.sourceEqualsPot &&
        wijken.every((w) => w.balanced)
      results.data = { ...counts, booksBalanced: balanced }
      say(`data: ${JSON.stringify(results.data)}`)
      if (!balanced) wrong.push('the generated books do not balance')
      for (const broken of await checkReferences(db)) wrong.push(`generated data: ${broken}`)
      if (counts.entries !== 1_000_000 || counts.expenses !== BENCH_EXPENSES)
        wrong.push(
          `expected 1,000,000 entries and ${BENCH_EXPENSES} expenses, got ${counts.entries} and ${counts.expenses}`,
        )
    }

    if (KEEP) {
      say(`data kept in ${dataDir} (BENCH_KEEP=1); start it with pg_ctl -D ${path.join(dataDir, 'postgres')}`)
      throw new QueueOnlyDone()
    }
    // --- the reviewer's queue, one request at a time -----------------------------------------
    await drain(db, portal)
    results.queue = await queueTimes(portal, cookies)

    // --- load -------------------------------------------------------------------------------
    const app = await db.query<{ id: string }>(
      `SELECT a.id FROM "Application" a JOIN "Area" ar ON ar.id = a."areaId"
       WHERE a.status = 'AWARDED' AND ar.code = 'WK030719' AND starts_with(a.id, 'bench-app-') ORDER BY a.id LIMIT 1`,
    )
    const hoogland = await db.query<{ id: string }>(`SELECT id FROM "Area" WHERE code = 'WK030719'`)
    const values = { applicationId: app.rows[0].id, areaId: hoogland.rows[0].id }
    const targets = ONLY ? LOAD_TARGETS.filter((t) => t.bare || QUEUE_TARGETS.includes(t)) : LOAD_TARGETS
    const acc = new Map<string, { results: autocannon.Result[]; peakKb: number }>()
    let restarts = 0
    for (let round = 1; round <= LOAD.rounds; round++) {
      for (const target of targets) {
        // A URL that completed nothing in a round is not loaded again (time budget).
        if (acc.get(target.name)?.results.some((r) => r.requests.total === 0)) continue
        await drain(db, portal)
        const before = portal.rssKb()
        let peakKb = before
        const sampler = setInterval(() => (peakKb = Math.max(peakKb, portal!.rssKb())), 200)
        const r = await runLoad(target, portal, cookies, values, LOAD.seconds)
        clearInterval(sampler)
        const entry = acc.get(target.name) ?? { results: [], peakKb: 0 }
        entry.results.push(r)
        entry.peakKb = Math.max(entry.peakKb, peakKb)
        acc.set(target.name, entry)
        say(
          `round ${round}/${LOAD.rounds} ${target.name}: ${r.requests.average} req/s, p99 ${r.latency.p99} ms, ${r.errors} errors, ${r.non2xx} non-2xx`,
        )
        if (r.requests.total === 0) {
          // Not one answer in the slice: the server still works on 32 abandoned requests, which
          // would count against the next URL for minutes. Restart it (its state is in PostgreSQL).
          peakRssKb = Math.max(peakRssKb, portal.peakRssKb())
          await portal.stop()
          await db.query(
            `SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND state = 'active' AND pid <> pg_backend_pid()`,
            [DATABASE],
          )
          portal = await startPortal({ port: PORT, env: appEnv(url) })
          restarts++
          say(`  server restarted after ${target.name} (ready after ${Math.round(portal.readyMs)} ms)`)
        }
      }
    }
    results.serverRestartsDuringLoad = restarts
    const rows: LoadResult[] = targets.map((target) => {
      const { results: rs, peakKb } = acc.get(target.name)!
      const requests = rs.reduce((s, r) => s + r.requests.total, 0)
      const seconds = rs.reduce((s, r) => s + r.duration, 0)
      const statusCodes: Record<string, number> = {}
      for (const r of rs)
        for (const [code, stat] of Object.entries(r.statusCodeStats ?? {}))
          statusCodes[code] = (statusCodes[code] ?? 0) + (stat?.count ?? 0)
      const done = rs.filter((r) => r.requests.total > 0)
      const p50s = done.map((r) => r.latency.p50).sort((a, b) => a - b)
      return {
        name: target.name,
        path: target.path,
        method: target.method ?? 'GET',
        requests,
        seconds: Math.round(seconds * 10) / 10,
        requestsPerSecond: Math.round((requests / seconds) * 10) / 10,
        // null: not one request completed within the slice (they are still in flight when it ends).
        p50Ms: done.length ? p50s[Math.floor(p50s.length / 2)] : null,
        p99Ms: done.length ? Math.max(...done.map((r) => r.latency.p99)) : null,
        errors: rs.reduce((s, r) => s + r.errors, 0),
        timeouts: rs.reduce((s, r) => s + r.timeouts, 0),
        non2xx: rs.reduce((s, r) => s + r.non2xx, 0),
        statusCodes,
        ratioToBare: null,
        peakRssMb: Math.round(peakKb / 1024),
        meetsTargets: null,
      }
    })
    const bare = rows.find((_, i) => targets[i].bare)!
    for (const row of rows) {
      row.ratioToBare = Math.round((row.requestsPerSecond / bare.requestsPerSecond) * 100) / 100
      const ratioOk = row === bare || row.ratioToBare >= TARGETS.minRatio
      const p99Ok = row.p99Ms !== null && row.p99Ms < TARGETS.maxP99Ms && row.errors === 0
      row.meetsTargets = ratioOk && p99Ok
      if (!ratioOk)
        missed.push(
          `${row.name}: ${(row.ratioToBare * 100).toFixed(0)}% of the bare route (target ≥ ${TARGETS.minRatio * 100}%)`,
        )
      if (!p99Ok)
        missed.push(
          row.p99Ms === null
            ? `${row.name}: not one request completed in ${row.seconds} s at ${LOAD.connections} connections (target p99 < ${TARGETS.maxP99Ms} ms)`
            : `${row.name}: p99 ${row.p99Ms} ms${row.errors ? `, ${row.errors} errors (${row.timeouts} timeouts)` : ''} (target p99 < ${TARGETS.maxP99Ms} ms, no errors)`,
        )
    }
    results.load = rows
    printTable(rows)
    await drain(db, portal)

    if (ONLY) throw new QueueOnlyDone()
    // --- concurrent awards, CSV -------------------------------------------------------------
    results.concurrentAwards = await concurrentAwards(db, ctx.roundId)
    say(`concurrent awards: ${JSON.stringify(results.concurrentAwards)}`)
    results.ledgerCsv = await copyVersusExport(db, portal, cookies.auditor, dir)
    say(`ledger CSV: ${JSON.stringify(results.ledgerCsv)}`)
    peakRssKb = Math.max(peakRssKb, portal.peakRssKb())
    await portal.stop()
    portal = null
    const { disconnectPrisma } = await import('#app/db.server.ts')
    await disconnectPrisma()
    await db.end()
    db = null
    await embedded.stop()
    embedded = null

    // --- cold start: `npm start` on a current build and the existing data, embedded PostgreSQL included
    const cold: number[] = []
    for (let i = 0; i < 3; i++) {
      const p = await startPortal({
        port: PORT,
        env: {
          ...appEnv(''),
          DATABASE_URL: '',
          DATA_DIR: dataDir,
          EMBEDDED_PG_PORT: String(PG_PORT),
        },
        readyPath: '/',
        timeoutMs: 60_000,
        npmStart: true,
      })
      cleanups.add(p.stop)
      // A start that had to build first is not a cold start on a current build: say so, loudly.
      if (!p.log().includes('Build is actueel')) throw new Error(`npm start rebuilt the app:\n${p.log()}`)
      cold.push(Math.round(p.readyMs))
      await p.stop()
      cleanups.delete(p.stop)
      say(`cold start ${i + 1}/3: first page after ${Math.round(p.readyMs)} ms`)
    }
    const coldMedian = [...cold].sort((a, b) => a - b)[1]
    results.coldStart = { runsMs: cold, medianMs: coldMedian, targetMs: TARGETS.maxColdStartMs }
    if (coldMedian >= TARGETS.maxColdStartMs)
      missed.push(`cold start: median ${coldMedian} ms (target < ${TARGETS.maxColdStartMs} ms)`)
    results.peakServerRssMb = Math.round(peakRssKb / 1024)

    results.allocation = allocationBench()
    say(`allocation of 2,000 wijken: ${JSON.stringify(results.allocation)}`)
  } catch (error) {
    if (!(error instanceof QueueOnlyDone)) throw error
  } finally {
    await portal?.stop().catch(() => {})
    await db?.end().catch(() => {})
    await embedded?.stop().catch(() => {})
    if (!KEEP) await fsp.rm(dir, { recursive: true, force: true }).catch(() => {})
  }
  results.finishedAt = new Date().toISOString()
  results.totalSeconds = Math.round((performance.now() - t0) / 1000)
  results.targets = TARGETS
  results.missed = missed
  results.wrong = wrong
  await writeResults()
  console.log(missed.length ? `\nTargets missed:\n${missed.map((m) => `  - ${m}`).join('\n')}` : '\nAll targets met.')
  if (wrong.length) console.log(`\nWRONG:\n${wrong.map((m) => `  - ${m}`).join('\n')}`)
  say('done')
  process.exit(wrong.length || (process.env.BENCH_STRICT === '1' && missed.length) ? 1 : 0)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})

/**
 * `npm run security:prove [name ...]` (npx tsx app/security/prove-guards.ts): shows that every
 * security test can fail (issue 13, "each shown to fail when its guard is removed"). For each entry
 * of the table below it removes one guard from the source with a small, exact mutation (a string
 * replace; the search string must occur exactly once, so a refactor makes the entry fail loudly
 * instead of proving nothing), runs only the test that covers that guard, expects it to FAIL, and
 * always puts the file back. Prints a table and "N proven, N not proven"; exits 1 when any entry is
 * not proven (its test still passed without the guard: a weak test) or could not be applied.
 *
 * Not part of `npm test` (it runs vitest once per entry). Refuses to start when a file it mutates
 * has uncommitted changes, so a crash can never lose work: `git checkout -- <file>` restores it.
 * Options: `--check` only verifies the search strings; `--baseline` first runs each test unmutated
 * and requires it to pass; `--separate` runs a vitest process per entry (slow) instead of one Vitest
 * instance for all (its module graph invalidated after each change). Names match as substrings.
 */
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const root = path.resolve(import.meta.dirname, '..', '..')

export type Entry = {
  /** Short name of the guard (the CLI filter matches it). */
  name: string
  /** Which finding of issue 13 (or other rule) the guard answers. */
  finding: string
  file: string
  search: string
  replace: string
  /** The vitest file and the exact test name (`-t`) that must fail without the guard. */
  test: string
  t: string
}

const RG = 'app/web/request-guard.server.ts'
const APP = 'app/server/app.ts'
const T_GUARD = 'app/security/request-guard.test.ts'
const T_HTTP = 'app/security/http.test.ts'
const T_ACC = 'app/security/accounts.test.ts'

export const ENTRIES: Entry[] = [
  // ---- finding 1–3, 8: the request guard ----
  {
    name: 'sparse-index',
    finding: '1',
    file: RG,
    search: `    if (/^\\d+$/.test(s) && (s.length > 4 || Number(s) > GUARD_LIMITS.maxIndex)) return 'index-too-large'`,
    replace: `    void s`,
    test: T_GUARD,
    t: 'finding 1: a sparse list index',
  },
  {
    name: 'chunked-body-limit',
    finding: '2',
    file: RG,
    search: `        if (total > limit) {`,
    replace: `        if (false) {`,
    test: T_GUARD,
    t: 'finding 2: a body sent chunked',
  },
  {
    name: 'declared-length-limit',
    finding: '2',
    file: RG,
    search: `  if (Number.isFinite(declared) && declared > limit) return refuse(413, 'declared-too-large')`,
    replace: ``,
    test: T_GUARD,
    t: 'a declared Content-Length over the limit',
  },
  {
    name: 'field-count-limit',
    finding: '1',
    file: RG,
    search: `  if (fields > GUARD_LIMITS.maxFields) return { status: 413, reason: 'too-many-fields' }`,
    replace: ``,
    test: T_GUARD,
    t: 'too many fields',
  },
  {
    name: 'key-length-limit',
    finding: '1',
    file: RG,
    search: `  if (key.length > GUARD_LIMITS.maxKeyLength) return 'key-too-long'`,
    replace: ``,
    test: T_GUARD,
    t: 'too many fields',
  },
  {
    name: 'key-depth-limit',
    finding: '3',
    file: RG,
    search: `  if (segments.length > GUARD_LIMITS.maxDepth) return 'key-too-deep'`,
    replace: ``,
    test: T_GUARD,
    t: 'too many fields',
  },
  {
    name: 'content-type-415',
    finding: '3',
    file: RG,
    search: `  if (kind.kind === 'unknown') return refuse(415, 'content-type')`,
    replace: ``,
    test: T_GUARD,
    t: 'finding 3: JSON, text and unknown content types',
  },
  {
    name: 'multipart-structure',
    finding: '3',
    file: RG,
    search: `  const problem = kind.kind === 'form' ? checkUrlEncoded(body) : checkMultipart(body, kind.boundary)`,
    replace: `  const problem = kind.kind === 'form' ? checkUrlEncoded(body) : null`,
    test: T_GUARD,
    t: 'finding 3: broken multipart bodies',
  },
  {
    name: 'control-characters',
    finding: '3',
    file: RG,
    search: `  return CONTROL.test(value) ? 'control-character' : null`,
    replace: `  return value === null ? 'never' : null`,
    test: T_GUARD,
    t: 'finding 3: NUL bytes',
  },
  {
    name: 'strict-utf8',
    finding: '3',
    file: RG,
    search: `const utf8 = new TextDecoder('utf-8', { fatal: true })`,
    replace: `const utf8 = new TextDecoder('utf-8')`,
    test: T_GUARD,
    t: 'finding 3: NUL bytes',
  },
  {
    name: 'impossible-dates',
    finding: '3',
    file: 'app/grants/forms.ts',
    search: `      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s && s >= '2000-01-01' && s <= '2099-12-31'`,
    replace: `      return d !== null`,
    test: T_GUARD,
    t: 'finding 3: impossible dates',
  },
  {
    name: 'refusal-page-language',
    finding: '1-3',
    file: APP,
    search: `  const lang = await langOf(req).catch(() => 'nl' as const)`,
    replace: `  const lang = 'nl' as const`,
    test: T_GUARD,
    t: 'the refusal page is in the visitor',
  },
  {
    name: 'upload-file-names',
    finding: '8',
    file: 'app/web/uploads.server.ts',
    search: `    }).formData()`,
    // The parser before the fix: Remix's multipart parser, which refused `;` and `=` in file names.
    replace: `    }).formData().then(async (parsed) => {
      if (!type.startsWith('multipart/form-data') || !body) return parsed
      const remix = await import('@remix-run/node')
      return remix.unstable_parseMultipartFormData(
        new Request(request.url, { method: 'POST', headers: { 'Content-Type': type }, body: new Uint8Array(body) }),
        remix.unstable_createMemoryUploadHandler({ maxPartSize: MAX_REQUEST_BYTES }),
      )
    })`,
    test: T_GUARD,
    t: 'finding 8: a file name with ; or =',
  },
  // ---- finding 4: second factor, lock-outs, mail limits, enumeration ----
  {
    name: 'totp-single-use',
    finding: '4',
    file: 'app/auth/second-factor.server.ts',
    search: `{ totpLastStep: { lt: step } }`,
    replace: `{ totpLastStep: { lte: step } }`,
    test: T_ACC,
    t: 'finding 4: a TOTP code signs in once',
  },
  {
    name: 'totp-lockout',
    finding: '4',
    file: 'app/auth/second-factor.server.ts',
    search: `  return Math.max(0, failures[0].createdAt.getTime() + wait - now)`,
    replace: `  return 0 * wait`,
    test: T_ACC,
    t: 'finding 4: wrong codes lock the account out',
  },
  {
    name: 'password-throttle',
    finding: '4',
    file: 'app/auth/sign-in.server.ts',
    search: `    if (counts.account >= ACCOUNT_LIMIT || counts.address >= ADDRESS_LIMIT)`,
    replace: `    if (counts.account < 0)`,
    test: 'app/auth/sign-in.test.ts',
    t: 'the 11th wrong password in a minute',
  },
  {
    name: 'no-account-lock-out',
    finding: '4',
    file: 'app/auth/sign-in.server.ts',
    search: `WHERE "email" = \${email} AND "ip" = \${ip} AND NOT "success"`,
    replace: `WHERE "email" = \${email} AND NOT "success"`,
    test: 'app/auth/sign-in.test.ts',
    t: 'no account lock-out',
  },
  {
    name: 'reset-limit-per-account',
    finding: '4',
    file: 'app/auth/accounts.server.ts',
    search: `    if (recent >= RESET_LIMITS.perAccountPerHour) {`,
    replace: `    if (recent < 0) {`,
    test: T_ACC,
    t: 'finding 4: reset mails are rate-limited',
  },
  {
    name: 'reset-limit-per-address',
    finding: '4',
    file: 'app/auth/accounts.server.ts',
    search: `    if (fromAddress >= RESET_LIMITS.perAddressPerHour) {`,
    replace: `    if (fromAddress < 0) {`,
    test: T_ACC,
    t: 'finding 4: reset mails are rate-limited',
  },
  {
    name: 'reset-answer-does-not-wait',
    finding: '4',
    file: 'app/routes/wachtwoord-vergeten.tsx',
    search: `  queuePasswordReset(submission.value.email, await mailLink(request), clientIp(context))`,
    replace: `  await (await import('#app/auth/accounts.server.ts')).requestPasswordReset(submission.value.email, await mailLink(request), clientIp(context))`,
    test: T_ACC,
    t: 'finding 4: the reset answer does not wait',
  },
  {
    name: 'registration-no-enumeration',
    finding: '4',
    file: 'app/foundations/foundations.server.ts',
    search: `  if (existing) {`,
    replace: `  if (existing && existing.id === 'never') {`,
    test: T_ACC,
    t: 'finding 4: registering with an address that has an account',
  },
  {
    name: 'invitation-limit',
    finding: '4',
    file: 'app/foundations/members.server.ts',
    search: `  if (byInviter >= INVITATION_LIMITS.perInviterPerHour || toAddress >= INVITATION_LIMITS.perAddressPerDay) {`,
    replace: `  if (byInviter < 0 || toAddress < 0) {`,
    test: T_ACC,
    t: 'finding 4: invitation mails are rate-limited',
  },
  // ---- finding 5: one safe redirect ----
  {
    name: 'safe-redirect',
    finding: '5',
    file: 'app/ui/safe-redirect.ts',
    search: `  if (typeof to !== 'string' || to.length === 0 || to.length > 2000) return fallback`,
    replace: `  if (typeof to === 'string' && to.length > 0) return to`,
    test: T_HTTP,
    t: 'finding 5: only same-origin paths after normalisation',
  },
  {
    name: 'safe-redirect-decoding',
    finding: '5',
    file: 'app/ui/safe-redirect.ts',
    search: `  for (let i = 0; i < 3; i++) {`,
    replace: `  for (let i = 0; i < 0; i++) {`,
    test: T_HTTP,
    t: 'finding 5: only same-origin paths after normalisation',
  },
  {
    name: 'taal-uses-safe-redirect',
    finding: '5',
    file: 'app/routes/taal.tsx',
    search: `redirect(safeRedirect(form.get('redirectTo'))`,
    replace: `redirect(String(form.get('redirectTo') ?? '/') || '/'`,
    test: T_HTTP,
    t: 'finding 5: /taal and /inloggen never send anyone to another site',
  },
  {
    name: 'inloggen-uses-safe-redirect',
    finding: '5',
    file: 'app/routes/inloggen.tsx',
    search: `  const target = safeRedirect(submission.value.redirectTo, HOME_BY_ROLE[user.role])`,
    replace: `  const target = submission.value.redirectTo || HOME_BY_ROLE[user.role]`,
    test: T_HTTP,
    t: 'finding 5: /taal and /inloggen never send anyone to another site',
  },
  // ---- finding 6: the demo mailbox ----
  {
    name: 'mailbox-anonymous',
    finding: '6',
    file: 'app/mail/mailbox.server.ts',
    search: `  return { template: 'email-verification', to: { in: addresses } }`,
    replace: `  return addresses ? {} : {}`,
    test: T_ACC,
    t: 'finding 6: anonymous visitors see no reset or invitation link',
  },
  {
    name: 'mailbox-own-mail-only',
    finding: '6',
    file: 'app/mail/mailbox.server.ts',
    search: `  if (user) return { to: user.email }`,
    replace: `  if (user) return {}`,
    test: T_ACC,
    t: 'finding 6: anonymous visitors see no reset or invitation link',
  },
  // ---- finding 7: headers, cookies, cross-site ----
  {
    name: 'csp-nonce',
    finding: '7',
    file: APP,
    search: "  const script = opts.dev ? `'self' 'nonce-${nonce}' 'unsafe-inline'` : `'self' 'nonce-${nonce}'`",
    replace: "  const script = `'self' 'unsafe-inline'`",
    test: T_HTTP,
    t: 'finding 7: a CSP with a fresh nonce',
  },
  {
    name: 'csp-frame-ancestors',
    finding: '7',
    file: APP,
    search: "    `frame-ancestors 'none'`,",
    replace: ``,
    test: T_HTTP,
    t: 'finding 7: a CSP with a fresh nonce',
  },
  {
    name: 'hsts',
    finding: '7',
    file: APP,
    search: `    if (opts.mode === 'production') res.setHeader('Strict-Transport-Security'`,
    replace: `    if (String(opts.mode) === 'never') res.setHeader('Strict-Transport-Security'`,
    test: T_HTTP,
    t: 'finding 7: HSTS in production only',
  },
  {
    name: 'no-store-signed-in',
    finding: '7',
    file: APP,
    search: `    if (/(?:^|;\\s*)bb_session=/.test(`,
    replace: `    if (String(opts.mode) === 'never' && /(?:^|;\\s*)bb_session=/.test(`,
    test: T_HTTP,
    t: 'finding 7: signed-in answers are no-store',
  },
  {
    name: 'toast-cookie-signed',
    finding: '7',
    file: 'app/ui/toast.server.ts',
    search: `    secrets: [env.SESSION_SECRET],`,
    replace: ``,
    test: T_HTTP,
    t: 'finding 7: bb_lang and bb_toast are signed',
  },
  {
    name: 'lang-cookie-signed',
    finding: '7',
    file: 'app/i18n/lang.server.ts',
    search: `    secrets: [env.SESSION_SECRET],`,
    replace: ``,
    test: T_HTTP,
    t: 'finding 7: bb_lang and bb_toast are signed',
  },
  {
    name: 'cookies-secure-in-production',
    finding: '7',
    file: 'app/ui/toast.server.ts',
    search: `    secure: env.PORTAL_MODE === 'production',`,
    replace: `    secure: false,`,
    test: T_HTTP,
    t: 'finding 7: bb_lang and bb_toast are signed',
  },
  {
    name: 'origin-check',
    finding: '7',
    file: APP,
    search: `  if (origin === undefined) return null`,
    replace: `  if (origin !== '-') return null`,
    test: T_HTTP,
    t: 'finding 7: sign-out with Origin: null',
  },
  {
    name: 'sec-fetch-site-check',
    finding: '7',
    file: APP,
    search: "  if (site && site !== 'same-origin' && site !== 'none') return `sec-fetch-site:${site}`",
    replace: ``,
    test: T_HTTP,
    t: 'finding 7: sign-out with Origin: null',
  },
  {
    name: 'cross-site-only-for-state-changes',
    finding: '3',
    file: APP,
    search: `  if (!STATE_CHANGING(req.method)) return null`,
    replace: ``,
    test: T_HTTP,
    t: 'finding 3: Origin: null on an ordinary page is no 500',
  },
  // ---- finding 9: the database away ----
  {
    name: 'db-down-503-page',
    finding: '9',
    file: APP,
    search: `      if (response.status >= 500 && (recentDatabaseTrouble()`,
    replace: `      if (response.status === 0 && (recentDatabaseTrouble()`,
    test: T_HTTP,
    t: 'finding 9: /readyz says ready',
  },
  {
    name: 'readyz',
    finding: '9',
    file: APP,
    search: `    const ready = await databaseReady().catch(() => false)`,
    replace: `    const ready = true`,
    test: T_HTTP,
    t: 'finding 9: /readyz says ready',
  },
  // ---- every loader and action starts with its permission guard ----
  {
    name: 'route-guard-beheer.medewerkers',
    finding: 'matrix',
    file: 'app/routes/beheer.medewerkers.tsx',
    search: `export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'manage:staff:any')`,
    replace: `export async function loader({ request }: LoaderFunctionArgs) {
  const user = await (await import('#app/auth/session.server.ts')).requireUser(request)`,
    test: 'app/auth/guards.test.ts',
    t: 'every answer matches the permission table',
  },
]

type Outcome = { entry: Entry; result: 'proven' | 'NOT PROVEN' | 'NOT APPLIED' | 'found once'; detail: string }

const count = (haystack: string, needle: string) => haystack.split(needle).length - 1

function runVitest(entry: Entry): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('npx', ['vitest', 'run', entry.test, '-t', entry.t], {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      // A guard's absence may mean unbounded allocation (finding 1): cap the heap of the test workers.
      env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=1536', NO_COLOR: '1', FORCE_COLOR: '' },
    })
    let output = ''
    child.stdout.on('data', (d) => (output += d))
    child.stderr.on('data', (d) => (output += d))
    // Last resort against a hang (vitest's own test timeouts normally end it first).
    const timer = setTimeout(
      () => {
        output += '\n[prove-guards: killed after 20 minutes]'
        try {
          process.kill(-child.pid!, 'SIGKILL')
        } catch {
          /* gone */
        }
      },
      20 * 60 * 1000,
    )
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, output: output.replace(/\x1b\[[0-9;]*m/g, '') })
    })
  })
}

/** The test really ran and failed (not "no test matched", which would prove nothing). */
function failedForReal(output: string) {
  return /Tests\s+[^\n]*\b\d+ failed/.test(output) || /Unhandled Errors?|Worker exited unexpectedly/.test(output)
}
function passedForReal(output: string) {
  return /Tests\s+[^\n]*\b[1-9]\d* passed/.test(output) && !/\b\d+ failed/.test(output)
}

let restoring: { file: string; original: string } | null = null
const restore = () => {
  if (restoring) fs.writeFileSync(path.join(root, restoring.file), restoring.original)
  restoring = null
}
// However the process ends (a signal, a crash, a closed output pipe), the mutated file is put back.
process.on('exit', restore)
process.on('uncaughtException', (error) => {
  restore()
  console.error(error)
  process.exit(1)
})
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGPIPE'] as const)
  process.on(signal, () => {
    restore()
    process.exit(130)
  })

type RunResult = { failed: boolean; passed: boolean; detail: string }

/** One vitest process per run (`--separate`): slow (the database and every module start afresh), simple. */
async function runSeparate(entry: Entry): Promise<RunResult> {
  const run = await runVitest(entry)
  const failed = run.code !== 0 && failedForReal(run.output)
  return {
    failed,
    passed: run.code === 0 && passedForReal(run.output),
    detail: failed ? firstFailure(run.output) : tail(run.output),
  }
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * The default: one Vitest instance for all entries (its global setup, the PostgreSQL server, starts
 * once). Before each run the mutated (or restored) file is invalidated in Vite's module graph, and
 * every test file runs in a fresh worker, so each run sees exactly the source on disk.
 */
async function inProcessRunner() {
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=1536`.trim()
  const { createVitest } = await import('vitest/node')
  const vitest = await createVitest('test', { watch: false, reporters: [{}], root })
  await vitest.globTestSpecifications()
  const run = async (entry: Entry, changed: string): Promise<RunResult> => {
    vitest.invalidateFile(path.join(root, changed))
    vitest.setGlobalTestNamePattern(new RegExp(escapeRegExp(entry.t)))
    const specs = vitest.getModuleSpecifications(path.join(root, entry.test))
    if (specs.length === 0) return { failed: false, passed: false, detail: `no test file ${entry.test}` }
    const result = await vitest.runTestSpecifications(specs)
    // Only this file's tests (the result also lists modules of earlier runs).
    const modules = result.testModules.filter((m) => m.moduleId === path.join(root, entry.test))
    const tests = modules.flatMap((m) => [...m.children.allTests()])
    const ran = tests.filter((t) => ['passed', 'failed'].includes(t.result().state))
    const failures = ran.filter((t) => t.result().state === 'failed')
    const moduleErrors = modules.flatMap((m) => m.errors())
    const failed = failures.length > 0 || moduleErrors.length > 0 || result.unhandledErrors.length > 0
    const first =
      failures[0]?.result().errors?.[0]?.message ??
      moduleErrors[0]?.message ??
      String((result.unhandledErrors[0] as Error | undefined)?.message ?? '')
    return {
      failed: failed && ran.length + moduleErrors.length + result.unhandledErrors.length > 0,
      passed: !failed && ran.length > 0,
      detail: failed
        ? `${failures.length} of ${ran.length} failed: ${first.split('\n')[0].slice(0, 200)}`
        : `${ran.length} test(s) ran and passed`,
    }
  }
  return { run, close: () => vitest.close() }
}

async function main() {
  const args = process.argv.slice(2)
  const checkOnly = args.includes('--check')
  const baseline = args.includes('--baseline')
  const separate = args.includes('--separate')
  const names = args.filter((a) => !a.startsWith('--'))
  const entries = names.length ? ENTRIES.filter((e) => names.some((n) => e.name.includes(n))) : ENTRIES
  if (entries.length === 0) {
    console.error(`Geen regel heet ${names.join(', ')}. Namen: ${ENTRIES.map((e) => e.name).join(', ')}`)
    process.exit(2)
  }
  const files = [...new Set(entries.map((e) => e.file))]
  const dirty = spawnSync('git', ['status', '--porcelain', '--', ...files], { cwd: root, encoding: 'utf8' }).stdout
  if (!checkOnly && dirty.trim()) {
    console.error(`Niet gestart: deze bestanden hebben niet-vastgelegde wijzigingen:\n${dirty}`)
    process.exit(2)
  }

  const outcomes: Outcome[] = []
  const inProcess = checkOnly || separate ? null : await inProcessRunner()
  const runEntry = (entry: Entry) => (inProcess ? inProcess.run(entry, entry.file) : runSeparate(entry))
  for (const entry of entries) {
    const full = path.join(root, entry.file)
    const original = fs.readFileSync(full, 'utf8')
    const n = count(original, entry.search)
    if (n !== 1) {
      outcomes.push({ entry, result: 'NOT APPLIED', detail: `search string found ${n} times in ${entry.file}` })
      continue
    }
    if (checkOnly) {
      outcomes.push({ entry, result: 'found once', detail: '' })
      continue
    }
    if (baseline) {
      const base = await runEntry(entry)
      if (!base.passed) {
        outcomes.push({ entry, result: 'NOT PROVEN', detail: `does not pass WITH its guard: ${base.detail}` })
        continue
      }
    }
    process.stdout.write(`${entry.name}: guard removed in ${entry.file}, running ${entry.test} -t "${entry.t}" ... `)
    let run: RunResult
    restoring = { file: entry.file, original }
    try {
      fs.writeFileSync(
        full,
        original.replace(entry.search, () => entry.replace),
      )
      run = await runEntry(entry)
    } finally {
      restore()
    }
    if (fs.readFileSync(full, 'utf8') !== original) throw new Error(`${entry.file} was not restored`)
    console.log(run.failed ? `failed, as it must (${run.detail})` : `PASSED without its guard (${run.detail})`)
    outcomes.push({ entry, result: run.failed ? 'proven' : 'NOT PROVEN', detail: run.detail })
  }
  await inProcess?.close()

  const rows = outcomes.map((o) => [
    o.entry.name,
    o.entry.finding,
    o.entry.file,
    `${o.entry.test} -t "${o.entry.t}"`,
    o.result,
  ])
  const header = ['guard', 'finding', 'mutated file', 'test that must fail', 'result']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join(' | ')
  console.log('\n' + line(header))
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'))
  for (const r of rows) console.log(line(r))
  for (const o of outcomes) if (o.detail && o.result !== 'proven') console.log(`\n${o.entry.name}: ${o.detail}`)
  if (checkOnly) {
    const found = outcomes.filter((o) => o.result === 'found once').length
    console.log(`\n${found} of ${outcomes.length} search strings found exactly once (--check: nothing run)`)
    process.exit(found === outcomes.length ? 0 : 1)
  }
  const proven = outcomes.filter((o) => o.result === 'proven').length
  console.log(`\n${proven} proven, ${outcomes.length - proven} not proven`)
  process.exit(proven === outcomes.length ? 0 : 1)
}

const tail = (output: string) => output.trim().split('\n').slice(-25).join('\n')
const firstFailure = (output: string) => /(AssertionError|Error)[^\n]*/.exec(output)?.[0].slice(0, 200) ?? 'failed'

// Only when run as a script (importing the table, e.g. to list the entries, changes nothing).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main()

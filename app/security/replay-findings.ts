/**
 * Replays the nine findings of issue 13 against a running portal (demo mode, the seeded demo data):
 * `npx tsx app/security/replay-findings.ts http://127.0.0.1:3212 [--pg-data <dir>] [--only 1,9]`.
 * Every finding sends the request(s) the issue describes, from outside over HTTP (raw sockets where
 * a client library would not send them: a 50 MB chunked body, several client addresses on the
 * loopback network for the lock-out), and checks the safe answer. Prints PASS/FAIL per check and
 * per finding; exits 1 when any failed.
 *
 * `--pg-data` is the embedded PostgreSQL's data directory (`<DATA_DIR>/postgres`): with it, finding
 * 9 pauses (SIGSTOP) and kills (SIGKILL) that PostgreSQL and checks the 503 page and the recovery.
 * The portal's own restart after a SIGKILL is replayed from the shell (kill -9, npm start again).
 * The script changes the portal's data (sign-ins, lock-outs, reset mails, a registration, a draft
 * application): run it against a throw-away clone.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { totp } from '../auth/totp.ts'
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../seed/demo-accounts.ts'

const args = process.argv.slice(2)
const BASE = (args.find((a) => /^https?:/.test(a)) ?? 'http://127.0.0.1:3212').replace(/\/$/, '')
const opt = (name: string) => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}
const PG_DATA = opt('--pg-data')
const ONLY = opt('--only')?.split(',').map(Number)
const base = new URL(BASE)

type Res = { status: number; headers: http.IncomingHttpHeaders; text: string; ms: number; bytes: number }
type Jar = Map<string, string>

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** One request without following redirects; `from` is the client address (127.0.0.x). */
function request(
  method: string,
  pathname: string,
  opts: { headers?: Record<string, string>; body?: string | Buffer; jar?: Jar; from?: string; timeoutMs?: number } = {},
): Promise<Res> {
  const started = Date.now()
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...opts.headers }
    if (opts.jar?.size) headers.Cookie = [...opts.jar].map(([k, v]) => `${k}=${v}`).join('; ')
    if (opts.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(opts.body))
    const req = http.request(
      {
        host: base.hostname,
        port: base.port,
        method,
        path: pathname,
        headers,
        localAddress: opts.from,
      },
      (res) => {
        const chunks: Buffer[] = []
        let bytes = 0
        res.on('data', (c: Buffer) => {
          bytes += c.length
          if (bytes < 2_000_000) chunks.push(c)
        })
        res.on('end', () => {
          if (opts.jar) remember(opts.jar, res.headers['set-cookie'])
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
            ms: Date.now() - started,
            bytes,
          })
        })
        res.on('error', reject)
      },
    )
    req.setTimeout(opts.timeoutMs ?? 60_000, () =>
      req.destroy(new Error(`no answer within ${opts.timeoutMs ?? 60_000} ms`)),
    )
    req.on('error', reject)
    if (opts.body !== undefined) req.write(opts.body)
    req.end()
  })
}

function remember(jar: Jar, setCookie: string[] | undefined) {
  for (const c of setCookie ?? []) {
    const [pair, ...attrs] = c.split(';')
    const eq = pair.indexOf('=')
    const name = pair.slice(0, eq).trim()
    const value = pair.slice(eq + 1).trim()
    if (attrs.some((a) => /max-age=0|expires=thu, 01 jan 1970/i.test(a.trim())) || value === '') jar.delete(name)
    else jar.set(name, value)
  }
}

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' }
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString()
const post = (p: string, body: string, opts: Parameters<typeof request>[2] = {}) =>
  request('POST', p, { ...opts, body, headers: { ...FORM, ...opts.headers } })
const get = (p: string, opts: Parameters<typeof request>[2] = {}) => request('GET', p, opts)

// ---- reporting ----
type Check = { finding: number; what: string; ok: boolean; detail: string }
const checks: Check[] = []
let current = 0
function check(what: string, ok: boolean, detail = '') {
  checks.push({ finding: current, what, ok, detail })
  console.log(`  ${ok ? 'PASS' : 'FAIL'}  ${what}${detail ? `  (${detail})` : ''}`)
}
async function finding(n: number, title: string, body: () => Promise<void>) {
  if (ONLY && !ONLY.includes(n)) return
  current = n
  console.log(`\nFinding ${n}: ${title}`)
  try {
    await body()
  } catch (error) {
    check('ran to the end', false, (error as Error).message)
  }
}

async function alive(from?: string) {
  const r = await get('/verdeling/2026', { from, timeoutMs: 30_000 }).catch((e: Error) => ({
    status: 0,
    text: e.message,
  }))
  return r.status === 200
}

// ---- accounts ----
const STAFF_ADMIN = 'beheerder@amersfoort.example'
const AUDITOR = 'controleur@amersfoort.example'
const MEMBER = 'aanvrager@hooglandleeft.example'

async function signInMember(email: string, from = '127.0.0.1', redirectTo?: string) {
  const jar: Jar = new Map()
  const r = await post('/inloggen', form({ email, password: DEMO_PASSWORD, ...(redirectTo ? { redirectTo } : {}) }), {
    jar,
    from,
  })
  return { jar, r }
}

/** Password step of a staff account: a pending session (the second factor still to come). */
async function passwordStep(email: string, from = '127.0.0.1') {
  const jar: Jar = new Map()
  const r = await post('/inloggen', form({ email, password: DEMO_PASSWORD }), { jar, from })
  if (r.status !== 302 || !String(r.headers.location).startsWith('/inloggen/tweede-stap'))
    throw new Error(`password step of ${email}: ${r.status} ${r.headers.location ?? ''}`)
  return jar
}
const secondStep = (jar: Jar, code: string, from = '127.0.0.1') =>
  post('/inloggen/tweede-stap', form({ code }), { jar, from })

let adminJar: Jar | null = null
async function admin(): Promise<Jar> {
  if (adminJar) return adminJar
  for (let attempt = 0; attempt < 3; attempt++) {
    const jar = await passwordStep(STAFF_ADMIN)
    const r = await secondStep(jar, totp(DEMO_TOTP_SECRET))
    if (r.status === 302) return (adminJar = jar)
    await sleep(31_000 - (Date.now() % 30_000)) // this step's code was used already: the next one
  }
  throw new Error('the administrator could not sign in')
}

async function mailboxRows(jar: Jar) {
  const html = (await get('/mailbox', { jar })).text
  return [
    ...html.matchAll(
      /<tr[^>]*>\s*<th[^>]*scope="row"[^>]*><a[^>]*href="\/mailbox\/([^"]+)"[^>]*>([^<]*)<\/a><\/th><td[^>]*>([^<]*)<\/td>/g,
    ),
  ].map((m) => ({ id: m[1], subject: m[2], to: m[3] }))
}

const idsIn = (html: string, name: string) =>
  [...html.matchAll(new RegExp(`name="${name}"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="${name}"`, 'g'))].map(
    (m) => m[1] ?? m[2],
  )
const optionsIn = (html: string) => [...html.matchAll(/<option[^>]*value="([a-z0-9]{10,40})"/g)].map((m) => m[1])

async function main() {
  console.log(`Replaying the findings of issue 13 against ${BASE}`)
  if (!(await alive())) throw new Error(`${BASE}/verdeling/2026 does not answer 200`)

  await finding(1, 'a sparse form index (x[99999999]=1) may not take the portal down', async () => {
    for (const p of [
      '/inloggen',
      '/wachtwoord-vergeten',
      '/wachtwoord-herstellen/abc',
      '/stichting-aanmelden',
      '/stichting/abc',
    ]) {
      const r = await post(p, 'email=a&password=x&x%5B99999999%5D=1', { timeoutMs: 30_000 })
      check(
        `POST ${p} with x[99999999]=1 is a 400 page`,
        r.status === 400 && /kon niet worden gelezen/.test(r.text),
        `${r.status} in ${r.ms} ms`,
      )
    }
    const small = await post('/inloggen', 'email=a&password=x&x%5B1000000%5D=1', { timeoutMs: 30_000 })
    check(
      'x[1000000]=1 gets a small 400, not 3 MB',
      small.status === 400 && small.bytes < 20_000,
      `${small.status}, ${small.bytes} bytes`,
    )
    check('the portal still answers every other request', await alive())
  })

  await finding(2, 'a 50 MB body sent chunked (no Content-Length) is cut off', async () => {
    const result = await new Promise<{ status: number; sent: number; bytes: number }>((resolve, reject) => {
      const req = http.request({
        host: base.hostname,
        port: base.port,
        method: 'POST',
        path: '/inloggen',
        headers: { ...FORM, 'Transfer-Encoding': 'chunked' },
      })
      let sent = 0
      let done = false
      const chunk = Buffer.alloc(64 * 1024, 'a')
      req.on('response', (res) => {
        done = true
        let bytes = 0
        res.on('data', (c: Buffer) => (bytes += c.length))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, sent, bytes }))
        res.on('error', () => resolve({ status: res.statusCode ?? 0, sent, bytes }))
      })
      req.on('error', (e) => (done ? undefined : reject(e)))
      const pump = () => {
        while (!done && sent < 50 * 1024 * 1024) {
          sent += chunk.length
          if (!req.write(chunk)) return void req.once('drain', pump)
        }
        if (!done) req.end()
      }
      pump()
    })
    check(
      // How much the client has queued when it reads the answer depends on its own event loop (the
      // server drops the rest of the body unread, so the client may go on writing): 6 to 25 MB here.
      '413 before the 50 MB are all sent, and a small answer (no echo)',
      result.status === 413 && result.sent < 50 * 1024 * 1024 && result.bytes < 20_000,
      `${result.status} after ${(result.sent / 1024 / 1024).toFixed(1)} MB sent, answer ${result.bytes} bytes`,
    )
    check('the portal still answers', await alive())
  })

  await finding(3, 'hostile input is a clear 400 (or 403), never a 500', async () => {
    const json = await request('POST', '/inloggen', {
      body: '{"email":"a"}',
      headers: { 'Content-Type': 'application/json' },
    })
    check('a JSON body: 415', json.status === 415, String(json.status))
    const multipart = await request('POST', '/stichting-aanmelden', {
      body: '--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\nb',
      headers: { 'Content-Type': 'multipart/form-data; boundary=xyz' },
    })
    check('a broken multipart body: 400', multipart.status === 400, String(multipart.status))
    const nul = await post('/wachtwoord-vergeten', 'email=a%00b%40example.org')
    check('a NUL byte in a field: 400', nul.status === 400, String(nul.status))
    const nested = await post('/inloggen', 'email=a&a%5Bb%5D%5Bc%5D%5Bd%5D%5Be%5D%5Bf%5D%5Bg%5D=1')
    check('deeply nested keys: 400', nested.status === 400, String(nested.status))
    const crlf = await post('/taal', form({ lang: 'nl', redirectTo: '/a\r\nSet-Cookie: x=1' }))
    check(
      'a redirect target with CR/LF: a redirect home, no header injected',
      crlf.status === 302 &&
        crlf.headers.location === '/' &&
        !crlf.headers['set-cookie']?.some((c) => c.startsWith('x=')),
      `${crlf.status} ${crlf.headers.location}`,
    )
    const nonAscii = await post('/taal', form({ lang: 'nl', redirectTo: '/verdeling/2026/é' }))
    check(
      'a redirect target with non-ASCII: a plain ASCII Location',
      nonAscii.status === 302 && /^[\x20-\x7e]+$/.test(String(nonAscii.headers.location)),
      `${nonAscii.status} ${nonAscii.headers.location}`,
    )
    for (const p of ['/', '/inloggen', '/verdeling/2026']) {
      const r = await get(p, { headers: { Origin: 'null' } })
      check(`GET ${p} with Origin: null is no 500`, r.status < 400, String(r.status))
    }
    // Impossible dates in expenses (foundation) and payments (reviewer), on an awarded application.
    const { jar: member } = await signInMember(MEMBER, '127.0.0.9')
    const list = (await get('/aanvragen', { jar: member })).text
    const appId = /href="\/aanvragen\/([a-z0-9]{10,40})"/.exec(list)?.[1]
    if (!appId) throw new Error('no application of Hoogland Leeft on /aanvragen')
    for (const day of ['2026-13-45', '2026-02-30']) {
      const r = await post(
        `/aanvragen/${appId}`,
        form({
          intent: 'expense',
          spentOn: day,
          supplier: 'Drukkerij De Eem',
          description: 'Posters drukken',
          amount: '12,50',
        }),
        { jar: member },
      )
      check(
        `an expense dated ${day}: 400 at the field, input kept`,
        r.status === 400 && r.text.includes('bestaat niet') && r.text.includes('Drukkerij De Eem'),
        String(r.status),
      )
    }
    const staff = await admin()
    const page = (await get('/beheer/medewerkers', { jar: staff })).text
    const areas = idsIn(page, 'areaIds')
    const at = page.indexOf('beoordelaar@amersfoort.example')
    const reviewerId = at >= 0 ? /name="userId" value="([a-z0-9]{10,40})"/.exec(page.slice(at))?.[1] : undefined
    check('the reviewer and the wijken are on /beheer/medewerkers', Boolean(reviewerId) && areas.length > 0)
    for (const [label, areaIds] of [
      ['an unknown wijk id', ['zzzzzzzzzzzzzzzzzzzzzzzz']],
      ['a duplicate wijk id', [areas[0], areas[0]]],
    ] as const) {
      const body = new URLSearchParams({ intent: 'update', userId: reviewerId ?? '', role: 'REVIEWER' })
      for (const a of areaIds) body.append('areaIds', a ?? 'x')
      const r = await post('/beheer/medewerkers', body.toString(), { jar: staff })
      check(`staff areas with ${label}: a clear answer, no 500`, r.status < 500, String(r.status))
    }
  })

  await finding(4, 'the second factor, lock-outs, reset mails and account enumeration', async () => {
    // 4a: one TOTP code, twice in its window.
    const first = await passwordStep(STAFF_ADMIN)
    let code = totp(DEMO_TOTP_SECRET)
    let ok = await secondStep(first, code)
    if (ok.status !== 302) {
      await sleep(31_000 - (Date.now() % 30_000))
      code = totp(DEMO_TOTP_SECRET)
      ok = await secondStep(first, code)
    }
    check('the code signs in once', ok.status === 302, `${ok.status} ${ok.headers.location ?? ''}`)
    if (ok.status === 302) adminJar = first
    const again = await secondStep(await passwordStep(STAFF_ADMIN), code)
    check(
      'the same code again (same window, fresh password sign-in) is refused',
      again.status !== 302,
      String(again.status),
    )

    // 4b: wrong codes, each from a fresh password sign-in, lock the account out for every pending session.
    const statuses: number[] = []
    for (let i = 0; i < 5; i++) statuses.push((await secondStep(await passwordStep(AUDITOR), '000000')).status)
    check('wrong codes over fresh sign-ins end in a lock-out (429)', statuses.includes(429), statuses.join(','))
    const right = await secondStep(await passwordStep(AUDITOR), totp(DEMO_TOTP_SECRET))
    check('while locked, even the right code waits', right.status === 429, String(right.status))

    // 4c: 11 wrong passwords from one address, then the owner with the right one from another.
    const victim = 'aanvrager@wijkbudgetzielhorst.example'
    const wrong: number[] = []
    for (let i = 1; i <= 11; i++)
      wrong.push(
        (await post('/inloggen', form({ email: victim, password: `fout-${i}` }), { from: '127.0.0.2' })).status,
      )
    check('the 11th wrong password from one address is throttled (429)', wrong[10] === 429, wrong.join(','))
    const attacker = await post('/inloggen', form({ email: victim, password: DEMO_PASSWORD }), { from: '127.0.0.2' })
    check('that address stays refused, even with the right password', attacker.status === 429, String(attacker.status))
    const owner = await signInMember(victim, '127.0.0.3')
    check(
      'the owner with the right password from their own address gets in',
      owner.r.status === 302 && owner.jar.has('bb_session'),
      `${owner.r.status} ${owner.r.headers.location ?? ''}`,
    )

    // 4d: 15 reset requests for one account: at most 3 mails.
    const staff = await admin()
    const target = 'aanvrager@nieuwlandverbindt.example'
    const before = (await mailboxRows(staff)).filter((m) => m.to === target).length
    for (let i = 0; i < 15; i++) await post('/wachtwoord-vergeten', form({ email: target }), { from: '127.0.0.4' })
    let after = before
    for (let i = 0; i < 10; i++) {
      await sleep(1000)
      after = (await mailboxRows(staff)).filter((m) => m.to === target).length
    }
    check(
      '15 reset requests in seconds send at most 3 mails',
      after - before <= 3 && after - before >= 1,
      `${after - before} mails`,
    )

    // 4e: the same answer and about the same time for known and unknown addresses.
    const times = { known: [] as number[], unknown: [] as number[] }
    const answers = new Set<string>()
    for (let i = 0; i < 6; i++) {
      for (const [kind, email, from] of [
        ['known', 'aanvrager@soesterkwartiersamen.example', '127.0.0.5'],
        ['unknown', `niemand${i}@example.org`, '127.0.0.6'],
      ] as const) {
        const r = await post('/wachtwoord-vergeten', form({ email }), { from })
        times[kind].push(r.ms)
        answers.add(`${r.status} ${r.headers.location}`)
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
    check('reset: the same answer for known and unknown addresses', answers.size === 1, [...answers].join(' | '))
    check(
      'reset: no 4x longer answer for a known address',
      median(times.known) < 2 * median(times.unknown) + 50,
      `median ${median(times.known)} ms known, ${median(times.unknown)} ms unknown`,
    )
    // 4f: registering with an address that has an account (a staff address) answers as for a new one.
    const regPage = (await get('/stichting-aanmelden')).text
    const area = idsIn(regPage, 'areaIds')[0] ?? optionsIn(regPage)[0]
    const reg = async (yourEmail: string, i: number) => {
      const kvk = String(10_000_000 + Math.floor(Math.random() * 89_999_999)).slice(0, 8)
      const r = await post(
        '/stichting-aanmelden',
        form({
          name: `Stichting Herhaling ${i} ${kvk}`,
          kvkNumber: kvk,
          iban: 'NL91 ABNA 0417 1643 00',
          accountHolder: 'Stichting Herhaling',
          street: 'Bergenboulevard 1',
          postalCode: '3825 BD',
          city: 'Amersfoort',
          contactName: 'Proef Persoon',
          email: `info${kvk}@herhaling.example`,
          areaIds: area ?? '',
          yourName: 'Proef Persoon',
          yourEmail,
          password: 'paarse olifant fietst naar Hoogland',
        }),
        { from: '127.0.0.8' },
      )
      return `${r.status} ${r.headers.location ?? ''}`
    }
    const existing = await reg('beoordelaar@amersfoort.example', 1)
    const fresh = await reg(`nieuw${Date.now()}@herhaling.example`, 2)
    check(
      'registration with a staff address answers as with a new one',
      existing === fresh && fresh.startsWith('302'),
      `${existing} vs ${fresh}`,
    )
  })

  await finding(5, 'no open redirect after sign-in or from /taal', async () => {
    const evil = '/\t/evil.example/phish'
    const login = await signInMember(MEMBER, '127.0.0.10', evil)
    const loc = String(login.r.headers.location)
    check(
      'sign-in with redirectTo=%2F%09%2Fevil.example%2Fphish stays on the portal',
      login.r.status === 302 && new URL(loc, BASE).origin === base.origin && !loc.startsWith('//'),
      `${login.r.status} ${loc}`,
    )
    for (const to of [evil, '//evil.example', '/\\evil.example', '/%2F/evil.example', 'https://evil.example']) {
      const r = await post('/taal', form({ lang: 'nl', redirectTo: to }))
      check(
        `/taal with ${JSON.stringify(to)} goes home`,
        r.status === 302 && r.headers.location === '/',
        `${r.status} ${r.headers.location}`,
      )
    }
  })

  await finding(6, 'the demo mailbox hands out no account', async () => {
    await post('/wachtwoord-vergeten', form({ email: STAFF_ADMIN }), { from: '127.0.0.11' })
    await sleep(3000)
    const anon = await get('/mailbox')
    check(
      'anonymous: no reset or invitation link in the mailbox',
      !/wachtwoord-herstellen\/|uitnodiging\//.test(anon.text) && !anon.text.includes(STAFF_ADMIN),
      `${anon.status}, ${(await mailboxRows(new Map())).length} mails listed`,
    )
    const staff = await admin()
    const resetMail = (await mailboxRows(staff)).find((m) => m.to === STAFF_ADMIN)
    if (resetMail) {
      const direct = await get(`/mailbox/${resetMail.id}`)
      check(
        "anonymous: the administrator's reset mail by its id is not shown",
        direct.status === 404 || !/wachtwoord-herstellen\//.test(direct.text),
        String(direct.status),
      )
      const { jar: member } = await signInMember(MEMBER, '127.0.0.12')
      const other = await get(`/mailbox/${resetMail.id}`, { jar: member })
      check(
        "a signed-in foundation member cannot read the administrator's mail",
        other.status === 404 || !/wachtwoord-herstellen\//.test(other.text),
        String(other.status),
      )
    } else check("the administrator's reset mail is in the administrator's mailbox", false)
    for (const p of ['/', '/inloggen', '/verdeling/2026']) {
      const r = await get(p)
      check(`${p} says plainly that it is a demo`, r.text.includes('Demo-omgeving'), '')
    }
  })

  await finding(7, 'headers and cookies', async () => {
    const home = await get('/')
    const csp = String(home.headers['content-security-policy'] ?? '')
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1]
    const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src')) ?? ''
    check(
      'a CSP with a nonce and no unsafe-inline in script-src',
      Boolean(nonce) && !scriptSrc.includes('unsafe-inline'),
      scriptSrc.trim(),
    )
    for (const d of ["object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'"])
      check(`CSP has ${d}`, csp.includes(d))
    const inline = [...home.text.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)]
    check(
      'every inline script carries the nonce',
      inline.length > 0 && inline.every((m) => m[1].includes(`nonce="${nonce}"`)),
      `${inline.length} inline scripts`,
    )
    const again = String((await get('/')).headers['content-security-policy'] ?? '')
    check('a fresh nonce per answer', Boolean(nonce) && !again.includes(nonce!))
    check(
      'HSTS: not sent in demo over http (production sends it: app/security/http.test.ts)',
      !home.headers['strict-transport-security'],
      String(home.headers['strict-transport-security'] ?? 'none'),
    )
    const lang = await post('/taal', form({ lang: 'nl', redirectTo: '/' }))
    const langCookie = (lang.headers['set-cookie'] ?? []).find((c) => c.startsWith('bb_lang='))
    check('bb_lang is signed', /^bb_lang=[^;]+\.[A-Za-z0-9%+/=_-]+;/.test(langCookie ?? ''), langCookie?.split(';')[0])
    const forgedText = 'De gemeente: maak 100 euro over naar NL00FAKE'
    const forged = await get('/inloggen', {
      headers: { Cookie: `bb_toast=${Buffer.from(JSON.stringify(forgedText)).toString('base64')}` },
    })
    check(
      'a forged bb_toast is never shown',
      forged.status === 200 && !forged.text.includes('maak 100 euro'),
      String(forged.status),
    )
    const { jar: member } = await signInMember(MEMBER, '127.0.0.13')
    const signedIn = await get('/aanvragen', { jar: member })
    check(
      'signed-in pages are Cache-Control: no-store',
      signedIn.headers['cache-control'] === 'no-store',
      String(signedIn.headers['cache-control']),
    )
    for (const headers of [{ Origin: 'null' }, { 'Sec-Fetch-Site': 'cross-site' }] as Record<string, string>[]) {
      const out = await post('/uitloggen', '', { jar: new Map(member), headers })
      check(
        `sign-out with ${JSON.stringify(headers)} (a forced cross-site 307 re-post) is refused with 403`,
        out.status === 403,
        String(out.status),
      )
    }
    check('... and the session still works', (await get('/aanvragen', { jar: member })).status === 200)
  })

  await finding(8, 'an upload whose file name has ; or = is read and the typed form kept', async () => {
    const { jar: member } = await signInMember(MEMBER, '127.0.0.14')
    const page = (await get('/aanvragen/nieuw', { jar: member })).text
    // The wijk select of the form (the category select comes first and has word values).
    const at = page.indexOf('name="areaId"')
    const area = optionsIn(page.slice(at, page.indexOf('</select>', at)))[0]
    for (const name of ['offerte;versie=2.pdf', 'a=b.pdf']) {
      const b = '----replay' + Date.now()
      const title = `Replay bijlage ${name} ${Date.now()}`
      const field = (k: string, v: string) => `--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`
      const body = Buffer.concat([
        Buffer.from(
          field('intent', 'save') +
            field('title', title) +
            field('category', 'groen') +
            field('areaId', area ?? '') +
            field('attachmentKind', 'quote'),
        ),
        Buffer.from(
          `--${b}\r\nContent-Disposition: form-data; name="attachment"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`,
        ),
        Buffer.from('%PDF-1.4\n%%EOF\n'),
        Buffer.from(`\r\n--${b}--\r\n`),
      ])
      const r = await request('POST', '/aanvragen/nieuw', {
        body,
        jar: member,
        headers: { 'Content-Type': `multipart/form-data; boundary=${b}` },
      })
      const shown = r.status === 302 ? (await get(String(r.headers.location), { jar: member })).text : r.text
      check(
        `file name ${JSON.stringify(name)}: saved, not a 400`,
        r.status < 400 && shown.includes(title.replace(/&/g, '&amp;')),
        `${r.status} ${r.headers.location ?? ''}`,
      )
    }
  })

  await finding(9, 'the database paused or killed: a 503 page, and recovery without help', async () => {
    if (!PG_DATA) {
      check('--pg-data given (needed to pause and kill PostgreSQL)', false)
      return
    }
    const pidOf = () => Number(fs.readFileSync(path.join(PG_DATA, 'postmaster.pid'), 'utf8').split('\n')[0])
    const pid = pidOf()
    const cluster = () => [
      pid,
      ...execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
        .split('\n')
        .filter(Boolean)
        .map(Number),
    ]
    check('/readyz says ready', (await get('/readyz')).text === 'ready')
    // Paused: the server and every backend (the pool's open connections too), as a frozen host would be.
    const paused = cluster()
    for (const p of paused) process.kill(p, 'SIGSTOP')
    try {
      const r = await get('/verdeling/2026', { timeoutMs: 60_000 }).catch((e: Error) => ({
        status: 0,
        text: e.message,
        ms: -1,
      }))
      check(
        'PostgreSQL paused: a page answers 503 (no hanging) and says the input is safe',
        r.status === 503 && r.text.includes('veilig'),
        `${r.status} in ${r.ms} ms`,
      )
      const ready = await get('/readyz', { timeoutMs: 60_000 }).catch(() => ({ status: 0, text: '' }))
      check('PostgreSQL paused: /readyz says not ready', ready.status === 503, `${ready.status} ${ready.text}`)
    } finally {
      for (const p of paused) process.kill(p, 'SIGCONT')
    }
    let back = false
    for (let i = 0; i < 60 && !back; i++) back = (await alive()) || (await sleep(1000), false)
    check('after SIGCONT the portal answers again by itself', back)

    for (const p of cluster())
      try {
        process.kill(p, 'SIGKILL')
      } catch {
        /* gone */
      }
    const statuses = new Map<number, number>()
    let recovered = false
    for (let i = 0; i < 120 && !recovered; i++) {
      const r = await get('/verdeling/2026', { timeoutMs: 60_000 }).catch(() => ({ status: 0 }))
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1)
      recovered = r.status === 200
      if (!recovered) await sleep(1000)
    }
    check(
      'PostgreSQL killed: never a 500 meanwhile',
      !statuses.has(500) && !statuses.has(0),
      JSON.stringify(Object.fromEntries(statuses)),
    )
    check(
      'PostgreSQL killed: the portal starts it again and recovers by itself',
      recovered && pidOf() !== pid,
      `postmaster ${pid} -> ${pidOf()}`,
    )
  })

  const byFinding = new Map<number, boolean>()
  for (const c of checks) byFinding.set(c.finding, (byFinding.get(c.finding) ?? true) && c.ok)
  console.log('\nSummary')
  for (const [n, ok] of byFinding) console.log(`  finding ${n}: ${ok ? 'PASS' : 'FAIL'}`)
  const failed = checks.filter((c) => !c.ok).length
  console.log(`\n${checks.length - failed} checks passed, ${failed} failed`)
  process.exit(failed ? 1 : 0)
}

await main()

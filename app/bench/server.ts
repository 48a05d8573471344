/**
 * The portal's production server as `npm run serve` starts it (built app, NODE_ENV=production), or
 * as `npm start` does (the cold start), for the benchmark: start, wait for the first page, sample its memory (RSS), stop.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import { projectRoot } from '#app/db/embedded.server.ts'

export type PortalProcess = {
  child: ChildProcess
  baseUrl: string
  /** Milliseconds from spawn to the first 200 of `readyPath`. */
  readyMs: number
  /** Highest resident set size seen (kB), from the kernel's own high-water mark (VmHWM). */
  peakRssKb(): number
  /** Current resident set size (kB). */
  rssKb(): number
  log(): string
  stop(): Promise<void>
}

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)
    return match ? Number(match[1]) : 0
  } catch {
    return 0
  }
}

export async function startPortal(opts: {
  port: number
  env: Record<string, string>
  readyPath?: string
  timeoutMs?: number
  /** Start it as a user does, `npm start` (npm and its check of the build included); RSS is then npm's, not measured. */
  npmStart?: boolean
}): Promise<PortalProcess> {
  const baseUrl = `http://127.0.0.1:${opts.port}`
  const started = performance.now()
  // `node --import tsx` instead of the tsx CLI: the same program in ONE process, whose RSS is the server's.
  const child = opts.npmStart
    ? spawn('npm', ['start'], {
        cwd: projectRoot(),
        env: { ...process.env, PORT: String(opts.port), ...opts.env },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true, // its own process group: stop() ends npm and the server under it
      })
    : spawn(process.execPath, ['--import', 'tsx', 'app/server/main.ts'], {
        cwd: projectRoot(),
        env: { ...process.env, NODE_ENV: 'production', PORT: String(opts.port), ...opts.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
  const signal = (name: NodeJS.Signals) => {
    try {
      if (opts.npmStart) process.kill(-child.pid!, name)
      else child.kill(name)
    } catch {
      // already gone
    }
  }
  let output = ''
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000)
  }
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  let exited = false
  child.once('exit', () => (exited = true))
  const stop = async () => {
    if (exited) return
    signal('SIGTERM')
    const deadline = Date.now() + 20_000
    while (!exited && Date.now() < deadline) await sleep(100)
    if (!exited) signal('SIGKILL')
  }
  const deadline = Date.now() + (opts.timeoutMs ?? 90_000)
  for (;;) {
    if (exited) throw new Error(`the portal stopped during start-up:\n${output}`)
    if (Date.now() > deadline) {
      await stop()
      throw new Error(`the portal did not answer within ${opts.timeoutMs ?? 90_000} ms:\n${output}`)
    }
    try {
      const res = await fetch(baseUrl + (opts.readyPath ?? '/inloggen'), { signal: AbortSignal.timeout(5000) })
      await res.arrayBuffer()
      if (res.status === 200) break
    } catch {
      // not listening yet
    }
    await sleep(25)
  }
  const readyMs = performance.now() - started
  const pid = child.pid!
  return {
    child,
    baseUrl,
    readyMs,
    peakRssKb: () => (opts.npmStart ? 0 : statusKb(pid, 'VmHWM')),
    rssKb: () => (opts.npmStart ? 0 : statusKb(pid, 'VmRSS')),
    log: () => output,
    stop,
  }
}

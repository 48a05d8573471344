// A real SMTP server for tests (the smtp-server package) on 127.0.0.1. It keeps every message it
// accepted, raw; `parsed()` reads them with mailparser.
import net from 'node:net'
import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer, type SMTPServerOptions } from 'smtp-server'

export interface TestSmtp {
  port: number
  url: string
  received: { raw: Buffer; messageId: string | null; to: string[] }[]
  parsed(): Promise<ParsedMail[]>
  close(): Promise<void>
}

/** A port that is free now (for a server that starts later, at a known address). */
export async function freePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

export async function startSmtp(
  options: { port?: number; onRcptTo?: SMTPServerOptions['onRcptTo'] } = {},
): Promise<TestSmtp> {
  const received: TestSmtp['received'] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 200,
    onRcptTo: options.onRcptTo,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        const raw = Buffer.concat(chunks)
        const header = raw.toString('utf8', 0, Math.min(raw.length, 8192))
        const messageId = /^Message-ID:\s*(<[^>]+>)/im.exec(header)?.[1] ?? null
        received.push({ raw, messageId, to: session.envelope.rcptTo.map((r) => r.address) })
        callback()
      })
    },
  })
  server.on('error', () => {})
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve((server.server.address() as net.AddressInfo).port))
  })
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    parsed: () => Promise.all(received.map((r) => simpleParser(r.raw))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** Polls until `check` is true (or fails the test after `timeoutMs`). */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<void> {
  const until = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

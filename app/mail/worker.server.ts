// The delivery worker: takes due mails from the outbox and sends them, retrying with exponential
// backoff and jitter until they arrive or are dead-lettered. Several workers (in several processes)
// can share one database: a worker claims rows with SELECT ... FOR UPDATE SKIP LOCKED and holds
// them with a lease (lockedUntil). A worker that dies mid-send loses its lease; the mail is then
// sent again with the same Message-ID, so the recipient's mail program can recognise the duplicate.
import nodemailer from 'nodemailer'
import type { PrismaClient } from '#app/generated/prisma/client.ts'
import { prisma, Prisma } from '#app/db.server.ts'
import { getEnv } from '#app/env.server.ts'
import { isDead, retryDelayMs, type BackoffOptions } from './backoff.ts'
import type { StoredAttachment } from './outbox.server.ts'

export interface OutgoingMail {
  from: string
  to: string
  subject: string
  text: string
  html: string
  messageId: string
  attachments: StoredAttachment[]
}

/** Hands one mail to a mail server (or the local mailbox). Throws when it was not accepted. */
export interface MailTransport {
  kind: 'smtp' | 'mailbox'
  send(mail: OutgoingMail): Promise<void>
  close(): void
}

/** SMTP through nodemailer, with a small connection pool and timeouts shorter than the worker's lease. */
export function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport({
    url,
    pool: true,
    maxConnections: 4,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  })
  return {
    kind: 'smtp',
    async send(mail) {
      await transporter.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        attachments: mail.attachments.map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: Buffer.from(a.base64, 'base64'),
        })),
      })
    },
    close: () => transporter.close(),
  }
}

/** Without SMTP_URL (demo and development only): "delivering" means the mail shows in /mailbox. */
export function localMailboxTransport(): MailTransport {
  return { kind: 'mailbox', async send() {}, close() {} }
}

export interface MailLogger {
  info(message: string): void
  warn(message: string): void
}
export const consoleLogger: MailLogger = { info: (m) => console.log(m), warn: (m) => console.warn(m) }
export const silentLogger: MailLogger = { info() {}, warn() {} }

export interface MailWorkerOptions {
  transport: MailTransport
  /** Default: the process's Prisma client. Tests give each worker its own. */
  db?: PrismaClient
  from?: string
  maxAttempts?: number
  backoff?: BackoffOptions
  /** Mails claimed (and sent concurrently) per round. */
  batchSize?: number
  /** Wait between rounds when there was nothing to do. */
  pollMs?: number
  /** How long a claim holds; after it a crashed worker's mail is taken over. Longer than any SMTP timeout. */
  leaseMs?: number
  logger?: MailLogger
  /** For crash tests: runs after the mail server accepted a mail and before it is marked sent. */
  afterSend?: (id: string) => Promise<void>
}

interface ClaimedRow {
  id: string
  to: string
  subject: string
  text: string
  html: string
  attachments: StoredAttachment[] | null
  messageId: string
  attempts: number
}

/** The database's clock in UTC, as Prisma stores TIMESTAMP(3) columns. */
const NOW = Prisma.sql`(now() AT TIME ZONE 'UTC')`

function errorText(error: unknown): string {
  const e = error as { message?: string; code?: string; responseCode?: number }
  return [e.code, e.responseCode, e.message ?? String(error)].filter(Boolean).join(' ').slice(0, 1000)
}

/** A permanent SMTP refusal (5xx: unknown mailbox, rejected content): trying again will not help. */
function isPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: number }).responseCode
  return typeof code === 'number' && code >= 500 && code < 600
}

export function createMailWorker(options: MailWorkerOptions) {
  const env = getEnv()
  const db = options.db ?? prisma
  const from = options.from ?? env.MAIL_FROM
  const maxAttempts = options.maxAttempts ?? env.MAIL_MAX_ATTEMPTS
  const backoff = options.backoff ?? {
    baseMs: env.MAIL_RETRY_BASE_SECONDS * 1000,
    maxMs: env.MAIL_RETRY_MAX_SECONDS * 1000,
  }
  const batchSize = options.batchSize ?? 10
  const pollMs = options.pollMs ?? 1000
  const leaseMs = options.leaseMs ?? 120_000
  const log = options.logger ?? consoleLogger

  let running = false
  let loop: Promise<void> | undefined
  let wake: (() => void) | undefined

  async function claim(): Promise<ClaimedRow[]> {
    return db.$queryRaw<ClaimedRow[]>`
      UPDATE "OutboxMail" SET "status" = 'SENDING', "attempts" = "attempts" + 1,
        "lockedUntil" = ${NOW} + make_interval(secs => ${leaseMs / 1000}::double precision), "updatedAt" = ${NOW}
      WHERE "id" IN (
        SELECT "id" FROM "OutboxMail"
        WHERE ("status" = 'PENDING' AND "nextAttemptAt" <= ${NOW}) OR ("status" = 'SENDING' AND "lockedUntil" < ${NOW})
        ORDER BY "nextAttemptAt", "createdAt"
        LIMIT ${batchSize}
        FOR UPDATE SKIP LOCKED)
      RETURNING "id", "to", "subject", "text", "html", "attachments", "messageId", "attempts"`
  }

  async function deliver(row: ClaimedRow) {
    try {
      await options.transport.send({
        from,
        to: row.to,
        subject: row.subject,
        text: row.text,
        html: row.html,
        messageId: row.messageId,
        attachments: row.attachments ?? [],
      })
    } catch (error) {
      const dead = isDead(row.attempts, maxAttempts) || isPermanent(error)
      const delay = retryDelayMs(row.attempts, backoff)
      // Fenced on attempts: a worker whose lease ran out cannot overwrite the newer attempt.
      await db.$executeRaw`
        UPDATE "OutboxMail" SET "status" = ${dead ? 'DEAD' : 'PENDING'}::"MailStatus", "lastError" = ${errorText(error)}, "lockedUntil" = NULL,
          "nextAttemptAt" = ${NOW} + make_interval(secs => ${delay / 1000}::double precision), "updatedAt" = ${NOW}
        WHERE "id" = ${row.id} AND "status" = 'SENDING' AND "attempts" = ${row.attempts}`
      const what = dead ? 'opgegeven (dead letter)' : `nieuwe poging over ${Math.round(delay / 1000)} s`
      log.warn(`mail ${row.id} aan ${row.to}: poging ${row.attempts} mislukt (${errorText(error)}); ${what}`)
      return
    }
    if (options.afterSend) await options.afterSend(row.id)
    const marked = await db.$executeRaw`
      UPDATE "OutboxMail" SET "status" = 'SENT', "sentAt" = ${NOW}, "lockedUntil" = NULL, "lastError" = NULL, "updatedAt" = ${NOW}
      WHERE "id" = ${row.id} AND "status" = 'SENDING' AND "attempts" = ${row.attempts}`
    if (marked === 0)
      log.warn(`mail ${row.id}: verzonden, maar de claim was al verlopen; een andere worker heeft hem overgenomen`)
  }

  /** One round: claim due mails and send them. Returns how many were claimed. */
  async function runOnce(): Promise<number> {
    const rows = await claim()
    await Promise.all(rows.map((row) => deliver(row)))
    return rows.length
  }

  /** Until there is nothing due any more (tests, and `mail:worker --once`). */
  async function drain(): Promise<number> {
    let total = 0
    for (let n = await runOnce(); n > 0; n = await runOnce()) total += n
    return total
  }

  function start() {
    if (running) return
    running = true
    loop = (async () => {
      while (running) {
        let claimed = 0
        try {
          claimed = await runOnce()
        } catch (error) {
          // The database is briefly unreachable, for instance: try again after the pause.
          log.warn(`mailworker: ${errorText(error)}`)
        }
        if (claimed === 0 && running) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, pollMs)
            wake = () => {
              clearTimeout(timer)
              resolve()
            }
          })
          wake = undefined
        }
      }
    })()
  }

  /** Stops after the current round (mails being sent are finished and marked). */
  async function stop() {
    running = false
    wake?.()
    await loop
    options.transport.close()
  }

  return { runOnce, drain, start, stop, transport: options.transport }
}

export type MailWorker = ReturnType<typeof createMailWorker>

/**
 * The worker as configured by the environment: SMTP_URL, or the local mailbox in demo mode. In
 * production without SMTP_URL nothing is sent (mails wait in the outbox) and null is returned.
 */
export function mailWorkerFromEnv(logger: MailLogger = consoleLogger): MailWorker | null {
  const env = getEnv()
  if (env.SMTP_URL) return createMailWorker({ transport: smtpTransport(env.SMTP_URL), logger })
  if (env.PORTAL_MODE === 'production') {
    logger.warn(
      'SMTP_URL ontbreekt: er wordt geen mail verstuurd; mails wachten in de wachtrij tot SMTP_URL is ingesteld.',
    )
    return null
  }
  return createMailWorker({ transport: localMailboxTransport(), logger })
}

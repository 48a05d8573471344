// The outbox and its worker against a real PostgreSQL and a real SMTP server (smtp-server).
import { fork } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { PrismaPg } from '@prisma/adapter-pg'
import { afterEach, describe, expect, it } from 'vitest'
import { prisma } from '#app/db.server.ts'
import { PrismaClient } from '#app/generated/prisma/client.ts'
import { testDatabaseUrl } from '#app/testing/db.ts'
import { resendMail, listProblemMails } from './admin.server.ts'
import { enqueueMail, messageIdFor } from './outbox.server.ts'
import { renderMail } from './render.ts'
import { freePort, startSmtp, waitFor, type TestSmtp } from './testing/smtp.ts'
import { createMailWorker, silentLogger, smtpTransport, type MailWorker } from './worker.server.ts'

const here = path.dirname(fileURLToPath(import.meta.url))
const receiptData = {
  name: 'Fatima el Amrani',
  reference: 'BB-2026-0042',
  title: 'Kunstroute Hoogland',
  foundationName: 'Stichting Hoogland Leeft',
  areaName: 'Hoogland',
  requestedCents: 245000,
  submittedOn: '2026-11-26',
  decisionDueOn: '2027-01-21',
  url: 'http://localhost:3000/aanvragen/abc',
}

const cleanup: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn()
  await prisma.outboxMail.deleteMany()
})

function worker(smtpUrl: string, options: Partial<Parameters<typeof createMailWorker>[0]> = {}): MailWorker {
  const w = createMailWorker({
    transport: smtpTransport(smtpUrl),
    logger: silentLogger,
    pollMs: 20,
    backoff: { baseMs: 50, maxMs: 200 },
    ...options,
  })
  cleanup.push(() => w.stop())
  return w
}

async function smtp(options?: Parameters<typeof startSmtp>[0]): Promise<TestSmtp> {
  const server = await startSmtp(options)
  cleanup.push(() => server.close())
  return server
}

function enqueueReceipt(
  to = 'fatima@hooglandleeft.example',
  attachments?: Parameters<typeof enqueueMail>[1]['attachments'],
) {
  return prisma.$transaction((tx) =>
    enqueueMail(tx, { template: 'application-receipt', to, lang: 'nl', data: receiptData, attachments }),
  )
}

describe('the outbox', () => {
  it('is written in the transaction of its event: a rolled-back event leaves no mail', async () => {
    await expect(
      prisma.$transaction(async (tx) => {
        await enqueueMail(tx, { template: 'application-receipt', to: 'a@b.example', lang: 'nl', data: receiptData })
        throw new Error('the event failed')
      }),
    ).rejects.toThrow('the event failed')
    expect(await prisma.outboxMail.count()).toBe(0)
  })

  it('refuses incomplete data and relative links, so the event fails instead of a broken mail', async () => {
    await expect(enqueueReceipt('not-an-address')).rejects.toThrow('ongeldig e-mailadres')
    await expect(
      prisma.$transaction((tx) =>
        enqueueMail(tx, {
          template: 'application-receipt',
          to: 'a@b.example',
          lang: 'en',
          data: { ...receiptData, url: '/aanvragen/abc' },
        }),
      ),
    ).rejects.toThrow('url')
    expect(await prisma.outboxMail.count()).toBe(0)
  })
})

describe('delivery over SMTP', () => {
  it('delivers with the right recipient, subject, text, HTML, attachment and Message-ID', async () => {
    const server = await smtp()
    const pdf = Buffer.from('%PDF-1.4 test attachment')
    const { id, messageId } = await enqueueReceipt('fatima@hooglandleeft.example', [
      { filename: 'beschikking.pdf', contentType: 'application/pdf', content: pdf },
    ])
    expect(messageId).toBe(messageIdFor(id))
    expect(await worker(server.url).drain()).toBe(1)

    const [mail] = await server.parsed()
    expect(server.received).toHaveLength(1)
    expect(server.received[0].to).toEqual(['fatima@hooglandleeft.example'])
    expect(mail.subject).toBe('Ontvangen: uw aanvraag BB-2026-0042 (Kunstroute Hoogland)')
    expect(mail.messageId).toBe(messageId)
    expect(mail.text).toContain('21 januari 2027')
    expect(mail.text).toContain('http://localhost:3000/aanvragen/abc')
    expect(mail.html).toContain('lang="nl"')
    expect(mail.html).toContain('BB-2026-0042')
    expect(mail.attachments).toHaveLength(1)
    expect(mail.attachments[0].filename).toBe('beschikking.pdf')
    expect(mail.attachments[0].contentType).toBe('application/pdf')
    expect(mail.attachments[0].content.equals(pdf)).toBe(true)
    const row = await prisma.outboxMail.findUniqueOrThrow({ where: { id } })
    expect(row).toMatchObject({ status: 'SENT', attempts: 1, lastError: null })
    expect(row.sentAt).not.toBeNull()
  })

  it('keeps trying while the mail server is down and delivers exactly once after it returns', async () => {
    const port = await freePort()
    const { id, messageId } = await enqueueReceipt()
    const w = worker(`smtp://127.0.0.1:${port}`, { maxAttempts: 50 })
    w.start()
    await waitFor(
      async () => (await prisma.outboxMail.findUniqueOrThrow({ where: { id } })).attempts >= 3,
      10_000,
      'three failed attempts',
    )
    const failing = await prisma.outboxMail.findUniqueOrThrow({ where: { id } })
    expect(failing.status).not.toBe('SENT')
    expect(failing.lastError).toMatch(/ECONNREFUSED|connect/i)
    expect((await listProblemMails()).map((m) => m.id)).toContain(id)

    const server = await smtp({ port })
    await waitFor(
      async () => (await prisma.outboxMail.findUniqueOrThrow({ where: { id } })).status === 'SENT',
      10_000,
      'delivery',
    )
    await new Promise((resolve) => setTimeout(resolve, 300)) // room for a wrong second delivery
    expect(server.received.map((r) => r.messageId)).toEqual([messageId])
  })

  it('dead-letters after the configured attempts; an administrator sends it again', async () => {
    let accept = false
    const server = await smtp({
      onRcptTo: (_address, _session, callback) =>
        accept ? callback() : callback(Object.assign(new Error('Mailbox busy, try later'), { responseCode: 451 })),
    })
    const { id, messageId } = await enqueueReceipt()
    const w = worker(server.url, { maxAttempts: 3 })
    w.start()
    await waitFor(
      async () => (await prisma.outboxMail.findUniqueOrThrow({ where: { id } })).status === 'DEAD',
      10_000,
      'dead letter',
    )
    const dead = await prisma.outboxMail.findUniqueOrThrow({ where: { id } })
    expect(dead.attempts).toBe(3)
    expect(dead.lastError).toContain('451')
    expect((await listProblemMails())[0]).toMatchObject({ id, status: 'DEAD' })

    accept = true
    expect(await resendMail(id)).toBe(true)
    await waitFor(
      async () => (await prisma.outboxMail.findUniqueOrThrow({ where: { id } })).status === 'SENT',
      10_000,
      'delivery after resend',
    )
    expect(server.received.map((r) => r.messageId)).toEqual([messageId])
    expect(await resendMail(id)).toBe(false) // a sent mail is not sent again by accident
  })

  it('gives up at once on a permanent refusal (5xx)', async () => {
    const server = await smtp({
      onRcptTo: (_a, _s, callback) => callback(Object.assign(new Error('No such user'), { responseCode: 550 })),
    })
    const { id } = await enqueueReceipt('nobody@hooglandleeft.example')
    await worker(server.url, { maxAttempts: 10 }).drain()
    expect(await prisma.outboxMail.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'DEAD', attempts: 1 })
  })

  it('after a worker is killed between sending and marking sent, the retry carries the same Message-ID', async () => {
    const server = await smtp()
    const { id, messageId } = await enqueueReceipt()
    const child = fork(path.join(here, 'testing/crash-worker.ts'), [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, DATABASE_URL: testDatabaseUrl(), SMTP_URL: server.url, LEASE_MS: '1000' },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    })
    const exited = new Promise((resolve) => child.once('exit', resolve))
    cleanup.push(async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      await exited
    })
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve())
      child.once('exit', (code) => reject(new Error(`crash worker exited early (${code})`)))
    })
    expect(server.received).toHaveLength(1)
    child.kill('SIGKILL')
    await exited
    expect(await prisma.outboxMail.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: 'SENDING',
      attempts: 1,
    })

    const w = worker(server.url)
    await waitFor(async () => (await w.runOnce()) > 0, 10_000, 'the lease of the killed worker to run out')
    expect(server.received.map((r) => r.messageId)).toEqual([messageId, messageId])
    expect(await prisma.outboxMail.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'SENT', attempts: 2 })
  })

  it('two workers on one database deliver 1,000 mails, each exactly once', async () => {
    const server = await smtp()
    const rendered = await renderMail('application-receipt', 'nl', receiptData)
    const ids = Array.from({ length: 1000 }, () => randomUUID())
    await prisma.outboxMail.createMany({
      data: ids.map((id, i) => ({
        id,
        template: 'application-receipt',
        to: `lid${i}@hooglandleeft.example`,
        lang: 'nl',
        data: receiptData,
        ...rendered,
        messageId: messageIdFor(id),
      })),
    })
    const clients = [0, 1].map(
      () => new PrismaClient({ adapter: new PrismaPg({ connectionString: testDatabaseUrl() }) }),
    )
    cleanup.push(() => Promise.all(clients.map((c) => c.$disconnect())))
    const workers = clients.map((db) => worker(server.url, { db, batchSize: 25 }))
    const counts = await Promise.all(workers.map((w) => w.drain()))

    expect(counts[0] + counts[1]).toBe(1000)
    expect(counts[0]).toBeGreaterThan(0)
    expect(counts[1]).toBeGreaterThan(0)
    expect(server.received).toHaveLength(1000)
    expect(new Set(server.received.map((r) => r.messageId))).toEqual(new Set(ids.map(messageIdFor)))
    expect(await prisma.outboxMail.count({ where: { status: 'SENT', attempts: 1 } })).toBe(1000)
  })
})

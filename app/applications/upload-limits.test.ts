import { beforeAll, describe, expect, test } from 'vitest'
import { prisma } from '#app/db.server.ts'
import { createUserSession } from '#app/auth/session.server.ts'
import * as newApplication from '#app/routes/aanvragen.nieuw.tsx'
import { seeded } from '#app/testing/fixtures.ts'

process.env.PORTAL_CLOCK = '2026-06-01'

let cookie = ''
let areaId = ''
beforeAll(async () => {
  const f = await seeded()
  cookie = (await createUserSession(f.hoogland.id)).split(';')[0]
  areaId = (await f.area('WK030719')).id
})

const MB = 1024 * 1024
const BOUNDARY = '----buurtbudget-limit-test'

/**
 * A multipart body with the form fields and one "PDF" of `size` bytes, produced in 64 kB chunks from
 * one reused buffer (so the test itself stays flat), counting how many bytes the server pulled.
 */
function hugeUpload(size: number) {
  const head = new TextEncoder().encode(
    [
      ['intent', 'save'],
      ['title', 'Grote offerte'],
      ['category', 'groen'],
      ['areaId', areaId],
    ]
      .map(([k, v]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
      .join('') +
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="attachment"; filename="offerte.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`,
  )
  const tail = new TextEncoder().encode(`\r\n--${BOUNDARY}--\r\n`)
  const chunk = new Uint8Array(64 * 1024).fill(0x41)
  let sent = 0
  const pulled = { bytes: 0 }
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(head)
      pulled.bytes += head.byteLength
    },
    pull(controller) {
      if (sent >= size) {
        controller.enqueue(tail)
        controller.close()
        return
      }
      const n = Math.min(chunk.byteLength, size - sent)
      sent += n
      pulled.bytes += n
      controller.enqueue(n === chunk.byteLength ? chunk : chunk.subarray(0, n))
    },
  })
  return { stream, pulled }
}

async function statusOf(fn: () => Promise<unknown>) {
  try {
    const r = await fn()
    return r instanceof Response ? r.status : 200
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status
    throw thrown
  }
}

function request(body: ReadableStream<Uint8Array>, headers: Record<string, string> = {}) {
  return new Request('http://localhost/aanvragen/nieuw', {
    method: 'POST',
    headers: { Cookie: cookie, 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}`, ...headers },
    body,
    duplex: 'half',
  } as RequestInit)
}

describe('oversized uploads are refused before the body is read, and memory stays flat', () => {
  test('a declared 50 MB body is refused with 413 without reading a byte of the file', async () => {
    const { stream, pulled } = hugeUpload(50 * MB)
    const before = await prisma.application.count()
    expect(
      await statusOf(() =>
        newApplication.action({
          request: request(stream, { 'Content-Length': String(50 * MB + 1000) }),
          params: {},
          context: {},
        }),
      ),
    ).toBe(413)
    expect(pulled.bytes).toBeLessThan(1 * MB)
    expect(await prisma.application.count()).toBe(before)
  })

  test('a streamed 50 MB upload without Content-Length stops at the 10 MB limit: 413, RSS growth small, nothing stored', async () => {
    global.gc?.()
    const rssBefore = process.memoryUsage().rss
    const { stream, pulled } = hugeUpload(50 * MB)
    const before = { apps: await prisma.application.count(), attachments: await prisma.attachment.count() }
    expect(await statusOf(() => newApplication.action({ request: request(stream), params: {}, context: {} }))).toBe(413)
    const growth = process.memoryUsage().rss - rssBefore
    // The parser stops at the 10 MB part limit: at most a little more than 10 MB was read, never 50.
    expect(pulled.bytes).toBeLessThan(12 * MB)
    expect(growth).toBeLessThan(40 * MB)
    expect(await prisma.application.count()).toBe(before.apps)
    expect(await prisma.attachment.count()).toBe(before.attachments)
  })

  test('a file just under the limit is accepted (the limit is not too strict)', async () => {
    const { stream } = hugeUpload(9 * MB)
    const status = await statusOf(() => newApplication.action({ request: request(stream), params: {}, context: {} }))
    expect(status).toBe(302)
    expect(await prisma.attachment.count({ where: { sizeBytes: { gt: 9 * MB } } })).toBe(1)
  })
})

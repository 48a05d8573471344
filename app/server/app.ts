/**
 * The portal's HTTP layer in front of Remix (docs/decisions/0020): security headers with a CSP
 * nonce per answer, the same-origin check for every state change, the request guard
 * (app/web/request-guard.server.ts) before any action reads its body, the readiness endpoint, and
 * the 503 page while the database is away. `handle` is Remix's request handler in the real server
 * and can be any (request, context) => Response function in tests.
 */
import { randomBytes } from 'node:crypto'
import { createReadableStreamFromReadable } from '@remix-run/node'
import express, { type Request as ExpressRequest, type Response as ExpressResponse } from 'express'
import { databaseReady, recentDatabaseTrouble } from '#app/db.server.ts'
import { getLang } from '#app/i18n/lang.server.ts'
import { guardPage } from '#app/web/guard-pages.server.ts'
import { guardRequest } from '#app/web/request-guard.server.ts'

export type LoadContext = { clientIp: string; nonce: string }
export type Handle = (request: Request, context: LoadContext) => Promise<Response>

export type AppOptions = {
  handle: Handle
  /** production: HSTS. */
  mode: 'demo' | 'production'
  /** Vite's dev server needs inline scripts and a websocket. */
  dev?: boolean
  trustProxyHops?: number
  /** Extra origin a form may post to (the OIDC provider: a sign-in form redirects there). */
  formActionOrigins?: string[]
  /** Static files (the built client), mounted before the guard. */
  staticMiddleware?: express.RequestHandler[]
  /** Called when a refusal happens (for logs). */
  onRefusal?: (reason: string, req: ExpressRequest) => void
}

export function contentSecurityPolicy(nonce: string, opts: { dev?: boolean; formActionOrigins?: string[] } = {}) {
  const script = opts.dev ? `'self' 'nonce-${nonce}' 'unsafe-inline'` : `'self' 'nonce-${nonce}'`
  return [
    `default-src 'self'`,
    `script-src ${script}`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data:`,
    `font-src 'self'`,
    `connect-src 'self'${opts.dev ? ' ws: wss:' : ''}`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'${(opts.formActionOrigins ?? []).map((o) => ` ${o}`).join('')}`,
    `frame-ancestors 'none'`,
  ].join('; ')
}

const STATE_CHANGING = (method: string) => !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase())

/** Why a state-changing request is refused as cross-site, or null when it may pass. */
export function crossSiteReason(req: { method: string; get(name: string): string | undefined }): string | null {
  if (!STATE_CHANGING(req.method)) return null
  const site = req.get('sec-fetch-site')
  if (site && site !== 'same-origin' && site !== 'none') return `sec-fetch-site:${site}`
  const origin = req.get('origin')
  if (origin === undefined) return null
  if (origin === 'null') return 'origin-null'
  let host: string | null = null
  try {
    host = new URL(origin).host
  } catch {
    return 'origin-invalid'
  }
  return host === req.get('host') ? null : 'origin-other'
}

async function langOf(req: ExpressRequest) {
  return getLang(new Request('http://portal.invalid/', { headers: { Cookie: req.get('cookie') ?? '' } }))
}

async function sendPage(req: ExpressRequest, res: ExpressResponse, status: 400 | 403 | 413 | 415 | 503) {
  const lang = await langOf(req).catch(() => 'nl' as const)
  if (status === 503) res.setHeader('Retry-After', '30')
  res.setHeader('Cache-Control', 'no-store')
  res.status(status).type('text/html; charset=utf-8').send(guardPage(status, lang))
}

function createRemixHeaders(requestHeaders: ExpressRequest['headers']): Headers {
  const headers = new Headers()
  for (const [key, values] of Object.entries(requestHeaders)) {
    if (!values) continue
    // A header value a Headers object refuses (e.g. a bare CR) is dropped, never a 500.
    try {
      if (Array.isArray(values)) for (const value of values) headers.append(key, value)
      else headers.set(key, values)
    } catch {
      /* dropped */
    }
  }
  return headers
}

async function sendRemixResponse(res: ExpressResponse, response: Response) {
  res.statusMessage = response.statusText
  res.status(response.status)
  for (const [key, value] of response.headers.entries()) res.append(key, value)
  if (response.body) await writeWithBackpressure(response.body, res)
  else res.end()
}

/**
 * The body to the socket, one chunk after the other as the client takes them. (Remix's
 * writeReadableStreamToWritable ignores `write()`'s answer, so a large download to a slow client
 * piles up in the server's memory.) A client that goes away cancels the body.
 */
async function writeWithBackpressure(body: ReadableStream<Uint8Array>, res: ExpressResponse) {
  const reader = body.getReader()
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      if (!res.write(value)) {
        await new Promise<void>((resolve) => {
          const go = () => {
            res.off('drain', go)
            res.off('close', go)
            resolve()
          }
          res.on('drain', go)
          res.on('close', go)
        })
      }
      if (res.destroyed) {
        await reader.cancel().catch(() => {})
        return
      }
    }
    res.end()
  } catch (error) {
    res.destroy(error as Error)
    throw error
  }
}

function remixRequest(req: ExpressRequest, res: ExpressResponse, body: Buffer | null): Request {
  const [, hostPort] = req.get('host')?.split(':') ?? []
  const port = Number.parseInt(hostPort ?? '', 10)
  const url = new URL(
    `${req.protocol}://${req.hostname}${Number.isSafeInteger(port) ? `:${port}` : ''}${req.originalUrl}`,
  )
  let controller: AbortController | null = new AbortController()
  res.on('finish', () => (controller = null))
  res.on('close', () => controller?.abort())
  const init: RequestInit & { duplex?: 'half' } = {
    method: req.method,
    headers: createRemixHeaders(req.headers),
    signal: controller.signal,
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    init.body = body ? (new Uint8Array(body) as unknown as BodyInit) : createReadableStreamFromReadable(req)
    init.duplex = 'half'
  }
  return new Request(url.href, init)
}

export function createApp(opts: AppOptions) {
  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', opts.trustProxyHops ?? 0)

  app.use((req, res, next) => {
    const nonce = randomBytes(16).toString('base64')
    res.locals.nonce = nonce
    res.setHeader('Content-Security-Policy', contentSecurityPolicy(nonce, opts))
    res.setHeader('X-Content-Type-Options', 'nosniff')
    res.setHeader('X-Frame-Options', 'DENY')
    res.setHeader('Referrer-Policy', 'same-origin')
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
    res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()')
    if (opts.mode === 'production') res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
    // Signed-in answers are never kept by a browser or proxy cache.
    if (/(?:^|;\s*)bb_session=/.test(req.get('cookie') ?? '')) res.setHeader('Cache-Control', 'no-store')
    next()
  })

  /** Readiness: 200 "ready" when the database answers, 503 "not ready" otherwise. */
  app.get('/readyz', async (_req, res) => {
    const ready = await databaseReady().catch(() => false)
    res.setHeader('Cache-Control', 'no-store')
    res
      .status(ready ? 200 : 503)
      .type('text/plain; charset=utf-8')
      .send(ready ? 'ready' : 'not ready')
  })

  for (const m of opts.staticMiddleware ?? []) app.use(m)

  app.all('*', async (req, res, next) => {
    try {
      const crossSite = crossSiteReason(req)
      if (crossSite) {
        opts.onRefusal?.(crossSite, req)
        res.setHeader('Connection', 'close')
        return await sendPage(req, res, 403)
      }
      const guarded = await guardRequest({
        method: req.method,
        url: req.originalUrl,
        headers: { get: (name) => req.get(name) ?? null },
        body: STATE_CHANGING(req.method) ? req : null,
      })
      if (!guarded.ok) {
        opts.onRefusal?.(guarded.refusal.reason, req)
        // The rest of a refused body is read and dropped, never kept ("lingering close"): closing a
        // socket with unread data makes the kernel send a reset, and the client may lose this answer
        // before it reads it. A body that has not ended 10 s after the answer is cut off. (A cap in
        // bytes would not do: on a fast link a client sends tens of MB before it reads the answer.)
        res.on('finish', () => {
          if (req.complete) return
          const timer = setTimeout(() => req.socket.destroy(), 10_000).unref()
          req.once('end', () => clearTimeout(timer))
          req.once('close', () => clearTimeout(timer))
          req.resume()
        })
        return await sendPage(req, res, guarded.refusal.status)
      }
      const request = remixRequest(req, res, guarded.body)
      const response = await opts.handle(request, { clientIp: req.ip ?? 'unknown', nonce: res.locals.nonce })
      // A failure while the database is away, or just after it broke, is the outage's: a 503 page.
      if (response.status >= 500 && (recentDatabaseTrouble() || !(await databaseReady().catch(() => false)))) {
        await response.body?.cancel().catch(() => {})
        return await sendPage(req, res, 503)
      }
      await sendRemixResponse(res, response)
    } catch (error) {
      if ((recentDatabaseTrouble() || !(await databaseReady().catch(() => false))) && !res.headersSent)
        return sendPage(req, res, 503)
      next(error)
    }
  })

  // Last resort: never a stack trace.
  app.use((error: unknown, req: ExpressRequest, res: ExpressResponse, _next: express.NextFunction) => {
    console.error(error)
    if (res.headersSent) return res.end()
    res.status(500).type('text/plain; charset=utf-8').send('Er ging iets mis. Probeer het later opnieuw.')
  })
  return app
}

/**
 * The security suite's server: the portal's real HTTP layer (app/server/app.ts: headers, cross-site
 * refusal, request guard, 503 page, /readyz) on a real port, in front of the real route modules of
 * app/routes, called the way Remix calls them (loader for GET, action otherwise; thrown and returned
 * Responses passed on, data() and plain values as JSON, any other error a bare 500 like Remix in
 * production). Test helper: imports nothing from vitest.
 */
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { createApp, type AppOptions, type LoadContext } from '#app/server/app.ts'
import { jsonAnswer, plainText } from '#app/web/responses.ts'

type RouteFn = (args: { request: Request; params: Record<string, string>; context: LoadContext }) => unknown
export type RouteModule = { loader?: RouteFn; action?: RouteFn }

/** Route id from the file name (flat routes): `stichting.$id.tsx` -> `stichting.$id`. */
export const routeIdOf = (file: string) => file.replace(/^.*\/routes\//, '').replace(/\.tsx?$/, '')

type Compiled = { id: string; re: RegExp; names: string[]; mod: RouteModule }

/** Flat-route file names to URL patterns (`aanvragen.$id_.bijlagen.$attachmentId` -> /aanvragen/:id/bijlagen/:attachmentId). */
export function compileRoutes(modules: Record<string, RouteModule>): Compiled[] {
  const compiled = Object.entries(modules).map(([id, mod]) => {
    const names: string[] = []
    const segments = id === '_index' ? [] : id.split('.').filter((s) => s !== '_index')
    const pattern = segments
      .map((seg) => {
        const clean = seg.replace(/_$/, '')
        if (clean.startsWith('$')) {
          names.push(clean.slice(1))
          return '/([^/]+)'
        }
        return '/' + clean.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      })
      .join('')
    return { id, re: new RegExp(`^${pattern || '/'}/?$`), names, mod }
  })
  // Static segments before parameters: `aanvragen.nieuw` before `aanvragen.$id`.
  return compiled.sort((a, b) => a.names.length - b.names.length)
}

const isDataWithResponseInit = (v: unknown): v is { type: string; data: unknown; init: ResponseInit | null } =>
  typeof v === 'object' && v !== null && (v as { type?: unknown }).type === 'DataWithResponseInit'

function toResponse(value: unknown): Response {
  if (value instanceof Response) return value
  if (isDataWithResponseInit(value)) return jsonAnswer(value.data, value.init)
  return jsonAnswer(value)
}

export function routeHandler(modules: Record<string, RouteModule>) {
  const routes = compileRoutes(modules)
  return async (request: Request, context: LoadContext): Promise<Response> => {
    const url = new URL(request.url)
    const path = url.pathname.replace(/\.data$/, '')
    for (const r of routes) {
      const m = r.re.exec(path)
      if (!m) continue
      const params = Object.fromEntries(r.names.map((n, i) => [n, decodeURIComponent(m[i + 1])]))
      const fn = request.method === 'GET' || request.method === 'HEAD' ? r.mod.loader : r.mod.action
      if (!fn) return plainText('Method Not Allowed', { status: 405 })
      try {
        return toResponse(await fn({ request, params, context }))
      } catch (error) {
        if (error instanceof Response) return error
        if (isDataWithResponseInit(error)) return toResponse(error)
        // Remix in production: a bare 500 without details (the error is logged, not shown).
        return plainText('Unexpected Server Error', {
          status: 500,
          headers: {
            'X-Test-Error': String((error as Error)?.message ?? error)
              .slice(0, 200)
              .replace(/[^\x20-\x7e]/g, '?'),
          },
        })
      }
    }
    return plainText('Niet gevonden', { status: 404 })
  }
}

export type TestServer = { url: string; close(): Promise<void> }

export async function startTestServer(
  modules: Record<string, RouteModule>,
  opts: Partial<AppOptions> = {},
): Promise<TestServer> {
  const app = createApp({ mode: 'demo', handle: routeHandler(modules), ...opts })
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s))
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/**
 * The few answers built outside a route: the server-rendered document (entry.server.tsx) and the
 * security suite's stand-in for Remix (app/security/harness.ts). Routes answer through Remix
 * (`data`, `redirect`) and the helpers of this folder; nothing else makes a Response.
 */

/** A streamed HTML document. */
export function htmlStream(body: ReadableStream, headers: Headers, status: number): Response {
  headers.set('Content-Type', 'text/html; charset=utf-8')
  return new Response(body, { headers, status })
}

/** A short plain-text answer (405, 404, a bare 500). */
export function plainText(text: string, init?: ResponseInit): Response {
  return new Response(text, init)
}

/** JSON the way Remix encodes a loader's plain value or `data()` (bigints as strings). */
export function jsonAnswer(value: unknown, init?: ResponseInit | null): Response {
  return new Response(
    JSON.stringify(value ?? null, (_k, v) => (typeof v === 'bigint' ? String(v) : v)),
    {
      ...init,
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        ...Object.fromEntries(new Headers(init?.headers ?? {})),
      },
    },
  )
}

/**
 * Server rendering (docs/decisions/0022): every inline script Remix writes carries this answer's
 * CSP nonce. Browsers get the stream as soon as the shell is ready; clients without a browser
 * User-Agent (bots, curl, monitoring) get the whole document at once. A render that takes too long
 * is aborted with an answer, never a hanging or crashed stream.
 */
import { PassThrough } from 'node:stream'
import type { AppLoadContext, EntryContext } from '@remix-run/node'
import { createReadableStreamFromReadable } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { NonceProvider } from '#app/web/nonce.tsx'
import { htmlStream } from '#app/web/responses.ts'

export const streamTimeout = 5000

/** What the server process needs besides rendering, from this same bundle (app/server/kit.server.ts). */
export * as serverKit from '#app/server/kit.server.ts'

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = typeof loadContext?.nonce === 'string' ? loadContext.nonce : ''
  const userAgent = request.headers.get('user-agent')
  // No User-Agent at all counts as a bot: wait for everything, then answer once.
  const waitForAll = !userAgent || isbot(userAgent)
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false
    let statusCode = responseStatusCode
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? 'onAllReady' : 'onShellReady']() {
          shellRendered = true
          const body = new PassThrough()
          resolve(htmlStream(createReadableStreamFromReadable(body), responseHeaders, statusCode))
          pipe(body)
        },
        onShellError(error: unknown) {
          reject(error)
        },
        onError(error: unknown) {
          statusCode = 500
          // Errors during streaming after the shell are logged; before it, onShellError rejects.
          if (shellRendered) console.error(error)
        },
      },
    )
    setTimeout(abort, streamTimeout + 1000)
  })
}

/**
 * The request guard: one check in front of every action (app/server/app.ts runs it before Remix).
 * It reads a request body while counting the bytes actually received (chunked or not, whatever
 * Content-Length says), stops at the limit, and checks the form's structure before any parser
 * builds objects from it: the number of fields, the length and nesting of every key, list indexes
 * (`x[99999999]=1` would make Conform build an array of a hundred million slots), control
 * characters and broken UTF-8 in values, and the content type. See docs/decisions/0020.
 */

export const GUARD_LIMITS = {
  /** Plain forms (application/x-www-form-urlencoded). */
  formBytes: 1024 * 1024,
  /** Forms with a file: one attachment of at most 10 MB plus the text fields. */
  multipartBytes: 11 * 1024 * 1024,
  maxFields: 1000,
  maxKeyLength: 200,
  /** Segments in a key: `lines[0].description` has three. */
  maxDepth: 6,
  /** Highest list index: no form of the portal has a list longer than this. */
  maxIndex: 999,
  maxFileNameLength: 255,
  maxUrlLength: 8 * 1024,
} as const

export type Refusal = {
  status: 400 | 413 | 415
  /** Which rule refused it (for the log and the tests; never the user's own text). */
  reason: string
}

export type GuardResult = { ok: true; body: Buffer | null } | { ok: false; refusal: Refusal }

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

const refuse = (status: Refusal['status'], reason: string): GuardResult => ({ ok: false, refusal: { status, reason } })

/** Control characters browsers never send from typed input (tab, CR and LF are fine). */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** Checks one field name: length, nesting depth and list indexes. Returns a reason or null. */
export function keyProblem(key: string): string | null {
  if (key.length > GUARD_LIMITS.maxKeyLength) return 'key-too-long'
  if (CONTROL.test(key)) return 'control-character-in-key'
  const segments = key.split(/[.[\]]+/).filter((s) => s !== '')
  if (segments.length > GUARD_LIMITS.maxDepth) return 'key-too-deep'
  for (const s of segments)
    if (/^\d+$/.test(s) && (s.length > 4 || Number(s) > GUARD_LIMITS.maxIndex)) return 'index-too-large'
  return null
}

function valueProblem(value: string): string | null {
  return CONTROL.test(value) ? 'control-character' : null
}

/** What a content type header allows: 'form', 'multipart' (with its boundary) or nothing. */
export function bodyKind(
  contentType: string | null,
): { kind: 'form' } | { kind: 'multipart'; boundary: string } | { kind: 'none' } | { kind: 'unknown' } {
  if (!contentType) return { kind: 'none' }
  const [type, ...params] = contentType.split(';').map((s) => s.trim())
  const mime = type.toLowerCase()
  if (mime === 'application/x-www-form-urlencoded') return { kind: 'form' }
  if (mime === 'multipart/form-data') {
    for (const p of params) {
      const m = /^boundary=(?:"([^"]{1,70})"|([^\s";]{1,70}))$/i.exec(p)
      if (m) return { kind: 'multipart', boundary: m[1] ?? m[2] }
    }
    return { kind: 'unknown' }
  }
  return { kind: 'unknown' }
}

/** A Node stream (the server's request): read with events so the socket stays usable for the answer. */
export type NodeBody = NodeJS.ReadableStream & { pause(): unknown }

/** Reads at most `limit` bytes; null when the body is longer (the rest is not read). */
export async function readLimited(body: AsyncIterable<Uint8Array> | NodeBody, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = []
  let total = 0
  if ('on' in body && typeof body.on === 'function') {
    const stream = body as NodeBody
    return new Promise<Buffer | null>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        total += chunk.byteLength
        if (total > limit) {
          cleanup()
          stream.pause()
          resolve(null)
        } else chunks.push(chunk)
      }
      const onEnd = () => {
        cleanup()
        resolve(Buffer.concat(chunks, total))
      }
      const onError = (error: Error) => {
        cleanup()
        reject(error)
      }
      const cleanup = () => {
        stream.removeListener('data', onData)
        stream.removeListener('end', onEnd)
        stream.removeListener('error', onError)
      }
      stream.on('data', onData)
      stream.on('end', onEnd)
      stream.on('error', onError)
    })
  }
  for await (const chunk of body as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength
    if (total > limit) return null
    chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength))
  }
  return Buffer.concat(chunks, total)
}

/** Checks a form-urlencoded body without building it: count, keys, values. */
export function checkUrlEncoded(body: Buffer): Refusal | null {
  const text = body.toString('latin1')
  if (text === '') return null
  let fields = 1
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 38) fields++
  if (fields > GUARD_LIMITS.maxFields) return { status: 413, reason: 'too-many-fields' }
  for (const pair of text.split('&')) {
    if (pair === '') continue
    const eq = pair.indexOf('=')
    const rawKey = eq < 0 ? pair : pair.slice(0, eq)
    const rawValue = eq < 0 ? '' : pair.slice(eq + 1)
    const key = decodePart(rawKey)
    const value = decodePart(rawValue)
    if (key === null || value === null) return { status: 400, reason: 'bad-encoding' }
    const k = keyProblem(key)
    if (k) return { status: 400, reason: k }
    const v = valueProblem(value)
    if (v) return { status: 400, reason: v }
  }
  return null
}

function decodePart(raw: string): string | null {
  const plus = raw.replace(/\+/g, ' ')
  // Percent-decoding to bytes first, then strict UTF-8: broken sequences are refused, not replaced.
  const bytes: number[] = []
  for (let i = 0; i < plus.length; i++) {
    const c = plus.charCodeAt(i)
    if (c === 37 && i + 2 < plus.length + 0 && /^[0-9a-fA-F]{2}$/.test(plus.slice(i + 1, i + 3))) {
      bytes.push(parseInt(plus.slice(i + 1, i + 3), 16))
      i += 2
    } else if (c > 0xff) return null
    else bytes.push(c)
  }
  try {
    return utf8.decode(Uint8Array.from(bytes))
  } catch {
    return null
  }
}

/** Reads a quoted-string or token parameter from a Content-Disposition header (RFC 7578). */
export function dispositionParam(header: string, name: string): string | null {
  const re = new RegExp(`;\\s*${name}=("((?:[^"\\\\]|\\\\.)*)"|[^;\\s]*)`, 'i')
  const m = re.exec(header)
  if (!m) return null
  return m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[1]
}

/** Walks the parts of a multipart body: well-formed, bounded, every name and text value checked. */
export function checkMultipart(body: Buffer, boundary: string): Refusal | null {
  const delimiter = Buffer.from(`--${boundary}`)
  let pos = body.indexOf(delimiter)
  if (pos < 0) return { status: 400, reason: 'multipart-no-boundary' }
  let parts = 0
  for (;;) {
    pos += delimiter.length
    // "--" after the delimiter ends the body.
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) return null
    if (body[pos] !== 0x0d || body[pos + 1] !== 0x0a) return { status: 400, reason: 'multipart-broken' }
    pos += 2
    if (++parts > GUARD_LIMITS.maxFields) return { status: 413, reason: 'too-many-fields' }
    const headerEnd = body.indexOf('\r\n\r\n', pos)
    if (headerEnd < 0 || headerEnd - pos > 8 * 1024) return { status: 400, reason: 'multipart-broken' }
    const headers = body.subarray(pos, headerEnd).toString('utf8').split('\r\n')
    const disposition = headers.find((h) => /^content-disposition:/i.test(h))
    if (!disposition || !/^content-disposition:\s*form-data\s*(;|$)/i.test(disposition))
      return { status: 400, reason: 'multipart-no-disposition' }
    const name = dispositionParam(disposition, 'name')
    if (name === null) return { status: 400, reason: 'multipart-no-name' }
    const k = keyProblem(name)
    if (k) return { status: 400, reason: k }
    const filename = dispositionParam(disposition, 'filename')
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd + 4)
    if (next < 0) return { status: 400, reason: 'multipart-broken' }
    if (filename !== null) {
      if (filename.length > GUARD_LIMITS.maxFileNameLength || CONTROL.test(filename))
        return { status: 400, reason: 'bad-file-name' }
    } else {
      let value: string
      try {
        value = utf8.decode(body.subarray(headerEnd + 4, next))
      } catch {
        return { status: 400, reason: 'bad-encoding' }
      }
      const v = valueProblem(value)
      if (v) return { status: 400, reason: v }
    }
    pos = next + 2
  }
}

/**
 * The guard itself. `body` is the raw request stream (Node's IncomingMessage or a web stream);
 * it is only read for methods that carry one. Returns the bytes read, for the application to use.
 */
export async function guardRequest(input: {
  method: string
  url: string
  headers: { get(name: string): string | null }
  body: AsyncIterable<Uint8Array> | NodeBody | null
}): Promise<GuardResult> {
  if (input.url.length > GUARD_LIMITS.maxUrlLength) return refuse(400, 'url-too-long')
  if (!BODY_METHODS.has(input.method.toUpperCase())) return { ok: true, body: null }
  const kind = bodyKind(input.headers.get('content-type'))
  const limit = kind.kind === 'multipart' ? GUARD_LIMITS.multipartBytes : GUARD_LIMITS.formBytes
  const declared = Number(input.headers.get('content-length') ?? 'NaN')
  if (Number.isFinite(declared) && declared > limit) return refuse(413, 'declared-too-large')
  if (kind.kind === 'unknown') return refuse(415, 'content-type')
  const body = input.body ? await readLimited(input.body, limit) : Buffer.alloc(0)
  if (body === null) return refuse(413, 'too-large')
  if (kind.kind === 'none') return body.length === 0 ? { ok: true, body } : refuse(415, 'content-type')
  const problem = kind.kind === 'form' ? checkUrlEncoded(body) : checkMultipart(body, kind.boundary)
  if (problem) return { ok: false, refusal: problem }
  return { ok: true, body }
}

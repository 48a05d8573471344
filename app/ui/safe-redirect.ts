/**
 * The one safe-redirect function of the portal (docs/decisions/0022): only a path on this site,
 * judged after the normalisation a browser applies (it drops tabs and newlines anywhere in a URL
 * and treats a backslash as a slash), and after decoding percent-encoded slashes, backslashes and
 * control characters. Anything else — `//evil.example`, `/\t/evil.example`, `/%2F%2Fevil`,
 * `https://...`, CR/LF (header injection) — goes to `fallback`.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/'): string {
  if (typeof to !== 'string' || to.length === 0 || to.length > 2000) return fallback
  // What a browser makes of it: tab/CR/LF removed, backslashes as slashes.
  const browserView = to.replace(/[\t\n\r]/g, '').replace(/\\/g, '/')
  if (/[\u0000-\u001f\u007f]/.test(to)) return fallback
  // Once decoded (repeatedly), it may not start to look like another origin either.
  let decoded = browserView
  for (let i = 0; i < 3; i++) {
    let next: string
    try {
      next = decodeURIComponent(decoded)
    } catch {
      return fallback
    }
    if (next === decoded) break
    decoded = next
  }
  // Encoded control characters (%0D%0A: header injection, %09: hidden slashes) are refused outright.
  if (/[\u0000-\u001f\u007f]/.test(decoded)) return fallback
  const normalised = decoded.replace(/[\t\n\r]/g, '').replace(/\\/g, '/')
  for (const candidate of [browserView, normalised]) {
    if (!candidate.startsWith('/') || candidate.startsWith('//')) return fallback
    if (/[\u0000-\u001f\u007f]/.test(candidate)) return fallback
  }
  // Only printable ASCII goes into a Location header (non-ASCII is percent-encoded by the URL parser).
  try {
    const url = new URL(to, 'http://portal.invalid')
    if (url.origin !== 'http://portal.invalid') return fallback
    return url.pathname + url.search + url.hash
  } catch {
    return fallback
  }
}

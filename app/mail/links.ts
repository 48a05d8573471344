// Reading a rendered mail for display in the portal. Pure.

/** The distinct links of an HTML mail, with their text, in order of appearance. */
export function mailLinks(html: string): { href: string; text: string }[] {
  const seen = new Map<string, string>()
  for (const [, href, inner] of html.matchAll(/<a\b[^>]*\shref="([^"]+)"[^>]*>([\s\S]*?)<\/a>/g)) {
    const url = decodeEntities(href)
    const text = decodeEntities(inner.replace(/<[^>]+>/g, ''))
      .replace(/\s+/g, ' ')
      .trim()
    if (!seen.has(url) || (text && text !== url && seen.get(url) === url)) seen.set(url, text || url)
  }
  return [...seen].map(([href, text]) => ({ href, text }))
}

function decodeEntities(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}

/** The mail's HTML for an <iframe srcdoc>: links open in the whole window, not inside the frame. */
export function htmlForFrame(html: string): string {
  return /<head[^>]*>/i.test(html)
    ? html.replace(/<head([^>]*)>/i, '<head$1><base target="_top">')
    : `<base target="_top">${html}`
}

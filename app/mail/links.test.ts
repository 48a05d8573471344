import { describe, expect, it } from 'vitest'
import { htmlForFrame, mailLinks } from './links.ts'

describe('mail links', () => {
  it('lists each link once, with its text and decoded address', () => {
    const html =
      '<a href="http://x.example/a?b=1&amp;c=2" style="x"><span>Aanvraag bekijken</span></a> <a href="http://x.example/a?b=1&amp;c=2">http://x.example/a?b=1&amp;c=2</a>'
    expect(mailLinks(html)).toEqual([{ href: 'http://x.example/a?b=1&c=2', text: 'Aanvraag bekijken' }])
  })
  it('makes links in the framed mail open in the whole window', () => {
    expect(htmlForFrame('<html><head><title>t</title></head></html>')).toBe(
      '<html><head><base target="_top"><title>t</title></head></html>',
    )
  })
})

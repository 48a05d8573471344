/**
 * The pages the server itself answers with, outside Remix (request guard, cross-site refusal,
 * database away), in the visitor's language. Plain HTML without scripts, never a stack trace.
 */
import type { Lang } from '#app/i18n/i18n.ts'

type Page = { title: string; text: string }

const PAGES: Record<Lang, Record<'400' | '403' | '413' | '415' | '503', Page>> = {
  nl: {
    400: {
      title: 'Dit verzoek kon niet worden gelezen',
      text: 'Het formulier bevatte iets wat het portaal niet aanneemt (bijvoorbeeld onzichtbare tekens of een ongeldige opbouw). Er is niets opgeslagen. Ga terug: wat u typte staat nog in het formulier.',
    },
    403: {
      title: 'Geweigerd',
      text: 'Dit verzoek kwam niet van deze website en is daarom niet uitgevoerd. Er is niets veranderd.',
    },
    413: {
      title: 'Te groot',
      text: 'Wat u verstuurde is te groot (een formulier met bijlage mag hoogstens 11 MB zijn). Er is niets opgeslagen. Ga terug, kies een kleiner bestand en probeer het opnieuw.',
    },
    415: {
      title: 'Niet ondersteund',
      text: 'Het portaal neemt alleen gewone formulieren aan. Er is niets opgeslagen.',
    },
    503: {
      title: 'Even niet bereikbaar',
      text: 'Het portaal kan de database op dit moment niet bereiken. Wat u al had opgeslagen is veilig, en er is niets half opgeslagen. Ga terug: uw invoer staat nog in het formulier. Probeer het over een minuut opnieuw.',
    },
  },
  en: {
    400: {
      title: 'This request could not be read',
      text: 'The form contained something the portal does not accept (for example invisible characters or a broken structure). Nothing was saved. Go back: what you typed is still in the form.',
    },
    403: {
      title: 'Refused',
      text: 'This request did not come from this website and was therefore not carried out. Nothing was changed.',
    },
    413: {
      title: 'Too large',
      text: 'What you sent is too large (a form with an attachment may be at most 11 MB). Nothing was saved. Go back, choose a smaller file and try again.',
    },
    415: {
      title: 'Not supported',
      text: 'The portal only accepts ordinary forms. Nothing was saved.',
    },
    503: {
      title: 'Temporarily unavailable',
      text: 'The portal cannot reach its database right now. What you saved before is safe, and nothing was saved halfway. Go back: your input is still in the form. Please try again in a minute.',
    },
  },
}

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

export function guardPage(status: 400 | 403 | 413 | 415 | 503, lang: Lang): string {
  const page = PAGES[lang][status]
  const home = lang === 'en' ? 'To the home page' : 'Naar de startpagina'
  return `<!DOCTYPE html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(page.title)} – Buurtbudget Amersfoort</title></head>
<body><main><h1>${escape(page.title)}</h1><p>${escape(page.text)}</p><p><a href="/">${home}</a></p></main></body></html>`
}

// The fields of the open data, documented on /open-data (no server code: the page's component reads them).
/** The documented fields of the open data (shown on /open-data). */
export const OPEN_DATA_FILES = {
  wijken: [
    'jaar',
    'wijkcode',
    'wijk',
    'inwoners',
    'prioriteitswijk',
    'verdeeld_eur',
    'toegekend_eur',
    'uitbetaald_eur',
    'gerealiseerd_eur',
    'initiatieven',
  ],
  initiatieven: [
    'jaar',
    'kenmerk',
    'wijkcode',
    'wijk',
    'titel',
    'categorie',
    'stichting',
    'toegekend_eur',
    'uitbetaald_eur',
    'gerealiseerd_eur',
  ],
} as const

export type OpenDataFile = keyof typeof OPEN_DATA_FILES

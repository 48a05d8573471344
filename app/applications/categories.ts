/** The kinds of initiative the scheme pays for. Codes are stored; labels live in app/i18n. */
export const CATEGORIES = ['kunst_cultuur', 'schoon_heel_veilig', 'ontmoeting', 'sport_spel', 'groen', 'jeugd'] as const
export type Category = (typeof CATEGORIES)[number]

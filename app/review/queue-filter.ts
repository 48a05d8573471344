// The reviewer's queue: its whole state in the URL (a GET form that works without JavaScript).
// Pure: parses query parameters into a filter and writes a filter back as parameters. Unknown or
// malformed values are dropped, never an error: a shared link keeps working.
import type { ApplicationStatus } from '#app/generated/prisma/enums.ts'

export const QUEUE_PAGE_SIZE = 50

/** The statuses a queue can show (drafts are the foundation's own business). */
export const QUEUE_STATUSES = [
  'SUBMITTED',
  'IN_REVIEW',
  'INCOMPLETE',
  'AWARDED',
  'REJECTED',
  'WITHDRAWN',
  'REPORT_SUBMITTED',
  'SETTLED',
  'CLOSED',
] as const satisfies readonly ApplicationStatus[]

/** Statuses whose decision is still to be made: only these have a term that can run out. */
export const OPEN_STATUSES: readonly ApplicationStatus[] = ['SUBMITTED', 'IN_REVIEW', 'INCOMPLETE']

export const QUEUE_CATEGORIES = ['kunst_cultuur', 'schoon_heel_veilig', 'ontmoeting', 'sport_spel', 'groen', 'jeugd']

/** Sortable columns (URL value -> meaning); the default is the decision due date. */
export const SORT_KEYS = [
  'termijn',
  'referentie',
  'titel',
  'stichting',
  'wijk',
  'soort',
  'bedrag',
  'status',
  'behandelaar',
] as const
export type SortKey = (typeof SORT_KEYS)[number]

export const DUE_FILTERS = ['verstreken', 'binnenkort'] as const
export type DueFilter = (typeof DUE_FILTERS)[number]

export const OWNER_FILTERS = ['ik', 'niemand', 'iemand'] as const
export type OwnerFilter = (typeof OWNER_FILTERS)[number]

/** Due within this many days counts as "soon". */
export const SOON_DAYS = 14

export type QueueFilter = {
  /** Round year; null = the current round. */
  ronde: number | null
  statuses: ApplicationStatus[]
  /** Area code. */
  wijk: string | null
  categorie: string | null
  /** Requested amount range in whole euros. */
  min: number | null
  max: number | null
  termijn: DueFilter | null
  eigenaar: OwnerFilter | null
  q: string
  sorteer: SortKey
  richting: 'op' | 'af'
  pagina: number
}

const MAX_EUROS = 100_000_000

function euros(value: string | null): number | null {
  if (value === null || value.trim() === '') return null
  const n = Number(value.trim().replace(/\./g, '').replace(',', '.'))
  if (!Number.isFinite(n) || n < 0 || n > MAX_EUROS) return null
  return Math.floor(n)
}

function oneOf<T extends string>(list: readonly T[], value: string | null): T | null {
  return value !== null && (list as readonly string[]).includes(value) ? (value as T) : null
}

export function parseQueueFilter(params: URLSearchParams): QueueFilter {
  const year = Number(params.get('ronde'))
  const page = Number(params.get('pagina'))
  const statuses = [...new Set(params.getAll('status'))].filter((s): s is (typeof QUEUE_STATUSES)[number] =>
    (QUEUE_STATUSES as readonly string[]).includes(s),
  )
  const wijk = params.get('wijk')?.trim() ?? ''
  return {
    ronde: Number.isInteger(year) && year >= 2000 && year <= 2200 ? year : null,
    statuses,
    wijk: /^[A-Za-z0-9_-]{1,32}$/.test(wijk) ? wijk : null,
    categorie: oneOf(QUEUE_CATEGORIES, params.get('categorie')),
    min: euros(params.get('min')),
    max: euros(params.get('max')),
    termijn: oneOf(DUE_FILTERS, params.get('termijn')),
    eigenaar: oneOf(OWNER_FILTERS, params.get('eigenaar')),
    q: (params.get('q') ?? '').trim().slice(0, 100),
    sorteer: oneOf(SORT_KEYS, params.get('sorteer')) ?? 'termijn',
    richting: params.get('richting') === 'af' ? 'af' : 'op',
    pagina: Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
  }
}

/** The filter as query parameters (defaults left out), with overrides. */
export function queueSearch(filter: QueueFilter, overrides: Partial<QueueFilter> = {}): string {
  const f = { ...filter, ...overrides }
  const q = new URLSearchParams()
  if (f.ronde !== null) q.set('ronde', String(f.ronde))
  for (const s of f.statuses) q.append('status', s)
  if (f.wijk) q.set('wijk', f.wijk)
  if (f.categorie) q.set('categorie', f.categorie)
  if (f.min !== null) q.set('min', String(f.min))
  if (f.max !== null) q.set('max', String(f.max))
  if (f.termijn) q.set('termijn', f.termijn)
  if (f.eigenaar) q.set('eigenaar', f.eigenaar)
  if (f.q) q.set('q', f.q)
  if (f.sorteer !== 'termijn') q.set('sorteer', f.sorteer)
  if (f.richting !== 'op') q.set('richting', f.richting)
  if (f.pagina > 1) q.set('pagina', String(f.pagina))
  const s = q.toString()
  return s ? `?${s}` : ''
}

/**
 * The words of a free-text search as a PostgreSQL tsquery text: every word a prefix (`word:*`),
 * all required. Only letters and digits survive, so the text can never be tsquery syntax.
 */
export function searchQuery(q: string): string | null {
  const words = q
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 8)
  return words.length ? words.map((w) => `${w}:*`).join(' & ') : null
}

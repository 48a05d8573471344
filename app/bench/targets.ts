/**
 * What `npm run bench` puts under load: ONE table of URLs (docs/performance.md). Add a page by
 * adding a row. `{applicationId}` and `{areaId}` are filled in at run time (a generated awarded
 * application in one of the reviewer's wijken, with its payments and expenses; the id of Hoogland,
 * a wijk of the member's foundation).
 * `as`: whose session cookie is sent (none: anonymous). The bare route is the yardstick: every other
 * row should reach at least TARGETS.minRatio of its requests per second.
 */
export type Persona = 'reviewer' | 'auditor' | 'member'

export type LoadTarget = {
  name: string
  path: string
  as?: Persona
  method?: 'GET' | 'POST'
  /** Form fields of a POST (sent as application/x-www-form-urlencoded). */
  form?: Record<string, string>
  /** The bare route every page is compared with (exactly one row). */
  bare?: true
}

/**
 * The reviewer's queue over all 100,000 generated applications (the bench reviewer reviews every
 * wijk, app/bench/data.server.ts): measured under load in LOAD_TARGETS and, one request at a time,
 * for its server time next to the bare route's (QUEUE_TIMING). `BENCH_ONLY=queue npm run bench`
 * measures only these (docs/performance.md).
 */
export const QUEUE_TARGETS: LoadTarget[] = [
  { name: 'reviewer queue, first page', path: '/beoordelen', as: 'reviewer' },
  {
    name: 'reviewer queue, filtered',
    path: '/beoordelen?status=SUBMITTED&wijk=WK030719&categorie=ontmoeting&min=500&max=1500',
    as: 'reviewer',
  },
  { name: 'reviewer queue, searched', path: '/beoordelen?q=kunstroute', as: 'reviewer' },
  { name: 'reviewer queue, deep page (page 1,500 of ~1,900)', path: '/beoordelen?pagina=1500', as: 'reviewer' },
  {
    name: 'reviewer queue, overdue, sorted by foundation',
    path: '/beoordelen?termijn=verstreken&sorteer=stichting',
    as: 'reviewer',
  },
]

export const QUEUE_TIMING = {
  /** Untimed requests first (caches, JIT), then this many timed ones one after the other; the median counts. */
  warmup: 3,
  runs: 15,
}

export const LOAD_TARGETS: LoadTarget[] = [
  { name: 'bare route /healthz', path: '/healthz', bare: true },
  { name: 'sign-in page', path: '/inloggen' },
  { name: 'public wijk page (allocation 2026)', path: '/verdeling/2026' },
  // Public per-wijk pages (other issues) go here, e.g. { name: 'public page of one wijk', path: '/wijken/WK030719' },
  ...QUEUE_TARGETS,
  { name: 'auditor dashboard', path: '/controle', as: 'auditor' },
  { name: 'application page (reviewer)', path: '/beoordelen/{applicationId}', as: 'reviewer' },
  {
    name: 'submission (POST: save a new application)',
    path: '/aanvragen/nieuw',
    as: 'member',
    method: 'POST',
    form: { intent: 'save', title: 'Buurtfeest benchmark', category: 'ontmoeting', areaId: '{areaId}' },
  },
]

/**
 * The ledger CSV export (app/routes/controle.export.$file.tsx), measured beside PostgreSQL's COPY of
 * the same 1,000,000 entries: the bench downloads it as the auditor and reports time, bytes and lines.
 */
export const LEDGER_EXPORT_PATH: string | null = '/controle/export/ledger-entries.csv?round=2026'

export const TARGETS = {
  /** Every page at least this share of the bare route's requests per second. */
  minRatio: 0.4,
  /** p99 latency at 32 connections. */
  maxP99Ms: 250,
  /** From starting the production server on existing data to its first page. */
  maxColdStartMs: 5000,
  /** The allocation of 2,000 wijken with floors and caps (pure computation), median. */
  maxAllocationMs: 250,
}

export const LOAD = {
  connections: 32,
  /** Every target gets this many slices of `seconds`, interleaved with the others. */
  rounds: 3,
  seconds: 5,
  /** A request that takes longer counts as an error (timeout). */
  requestTimeoutSeconds: 10,
}

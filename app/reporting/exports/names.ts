/** What the auditor can export; the URL is /controle/export/<name>.(csv|xlsx)?round=<year>. */
export const EXPORTS = [
  'applications',
  'grants',
  'ledger-entries',
  'payments',
  'expenses',
  'trail',
  'findings',
] as const
export type ExportName = (typeof EXPORTS)[number]

export function parseExportFile(file: string | undefined): { name: ExportName; format: 'csv' | 'xlsx' } | null {
  const match = /^([a-z-]+)\.(csv|xlsx)$/.exec(file ?? '')
  if (!match || !(EXPORTS as readonly string[]).includes(match[1])) return null
  return { name: match[1] as ExportName, format: match[2] as 'csv' | 'xlsx' }
}

export type Cell = string | number | null

/** Euros from cents with the given decimal separator, exact (no floating point): 123456 -> "1234.56". */
export function euros(cents: number, decimal: '.' | ',' = '.'): string {
  const sign = cents < 0 ? '-' : ''
  const abs = Math.abs(cents)
  return `${sign}${Math.trunc(abs / 100)}${decimal}${String(abs % 100).padStart(2, '0')}`
}

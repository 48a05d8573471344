import { z } from 'zod'

/**
 * The portal's configuration, read once from the environment and validated at start-up.
 * A wrong value stops the portal with a message that names the variable.
 */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Any PostgreSQL server. Unset: the portal starts its own embedded PostgreSQL with data in ./data. */
  DATABASE_URL: z.string().url('DATABASE_URL moet een postgresql://-adres zijn').optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /**
   * demo: demo accounts are shown on the sign-in page and cookies work over plain http.
   * production: nothing of the demo is shown, cookies are Secure and SESSION_SECRET is required.
   * Default: demo with the embedded database, production with DATABASE_URL.
   */
  PORTAL_MODE: z.enum(['demo', 'production']).optional(),
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET moet minstens 32 tekens hebben').optional(),
  /** Where the embedded PostgreSQL keeps its files. */
  DATA_DIR: z.string().default('data'),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).optional(),
})

export type Env = z.infer<typeof schema> & { PORTAL_MODE: 'demo' | 'production'; SESSION_SECRET: string }

let cached: Env | undefined

export function getEnv(): Env {
  if (cached) return cached
  // An empty variable (FOO=) counts as unset.
  const given = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== ''))
  const parsed = schema.safeParse(given)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')
    throw new Error(`Ongeldige configuratie (omgevingsvariabelen):\n${problems}`)
  }
  const mode = parsed.data.PORTAL_MODE ?? (parsed.data.DATABASE_URL ? 'production' : 'demo')
  if (mode === 'production' && !parsed.data.SESSION_SECRET) {
    throw new Error('Ongeldige configuratie: SESSION_SECRET is verplicht als PORTAL_MODE=production (minstens 32 tekens).')
  }
  cached = {
    ...parsed.data,
    PORTAL_MODE: mode,
    SESSION_SECRET: parsed.data.SESSION_SECRET ?? 'buurtbudget-demo-only-secret-not-for-production',
  }
  return cached
}

/** For tests that change the environment. */
export function resetEnvCache() {
  cached = undefined
}

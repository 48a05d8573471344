import { isValidBIC, isValidIBAN } from 'ibantools'
import { z } from 'zod'
import { forget, remember } from '#app/web/remember.ts'

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
  /** Mail server, smtp://user:pass@host:587 or smtps://...:465. Unset: mail goes to the local mailbox (/mailbox, demo only). */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/]+/, 'SMTP_URL moet een smtp://- of smtps://-adres zijn')
    .optional(),
  /** The address of the portal as users reach it; links in mails start with it. Default http://localhost:PORT. */
  PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^/]+/, 'PUBLIC_URL moet een http(s)://-adres zijn')
    .optional(),
  /** The municipality's OpenID Connect provider for staff sign-in; all three set, or none (docs/decisions/0011-accounts-and-sign-in.md). */
  OIDC_ISSUER: z.string().url('OIDC_ISSUER moet een https://-adres zijn (de issuer van de OIDC-provider)').optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** Sender of every mail. */
  MAIL_FROM: z.string().min(3).default('Buurtbudget Amersfoort <noreply@buurtbudget.example>'),
  /** Attempts before a mail is dead-lettered (administrators see it and can send it again). */
  MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(10),
  /** First retry after about this many seconds; doubles each attempt (with jitter), at most MAIL_RETRY_MAX_SECONDS. */
  MAIL_RETRY_BASE_SECONDS: z.coerce.number().min(0.01).default(30),
  MAIL_RETRY_MAX_SECONDS: z.coerce.number().min(0.01).default(3600),
  /** off: the portal does not start the mail worker (run `npm run mail:worker` separately). */
  MAIL_WORKER: z.enum(['on', 'off']).default('on'),
  /**
   * How many reverse proxies in front of the portal may set X-Forwarded-For (0: none). The client
   * address decides sign-in attempt limits, so it must not be taken from a header anyone can send.
   */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  // ---- grants: the municipality as debtor in the SEPA credit transfer files (docs/decisions/0028) ----
  SEPA_DEBTOR_NAME: z.string().min(1).max(70).default('Gemeente Amersfoort'),
  SEPA_DEBTOR_IBAN: z
    .string()
    .transform((v) => v.replace(/\s+/g, '').toUpperCase())
    .refine((v) => isValidIBAN(v), 'SEPA_DEBTOR_IBAN moet een geldig IBAN zijn')
    .default('NL02ABNA0123456789'),
  SEPA_DEBTOR_BIC: z
    .string()
    .transform((v) => v.replace(/\s+/g, '').toUpperCase())
    .refine((v) => isValidBIC(v), 'SEPA_DEBTOR_BIC moet een geldige BIC zijn')
    .default('ABNANL2A'),
})

export type Env = z.infer<typeof schema> & {
  PORTAL_MODE: 'demo' | 'production'
  SESSION_SECRET: string
  PUBLIC_URL: string
}

/** One environment per process, shared by the server entry and the built app (app/web/remember.ts). */
export function getEnv(): Env {
  return remember('env', readEnv)
}

function readEnv(): Env {
  // An empty variable (FOO=) counts as unset.
  const given = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== ''))
  const parsed = schema.safeParse(given)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')
    throw new Error(`Ongeldige configuratie (omgevingsvariabelen):\n${problems}`)
  }
  const mode = parsed.data.PORTAL_MODE ?? (parsed.data.DATABASE_URL ? 'production' : 'demo')
  const oidc = [parsed.data.OIDC_ISSUER, parsed.data.OIDC_CLIENT_ID, parsed.data.OIDC_CLIENT_SECRET].filter(
    Boolean,
  ).length
  if (oidc !== 0 && oidc !== 3) {
    throw new Error(
      'Ongeldige configuratie: OIDC_ISSUER, OIDC_CLIENT_ID en OIDC_CLIENT_SECRET horen samen (alle drie of geen).',
    )
  }
  if (mode === 'production' && !parsed.data.SESSION_SECRET) {
    throw new Error(
      'Ongeldige configuratie: SESSION_SECRET is verplicht als PORTAL_MODE=production (minstens 32 tekens).',
    )
  }
  return {
    ...parsed.data,
    PORTAL_MODE: mode,
    SESSION_SECRET: parsed.data.SESSION_SECRET ?? 'buurtbudget-demo-only-secret-not-for-production',
    PUBLIC_URL: (parsed.data.PUBLIC_URL ?? `http://localhost:${parsed.data.PORT}`).replace(/\/+$/, ''),
  }
}

/** For tests that change the environment. */
export function resetEnvCache() {
  forget('env')
}

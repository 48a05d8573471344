import { vitePlugin as remix } from '@remix-run/dev'
import { defineConfig } from 'vite'

declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true
  }
}

export default defineConfig({
  server: { port: 3000 },
  // Bundled into the server build rather than loaded from node_modules at start: these packages'
  // barrels import everything they have (all of date-fns and its 90 locales, every react-email
  // component with Tailwind and Prism), which cost ≈2.5 s of the cold start; bundled, only what the
  // app uses is in (docs/decisions/0050-cold-start.md).
  ssr: { noExternal: ['date-fns', '@date-fns/tz', /^@react-email\//] },
  plugins: [
    !process.env.VITEST &&
      remix({
        // BUILD_DIR lets several builds live side by side (parallel work on one machine); default build/.
        buildDirectory: process.env.BUILD_DIR ?? 'build',
        ignoredRouteFiles: ['**/*.test.ts', '**/*.test.tsx', '**/*.css'],
        future: {
          v3_fetcherPersist: true,
          v3_relativeSplatPath: true,
          v3_throwAbortReason: true,
          v3_lazyRouteDiscovery: true,
          v3_singleFetch: true,
        },
      }),
  ],
  test: {
    include: ['app/**/*.test.ts', 'app/**/*.test.tsx', 'prisma/**/*.test.ts'],
    globalSetup: ['app/testing/global-setup.ts'],
    setupFiles: ['app/testing/setup-file.ts'],
    // Generous on purpose: the suite must stay green on a machine several times slower than a
    // developer's (shared CI runners, a CPU hog beside it); no test asserts on wall-clock time.
    testTimeout: 120_000,
    hookTimeout: 240_000,
    teardownTimeout: 120_000,
    pool: 'forks',
    // A test that races 50 transactions for one wijk waits for a free pool connection; on a loaded
    // machine that wait can pass the production default of 5 s (which is about a database that is
    // away). Tests allow what Prisma's transaction maxWait allows (app/db.server.ts), and a statement
    // over 1,000,000 generated entries the time it needs on such a machine.
    env: { PORTAL_MODE: 'demo', DB_CONNECT_TIMEOUT_MS: '30000', DB_STATEMENT_TIMEOUT_MS: '120000' },
  },
})

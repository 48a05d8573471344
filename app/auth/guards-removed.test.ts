import { beforeAll, describe, expect, test, vi } from 'vitest'
import { seeded } from '#app/testing/fixtures.ts'
import { routeId, runMatrix, setUpPersonas } from './route-matrix.ts'

// The matrix must be able to fail: here every permission guard is "removed" (requirePermission only
// checks that someone is signed in; requireFoundationMember checks no membership), and the matrix has
// to notice it on the routes that relied on them.
vi.mock('./session.server.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('./session.server.ts')>()
  return {
    ...real,
    requirePermission: (request: Request) => real.requireUser(request),
    requireFoundationMember: async (request: Request, foundationId: string) => {
      const user = await real.requireUser(request)
      return { user, membership: { id: foundationId, name: '', role: 'FOUNDATION_ADMIN' as const, verified: true } }
    },
  }
})

process.env.PORTAL_CLOCK = '2026-06-01'
const ROUTES = import.meta.glob<Record<string, never>>('/app/routes/*.tsx', { eager: true })
const modules = Object.fromEntries(Object.entries(ROUTES).map(([file, mod]) => [routeId(file), mod]))

let setup: Awaited<ReturnType<typeof setUpPersonas>>
beforeAll(async () => {
  await seeded()
  setup = await setUpPersonas()
})

describe('with the guards removed, the authorization matrix fails', () => {
  test('it reports the routes whose guard is gone', async () => {
    const mismatches = await runMatrix(modules, setup)
    const text = mismatches.join('\n')
    expect(text).toContain('loader beheer.medewerkers as memberA (A’s record): expected 403, got ok')
    expect(text).toContain('loader controle._index as reviewerX (A’s record): expected 403, got ok')
    expect(text).toContain('action beheer.stichtingen as auditor (A’s record): expected 403')
    expect(text).toContain('loader beheer.stichtingen as adminA (A’s record): expected 403, got ok')
    expect(text).toMatch(/action stichting\.\$id as memberA \(A’s record\): expected 403/)
  }, 600_000)
})

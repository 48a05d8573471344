import { beforeAll, describe, expect, test } from 'vitest'
import { prisma } from '#app/db.server.ts'
import { seeded } from '#app/testing/fixtures.ts'
import { createUserSession } from './session.server.ts'
import * as applications from '#app/routes/aanvragen._index.tsx'
import * as application from '#app/routes/aanvragen.$id.tsx'
import * as newApplication from '#app/routes/aanvragen.nieuw.tsx'
import * as review from '#app/routes/beoordelen._index.tsx'
import * as reviewOne from '#app/routes/beoordelen.$id.tsx'
import * as audit from '#app/routes/controle.tsx'
import * as allocation from '#app/routes/beheer.verdeling.tsx'

process.env.PORTAL_CLOCK = '2026-06-01'

type Who = 'anonymous' | 'hoogland' | 'zielhorst' | 'reviewer' | 'reviewerSouth' | 'auditor' | 'admin'
const cookies: Partial<Record<Who, string>> = {}
let ids: { hooglandApp: string; zielhorstApp: string }

beforeAll(async () => {
  const f = await seeded()
  for (const who of ['hoogland', 'zielhorst', 'reviewer', 'reviewerSouth', 'auditor', 'admin'] as const) {
    cookies[who] = (await createUserSession(f[who].id)).split(';')[0]
  }
  ids = {
    hooglandApp: (await prisma.application.findUniqueOrThrow({ where: { reference: 'BB-2026-0001' } })).id,
    zielhorstApp: (await prisma.application.findUniqueOrThrow({ where: { reference: 'BB-2026-0002' } })).id,
  }
})

async function status(fn: () => Promise<unknown>): Promise<number> {
  try {
    const result = await fn()
    return result instanceof Response ? result.status : 200
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status
    throw thrown
  }
}

function request(who: Who, path: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers)
  if (cookies[who as Exclude<Who, 'anonymous'>]) headers.set('Cookie', cookies[who as Exclude<Who, 'anonymous'>]!)
  return new Request(`http://localhost${path}`, { ...init, headers })
}

const loaders = () => [
  ['/aanvragen', (r: Request) => applications.loader({ request: r, params: {}, context: {} })],
  ['/aanvragen/nieuw', (r: Request) => newApplication.loader({ request: r, params: {}, context: {} })],
  ['/aanvragen/:hoogland', (r: Request) => application.loader({ request: r, params: { id: ids.hooglandApp }, context: {} })],
  ['/beoordelen', (r: Request) => review.loader({ request: r, params: {}, context: {} })],
  ['/beoordelen/:zielhorst', (r: Request) => reviewOne.loader({ request: r, params: { id: ids.zielhorstApp }, context: {} })],
  ['/controle', (r: Request) => audit.loader({ request: r, params: {}, context: {} })],
  ['/beheer/verdeling', (r: Request) => allocation.loader({ request: r, params: {}, context: {} })],
] as const

// What each caller gets: 200 allowed, 302 to the sign-in page, 403 wrong role, 404 not theirs.
const EXPECTED: Record<Who, number[]> = {
  anonymous: [302, 302, 302, 302, 302, 302, 302],
  hoogland: [200, 200, 200, 403, 403, 403, 403],
  zielhorst: [200, 200, 404, 403, 403, 403, 403],
  reviewer: [403, 403, 403, 200, 200, 403, 403],
  reviewerSouth: [403, 403, 403, 200, 404, 403, 403],
  auditor: [403, 403, 403, 403, 403, 200, 403],
  admin: [403, 403, 403, 403, 403, 200, 200],
}

describe('every loader starts with its guard and scopes by the caller', () => {
  for (const who of Object.keys(EXPECTED) as Who[]) {
    test(who, async () => {
      const got = []
      for (const [path, loader] of loaders()) got.push(await status(() => loader(request(who, path.replace(/:.*/, 'x')))))
      expect(got).toEqual(EXPECTED[who])
    })
  }
})

describe('actions refuse callers without the right, and change nothing', () => {
  test('a foundation member cannot approve; a reviewer of another area cannot; an administrator cannot', async () => {
    const form = () => new URLSearchParams({ intent: 'approve', amount: '100,00' })
    for (const who of ['hoogland', 'admin', 'auditor'] as const) {
      expect(await status(() => reviewOne.action({ request: request(who, '/x', { method: 'POST', body: form() }), params: { id: ids.zielhorstApp }, context: {} }))).toBe(403)
    }
    expect(await status(() => reviewOne.action({ request: request('reviewerSouth', '/x', { method: 'POST', body: form() }), params: { id: ids.zielhorstApp }, context: {} }))).toBe(404)
    expect((await prisma.application.findUniqueOrThrow({ where: { id: ids.zielhorstApp } })).status).toBe('SUBMITTED')
  })

  test('a foundation member cannot change another foundation’s application by guessing its id', async () => {
    const body = new URLSearchParams({ intent: 'save', title: 'Overgenomen', category: 'groen', areaId: 'x' })
    const code = await status(() => application.action({ request: request('zielhorst', '/x', { method: 'POST', body }), params: { id: ids.hooglandApp }, context: {} }))
    expect([400, 404]).toContain(code)
    expect((await prisma.application.findUniqueOrThrow({ where: { id: ids.hooglandApp } })).title).toBe('Kunstroute Hoogland')
  })

  test('only an administrator publishes an allocation', async () => {
    const body = () => new URLSearchParams({ intent: 'publish', fixedAllowance: '0', priorityWeight: '1', reason: 'test' })
    for (const who of ['reviewer', 'auditor', 'hoogland'] as const) {
      expect(await status(() => allocation.action({ request: request(who, '/x', { method: 'POST', body: body() }), params: {}, context: {} }))).toBe(403)
    }
    expect(await prisma.allocation.count()).toBe(1)
  })
})

import { beforeAll, describe, expect, test } from 'vitest'
import { prisma } from '#app/db.server.ts'
import { seeded } from '#app/testing/fixtures.ts'
import { ROUTE_RULES, routeId, runMatrix, setUpPersonas } from './route-matrix.ts'
import * as reviewOne from '#app/routes/beoordelen.$id.tsx'
import * as application from '#app/routes/aanvragen.$id.tsx'
import * as allocation from '#app/routes/beheer.verdeling.tsx'
import { createUserSession } from './session.server.ts'

process.env.PORTAL_CLOCK = '2026-06-01'

// Every route module of the app, found from the files in app/routes: a new route is in the matrix
// automatically, and the test fails until ROUTE_RULES says who may use it.
const ROUTES = import.meta.glob<Record<string, never>>('/app/routes/*.tsx', { eager: true })
const modules = Object.fromEntries(Object.entries(ROUTES).map(([file, mod]) => [routeId(file), mod]))

let setup: Awaited<ReturnType<typeof setUpPersonas>>
beforeAll(async () => {
  await seeded()
  setup = await setUpPersonas()
})

describe('the authorization matrix: every route × every role × own and others’ ids', () => {
  test('every route file has a rule, and every rule a route file', () => {
    expect(Object.keys(modules).length).toBeGreaterThan(20)
    expect(Object.keys(modules).filter((id) => !ROUTE_RULES[id])).toEqual([])
    expect(Object.keys(ROUTE_RULES).filter((id) => !modules[id])).toEqual([])
  })

  test('every answer matches the permission table and no loader reveals others’ records', async () => {
    const mismatches = await runMatrix(modules, setup)
    expect(mismatches).toEqual([])
  }, 600_000)
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

async function post(email: string, body: Record<string, string>) {
  const user = await prisma.user.findUniqueOrThrow({ where: { email } })
  const cookie = (await createUserSession(user.id)).split(';')[0]
  return new Request('http://localhost/x', {
    method: 'POST',
    headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(body),
  })
}

describe('actions refuse callers without the right, and change nothing', () => {
  test('a foundation member cannot approve; an administrator or auditor cannot; a reviewer of another area gets 404', async () => {
    const form = { intent: 'approve', amount: '100,00' }
    for (const email of [
      'aanvrager@hooglandleeft.example',
      'beheerder@amersfoort.example',
      'controleur@amersfoort.example',
    ]) {
      expect(
        await status(async () =>
          reviewOne.action({ request: await post(email, form), params: { id: setup.ids.appB.id }, context: {} }),
        ),
      ).toBe(403)
    }
    expect(
      await status(async () =>
        reviewOne.action({
          request: await post('beoordelaar.zuid@amersfoort.example', form),
          params: { id: setup.ids.appB.id },
          context: {},
        }),
      ),
    ).toBe(404)
    expect((await prisma.application.findUniqueOrThrow({ where: { id: setup.ids.appB.id } })).status).toBe('SUBMITTED')
  })

  test('a foundation member cannot change another foundation’s application by guessing its id', async () => {
    const body = { intent: 'save', title: 'Overgenomen', category: 'groen', areaId: 'x' }
    const code = await status(async () =>
      application.action({
        request: await post('aanvrager@wijkbudgetzielhorst.example', body),
        params: { id: setup.ids.appA.id },
        context: {},
      }),
    )
    // The route scopes the id before it reads the form: another foundation's id is 404, never a 400 about the form.
    expect(code).toBe(404)
    expect((await prisma.application.findUniqueOrThrow({ where: { id: setup.ids.appA.id } })).title).toBe(
      'Kunstroute Hoogland',
    )
  })

  test('only an administrator publishes an allocation', async () => {
    const body = { intent: 'publish', fixedAllowance: '0', priorityWeight: '1', reason: 'test' }
    const before = await prisma.allocation.count()
    for (const email of [
      'beoordelaar@amersfoort.example',
      'controleur@amersfoort.example',
      'aanvrager@hooglandleeft.example',
    ]) {
      expect(
        await status(async () => allocation.action({ request: await post(email, body), params: {}, context: {} })),
      ).toBe(403)
    }
    expect(await prisma.allocation.count()).toBe(before)
  })
})

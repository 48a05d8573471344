import { randomBytes } from 'node:crypto'
import { createCookie, redirect } from '@remix-run/node'
import { prisma } from '#app/db.server.ts'
import { getEnv } from '#app/env.server.ts'
import { hasPermission, type Permission } from './permissions.ts'
import { verifyPassword } from './password.server.ts'

const SESSION_LIFETIME_MS = 12 * 60 * 60 * 1000

let cookie: ReturnType<typeof createCookie> | undefined
function sessionCookie() {
  const env = getEnv()
  cookie ??= createCookie('bb_session', {
    httpOnly: true,
    sameSite: 'lax',
    secure: env.PORTAL_MODE === 'production',
    path: '/',
    secrets: [env.SESSION_SECRET],
  })
  return cookie
}

export type SessionUser = Awaited<ReturnType<typeof loadSessionUser>>

async function loadSessionUser(sessionId: string) {
  const session = await prisma.session.findUnique({
    where: { id: sessionId },
    select: {
      expiresAt: true,
      user: {
        select: {
          id: true,
          name: true,
          email: true,
          role: true,
          active: true,
          memberships: { select: { foundationId: true, role: true, foundation: { select: { name: true } } } },
          reviewerAreas: { select: { areaId: true } },
        },
      },
    },
  })
  if (!session || session.expiresAt < new Date() || !session.user.active) return null
  const { user } = session
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    foundationIds: user.memberships.map((m) => m.foundationId),
    foundations: user.memberships.map((m) => ({ id: m.foundationId, name: m.foundation.name, role: m.role })),
    areaIds: user.reviewerAreas.map((a) => a.areaId),
  }
}

export async function getUser(request: Request) {
  const sessionId = await sessionCookie().parse(request.headers.get('Cookie'))
  if (typeof sessionId !== 'string') return null
  return loadSessionUser(sessionId)
}

/** Guard: a signed-in user, or a redirect to the sign-in page that comes back here afterwards. */
export async function requireUser(request: Request) {
  const user = await getUser(request)
  if (!user) {
    const url = new URL(request.url)
    throw redirect(`/inloggen?redirectTo=${encodeURIComponent(url.pathname + url.search)}`)
  }
  return user
}

/** Guard: a signed-in user whose role has the permission; otherwise 403. */
export async function requirePermission(request: Request, permission: Permission) {
  const user = await requireUser(request)
  if (!hasPermission(user.role, permission)) {
    throw new Response('Geen toegang', { status: 403 })
  }
  return user
}

export async function authenticate(email: string, password: string) {
  const user = await prisma.user.findUnique({ where: { email: email.trim().toLowerCase() } })
  // Verify against a dummy hash when the user does not exist, so timing does not reveal accounts.
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH)
  return user && user.active && ok ? user : null
}
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$' + 'A'.repeat(86) + '=='

/** Creates a fresh server-side session (a new id at every sign-in) and returns the Set-Cookie value. */
export async function createUserSession(userId: string) {
  const id = randomBytes(32).toString('base64url')
  await prisma.session.create({ data: { id, userId, expiresAt: new Date(Date.now() + SESSION_LIFETIME_MS) } })
  return sessionCookie().serialize(id, { maxAge: SESSION_LIFETIME_MS / 1000 })
}

export async function destroyUserSession(request: Request) {
  const sessionId = await sessionCookie().parse(request.headers.get('Cookie'))
  if (typeof sessionId === 'string') await prisma.session.deleteMany({ where: { id: sessionId } })
  return sessionCookie().serialize('', { maxAge: 0 })
}

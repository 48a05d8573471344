import { randomBytes } from 'node:crypto'
import { createCookie } from '@remix-run/node'
import { prisma } from '#app/db.server.ts'
import { getEnv } from '#app/env.server.ts'
import type { Role } from '#app/generated/prisma/enums.ts'
import { rightsFromMemberships } from './member-rights.ts'
import { isStaff } from './permissions.ts'

/**
 * Session lifetimes (docs/decisions/0011-accounts-and-sign-in.md): staff, who move public money,
 * get a shorter idle timeout and absolute lifetime than foundation members. Sessions use the real
 * time, never PORTAL_CLOCK (which fixes "today" for rounds and terms, not for security).
 */
export const SESSION_POLICY = {
  member: { idleMs: 2 * 60 * 60 * 1000, absoluteMs: 12 * 60 * 60 * 1000 },
  staff: { idleMs: 30 * 60 * 1000, absoluteMs: 8 * 60 * 60 * 1000 },
  /** Between password and second factor. */
  pendingMs: 10 * 60 * 1000,
} as const
const policyFor = (role: Role) => (isStaff(role) ? SESSION_POLICY.staff : SESSION_POLICY.member)
/** lastSeenAt is written at most once a minute per session. */
const TOUCH_INTERVAL_MS = 60 * 1000

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

async function sessionIdFrom(request: Request): Promise<string | null> {
  const id = await sessionCookie().parse(request.headers.get('Cookie'))
  return typeof id === 'string' ? id : null
}

export type SessionUser = NonNullable<Awaited<ReturnType<typeof loadSessionUser>>>

async function loadSessionUser(sessionId: string) {
  const session = await prisma.session.findUnique({
    where: { id: sessionId },
    select: {
      expiresAt: true,
      lastSeenAt: true,
      pendingSecondFactor: true,
      user: {
        select: {
          id: true,
          name: true,
          email: true,
          role: true,
          active: true,
          lang: true,
          memberships: {
            select: { foundationId: true, role: true, foundation: { select: { name: true, verifiedAt: true } } },
          },
          reviewerAreas: { select: { areaId: true } },
        },
      },
    },
  })
  if (!session || session.pendingSecondFactor || !session.user.active) return null
  const now = Date.now()
  const policy = policyFor(session.user.role)
  if (session.expiresAt.getTime() <= now || session.lastSeenAt.getTime() + policy.idleMs <= now) {
    await prisma.session.deleteMany({ where: { id: sessionId } })
    return null
  }
  if (now - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await prisma.session.updateMany({ where: { id: sessionId }, data: { lastSeenAt: new Date(now) } })
  }
  const { user } = session
  return {
    id: user.id,
    sessionId,
    name: user.name,
    email: user.email,
    role: user.role,
    ...rightsFromMemberships(user.memberships),
    /** The language stored for this user (screens without a language cookie, and every mail). */
    lang: (user.lang === 'en' ? 'en' : 'nl') as 'nl' | 'en',
    areaIds: user.reviewerAreas.map((a) => a.areaId),
  }
}

export async function getUser(request: Request) {
  const sessionId = await sessionIdFrom(request)
  return sessionId ? loadSessionUser(sessionId) : null
}

// The guards (requireUser, requirePermission, requireFoundationMember) answer with a redirect or an
// HTTP status, so they live in the web layer; re-exported here so every route keeps its import.
export { requireFoundationMember, requirePermission, requireUser } from '#app/web/guards.server.ts'

/**
 * Creates a fresh server-side session (a new id at every sign-in: the old one from this browser is
 * deleted) and returns the Set-Cookie value. `pendingSecondFactor`: the password was right, the
 * second factor still has to follow; such a session signs nobody in.
 */
export async function createUserSession(
  userId: string,
  opts: { request?: Request; pendingSecondFactor?: boolean } = {},
) {
  if (opts.request) {
    const old = await sessionIdFrom(opts.request)
    if (old) await prisma.session.deleteMany({ where: { id: old } })
  }
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { role: true } })
  const lifetime = opts.pendingSecondFactor ? SESSION_POLICY.pendingMs : policyFor(user.role).absoluteMs
  const id = randomBytes(32).toString('base64url')
  await prisma.session.create({
    data: {
      id,
      userId,
      expiresAt: new Date(Date.now() + lifetime),
      pendingSecondFactor: opts.pendingSecondFactor ?? false,
    },
  })
  return sessionCookie().serialize(id, { maxAge: Math.floor(lifetime / 1000) })
}

/** The user of a session that waits for its second factor (or null). */
export async function getPendingUser(request: Request) {
  const sessionId = await sessionIdFrom(request)
  if (!sessionId) return null
  const session = await prisma.session.findUnique({
    where: { id: sessionId },
    select: {
      pendingSecondFactor: true,
      expiresAt: true,
      user: {
        select: { id: true, name: true, email: true, role: true, active: true, totpSecret: true, totpEnabledAt: true },
      },
    },
  })
  if (!session || !session.pendingSecondFactor || session.expiresAt.getTime() <= Date.now() || !session.user.active)
    return null
  return session.user
}

/**
 * Turns this browser's pending session (minted moments ago, at this sign-in's password step) into a
 * full one, keeping its id. Used right after TOTP enrolment, so the page that shows the recovery
 * codes can still be rendered for this request (also without JavaScript).
 */
export async function completePendingSession(request: Request) {
  const sessionId = await sessionIdFrom(request)
  if (!sessionId) return null
  const session = await prisma.session.findUnique({
    where: { id: sessionId },
    include: { user: { select: { role: true } } },
  })
  if (!session?.pendingSecondFactor) return null
  const lifetime = policyFor(session.user.role).absoluteMs
  await prisma.session.update({
    where: { id: sessionId },
    data: { pendingSecondFactor: false, expiresAt: new Date(Date.now() + lifetime), lastSeenAt: new Date() },
  })
  return sessionCookie().serialize(sessionId, { maxAge: Math.floor(lifetime / 1000) })
}

export async function destroyUserSession(request: Request) {
  const sessionId = await sessionIdFrom(request)
  if (sessionId) await prisma.session.deleteMany({ where: { id: sessionId } })
  return sessionCookie().serialize('', { maxAge: 0 })
}

/** "Sign out everywhere": every session of the user ends, on every device. */
export async function destroyAllSessions(userId: string) {
  await prisma.session.deleteMany({ where: { userId } })
  return sessionCookie().serialize('', { maxAge: 0 })
}

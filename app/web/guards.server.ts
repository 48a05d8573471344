import { redirect } from '@remix-run/node'
import { mayUse } from '#app/auth/policy.ts'
import type { FoundationPermission, Permission } from '#app/auth/permissions.ts'
import { getUser } from '#app/auth/session.server.ts'
import { DomainError } from '#app/domain/errors.ts'
import type { Verdict } from '#app/domain/verdict.ts'
import { mayActInFoundation } from '#app/foundations/policy.ts'
import { localMailboxEnabled, mailboxScope } from '#app/mail/mailbox.server.ts'
import { currentRound } from '#app/rounds/rounds.server.ts'
import { domainErrorResponse } from './errors.server.ts'

/**
 * The guards of loaders and actions: they ask a policy and answer a refusal as HTTP (a redirect to
 * sign in, or the status of the verdict with its text in the user's language, for the error boundary).
 * `app/auth/session.server.ts` re-exports the three user guards, so routes import them from there.
 */
async function refuse(request: Request, verdict: Verdict): Promise<void> {
  if (!verdict.ok)
    throw await domainErrorResponse(
      request,
      new DomainError(verdict.reason, { status: verdict.status, params: verdict.params }),
    )
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
  await refuse(request, mayUse(user, permission))
  return user
}

/**
 * Guard for a foundation's own pages: the caller must be a member of this foundation (404 when not,
 * so a guessed id reveals nothing) and, for `permission`, have the membership role that grants it (403).
 */
export async function requireFoundationMember(
  request: Request,
  foundationId: string,
  permission?: FoundationPermission,
) {
  const user = await requirePermission(request, 'read:foundation:own')
  await refuse(request, mayActInFoundation(user, foundationId, permission))
  const membership = user.foundations.find((f) => f.id === foundationId)!
  return { user, membership }
}

/** The newest round, or a 404 page when there is none yet. */
export async function requireCurrentRound(request: Request) {
  const round = await currentRound()
  if (!round) throw await domainErrorResponse(request, new DomainError('errors.rounds.noRound', { status: 404 }))
  return round
}

/** Guard of the mailbox routes: 404 in production; in demo mode open to every visitor (all data is made up). */
/** The demo mailbox: 404 in production; otherwise what this visitor may read (see mailboxScope). */
export async function requireLocalMailbox(request: Request) {
  if (!localMailboxEnabled()) throw new Response('Niet gevonden', { status: 404 })
  return mailboxScope(request)
}

/**
 * The authorization matrix: every route module in app/routes × every kind of caller, with ids of the
 * caller's own records and of others', checked against the permission table (permissions.ts).
 * Used by guards.test.ts (no mismatches allowed) and guards-removed.test.ts (proves that the matrix
 * notices a missing guard). Test helper: imports nothing from vitest.
 */
import { prisma, type Tx } from '#app/db.server.ts'
import { keepDocument } from '#app/documents/kept.server.ts'
import type { MembershipRole, Role } from '#app/generated/prisma/enums.ts'
import { hasFoundationPermission, hasPermission, type FoundationPermission, type Permission } from './permissions.ts'
import { createUserSession } from './session.server.ts'

/** How a route is protected. Every file in app/routes must have an entry in ROUTE_RULES. */
export type RouteRule =
  | { kind: 'public'; why: string; loaderStatus?: number; actionStatus?: number }
  | { kind: 'pendingSecondFactor' }
  | {
      kind: 'permission'
      permission: Permission
      actionPermission?: Permission
      /** Which record the :id parameter names, and so who "owns" it. */
      param?: 'application' | 'areaApplication' | 'foundation' | 'document'
      /** Extra foundation-level permission for the action (membership role). */
      actionFoundationPermission?: FoundationPermission
      /** Body for the action call (an intent that needs the action permission). */
      body?: Record<string, string>
      /** The record under a parameter does not exist even for its owner (e.g. an attachment id): 404 for everyone allowed. */
      ownIsMissing?: boolean
      /** Mutating actions the matrix does not call (e.g. they end the caller's sessions). */
      noAction?: string
      /**
       * conflicts (issue 10 point 4): for a route that takes an application of the reviewer's wijk
       * (param 'areaApplication') and has an action, the forms that decide, confirm or pay. The caller
       * `reviewerConflicted` (linked to the application's foundation) sends each one and must get the
       * refusal: 403 with the conflict message. Its loaders answer as for any reviewer of the wijk: a
       * reviewer with a conflict still SEES the application (the page says they may not act on it
       * and who can take over); only acting is refused.
       */
      conflictBodies?: Record<string, string>[]
    }

export const ROUTE_RULES: Record<string, RouteRule> = {
  _index: { kind: 'public', why: 'home page' },
  'verdeling.$year': { kind: 'public', why: 'public allocation per wijk' },
  inloggen: { kind: 'public', why: 'sign-in' },
  'inloggen_.oidc': { kind: 'public', why: 'starts OIDC sign-in; 404 without an OIDC provider', actionStatus: 404 },
  'inloggen_.oidc.terug': { kind: 'public', why: 'OIDC callback; 404 without an OIDC provider', loaderStatus: 404 },
  'inloggen_.tweede-stap': { kind: 'pendingSecondFactor' },
  uitloggen: { kind: 'public', why: 'ends only the caller’s own session' },
  taal: { kind: 'public', why: 'language choice' },
  'wachtwoord-vergeten': { kind: 'public', why: 'same answer for every address' },
  'wachtwoord-herstellen.$token': { kind: 'public', why: 'single-use link' },
  'e-mail-bevestigen.$token': { kind: 'public', why: 'single-use link' },
  'uitnodiging.$token': { kind: 'public', why: 'single-use link' },
  'stichting-aanmelden': { kind: 'public', why: 'self-registration, pending verification' },
  // ---- ui: the catch-all 404 ----
  $: { kind: 'public', why: 'any unknown address: 404 in the normal layout', loaderStatus: 404, actionStatus: 404 },
  'mailbox._index': {
    kind: 'public',
    why: 'demo mailbox: demo mode without SMTP only (404 in production), see app/mail/mailbox.server.ts',
  },
  'mailbox.$id': { kind: 'public', why: 'demo mailbox; the id here names no mail', loaderStatus: 404 },
  'mailbox.$id_.bijlage.$index': { kind: 'public', why: 'demo mailbox; the id here names no mail', loaderStatus: 404 },
  account: { kind: 'permission', permission: 'manage:account:own' },
  'aanvragen._index': { kind: 'permission', permission: 'read:application:own' },
  'aanvragen.nieuw': { kind: 'permission', permission: 'create:application:own' },
  'aanvragen.$id': {
    kind: 'permission',
    permission: 'read:application:own',
    actionPermission: 'submit:application:own',
    param: 'application',
    body: { intent: 'save' },
  },
  'aanvragen.$id_.bijlagen.$attachmentId': {
    kind: 'permission',
    permission: 'read:application:own',
    param: 'application',
    ownIsMissing: true,
  },
  'beoordelen._index': { kind: 'permission', permission: 'read:application:area' },
  'beoordelen.$id': {
    kind: 'permission',
    permission: 'read:application:area',
    actionPermission: 'approve:application:area',
    param: 'areaApplication',
    body: { intent: 'approve' },
    // conflicts: review, confirm, pay and settle on the reviewer's page (appB is SUBMITTED; the
    // conflict is asked before the status)
    conflictBodies: [
      { intent: 'claim' },
      { intent: 'approve', amount: '100,00' },
      { intent: 'reject', reason: 'Past niet binnen de regeling.' },
      { intent: 'request-info', question: 'Stuur de offerte mee.', dueOn: '2026-06-20' },
      { intent: 'not-considered' },
      { intent: 'confirm' },
      { intent: 'send-back', reason: 'Het bedrag is niet onderbouwd.' },
      { intent: 'propose-payment', kind: 'TRANCHE', amount: '10,00', payOn: '2026-06-01', description: 'Betaling' },
      { intent: 'settle', finalAmount: '10,00', reason: 'Vastgesteld op de bonnen.' },
      { intent: 'recovery', amount: '10,00', receivedOn: '2026-06-01' },
    ],
  },
  'beoordelen.$id_.bijlagen.$attachmentId': {
    kind: 'permission',
    permission: 'read:application:area',
    param: 'areaApplication',
    ownIsMissing: true,
  },
  // ---- queue: taking an application in hand, the administrator's hand-over (issue 10) ----
  'beoordelen.$id_.in-behandeling': {
    kind: 'permission',
    permission: 'read:application:area',
    actionPermission: 'approve:application:area',
    param: 'areaApplication',
    // release by someone who does not hold it: guarded and scoped like a claim, and changes nothing
    body: { intent: 'release' },
    // conflicts: taking it in hand from the queue
    conflictBodies: [{ intent: 'claim' }],
  },
  'beheer.overdragen': {
    kind: 'permission',
    permission: 'assign:application:any',
    body: { referentie: 'BB-2026-0001' },
  },
  // ---- objection: bezwaar against a decision (issue 10 point 8) ----
  'beoordelen.$id_.bezwaar': {
    kind: 'permission',
    permission: 'read:application:area',
    actionPermission: 'approve:application:area',
    param: 'areaApplication',
    body: { intent: 'register-objection' },
    // conflicts: registering a bezwaar (deciding one needs a registered objection: app/review/conflicts-grid.test.ts)
    conflictBodies: [
      {
        intent: 'register-objection',
        receivedOn: '2026-06-01',
        objectorName: 'Fee de Vries',
        grounds: 'Het bedrag is lager dan gevraagd.',
      },
    ],
  },
  // ---- money: the screens after the award (issue 11) ----
  'beoordelen.$id_.uitgaven.$fileId': {
    kind: 'permission',
    permission: 'read:application:area',
    param: 'areaApplication',
    ownIsMissing: true,
  },
  'aanvragen.$id_.uitgaven.$fileId': {
    kind: 'permission',
    permission: 'read:application:own',
    param: 'application',
    ownIsMissing: true,
  },
  'beoordelen.betalingen_.$batchId': {
    kind: 'permission',
    permission: 'record:payment:area',
    ownIsMissing: true,
  },
  'beoordelen.betalingen': {
    kind: 'permission',
    permission: 'record:payment:area',
    body: { intent: 'create-batch' },
  },
  // ---- audit: the auditor's read-only pages and the public open books (issue 12) ----
  'open-boeken.$year._index': {
    kind: 'public',
    why: 'open books: granted and spent per wijk (app/reporting/open-data)',
  },
  'open-boeken.$year.$code': { kind: 'public', why: 'open books of one wijk (app/reporting/open-data)' },
  'open-data._index': { kind: 'public', why: 'open data documentation' },
  'open-data.$year.$file': { kind: 'public', why: 'open data downloads (CC0)', loaderStatus: 404 },
  'controle._index': { kind: 'permission', permission: 'read:ledger:any' },
  'controle.export.$file': { kind: 'permission', permission: 'read:application:any', ownIsMissing: true },
  'controle.wijk': { kind: 'permission', permission: 'read:application:any' },
  'controle.aanvragen.$id': { kind: 'permission', permission: 'read:application:any' },
  'controle.aanvragen.$id_.bijlagen.$attachmentId': {
    kind: 'permission',
    permission: 'read:application:any',
    ownIsMissing: true,
  },
  'controle.aanvragen.$id_.brieven.$attachmentId': {
    kind: 'permission',
    permission: 'read:application:any',
    ownIsMissing: true,
  },
  'controle.spoor': { kind: 'permission', permission: 'read:audit:any', body: { intent: 'verify' } },
  // audit2: indicators beside the spend, the annual report (page and PDF), the indicator import
  'open-boeken.$year.indicatoren': { kind: 'public', why: 'Stadspeiling indicators beside the spend per wijk' },
  'open-boeken.$year.jaarverslag': { kind: 'public', why: 'annual report Buurtbudget <year>' },
  'open-boeken.$year.jaarverslag[.pdf]': { kind: 'public', why: 'annual report as PDF' },
  'beheer.indicatoren': {
    kind: 'permission',
    permission: 'manage:indicators:any' as Permission,
    body: { intent: 'import' },
  },
  // audit2: samples of expenses and findings (the auditor's only writes)
  'controle.steekproef': {
    kind: 'permission',
    permission: 'read:application:any',
    actionPermission: 'record:finding:any' as Permission,
    body: { intent: 'draw' },
  },
  'beheer.verdeling': { kind: 'permission', permission: 'manage:allocation:any', body: { intent: 'preview' } },
  'beheer.scenarios._index': { kind: 'permission', permission: 'manage:allocation:any' },
  'beheer.scenarios.nieuw': { kind: 'permission', permission: 'manage:allocation:any' },
  'beheer.inwoners': { kind: 'permission', permission: 'manage:population:any' as Permission },
  'beheer.rondes': { kind: 'permission', permission: 'manage:round:any' as Permission },
  // ---- rounds: the next round, closing a round, the closing report (issue 11, point 6) ----
  'beheer.rondes_.nieuw': { kind: 'permission', permission: 'manage:round:any' },
  'beheer.rondes_.$year.sluiten': { kind: 'permission', permission: 'manage:round:any', body: { intent: 'close' } },
  'beheer.rondes_.$year.afsluiting': { kind: 'permission', permission: 'read:ledger:any' },
  'beheer.stichtingen': {
    kind: 'permission',
    permission: 'read:foundation:any',
    actionPermission: 'manage:foundation:any',
    body: { intent: 'verify' },
  },
  'beheer.mail._index': { kind: 'permission', permission: 'manage:mail:any' as Permission },
  'beheer.mail.voorbeelden._index': { kind: 'permission', permission: 'manage:mail:any' as Permission },
  'beheer.mail.voorbeelden.$template': { kind: 'permission', permission: 'manage:mail:any' as Permission },
  'beheer.medewerkers': { kind: 'permission', permission: 'manage:staff:any', body: { intent: 'create' } },
  // review (issue 10): a kept letter; the foundation's members, the wijk's reviewers, auditors
  'documenten.$id': { kind: 'permission', permission: 'read:document:scoped' as Permission, param: 'document' },
  'stichting.$id': {
    kind: 'permission',
    permission: 'read:foundation:own',
    param: 'foundation',
    actionFoundationPermission: 'manage:members:own',
    body: { intent: 'invite' },
  },
}

export type Persona =
  | 'anonymous'
  | 'memberA'
  | 'adminA'
  | 'reviewerX'
  | 'auditor'
  | 'administrator'
  // conflicts: a reviewer of wijk X (like reviewerX) with a confirmed link to foundation B
  | 'reviewerConflicted'
export const PERSONAS: Persona[] = [
  'anonymous',
  'memberA',
  'adminA',
  'reviewerX',
  'auditor',
  'administrator',
  'reviewerConflicted',
]

type Who = {
  userId: string
  role: Role
  foundations: Record<string, MembershipRole>
  areaIds: string[]
  /** Foundations the staff member is linked to or declared an interest in (conflicts of interest). */
  conflictFoundationIds?: string[]
}
type Ids = {
  appA: { id: string; foundationId: string; areaId: string }
  appB: { id: string; foundationId: string; areaId: string }
  /** A kept letter of each application (review, issue 10). */
  documentA: string
  documentB: string
  foundationA: string
  foundationB: string
}

/**
 * The callers: a member and a foundation admin of foundation A (Stichting Hoogland Leeft), a
 * reviewer of wijk X (Zielhorst only, so foundation B's application is theirs and A's is not), the
 * demo auditor and administrator.
 */
export async function setUpPersonas(): Promise<{ who: Record<Exclude<Persona, 'anonymous'>, Who>; ids: Ids }> {
  const appA = await prisma.application.findUniqueOrThrow({ where: { reference: 'BB-2026-0001' } })
  const appB = await prisma.application.findUniqueOrThrow({ where: { reference: 'BB-2026-0002' } })
  const demo = (email: string) => prisma.user.findUniqueOrThrow({ where: { email } })
  const adminA = await demo('aanvrager@hooglandleeft.example')
  const memberA = await prisma.user.upsert({
    where: { email: 'lid@hooglandleeft.example' },
    update: {},
    create: {
      email: 'lid@hooglandleeft.example',
      name: 'Lid Hoogland',
      passwordHash: adminA.passwordHash,
      role: 'FOUNDATION_MEMBER',
      emailVerifiedAt: new Date(),
    },
  })
  await prisma.membership.upsert({
    where: { userId_foundationId: { userId: memberA.id, foundationId: appA.foundationId } },
    update: {},
    create: { userId: memberA.id, foundationId: appA.foundationId, role: 'MEMBER' },
  })
  const reviewerX = await prisma.user.upsert({
    where: { email: 'beoordelaar.zielhorst@amersfoort.example' },
    update: {},
    create: {
      email: 'beoordelaar.zielhorst@amersfoort.example',
      name: 'Beoordelaar Zielhorst',
      passwordHash: adminA.passwordHash,
      role: 'REVIEWER',
      emailVerifiedAt: new Date(),
      reviewerAreas: { create: { areaId: appB.areaId } },
    },
  })
  const auditor = await demo('controleur@amersfoort.example')
  const administrator = await demo('beheerder@amersfoort.example')
  // conflicts: a second reviewer of wijk X who is the treasurer of foundation B (link confirmed by the administrator)
  const reviewerConflicted = await prisma.user.upsert({
    where: { email: 'beoordelaar.belang@amersfoort.example' },
    update: {},
    create: {
      email: 'beoordelaar.belang@amersfoort.example',
      name: 'Beoordelaar met belang',
      passwordHash: adminA.passwordHash,
      role: 'REVIEWER',
      emailVerifiedAt: new Date(),
      reviewerAreas: { create: { areaId: appB.areaId } },
    },
  })
  await prisma.staffFoundationLink.upsert({
    where: { userId_foundationId: { userId: reviewerConflicted.id, foundationId: appB.foundationId } },
    update: {},
    create: {
      userId: reviewerConflicted.id,
      foundationId: appB.foundationId,
      note: 'Penningmeester van de stichting',
      createdById: administrator.id,
      confirmedById: administrator.id,
      confirmedAt: new Date(),
    },
  })
  // A kept letter for each application (A's decision exists from the seed; B gets an OTHER letter).
  const letterOf = async (applicationId: string, roundId: string) =>
    (await prisma.keptDocument.findFirst({ where: { applicationId }, select: { id: true } }))?.id ??
    (
      await keepDocument(prisma as unknown as Tx, {
        kind: 'OTHER',
        applicationId,
        roundId,
        filename: 'brief.pdf',
        data: Buffer.from('%PDF-1.4 test'),
        createdById: administrator.id,
      })
    ).id
  const documentA = await letterOf(appA.id, appA.roundId)
  const documentB = await letterOf(appB.id, appB.roundId)
  return {
    who: {
      memberA: {
        userId: memberA.id,
        role: 'FOUNDATION_MEMBER',
        foundations: { [appA.foundationId]: 'MEMBER' },
        areaIds: [],
      },
      adminA: {
        userId: adminA.id,
        role: 'FOUNDATION_MEMBER',
        foundations: { [appA.foundationId]: 'FOUNDATION_ADMIN' },
        areaIds: [],
      },
      reviewerX: { userId: reviewerX.id, role: 'REVIEWER', foundations: {}, areaIds: [appB.areaId] },
      auditor: { userId: auditor.id, role: 'AUDITOR', foundations: {}, areaIds: [] },
      administrator: { userId: administrator.id, role: 'ADMINISTRATOR', foundations: {}, areaIds: [] },
      reviewerConflicted: {
        userId: reviewerConflicted.id,
        role: 'REVIEWER',
        foundations: {},
        areaIds: [appB.areaId],
        conflictFoundationIds: [appB.foundationId],
      },
    },
    ids: {
      appA: { id: appA.id, foundationId: appA.foundationId, areaId: appA.areaId },
      appB: { id: appB.id, foundationId: appB.foundationId, areaId: appB.areaId },
      foundationA: appA.foundationId,
      foundationB: appB.foundationId,
      documentA,
      documentB,
    },
  }
}

type Outcome = 'ok' | 'login' | 403 | 404 | number
type RouteModule = { loader?: (args: never) => unknown; action?: (args: never) => unknown }

/** Route id from the file name (flat routes): `stichting.$id.tsx` -> `stichting.$id`. */
export const routeId = (file: string) => file.replace(/^.*\/routes\//, '').replace(/\.tsx?$/, '')

function urlFor(id: string, params: Record<string, string>) {
  const path =
    id === '_index'
      ? ''
      : id
          .split('.')
          .map((seg) => (seg.startsWith('$') ? params[seg.slice(1).replace(/_$/, '')] : seg.replace(/_$/, '')))
          .filter((s) => s !== '_index')
          .join('/')
  return `http://localhost/${path}`
}

function expected(
  rule: RouteRule,
  persona: Persona,
  who: Who | undefined,
  target: 'A' | 'B',
  ids: Ids,
  kind: 'loader' | 'action',
): Outcome {
  if (rule.kind === 'public') return (kind === 'loader' ? rule.loaderStatus : rule.actionStatus) ?? 'ok'
  // Only a sign-in waiting for its second factor may act here; a signed-in user only sees "you are signed in".
  if (rule.kind === 'pendingSecondFactor') return who && kind === 'loader' ? 'ok' : 'login'
  if (!who) return 'login'
  if (!hasPermission(who.role, rule.permission)) return 403
  if (kind === 'action' && rule.actionPermission && !hasPermission(who.role, rule.actionPermission)) return 403
  const app = target === 'A' ? ids.appA : ids.appB
  if (rule.param === 'application' && !who.foundations[app.foundationId]) return 404
  if (rule.param === 'areaApplication' && !who.areaIds.includes(app.areaId)) return 404
  // conflicts: acting on an application of a foundation one is linked to is refused (seeing it is not)
  if (kind === 'action' && rule.param === 'areaApplication' && inConflict(who, app)) return 403
  if (rule.param === 'foundation') {
    const membership = who.foundations[target === 'A' ? ids.foundationA : ids.foundationB]
    if (!membership) return 404
    if (
      kind === 'action' &&
      rule.actionFoundationPermission &&
      !hasFoundationPermission(membership, rule.actionFoundationPermission)
    )
      return 403
  }
  if (rule.param === 'document' && who.role === 'FOUNDATION_MEMBER' && !who.foundations[app.foundationId]) return 404
  if (rule.param === 'document' && who.role === 'REVIEWER' && !who.areaIds.includes(app.areaId)) return 404
  if (rule.ownIsMissing) return 404
  return 'ok'
}

/** The caller has a conflict of interest with the application's foundation. */
const inConflict = (who: Who, app: { foundationId: string }) =>
  (who.conflictFoundationIds ?? []).includes(app.foundationId)

/** Words of the conflict refusal (decide.conflict and decide.conflictNobody, app/i18n/nl.ts). */
const CONFLICT_WORDS = 'mag haar daarom niet beoordelen, bevestigen, betalen of vaststellen'

async function outcome(fn: () => Promise<unknown>): Promise<{ outcome: Outcome; body: unknown }> {
  let result: unknown
  let thrown = false
  try {
    result = await fn()
  } catch (error) {
    result = error
    thrown = true
    if (!(error instanceof Response)) throw error
  }
  if (result instanceof Response) {
    const location = result.headers.get('Location') ?? ''
    // A guard THROWS its redirect to the sign-in page; a sign-out that returns one is an ordinary answer.
    if (thrown && result.status >= 300 && result.status < 400 && location.startsWith('/inloggen'))
      return { outcome: 'login', body: null }
    if (result.status === 403 || result.status === 404) return { outcome: result.status, body: null }
    return { outcome: result.status >= 500 ? result.status : 'ok', body: null }
  }
  const init = (result as { init?: { status?: number } } | null)?.init
  if (init?.status === 403 || init?.status === 404) return { outcome: init.status, body: result }
  return { outcome: 'ok', body: result }
}

const json = (value: unknown) => JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)) ?? ''

export type Mismatch = string

/**
 * Runs every route × persona × (own id, other's id) × (loader, action) and returns every answer that
 * differs from the permission table, plus every record of others that a loader's data reveals.
 */
export async function runMatrix(
  modules: Record<string, RouteModule>,
  setup: Awaited<ReturnType<typeof setUpPersonas>>,
): Promise<Mismatch[]> {
  const { who, ids } = setup
  const mismatches: Mismatch[] = []
  for (const [id, mod] of Object.entries(modules)) {
    const rule = ROUTE_RULES[id]
    if (!rule) {
      mismatches.push(`${id}: no entry in ROUTE_RULES (app/auth/route-matrix.ts): say who may use this route`)
      continue
    }
    const paramTargets: ('A' | 'B')[] = id.includes('$') ? ['A', 'B'] : ['A']
    for (const persona of PERSONAS) {
      const w = persona === 'anonymous' ? undefined : who[persona]
      for (const target of paramTargets) {
        const app = target === 'A' ? ids.appA : ids.appB
        const params: Record<string, string> = {
          id:
            rule.kind === 'permission' && rule.param === 'foundation'
              ? target === 'A'
                ? ids.foundationA
                : ids.foundationB
              : rule.kind === 'permission' && rule.param === 'document'
                ? target === 'A'
                  ? ids.documentA
                  : ids.documentB
                : app.id,
          year: '2026',
          token: 'no-such-token',
          attachmentId: 'no-such-attachment',
          template: 'invitation',
          index: '0',
          file: 'no-such-file',
          code: 'WK030719',
        }
        const url = urlFor(id, params)
        // conflicts: the conflicted reviewer sends every form that decides, confirms or pays
        const conflictCase =
          rule.kind === 'permission' && rule.param === 'areaApplication' && w !== undefined && inConflict(w, app)
        if (conflictCase && mod.action && !(rule.kind === 'permission' && rule.conflictBodies?.length))
          mismatches.push(
            `${id}: takes an application and has an action, but no conflictBodies (app/auth/route-matrix.ts): say which forms decide, confirm or pay`,
          )
        const calls: { kind: 'loader' | 'action'; form?: Record<string, string> }[] = [
          { kind: 'loader' },
          ...(conflictCase && rule.kind === 'permission' && rule.conflictBodies?.length
            ? rule.conflictBodies.map((form) => ({ kind: 'action' as const, form }))
            : [{ kind: 'action' as const, form: rule.kind === 'permission' ? rule.body : undefined }]),
        ]
        for (const { kind, form } of calls) {
          const fn = mod[kind] as
            | ((args: {
                request: Request
                params: Record<string, string>
                context: Record<string, unknown>
              }) => Promise<unknown>)
            | undefined
          if (!fn) continue
          if (kind === 'action' && rule.kind === 'permission' && rule.noAction) continue
          const headers = new Headers()
          // A fresh session per call: an action may end the caller's sessions (sign out everywhere).
          if (w) headers.set('Cookie', (await createUserSession(w.userId)).split(';')[0])
          const body = kind === 'action' ? new URLSearchParams(form ?? {}) : undefined
          if (body) headers.set('Content-Type', 'application/x-www-form-urlencoded')
          const request = new Request(url, { method: kind === 'loader' ? 'GET' : 'POST', headers, body })
          const want = expected(rule, persona, w, target, ids, kind)
          let got: Awaited<ReturnType<typeof outcome>>
          try {
            got = await outcome(() => fn({ request, params, context: { clientIp: '192.0.2.1' } }))
          } catch (error) {
            mismatches.push(`${kind} ${id} as ${persona} (${target}): threw ${(error as Error).message}`)
            continue
          }
          const intent = form?.intent && conflictCase ? ` [${form.intent}]` : ''
          if (got.outcome !== want)
            mismatches.push(
              `${kind} ${id}${intent} as ${persona} (${target === 'A' ? 'A’s record' : 'B’s record'}): expected ${want}, got ${got.outcome}`,
            )
          // conflicts: the refusal is the clear message, in the reply the page shows
          else if (kind === 'action' && conflictCase && !json(got.body).includes(CONFLICT_WORDS))
            mismatches.push(`action ${id}${intent} as ${persona} (B’s record): refused without the conflict message`)
          // No leaks: a foundation member's or area reviewer's data never names others' records.
          if (
            kind === 'loader' &&
            got.outcome === 'ok' &&
            w &&
            (persona === 'memberA' ||
              persona === 'adminA' ||
              persona === 'reviewerX' ||
              persona === 'reviewerConflicted')
          ) {
            const text = json(got.body)
            const forbidden = w.role === 'REVIEWER' ? [ids.appA.id] : [ids.appB.id, ids.foundationB]
            for (const f of forbidden)
              if (text.includes(f)) mismatches.push(`loader ${id} as ${persona}: data contains another's record ${f}`)
          }
        }
      }
    }
  }
  return mismatches
}

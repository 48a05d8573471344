// The reviewer's queue on a real PostgreSQL (issue 10): scope, filters, Dutch full-text search,
// server-side sort, pages of 50 with the total; taking an application in hand (two reviewers at
// once: one wins, the other is told who has it), releasing it, and the administrator's hand-over.
import { beforeAll, describe, expect, test } from 'vitest'
import { prisma } from '#app/db.server.ts'
import { DomainError } from '#app/domain/errors.ts'
import { translate } from '#app/i18n/i18n.ts'
import { seeded } from '#app/testing/fixtures.ts'
import { claim, handOver, release } from './decisions.server.ts'
import { parseQueueFilter, queueSearch, searchQuery } from './queue-filter.ts'
import { listForStaff } from './queue.server.ts'

process.env.PORTAL_CLOCK = '2026-06-01'
const TODAY = '2026-06-01'
const N = 130

let f: Awaited<ReturnType<typeof seeded>>
let roundId: string
let hoogland: { id: string; code: string }
let other: { id: string; code: string } // a wijk the reviewer does not review
let kattenbroekFoundation: string

const refusal = async (work: Promise<unknown>) => {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(DomainError)
  return error as DomainError
}

beforeAll(async () => {
  f = await seeded()
  const round = await prisma.budgetRound.create({
    data: {
      year: 2031,
      name: 'Buurtbudget 2031',
      potCents: 0n,
      opensOn: new Date('2031-01-01'),
      closesOn: new Date('2031-12-31'),
    },
  })
  roundId = round.id
  hoogland = await f.area('WK030719')
  const outside = await prisma.area.findFirstOrThrow({ where: { id: { notIn: f.reviewer.areaIds } } })
  other = outside
  await prisma.roundArea.createMany({
    data: [
      { roundId, areaId: hoogland.id },
      { roundId, areaId: other.id },
    ],
  })
  const hooglandFoundation = (await prisma.application.findUniqueOrThrow({ where: { reference: 'BB-2026-0001' } }))
    .foundationId
  kattenbroekFoundation = (await prisma.foundation.findFirstOrThrow({ where: { name: { contains: 'Kattenbroek' } } }))
    .id
  // Application i: wijk Hoogland except every 10th (the other wijk); status by i % 5; category by
  // i % 3; EUR 100 * i requested; due TODAY - 20 + i (i % 7 == 0: no due date); every 4th a
  // "Kunstroute", every 13th from the Kattenbroek foundation.
  await prisma.$executeRawUnsafe(
    `INSERT INTO "Application" (id, reference, "roundId", "areaId", "foundationId", title, category, status,
       "requestedCents", "submittedAt", "decisionDueOn", "createdById", "updatedAt")
     SELECT 'q-' || i, 'Q-2031-' || lpad(i::text, 4, '0'), $1, CASE WHEN i % 10 = 0 THEN $3 ELSE $2 END,
       CASE WHEN i % 13 = 0 THEN $5 ELSE $4 END,
       CASE WHEN i % 4 = 0 THEN 'Kunstroute langs de Eem ' || i ELSE 'Buurtfeest ' || i END,
       (ARRAY['ontmoeting', 'groen', 'jeugd'])[1 + i % 3],
       (ARRAY['SUBMITTED', 'SUBMITTED', 'INCOMPLETE', 'AWARDED', 'DRAFT'])[1 + i % 5]::"ApplicationStatus",
       10000 * i, now(), CASE WHEN i % 7 = 0 THEN NULL ELSE date '${TODAY}' - 20 + i END, $6, now()
     FROM generate_series(1, ${N}) AS i`,
    roundId,
    hoogland.id,
    other.id,
    hooglandFoundation,
    kattenbroekFoundation,
    f.hoogland.id,
  )
})

/** The ids the generator made for the numbers that satisfy `keep`, for the reviewer's scope. */
const numbers = (keep: (i: number) => boolean) =>
  Array.from({ length: N }, (_, k) => k + 1).filter((i) => i % 5 !== 4 && i % 10 !== 0 && keep(i))
const status = (i: number) => ['SUBMITTED', 'SUBMITTED', 'INCOMPLETE', 'AWARDED', 'DRAFT'][i % 5]
const due = (i: number) => (i % 7 === 0 ? null : i - 20) // days after TODAY

async function all(user: typeof f.reviewer, filter: Omit<Parameters<typeof listForStaff>[1], 'roundId'> = {}) {
  const first = await listForStaff(user, { roundId, today: TODAY, ...filter })
  const rows = [...first.rows]
  for (let page = 2; page <= first.pages; page++)
    rows.push(...(await listForStaff(user, { roundId, today: TODAY, ...filter, page })).rows)
  return { total: first.total, pages: first.pages, rows }
}

describe('the queue', () => {
  test('a reviewer sees the round in their wijken only, no drafts, in pages of 50 with the total', async () => {
    const expected = numbers(() => true)
    const first = await listForStaff(f.reviewer, { roundId, today: TODAY })
    expect(first.total).toBe(expected.length)
    expect(first.rows).toHaveLength(50)
    expect(first.pages).toBe(Math.ceil(expected.length / 50))
    const { rows } = await all(f.reviewer)
    expect(new Set(rows.map((r) => r.id)).size).toBe(expected.length)
    expect(rows.map((r) => r.id).sort()).toEqual(expected.map((i) => `q-${i}`).sort())
    expect(rows.every((r) => r.area.id === hoogland.id && r.status !== 'DRAFT')).toBe(true)
    // A page past the end is the last page, not an empty one.
    const past = await listForStaff(f.reviewer, { roundId, today: TODAY, page: 99 })
    expect(past.page).toBe(first.pages)
    expect(past.rows.length).toBeGreaterThan(0)
  })

  test('an administrator sees every wijk; a foundation member nothing', async () => {
    const admin = await listForStaff(f.admin, { roundId, today: TODAY })
    expect(admin.total).toBe(Array.from({ length: N }, (_, k) => k + 1).filter((i) => i % 5 !== 4).length)
    const member = await listForStaff(f.hoogland, { roundId, today: TODAY })
    expect(member.total).toBe(0)
  })

  test('sorted by due date by default (none last); any column on the server, both ways', async () => {
    const { rows } = await all(f.reviewer)
    const dues = rows.map((r) => r.decisionDueOn)
    const dated = dues.filter((d): d is string => d !== null)
    expect(dated).toEqual([...dated].sort())
    expect(dues.slice(dated.length).every((d) => d === null)).toBe(true)
    expect(dated.length).toBe(numbers((i) => due(i) !== null).length)

    const byAmount = await all(f.reviewer, { sorteer: 'bedrag', richting: 'af' })
    const amounts = byAmount.rows.map((r) => r.requestedCents)
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a))
    expect(amounts[0]).toBe(Math.max(...numbers(() => true)) * 10000)

    const byReference = await listForStaff(f.reviewer, { roundId, today: TODAY, sorteer: 'referentie' })
    expect(byReference.rows[0].reference).toBe('Q-2031-0001')
    const byFoundation = await all(f.reviewer, { sorteer: 'stichting', richting: 'op' })
    const names = byFoundation.rows.map((r) => r.foundation.name)
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))
  })

  test('filters: status, wijk, category, amount range, term and owner', async () => {
    expect((await all(f.reviewer, { statuses: ['SUBMITTED'] })).total).toBe(
      numbers((i) => status(i) === 'SUBMITTED').length,
    )
    expect((await all(f.reviewer, { statuses: ['INCOMPLETE', 'AWARDED'] })).total).toBe(
      numbers((i) => ['INCOMPLETE', 'AWARDED'].includes(status(i))).length,
    )
    expect((await all(f.reviewer, { categorie: 'groen' })).total).toBe(numbers((i) => i % 3 === 1).length)
    // EUR 100 * i requested: EUR 2,000 up to and including EUR 5,000 is i = 20..50.
    expect((await all(f.reviewer, { min: 2000, max: 5000 })).total).toBe(numbers((i) => i >= 20 && i <= 50).length)
    // The reviewer cannot widen the scope with another wijk; the administrator can narrow to it.
    expect((await all(f.reviewer, { areaId: other.id })).total).toBe(0)
    expect((await all(f.admin, { areaId: other.id })).rows.every((r) => r.area.id === other.id)).toBe(true)

    const open = (i: number) => ['SUBMITTED', 'INCOMPLETE'].includes(status(i))
    const overdue = await all(f.reviewer, { termijn: 'verstreken' })
    expect(overdue.total).toBe(numbers((i) => open(i) && due(i) !== null && due(i)! < 0).length)
    expect(overdue.rows.every((r) => r.decisionDueOn! < TODAY)).toBe(true)
    const soon = await all(f.reviewer, { termijn: 'binnenkort' })
    expect(soon.total).toBe(numbers((i) => open(i) && due(i) !== null && due(i)! >= 0 && due(i)! <= 14).length)
    expect(soon.total).toBeGreaterThan(0)

    expect((await all(f.reviewer, { eigenaar: 'niemand' })).total).toBe(numbers(() => true).length)
    expect((await all(f.reviewer, { eigenaar: 'ik' })).total).toBe(0)
  })

  test('search: Dutch full text over title and reference (word prefixes), and the foundation name', async () => {
    const kunst = numbers((i) => i % 4 === 0)
    // "Kunstroute" is stemmed ("kunstrout"); "kunst" is a prefix of it; case does not matter.
    expect((await all(f.reviewer, { q: 'kunstroute' })).total).toBe(kunst.length)
    expect((await all(f.reviewer, { q: 'KUNST' })).total).toBe(kunst.length)
    expect((await all(f.reviewer, { q: 'kunst eem' })).total).toBe(kunst.length)
    expect((await all(f.reviewer, { q: 'Kunstroute buurtfeest' })).total).toBe(0)
    const byReference = await all(f.reviewer, { q: 'Q-2031-0012' })
    expect(byReference.rows.map((r) => r.reference)).toEqual(['Q-2031-0012'])
    // The number alone, or its start, finds it too.
    expect((await all(f.reviewer, { q: '0012' })).rows.map((r) => r.reference)).toEqual(['Q-2031-0012'])
    const byFoundation = await all(f.reviewer, { q: 'kattenbroek' })
    expect(byFoundation.total).toBe(numbers((i) => i % 13 === 0).length)
    expect(byFoundation.rows.every((r) => r.foundation.name.includes('Kattenbroek'))).toBe(true)
    // tsquery syntax in the text is just text, never an error.
    expect((await all(f.reviewer, { q: "'&|!:*()<->" })).total).toBe(numbers(() => true).length)
    expect((await all(f.reviewer, { q: 'kunst & !eem' })).total).toBe(kunst.length)
  })
})

describe('the filter in the URL', () => {
  test('parsed, unknown values dropped, and written back without defaults', () => {
    const filter = parseQueueFilter(
      new URLSearchParams(
        'ronde=2031&status=SUBMITTED&status=NOPE&wijk=WK030719&categorie=groen&min=1.000&max=x&termijn=verstreken&eigenaar=ik&q=%20kunst%20&sorteer=bedrag&richting=af&pagina=3',
      ),
    )
    expect(filter).toEqual({
      ronde: 2031,
      statuses: ['SUBMITTED'],
      wijk: 'WK030719',
      categorie: 'groen',
      min: 1000,
      max: null,
      termijn: 'verstreken',
      eigenaar: 'ik',
      q: 'kunst',
      sorteer: 'bedrag',
      richting: 'af',
      pagina: 3,
    })
    expect(parseQueueFilter(new URLSearchParams(queueSearch(filter)))).toEqual(filter)
    expect(queueSearch(parseQueueFilter(new URLSearchParams('sorteer=evil&pagina=-1&wijk=%27x')))).toBe('')
    expect(searchQuery("kunst'&|route")).toBe('kunst:* & route:*')
    expect(searchQuery(' !& ')).toBeNull()
  })
})

describe('taking an application in hand', () => {
  test('two reviewers claim at once: one wins, the other is told who has it', async () => {
    const id = 'q-1' // SUBMITTED, Hoogland
    const outcomes = await Promise.allSettled([claim(f.reviewer, id), claim(f.reviewer2, id)])
    const won = outcomes.filter((o) => o.status === 'fulfilled')
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected')
    expect(won).toHaveLength(1)
    expect(lost).toHaveLength(1)
    const app = await prisma.application.findUniqueOrThrow({ where: { id } })
    expect(app.status).toBe('IN_REVIEW')
    const winner = app.ownerId === f.reviewer.id ? f.reviewer : f.reviewer2
    const loser = winner === f.reviewer ? f.reviewer2 : f.reviewer
    expect([f.reviewer.id, f.reviewer2.id]).toContain(app.ownerId)
    const error = lost[0].reason as DomainError
    expect(error).toBeInstanceOf(DomainError)
    expect(error.key).toBe('decide.ownedByOther')
    expect(error.status).toBe(409)
    expect(translate('nl', error.key, error.params)).toContain(`Deze aanvraag is in behandeling bij ${winner.name}.`)
    // One status change, by the winner.
    const changes = await prisma.statusChange.findMany({ where: { applicationId: id, toStatus: 'IN_REVIEW' } })
    expect(changes).toHaveLength(1)
    // The queue shows who has it, and "mine" for the winner only.
    const row = (await listForStaff(loser, { roundId, today: TODAY, q: 'Q-2031-0001' })).rows[0]
    expect(row).toMatchObject({ status: 'IN_REVIEW', ownerId: winner.id, ownerName: winner.name })
    expect((await listForStaff(winner, { roundId, today: TODAY, eigenaar: 'ik' })).rows.map((r) => r.id)).toEqual([id])
    expect((await listForStaff(loser, { roundId, today: TODAY, eigenaar: 'ik' })).total).toBe(0)

    // Only the owner releases it.
    expect((await refusal(release(loser, id))).key).toBe('decide.notOwner')
    await release(winner, id)
    const released = await prisma.application.findUniqueOrThrow({ where: { id } })
    expect(released).toMatchObject({ status: 'SUBMITTED', ownerId: null, claimedAt: null })
  })

  test('an application outside the wijken, or not submitted, cannot be claimed', async () => {
    expect((await refusal(claim(f.reviewer, 'q-10'))).status).toBe(404) // the other wijk
    expect((await refusal(claim(f.reviewer, 'q-3'))).key).toBe('decide.cannotClaim') // AWARDED
  })

  test('the administrator hands it over to another reviewer of the wijk; nobody else can', async () => {
    const id = 'q-6' // SUBMITTED, Hoogland
    await claim(f.reviewer, id)
    expect((await refusal(handOver(f.reviewer, id, f.reviewer2.id))).key).toBe('decide.onlyAdministrators')
    // Not a reviewer of this wijk: refused at the field.
    const wrong = await refusal(handOver(f.admin, id, f.reviewerSouth.id))
    expect(wrong).toMatchObject({ key: 'decide.targetNotReviewer', field: 'to' })
    expect((await refusal(handOver(f.admin, id, f.auditor.id))).key).toBe('decide.targetNotReviewer')
    await handOver(f.admin, id, f.reviewer2.id)
    const app = await prisma.application.findUniqueOrThrow({ where: { id } })
    expect(app).toMatchObject({ status: 'IN_REVIEW', ownerId: f.reviewer2.id })
    const last = await prisma.statusChange.findFirstOrThrow({
      where: { applicationId: id },
      orderBy: { createdAt: 'desc' },
    })
    expect(last).toMatchObject({ actorId: f.admin.id, toStatus: 'IN_REVIEW' })
    // The former owner can no longer release it; the new one can.
    expect((await refusal(release(f.reviewer, id))).key).toBe('decide.notOwner')
    await release(f.reviewer2, id)
  })
})

import { beforeAll, describe, expect, test } from 'vitest'
import { prisma } from '#app/db.server.ts'
import { createUserSession } from '#app/auth/session.server.ts'
import * as newApplication from '#app/routes/aanvragen.nieuw.tsx'
import * as ownApplication from '#app/routes/aanvragen.$id.tsx'
import * as ownAttachment from '#app/routes/aanvragen.$id_.bijlagen.$attachmentId.tsx'
import * as reviewOne from '#app/routes/beoordelen.$id.tsx'
import * as rounds from '#app/routes/beheer.rondes.tsx'
import { seeded } from '#app/testing/fixtures.ts'
import { getForStaff } from './review.server.ts'
import { addDays } from './clock.ts'
import { eligibilityReasons, type EligibilityFacts } from './eligibility.ts'
import { samplePdf } from './sample-pdf.ts'
import { sniffType } from './attachments.server.ts'

process.env.PORTAL_CLOCK = '2026-06-01'

let f: Awaited<ReturnType<typeof seeded>>
const cookies: Record<string, string> = {}
beforeAll(async () => {
  f = await seeded()
  for (const who of ['hoogland', 'zielhorst', 'reviewer', 'admin'] as const)
    cookies[who] = (await createUserSession(f[who].id)).split(';')[0]
})

const pdf = () =>
  new File([samplePdf(['Offerte', 'Lampionnen EUR 1.234,56'])], 'offerte lampionnen.pdf', { type: 'application/pdf' })

/** Everything the full form sends, as a browser would (multipart), with three budget lines in Dutch notation. */
function fullForm(intent: string, overrides: Record<string, string | File | null> = {}) {
  const fields: Record<string, string | File | null> = {
    intent,
    title: 'Lichtjesavond Hoogland',
    category: 'ontmoeting',
    areaId: '',
    location: 'Zevenhuizerstraat bij de Sint-Josephkerk',
    description: 'Op de kortste dag zetten bewoners lichtjes langs de straat, met warme chocomel bij de kerk.',
    goal: 'Buren die elkaar alleen van gezicht kennen staan een avond samen buiten en maken kennis.',
    targetGroup: 'Alle bewoners van Hoogland',
    expectedParticipants: '250',
    support: '80 handtekeningen en een bewonersavond.',
    ownContribution: 'Twintig vrijwilligers zetten de lichtjes neer.',
    partners: 'Politie, Indebuurt033',
    permits: 'Geen afsluiting nodig.',
    startDate: '2026-12-19',
    endDate: '2026-12-19',
    'lines[0].description': 'Lampionnen en lichtjes',
    'lines[0].amount': '1.234,56',
    'lines[1].description': 'Chocomel en bekers',
    'lines[1].amount': '215,44',
    'lines[2].description': 'Flyers',
    'lines[2].amount': '50',
    otherIncome: '100,00',
    otherIncomeNote: 'Bijdrage van de winkeliersvereniging',
    advancePercent: '75',
    declarationTrue: 'on',
    declarationPublish: 'on',
    attachmentKind: 'quote',
    attachment: pdf(),
    ...overrides,
  }
  const form = new FormData()
  for (const [k, v] of Object.entries(fields)) if (v !== null) form.append(k, v)
  return form
}

function req(who: string, path: string, body: FormData | URLSearchParams) {
  return new Request(`http://localhost${path}`, { method: 'POST', headers: { Cookie: cookies[who] }, body })
}

async function call(fn: () => Promise<unknown>) {
  try {
    const r = await fn()
    if (r instanceof Response) return { status: r.status, location: r.headers.get('Location'), data: null as unknown }
    const d = r as { data?: unknown; init?: { status?: number } | null; type?: string }
    if (d && d.type === 'DataWithResponseInit') return { status: d.init?.status ?? 200, location: null, data: d.data }
    return { status: 200, location: null, data: r }
  } catch (thrown) {
    if (thrown instanceof Response)
      return { status: thrown.status, location: thrown.headers.get('Location'), data: await thrown.text() }
    throw thrown
  }
}

const idFrom = (location: string | null) => location!.split('/').pop()!

async function hooglandArea() {
  return (await f.area('WK030719')).id
}

describe('eligibility on submit (pure rules, Dutch reasons at the field)', () => {
  const base: EligibilityFacts = {
    today: '2026-06-01',
    round: {
      year: 2026,
      opensOn: '2026-01-01',
      closesOn: '2026-12-31',
      maxAmountCents: 500_000,
      categories: [],
      advancePercent: 75,
    },
    foundation: { servesArea: true, verified: true },
    application: {
      category: 'groen',
      startDate: '2026-07-01',
      endDate: '2026-07-02',
      lineCents: [100_00, 50_00],
      otherIncomeCents: 10_00,
      requestedCents: 140_00,
      advancePercent: 75,
      declarationTrue: true,
      declarationPublish: true,
      attachmentKinds: ['quote'],
    },
  }
  test('a complete application has no reasons', () => {
    expect(eligibilityReasons(base)).toEqual([])
  })
  test('every rule gives its own reason at its own field', () => {
    const reasons = eligibilityReasons({
      today: '2027-01-02',
      round: { ...base.round, categories: ['jeugd'] },
      foundation: { servesArea: false, verified: false },
      application: {
        ...base.application,
        startDate: '2025-12-31',
        requestedCents: 600_000,
        lineCents: [600_000],
        otherIncomeCents: 0,
        advancePercent: 90,
        declarationTrue: false,
        declarationPublish: false,
        attachmentKinds: [],
      },
    })
    const fields = reasons.map((r) => r.field)
    expect(fields).toEqual(
      expect.arrayContaining([
        null,
        'areaId',
        'category',
        'startDate',
        'lines',
        'advancePercent',
        'attachment',
        'declarationTrue',
        'declarationPublish',
      ]),
    )
    expect(reasons.find((r) => r.field === null && r.message.includes('gesloten'))?.message).toContain(
      'concept blijft bewaard',
    )
    expect(reasons.find((r) => r.message.includes('gecontroleerd'))).toBeTruthy()
    expect(reasons.find((r) => r.field === 'lines')?.message).toMatch(/maximum per aanvraag €\s5\.000,00/)
  })
  test('budget lines must add up to the requested amount', () => {
    const reasons = eligibilityReasons({ ...base, application: { ...base.application, requestedCents: 150_00 } })
    expect(reasons).toEqual([
      expect.objectContaining({ field: 'otherIncome', message: expect.stringContaining('De begroting klopt niet') }),
    ])
  })
  test('content sniffing: a PDF, JPEG and PNG are recognised by their first bytes, an .exe is not', () => {
    expect(sniffType(samplePdf(['x']))).toBe('application/pdf')
    expect(sniffType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg')
    expect(sniffType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('image/png')
    expect(sniffType(new Uint8Array([0x4d, 0x5a, 0x90, 0x00]))).toBeNull()
  })
})

describe('the full application through the route actions, on a real PostgreSQL', () => {
  test('draft with a PDF, resume, submit: snapshot, decision clock, receipt mail; aanvulling stops and resumes the clock; the reviewer sees the snapshot', async () => {
    const areaId = await hooglandArea()
    // 1. New draft with all fields, three budget lines in Dutch notation and a PDF.
    const saved = await call(() =>
      newApplication.action({
        request: req('hoogland', '/aanvragen/nieuw', fullForm('save', { areaId })),
        params: {},
        context: {},
      }),
    )
    expect(saved.status).toBe(302)
    const id = idFrom(saved.location)
    const draft = await prisma.application.findUniqueOrThrow({
      where: { id },
      include: { budgetLines: true, attachments: true },
    })
    expect(draft).toMatchObject({
      status: 'DRAFT',
      location: 'Zevenhuizerstraat bij de Sint-Josephkerk',
      expectedParticipants: 250,
      otherIncomeCents: 100_00n,
      requestedCents: 1_400_00n,
      advancePercent: 75,
      declarationTrue: true,
      version: 1,
    })
    expect(draft.budgetLines.map((l) => Number(l.amountCents)).sort((a, b) => a - b)).toEqual([50_00, 215_44, 1_234_56])
    expect(draft.attachments).toHaveLength(1)
    expect(draft.attachments[0]).toMatchObject({
      kind: 'quote',
      contentType: 'application/pdf',
      filename: 'offerte lampionnen.pdf',
    })

    // 2. Resume (the loader gives everything back) and download the attachment with safe headers.
    const loaded = await ownApplication.loader({
      request: new Request(`http://localhost/aanvragen/${id}`, { headers: { Cookie: cookies.hoogland } }),
      params: { id },
      context: {},
    })
    expect(loaded.application.goal).toContain('Buren')
    const download = await ownAttachment.loader({
      request: new Request('http://localhost/', { headers: { Cookie: cookies.hoogland } }),
      params: { id, attachmentId: draft.attachments[0].id },
      context: {},
    })
    expect(download.headers.get('Content-Disposition')).toMatch(/^attachment; filename="offerte lampionnen.pdf"/)
    expect(download.headers.get('X-Content-Type-Options')).toBe('nosniff')
    expect(download.headers.get('Content-Type')).toBe('application/pdf')
    const other = await call(() =>
      ownAttachment.loader({
        request: new Request('http://localhost/', { headers: { Cookie: cookies.zielhorst } }),
        params: { id, attachmentId: draft.attachments[0].id },
        context: {},
      }),
    )
    expect(other.status).toBe(404)

    // 3. Submit (version 1 as loaded): SUBMITTED, snapshot of everything, 8-week clock, receipt in the outbox.
    const submitted = await call(() =>
      ownApplication.action({
        request: req('hoogland', `/aanvragen/${id}`, fullForm('submit', { areaId, version: '1', attachment: null })),
        params: { id },
        context: {},
      }),
    )
    expect(submitted.status).toBe(302)
    const app = await prisma.application.findUniqueOrThrow({ where: { id } })
    expect(app.status).toBe('SUBMITTED')
    expect(app.decisionDueOn!.toISOString().slice(0, 10)).toBe(addDays('2026-06-01', 56))
    const snapshot = app.snapshot as Record<string, unknown>
    expect(snapshot).toMatchObject({
      title: 'Lichtjesavond Hoogland',
      location: 'Zevenhuizerstraat bij de Sint-Josephkerk',
      totalCents: 1_500_00,
      otherIncomeCents: 100_00,
      requestedCents: 1_400_00,
      partners: 'Politie, Indebuurt033',
      declarationTrue: true,
      declarationPublish: true,
      decisionDueOn: '2026-07-27',
    })
    expect((snapshot.attachments as unknown[]).length).toBe(1)
    expect(
      await prisma.outboxMail.count({
        where: { template: 'application-receipt', data: { path: ['reference'], equals: app.reference } },
      }),
    ).toBe(1)

    // A double submit (retry) changes nothing.
    const again = await call(() =>
      ownApplication.action({
        request: req('hoogland', `/aanvragen/${id}`, fullForm('submit', { areaId, version: '1', attachment: null })),
        params: { id },
        context: {},
      }),
    )
    expect(again.status).toBe(302)
    expect(await prisma.statusChange.count({ where: { applicationId: id, toStatus: 'SUBMITTED' } })).toBe(1)

    // 4. The reviewer asks for missing information: the clock stops, the question is mailed.
    const ask = new URLSearchParams({
      intent: 'request-info',
      question: 'Kunt u een offerte voor de chocomel sturen?',
      dueOn: '2026-06-15',
    })
    expect(
      (
        await call(() =>
          reviewOne.action({ request: req('reviewer', `/beoordelen/${id}`, ask), params: { id }, context: {} }),
        )
      ).status,
    ).toBe(302)
    const incomplete = await prisma.application.findUniqueOrThrow({ where: { id } })
    expect(incomplete.status).toBe('INCOMPLETE')
    expect(incomplete.clockStoppedOn!.toISOString().slice(0, 10)).toBe('2026-06-01')
    // review (issue 10): the question goes to the foundation's address and every verified member
    const asked = await prisma.outboxMail.findMany({ where: { template: 'missing-information' } })
    expect(asked.map((x) => x.to).sort()).toEqual(['aanvrager@hooglandleeft.example', 'bestuur@hooglandleeft.example'])

    // 5. Ten days later the foundation answers with text and a file: the due date moves by ten days.
    process.env.PORTAL_CLOCK = '2026-06-11'
    try {
      const answer = new FormData()
      answer.append('intent', 'answer')
      answer.append('answer', 'Hierbij de offerte van de groothandel.')
      answer.append('attachment', pdf())
      answer.append('attachmentKind', 'quote')
      expect(
        (
          await call(() =>
            ownApplication.action({
              request: req('hoogland', `/aanvragen/${id}`, answer),
              params: { id },
              context: {},
            }),
          )
        ).status,
      ).toBe(302)
    } finally {
      process.env.PORTAL_CLOCK = '2026-06-01'
    }
    const resumed = await prisma.application.findUniqueOrThrow({
      where: { id },
      include: { infoRequests: { include: { attachments: true } } },
    })
    expect(resumed.status).toBe('SUBMITTED')
    expect(resumed.clockStoppedOn).toBeNull()
    expect(resumed.decisionDueOn!.toISOString().slice(0, 10)).toBe(addDays('2026-07-27', 10))
    expect(resumed.infoRequests[0]).toMatchObject({ answer: 'Hierbij de offerte van de groothandel.' })
    expect(resumed.infoRequests[0].attachments).toHaveLength(1)

    // 6. The reviewer sees exactly the submitted snapshot, also after the foundation's data change.
    await prisma.foundation.update({ where: { id: app.foundationId }, data: { contactName: 'Iemand Anders' } })
    const staff = await getForStaff(f.reviewer, id)
    expect(staff!.snapshot).toEqual(snapshot)
    expect((staff!.snapshot as { foundation: { contactName: string } }).foundation.contactName).toBe(
      'Marieke van den Brink',
    )
  })

  test('two tabs: the second save of the same version is a conflict, shown, and nothing is overwritten', async () => {
    const areaId = await hooglandArea()
    const created = await call(() =>
      newApplication.action({
        request: req('hoogland', '/aanvragen/nieuw', fullForm('save', { areaId, attachment: null })),
        params: {},
        context: {},
      }),
    )
    const id = idFrom(created.location)
    const tabA = await call(() =>
      ownApplication.action({
        request: req(
          'hoogland',
          `/aanvragen/${id}`,
          fullForm('autosave', { areaId, version: '1', title: 'Versie van tab A', attachment: null }),
        ),
        params: { id },
        context: {},
      }),
    )
    expect(tabA.status).toBe(200)
    expect(tabA.data).toMatchObject({ autosaved: { id, version: 2 } })
    const tabB = await call(() =>
      ownApplication.action({
        request: req(
          'hoogland',
          `/aanvragen/${id}`,
          fullForm('save', { areaId, version: '1', title: 'Versie van tab B', attachment: null }),
        ),
        params: { id },
        context: {},
      }),
    )
    expect(tabB.status).toBe(409)
    expect(tabB.data).toMatchObject({
      conflictVersion: 2,
      result: { error: { '': [expect.stringContaining('ergens anders opgeslagen')] } },
    })
    expect((await prisma.application.findUniqueOrThrow({ where: { id } })).title).toBe('Versie van tab A')
    // Tab B saves again knowingly (with the version it was told about): that is a deliberate overwrite.
    const overwrite = await call(() =>
      ownApplication.action({
        request: req(
          'hoogland',
          `/aanvragen/${id}`,
          fullForm('save', { areaId, version: '2', title: 'Versie van tab B', attachment: null }),
        ),
        params: { id },
        context: {},
      }),
    )
    expect(overwrite.status).toBe(302)
    expect((await prisma.application.findUniqueOrThrow({ where: { id } })).title).toBe('Versie van tab B')
  })

  test('a renamed .exe with a .pdf name is refused at the field; nothing is stored', async () => {
    const areaId = await hooglandArea()
    const exe = new File([new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, ...new Array(200).fill(0)])], 'offerte.pdf', {
      type: 'application/pdf',
    })
    const before = await prisma.attachment.count()
    const r = await call(() =>
      newApplication.action({
        request: req('hoogland', '/aanvragen/nieuw', fullForm('save', { areaId, attachment: exe })),
        params: {},
        context: {},
      }),
    )
    expect(r.status).toBe(400)
    expect(r.data).toMatchObject({
      result: { error: { attachment: [expect.stringContaining('geen PDF, JPEG of PNG')] } },
    })
    expect(await prisma.attachment.count()).toBe(before)
  })

  test('not eligible: Dutch reasons, and the draft with everything typed stays a draft', async () => {
    const areaId = await hooglandArea()
    const r = await call(() =>
      newApplication.action({
        request: req(
          'hoogland',
          '/aanvragen/nieuw',
          fullForm('submit', { areaId, attachment: null, title: 'Zonder offerte' }),
        ),
        params: {},
        context: {},
      }),
    )
    expect(r.status).toBe(400)
    const data = r.data as { result: { error: Record<string, string[]> }; draftId: string }
    expect(data.result.error.attachment[0]).toContain('offerte')
    const stored = await prisma.application.findUniqueOrThrow({ where: { id: data.draftId } })
    expect(stored).toMatchObject({ status: 'DRAFT', title: 'Zonder offerte', goal: expect.stringContaining('Buren') })
  })

  test('outside the round window a submission is refused clearly and the draft stays', async () => {
    const areaId = await hooglandArea()
    const created = await call(() =>
      newApplication.action({
        request: req('hoogland', '/aanvragen/nieuw', fullForm('save', { areaId })),
        params: {},
        context: {},
      }),
    )
    const id = idFrom(created.location)
    const round = await prisma.budgetRound.findUniqueOrThrow({ where: { year: 2026 } })
    await prisma.budgetRound.update({ where: { id: round.id }, data: { closesOn: new Date('2026-05-31T00:00:00Z') } })
    try {
      const r = await call(() =>
        ownApplication.action({
          request: req('hoogland', `/aanvragen/${id}`, fullForm('submit', { areaId, attachment: null })),
          params: { id },
          context: {},
        }),
      )
      expect(r.status).toBe(400)
      expect(JSON.stringify(r.data)).toContain('is gesloten')
      expect((await prisma.application.findUniqueOrThrow({ where: { id } })).status).toBe('DRAFT')
      // Saving the draft still works: nothing typed is lost.
      const save = await call(() =>
        ownApplication.action({
          request: req(
            'hoogland',
            `/aanvragen/${id}`,
            fullForm('save', { areaId, attachment: null, title: 'Nog bewaard' }),
          ),
          params: { id },
          context: {},
        }),
      )
      expect(save.status).toBe(302)
    } finally {
      await prisma.budgetRound.update({ where: { id: round.id }, data: { closesOn: round.closesOn } })
    }
  })

  test('withdrawal until a decision; not after', async () => {
    const areaId = await hooglandArea()
    const created = await call(() =>
      newApplication.action({
        request: req('hoogland', '/aanvragen/nieuw', fullForm('submit', { areaId })),
        params: {},
        context: {},
      }),
    )
    const id = idFrom(created.location)
    const unconfirmed = await call(() =>
      ownApplication.action({
        request: req('hoogland', `/aanvragen/${id}`, new URLSearchParams({ intent: 'withdraw' })),
        params: { id },
        context: {},
      }),
    )
    expect(unconfirmed.status).toBe(400)
    const ok = await call(() =>
      ownApplication.action({
        request: req(
          'hoogland',
          `/aanvragen/${id}`,
          new URLSearchParams({ intent: 'withdraw', confirm: 'on', reason: 'Geen vrijwilligers meer' }),
        ),
        params: { id },
        context: {},
      }),
    )
    expect(ok.status).toBe(302)
    expect((await prisma.application.findUniqueOrThrow({ where: { id } })).status).toBe('WITHDRAWN')
    const awarded = await prisma.application.findUniqueOrThrow({ where: { reference: 'BB-2026-0001' } })
    const late = await call(() =>
      ownApplication.action({
        request: req(
          'hoogland',
          `/aanvragen/${awarded.id}`,
          new URLSearchParams({ intent: 'withdraw', confirm: 'on' }),
        ),
        params: { id: awarded.id },
        context: {},
      }),
    )
    // Refused by the state of the application (decided meanwhile), not by the form: 409.
    expect(late.status).toBe(409)
    expect((await prisma.application.findUniqueOrThrow({ where: { id: awarded.id } })).status).toBe('AWARDED')
  })

  test('at most 10 attachments per application', async () => {
    const areaId = await hooglandArea()
    const created = await call(() =>
      newApplication.action({
        request: req('hoogland', '/aanvragen/nieuw', fullForm('save', { areaId })),
        params: {},
        context: {},
      }),
    )
    const id = idFrom(created.location)
    for (let version = 1; version < 10; version++) {
      const r = await call(() =>
        ownApplication.action({
          request: req('hoogland', `/aanvragen/${id}`, fullForm('save', { areaId, version: String(version) })),
          params: { id },
          context: {},
        }),
      )
      expect(r.status).toBe(302)
    }
    const eleventh = await call(() =>
      ownApplication.action({
        request: req('hoogland', `/aanvragen/${id}`, fullForm('save', { areaId, version: '10' })),
        params: { id },
        context: {},
      }),
    )
    expect(eleventh.status).toBe(400)
    expect(JSON.stringify(eleventh.data)).toContain('hoogstens 10 bijlagen')
    expect(await prisma.attachment.count({ where: { applicationId: id } })).toBe(10)
  })

  test('the administrator sets the round; a foundation member cannot', async () => {
    const round = await prisma.budgetRound.findUniqueOrThrow({ where: { year: 2026 } })
    const body = () => {
      const p = new URLSearchParams({
        roundId: round.id,
        opensOn: '2026-01-01',
        closesOn: '2026-12-31',
        maxAmount: '6.000,00',
        reportTermWeeks: '6',
        advancePercent: '80',
      })
      for (const c of ['groen', 'jeugd', 'ontmoeting', 'kunst_cultuur', 'schoon_heel_veilig', 'sport_spel'])
        p.append('categories', c)
      return p
    }
    expect(
      (await call(() => rounds.action({ request: req('hoogland', '/beheer/rondes', body()), params: {}, context: {} })))
        .status,
    ).toBe(403)
    expect(
      (await call(() => rounds.action({ request: req('admin', '/beheer/rondes', body()), params: {}, context: {} })))
        .status,
    ).toBe(302)
    expect(await prisma.budgetRound.findUniqueOrThrow({ where: { id: round.id } })).toMatchObject({
      maxAmountCents: 6_000_00n,
      reportTermWeeks: 6,
      advancePercent: 80,
    })
    const bad = await call(() =>
      rounds.action({
        request: req(
          'admin',
          '/beheer/rondes',
          new URLSearchParams({
            roundId: round.id,
            opensOn: '2026-12-31',
            closesOn: '2026-01-01',
            maxAmount: '-5',
            reportTermWeeks: 'x',
            advancePercent: '101',
          }),
        ),
        params: {},
        context: {},
      }),
    )
    expect(bad.status).toBe(400)
    await prisma.budgetRound.update({
      where: { id: round.id },
      data: {
        maxAmountCents: round.maxAmountCents,
        reportTermWeeks: round.reportTermWeeks,
        advancePercent: round.advancePercent,
      },
    })
  })
})

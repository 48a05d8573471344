// The rows of every export, read in batches (keyset on the id), so memory stays constant however
// large the table. Filters are those of the screen: round, wijk, and the trail's own filters.
import { prisma, Prisma } from '#app/db.server.ts'
import { trailRows, type TrailFilter } from '#app/reporting/audit/trail.server.ts'
import { areaGrants } from '#app/reporting/audit/dashboard.server.ts'
import type { Cell, ExportName } from './names.ts'

export type ExportFilter = TrailFilter & { roundId: string; areaCode?: string }
export type Column = { key: string; header: string; money?: boolean }
export type ExportSpec = { columns: Column[]; rows: (f: ExportFilter) => AsyncGenerator<Record<string, Cell>> }

const BATCH = 5000

async function areaIdOf(code: string | undefined) {
  if (!code) return null
  const area = await prisma.area.findUnique({ where: { code }, select: { id: true } })
  return area?.id ?? 'no-such-area'
}

/** Keyset batches over one SQL source ordered by a text or bigint key `k`. */
async function* batches<T extends { k: string | bigint }>(
  query: (after: Prisma.Sql) => Promise<T[]>,
  first: Prisma.Sql,
  next: (last: T) => Prisma.Sql,
): AsyncGenerator<T> {
  let after = first
  for (;;) {
    const rows = await query(after)
    yield* rows
    if (rows.length < BATCH) return
    after = next(rows[rows.length - 1])
  }
}

const money = (v: bigint | null) => (v === null ? null : Number(v))
const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null)
const time = (d: Date | null) => (d ? d.toISOString() : null)

export const SPECS: Record<ExportName, ExportSpec> = {
  'ledger-entries': {
    columns: [
      { key: 'id', header: 'id' },
      { key: 'createdAt', header: 'tijdstip' },
      { key: 'cause', header: 'oorzaak' },
      { key: 'fromKind', header: 'van_rekening' },
      { key: 'toKind', header: 'naar_rekening' },
      { key: 'area', header: 'wijk' },
      { key: 'application', header: 'aanvraag' },
      { key: 'amountCents', header: 'bedrag_cent' },
      { key: 'amount', header: 'bedrag_eur', money: true },
      { key: 'memo', header: 'omschrijving' },
      { key: 'actorId', header: 'door' },
    ],
    async *rows(f) {
      const areaId = await areaIdOf(f.areaCode)
      const areaSql = areaId ? Prisma.sql`AND e."areaId" = ${areaId}` : Prisma.empty
      for await (const r of batches(
        (after) => prisma.$queryRaw<
          {
            k: bigint
            createdAt: Date
            cause: string
            fromKind: string
            toKind: string
            area: string | null
            application: string | null
            amountCents: bigint
            memo: string | null
            actorId: string
          }[]
        >`
          SELECT e."id" AS k, e."createdAt", e."cause"::text AS cause, fa."kind"::text AS "fromKind", ta."kind"::text AS "toKind",
                 ar."code" AS area, ap."reference" AS application, e."amountCents", e."memo", e."actorId"
          FROM "LedgerEntry" e
          JOIN "Account" fa ON fa."id" = e."fromAccountId"
          JOIN "Account" ta ON ta."id" = e."toAccountId"
          LEFT JOIN "Area" ar ON ar."id" = e."areaId"
          LEFT JOIN "Application" ap ON ap."id" = e."applicationId"
          WHERE e."roundId" = ${f.roundId} ${areaSql} AND ${after}
          ORDER BY e."id" LIMIT ${BATCH}`,
        Prisma.sql`TRUE`,
        (last) => Prisma.sql`e."id" > ${last.k}`,
      )) {
        yield {
          id: String(r.k),
          createdAt: time(r.createdAt),
          cause: r.cause,
          fromKind: r.fromKind,
          toKind: r.toKind,
          area: r.area,
          application: r.application,
          amountCents: Number(r.amountCents),
          amount: Number(r.amountCents),
          memo: r.memo,
          actorId: r.actorId,
        }
      }
    },
  },
  applications: {
    columns: [
      { key: 'reference', header: 'kenmerk' },
      { key: 'area', header: 'wijk' },
      { key: 'foundation', header: 'stichting' },
      { key: 'title', header: 'titel' },
      { key: 'category', header: 'categorie' },
      { key: 'status', header: 'status' },
      { key: 'requested', header: 'aangevraagd_eur', money: true },
      { key: 'awarded', header: 'toegekend_eur', money: true },
      { key: 'submittedAt', header: 'ingediend' },
      { key: 'decidedAt', header: 'besloten' },
      { key: 'declarationPublish', header: 'toestemming_publicatie' },
    ],
    async *rows(f) {
      const areaId = await areaIdOf(f.areaCode)
      let cursor: string | undefined
      for (;;) {
        const rows = await prisma.application.findMany({
          where: { roundId: f.roundId, status: { not: 'DRAFT' }, ...(areaId ? { areaId } : {}) },
          orderBy: { id: 'asc' },
          take: BATCH,
          ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
          select: {
            id: true,
            reference: true,
            title: true,
            category: true,
            status: true,
            requestedCents: true,
            awardedCents: true,
            submittedAt: true,
            decidedAt: true,
            declarationPublish: true,
            area: { select: { code: true } },
            foundation: { select: { name: true } },
          },
        })
        for (const a of rows)
          yield {
            reference: a.reference,
            area: a.area.code,
            foundation: a.foundation.name,
            title: a.title,
            category: a.category,
            status: a.status,
            requested: money(a.requestedCents),
            awarded: money(a.awardedCents),
            submittedAt: time(a.submittedAt),
            decidedAt: time(a.decidedAt),
            declarationPublish: a.declarationPublish ? 'ja' : 'nee',
          }
        if (rows.length < BATCH) return
        cursor = rows[rows.length - 1].id
      }
    },
  },
  grants: {
    columns: [
      { key: 'reference', header: 'kenmerk' },
      { key: 'area', header: 'wijk' },
      { key: 'foundation', header: 'stichting' },
      { key: 'status', header: 'status' },
      { key: 'reserved', header: 'gereserveerd_eur', money: true },
      { key: 'committed', header: 'toegekend_te_betalen_eur', money: true },
      { key: 'paid', header: 'betaald_niet_verantwoord_eur', money: true },
      { key: 'spent', header: 'besteed_eur', money: true },
      { key: 'recoveryDue', header: 'terug_te_vorderen_eur', money: true },
      { key: 'recovered', header: 'teruggevorderd_eur', money: true },
      { key: 'granted', header: 'toegekend_totaal_eur', money: true },
    ],
    async *rows(f) {
      const areas = await prisma.area.findMany({
        where: { roundAreas: { some: { roundId: f.roundId } }, ...(f.areaCode ? { code: f.areaCode } : {}) },
        orderBy: { code: 'asc' },
        select: { id: true, code: true },
      })
      for (const area of areas)
        for (const g of await areaGrants(f.roundId, area.id)) {
          if (g.grantedCents + g.reservedCents === 0) continue
          yield {
            reference: g.reference,
            area: area.code,
            foundation: g.foundation.name,
            status: g.status,
            reserved: g.reservedCents,
            committed: g.committedCents,
            paid: g.paidCents,
            spent: g.spentCents,
            recoveryDue: g.recoveryDueCents,
            recovered: g.recoveredCents,
            granted: g.grantedCents,
          }
        }
    },
  },
  payments: {
    columns: [
      { key: 'id', header: 'id' },
      { key: 'reference', header: 'aanvraag' },
      { key: 'area', header: 'wijk' },
      { key: 'paidOn', header: 'datum' },
      { key: 'amount', header: 'bedrag_eur', money: true },
      { key: 'description', header: 'omschrijving' },
      { key: 'recordedById', header: 'geboekt_door' },
    ],
    async *rows(f) {
      const areaId = await areaIdOf(f.areaCode)
      let cursor: string | undefined
      for (;;) {
        const rows = await prisma.payment.findMany({
          where: { application: { roundId: f.roundId, ...(areaId ? { areaId } : {}) } },
          orderBy: { id: 'asc' },
          take: BATCH,
          ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
          include: { application: { select: { reference: true, area: { select: { code: true } } } } },
        })
        for (const p of rows)
          yield {
            id: p.id,
            reference: p.application.reference,
            area: p.application.area.code,
            paidOn: day(p.paidOn),
            amount: Number(p.amountCents),
            description: p.description,
            recordedById: p.recordedById,
          }
        if (rows.length < BATCH) return
        cursor = rows[rows.length - 1].id
      }
    },
  },
  expenses: {
    columns: [
      { key: 'id', header: 'id' },
      { key: 'reference', header: 'aanvraag' },
      { key: 'area', header: 'wijk' },
      { key: 'spentOn', header: 'datum' },
      { key: 'amount', header: 'bedrag_eur', money: true },
      { key: 'description', header: 'omschrijving' },
      { key: 'recordedById', header: 'geboekt_door' },
    ],
    async *rows(f) {
      const areaId = await areaIdOf(f.areaCode)
      let cursor: string | undefined
      for (;;) {
        const rows = await prisma.expense.findMany({
          where: { application: { roundId: f.roundId, ...(areaId ? { areaId } : {}) } },
          orderBy: { id: 'asc' },
          take: BATCH,
          ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
          include: { application: { select: { reference: true, area: { select: { code: true } } } } },
        })
        for (const p of rows)
          yield {
            id: p.id,
            reference: p.application.reference,
            area: p.application.area.code,
            spentOn: day(p.spentOn),
            amount: Number(p.amountCents),
            description: p.description,
            recordedById: p.recordedById,
          }
        if (rows.length < BATCH) return
        cursor = rows[rows.length - 1].id
      }
    },
  },
  trail: {
    columns: [
      { key: 'source', header: 'bron' },
      { key: 'chainSeq', header: 'volgnummer' },
      { key: 'at', header: 'tijdstip' },
      { key: 'actorName', header: 'door' },
      { key: 'actorRole', header: 'rol' },
      { key: 'ip', header: 'adres' },
      { key: 'action', header: 'wat' },
      { key: 'entity', header: 'over' },
      { key: 'before', header: 'voor' },
      { key: 'after', header: 'na' },
      { key: 'data', header: 'gegevens' },
      { key: 'hash', header: 'hash' },
    ],
    async *rows(f) {
      for await (const r of trailRows(f))
        yield {
          source: r.source,
          chainSeq: r.chainSeq,
          at: time(r.at),
          actorName: r.actorName,
          actorRole: r.actorRole,
          ip: r.ip,
          action: r.action,
          entity: r.entity,
          before: r.before,
          after: r.after,
          data: r.data === null ? null : JSON.stringify(r.data),
          hash: r.hash,
        }
    },
  },
  findings: {
    columns: [
      { key: 'chainSeq', header: 'volgnummer' },
      { key: 'createdAt', header: 'tijdstip' },
      { key: 'verdict', header: 'oordeel' },
      { key: 'text', header: 'bevinding' },
      { key: 'application', header: 'aanvraag' },
      { key: 'expenseId', header: 'uitgave' },
      { key: 'sampleId', header: 'steekproef' },
      { key: 'actorId', header: 'door' },
      { key: 'hash', header: 'hash' },
    ],
    async *rows(f) {
      const findings = await prisma.auditFinding.findMany({
        where: { roundId: f.roundId },
        orderBy: { chainSeq: 'asc' },
      })
      const refs = new Map(
        (
          await prisma.application.findMany({
            where: { id: { in: findings.map((x) => x.applicationId).filter((x): x is string => !!x) } },
            select: { id: true, reference: true },
          })
        ).map((a) => [a.id, a.reference]),
      )
      for (const x of findings)
        yield {
          chainSeq: Number(x.chainSeq),
          createdAt: time(x.createdAt),
          verdict: x.verdict,
          text: x.text,
          application: x.applicationId ? (refs.get(x.applicationId) ?? x.applicationId) : null,
          expenseId: x.expenseId,
          sampleId: x.sampleId,
          actorId: x.actorId,
          hash: x.hash,
        }
    },
  },
}

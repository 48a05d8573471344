import { prisma } from '#app/db.server.ts'
import { centsFromDb } from '#app/money/bigint.ts'
import { isoDay } from './grant.server.ts'
import type { BatchScope } from './payments.server.ts'

/** What the batches page shows: payments waiting (for approval, for a batch) and every batch. */
export async function batchesPage(scope: BatchScope = 'any') {
  // Scoped to the caller's wijken: their waiting payments, and the batches whose every payment is theirs.
  const inScope = scope === 'any' ? {} : { application: { areaId: { in: scope.areaIds } } }
  const batchInScope =
    scope === 'any' ? {} : { payments: { every: { application: { areaId: { in: scope.areaIds } } } } }
  const include = {
    application: { select: { id: true, reference: true, title: true, area: { select: { name: true } } } },
  } as const
  const [waiting, batches] = await Promise.all([
    prisma.payment.findMany({
      where: { status: { in: ['PROPOSED', 'RELEASED'] }, batchId: null, ...inScope },
      orderBy: { createdAt: 'asc' },
      include,
    }),
    prisma.paymentBatch.findMany({
      where: batchInScope,
      orderBy: { createdAt: 'desc' },
      take: 50,
      include: {
        payments: { orderBy: { createdAt: 'asc' }, include },
        exports: { orderBy: { createdAt: 'asc' }, select: { id: true, createdAt: true, reason: true, sha256: true } },
      },
    }),
  ])
  const row = (p: (typeof waiting)[number]) => ({
    id: p.id,
    status: p.status,
    reference: p.reference,
    amountCents: centsFromDb(p.amountCents),
    payOn: isoDay(p.paidOn),
    accountHolder: p.accountHolder,
    iban: p.iban,
    applicationId: p.application.id,
    applicationReference: p.application.reference,
    title: p.application.title,
    area: p.application.area.name,
  })
  return {
    proposed: waiting.filter((p) => p.status === 'PROPOSED').map(row),
    released: waiting.filter((p) => p.status === 'RELEASED').map(row),
    batches: batches.map((b) => ({
      id: b.id,
      reference: b.reference,
      status: b.status,
      executionDate: isoDay(b.executionDate),
      totalCents: centsFromDb(b.totalCents),
      count: b.count,
      sentAt: b.sentAt?.toISOString() ?? null,
      exports: b.exports.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })),
      payments: b.payments.map(row),
    })),
  }
}

// The one place that decides what is public. Everything a resident sees on /open-boeken and
// downloads from /open-data comes from these two functions, and they select field by field: never a
// person's name, e-mail address, phone number, IBAN or address; initiatives only where the
// foundation consented to publication (declarationPublish) and money was granted.
import { prisma } from '#app/db.server.ts'
import type { ApplicationStatus } from '#app/generated/prisma/enums.ts'
import { centsFromDb } from '#app/money/bigint.ts'
import { areaRows } from '#app/reporting/audit/dashboard.server.ts'
import { columns, type Balances } from '#app/reporting/audit/money.ts'

export const GRANTED_STATUSES: ApplicationStatus[] = ['AWARDED', 'REPORT_SUBMITTED', 'SETTLED', 'CLOSED']

export type PublicArea = {
  code: string
  name: string
  inhabitants: number
  priority: boolean
  allocatedCents: number
  grantedCents: number
  paidCents: number
  realisedCents: number
  initiatives: number
}

export type PublicInitiative = {
  reference: string
  areaCode: string
  areaName: string
  title: string
  category: string
  foundation: string
  grantedCents: number
  paidCents: number
  realisedCents: number
}

export async function publicRound(year: number) {
  const round = await prisma.budgetRound.findUnique({
    where: { year },
    select: { id: true, year: true, name: true, potCents: true },
  })
  if (!round) return null
  const published = await prisma.allocation.findFirst({
    where: { roundId: round.id, status: 'PUBLISHED' },
    select: { id: true },
  })
  if (!published) return null
  return { ...round, potCents: centsFromDb(round.potCents) }
}

export async function publicAreas(roundId: string): Promise<PublicArea[]> {
  const [rows, counts] = await Promise.all([
    areaRows(roundId),
    prisma.application.groupBy({
      by: ['areaId'],
      where: { roundId, status: { in: GRANTED_STATUSES }, declarationPublish: true },
      _count: true,
    }),
  ])
  const count = new Map(counts.map((c) => [c.areaId, c._count]))
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    inhabitants: r.inhabitants,
    priority: r.priority,
    allocatedCents: r.allocatedCents,
    grantedCents: r.grantedCents,
    paidCents: r.paidOutCents,
    realisedCents: r.realisedCents,
    initiatives: count.get(r.areaId) ?? 0,
  }))
}

export async function publicInitiatives(roundId: string, areaCode?: string): Promise<PublicInitiative[]> {
  const apps = await prisma.application.findMany({
    where: {
      roundId,
      status: { in: GRANTED_STATUSES },
      declarationPublish: true,
      ...(areaCode ? { area: { code: areaCode } } : {}),
    },
    orderBy: { reference: 'asc' },
    select: {
      reference: true,
      title: true,
      category: true,
      area: { select: { code: true, name: true } },
      foundation: { select: { name: true } },
      accounts: { select: { kind: true, balanceCents: true } },
    },
  })
  return apps.map((a) => {
    const b: Balances = {}
    for (const acc of a.accounts) b[acc.kind] = (b[acc.kind] ?? 0) + centsFromDb(acc.balanceCents)
    const c = columns(b)
    return {
      reference: a.reference,
      areaCode: a.area.code,
      areaName: a.area.name,
      title: a.title,
      category: a.category,
      foundation: a.foundation.name,
      grantedCents: c.grantedCents,
      paidCents: c.paidOutCents,
      realisedCents: c.realisedCents,
    }
  })
}

import { OPEN_DATA_FILES, type OpenDataFile } from './fields.ts'
export { OPEN_DATA_FILES, type OpenDataFile }

const eur = (cents: number) => `${Math.trunc(cents / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`

export async function openDataRows(
  year: number,
  roundId: string,
  file: OpenDataFile,
): Promise<Record<string, string | number | boolean>[]> {
  if (file === 'wijken')
    return (await publicAreas(roundId)).map((a) => ({
      jaar: year,
      wijkcode: a.code,
      wijk: a.name,
      inwoners: a.inhabitants,
      prioriteitswijk: a.priority,
      verdeeld_eur: eur(a.allocatedCents),
      toegekend_eur: eur(a.grantedCents),
      uitbetaald_eur: eur(a.paidCents),
      gerealiseerd_eur: eur(a.realisedCents),
      initiatieven: a.initiatives,
    }))
  return (await publicInitiatives(roundId)).map((i) => ({
    jaar: year,
    kenmerk: i.reference,
    wijkcode: i.areaCode,
    wijk: i.areaName,
    titel: i.title,
    categorie: i.category,
    stichting: i.foundation,
    toegekend_eur: eur(i.grantedCents),
    uitbetaald_eur: eur(i.paidCents),
    gerealiseerd_eur: eur(i.realisedCents),
  }))
}

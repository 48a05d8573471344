import { expect, test } from 'vitest'
import { prisma } from '#app/db.server.ts'
import { checkLedger } from '#app/ledger/reports.server.ts'
import { readAreasCsv, seed } from './seed.server.ts'

test('the seed loads the 31 Amersfoort wijken and is idempotent', async () => {
  await seed()
  const counts = async () => ({
    areas: await prisma.area.count(),
    users: await prisma.user.count(),
    foundations: await prisma.foundation.count(),
    applications: await prisma.application.count(),
    entries: await prisma.ledgerEntry.count(),
    statuses: (await prisma.application.findMany({ select: { status: true } })).map((a) => a.status).sort(),
  })
  const first = await counts()
  expect(first.areas).toBe(31)
  expect(readAreasCsv().reduce((s, a) => s + a.inhabitants, 0)).toBe(161_825)
  expect(new Set(first.statuses)).toEqual(new Set(['AWARDED', 'SUBMITTED', 'REJECTED', 'DRAFT']))
  const titles = (await prisma.application.findMany({ select: { title: true } })).map((a) => a.title)
  expect(titles).toEqual(
    expect.arrayContaining(['Kunstroute Hoogland', 'Opruimactie zwerfafval Zielhorst', 'Mamacafé Soesterkwartier']),
  )
  await seed()
  expect(await counts()).toEqual(first)
  const round = await prisma.budgetRound.findUniqueOrThrow({ where: { year: 2026 } })
  expect(round.potCents).toBe(45_000_000n)
  expect(await checkLedger(round.id)).toMatchObject({
    balancesMatchEntries: true,
    sumOfBalancesIsZero: true,
    sourceEqualsPot: true,
  })
})

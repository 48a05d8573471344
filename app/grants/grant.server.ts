import type { Tx } from '#app/db.server.ts'
import { DomainError } from '#app/domain/errors.ts'
import type { AccountKind, ApplicationStatus } from '#app/generated/prisma/enums.ts'
import type { AccountRef } from '#app/ledger/accounts.ts'
import { InsufficientFundsError, post, type Movement } from '#app/ledger/ledger.server.ts'
import { centsFromDb } from '#app/money/bigint.ts'

export type LockedGrant = {
  id: string
  reference: string
  title: string
  status: ApplicationStatus
  roundId: string
  areaId: string
  foundationId: string
  awardedCents: number
  advancePercent: number | null
  endDate: Date | null
}

/** Locks an application's row for the rest of the transaction (one booking at a time per grant). */
export async function lockGrant(tx: Tx, applicationId: string): Promise<LockedGrant> {
  const [row] = await tx.$queryRaw<(Omit<LockedGrant, 'awardedCents'> & { awardedCents: bigint | null })[]>`
    SELECT "id", "reference", "title", "status", "roundId", "areaId", "foundationId", "awardedCents", "advancePercent", "endDate"
    FROM "Application" WHERE "id" = ${applicationId} FOR UPDATE`
  if (!row) throw new DomainError('errors.notFound', { status: 404 })
  return { ...row, awardedCents: row.awardedCents === null ? 0 : centsFromDb(row.awardedCents) }
}

export const grantRef = (g: Pick<LockedGrant, 'id' | 'roundId' | 'areaId'>, kind: AccountKind): AccountRef => ({
  kind,
  roundId: g.roundId,
  areaId: g.areaId,
  applicationId: g.id,
})
export const areaRef = (g: Pick<LockedGrant, 'roundId' | 'areaId'>): AccountRef => ({
  kind: 'AREA_AVAILABLE',
  roundId: g.roundId,
  areaId: g.areaId,
})

export type GrantBalances = {
  reserved: number
  committed: number
  paid: number
  spent: number
  recoveryDue: number
  recovered: number
}

/** The grant's balances, read from the ledger's accounts. */
export async function grantBalances(
  tx: Pick<Tx, 'account'>,
  g: Pick<LockedGrant, 'id' | 'roundId'>,
): Promise<GrantBalances> {
  const rows = await tx.account.findMany({
    where: { applicationId: g.id, roundId: g.roundId },
    select: { kind: true, balanceCents: true },
  })
  const of = (kind: AccountKind) => centsFromDb(rows.find((r) => r.kind === kind)?.balanceCents ?? 0n)
  return {
    reserved: of('GRANT_RESERVED'),
    committed: of('GRANT_COMMITTED'),
    paid: of('GRANT_PAID'),
    spent: of('GRANT_SPENT'),
    recoveryDue: of('GRANT_RECOVERY_DUE'),
    recovered: of('GRANT_RECOVERED'),
  }
}

/** Books a movement; a short account becomes a DomainError at `field` instead of a crash. */
export async function book(tx: Tx, movement: Movement, field = 'amount') {
  try {
    return await post(tx, movement)
  } catch (error) {
    if (error instanceof InsufficientFundsError)
      throw new DomainError('grants.errors.insufficient', { field, status: 409 })
    throw error
  }
}

export async function recordStatus(
  tx: Tx,
  applicationId: string,
  from: ApplicationStatus,
  to: ApplicationStatus,
  actorId: string,
  reason?: string,
) {
  await tx.application.update({ where: { id: applicationId }, data: { status: to } })
  await tx.statusChange.create({ data: { applicationId, fromStatus: from, toStatus: to, actorId, reason } })
}

export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10)
}
export function dayFromIso(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`)
}

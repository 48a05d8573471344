import type { Tx } from '#app/db.server.ts'
import { DomainError } from '#app/domain/errors.ts'
import { isoDay, lockGrant, recordStatus } from './grant.server.ts'
import { MAX_FILES_PER_ITEM, readGrantFile } from './spend.server.ts'

/** When the verantwoording is due: the round's term after the initiative's end, by the Algemene termijnenwet. */
import { reportDueOn } from '#app/review/terms.ts'
export { reportDueOn }

export type ReportInput = {
  applicationId: string
  whatHappened: string
  participants: number
  photos: File[]
  actorId: string
}

/** The foundation submits its verantwoording: what happened, how many took part, optional photos. */
export async function submitReport(tx: Tx, input: ReportInput) {
  const grant = await lockGrant(tx, input.applicationId)
  if (grant.status !== 'AWARDED') throw new DomainError('grants.errors.reportNotOpen', { status: 409 })
  if (input.whatHappened.trim().length < 20)
    throw new DomainError('grants.errors.whatHappened', { field: 'whatHappened', status: 422 })
  if (!Number.isSafeInteger(input.participants) || input.participants < 0 || input.participants > 1_000_000)
    throw new DomainError('grants.errors.participants', { field: 'participants', status: 422 })
  if (input.photos.length > MAX_FILES_PER_ITEM)
    throw new DomainError('grants.errors.tooManyFiles', { field: 'photos', status: 422 })
  const round = await tx.budgetRound.findUniqueOrThrow({ where: { id: grant.roundId } })
  const end = grant.endDate ? isoDay(grant.endDate) : isoDay(new Date())
  const files = []
  for (const f of input.photos) files.push(await readGrantFile(f, 'photos'))
  const report = await tx.grantReport.create({
    data: {
      applicationId: grant.id,
      dueOn: new Date(`${reportDueOn(end, round.reportTermWeeks)}T00:00:00Z`),
      whatHappened: input.whatHappened.trim(),
      participants: input.participants,
      submittedById: input.actorId,
    },
  })
  for (const f of files)
    await tx.grantFile.create({ data: { ...f, applicationId: grant.id, kind: 'PHOTO', uploadedById: input.actorId } })
  await recordStatus(tx, grant.id, 'AWARDED', 'REPORT_SUBMITTED', input.actorId)
  return report
}

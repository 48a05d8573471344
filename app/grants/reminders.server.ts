import { addDays } from '#app/applications/clock.ts'
import { prisma, Prisma } from '#app/db.server.ts'
import { absoluteUrl, enqueueMail } from '#app/mail/outbox.server.ts'
import { isoDay } from './grant.server.ts'
import { reportDueOn } from './report.server.ts'

/** The first reminder this many days before the due date; the second the day after it. */
export const REMIND_BEFORE_DAYS = 14

/**
 * Daily job (the lead registers it with the scheduler): reminds every foundation whose
 * verantwoording is due within two weeks (BEFORE) or overdue (AFTER). Each reminder is sent once:
 * the unique (application, kind) row is written in the same transaction as the mail, so running the
 * job twice, or on two instances at once, sends nothing twice.
 */
export async function sendReportReminders(today: string): Promise<number> {
  const apps = await prisma.application.findMany({
    where: { status: 'AWARDED', endDate: { not: null } },
    select: {
      id: true,
      reference: true,
      title: true,
      endDate: true,
      createdById: true,
      round: { select: { reportTermWeeks: true } },
      foundation: { select: { email: true, contactName: true } },
    },
  })
  let sent = 0
  for (const app of apps) {
    const due = reportDueOn(isoDay(app.endDate!), app.round.reportTermWeeks)
    const kind = today > due ? 'AFTER' : today >= addDays(due, -REMIND_BEFORE_DAYS) ? 'BEFORE' : null
    if (!kind) continue
    try {
      await prisma.$transaction(async (tx) => {
        await tx.reportReminder.create({ data: { applicationId: app.id, kind, dueOn: new Date(`${due}T00:00:00Z`) } })
        await enqueueMail(tx, {
          template: 'report-reminder',
          to: app.foundation.email,
          lang: 'nl',
          data: {
            name: app.foundation.contactName,
            reference: app.reference,
            title: app.title,
            reportDueOn: due,
            url: absoluteUrl(`/aanvragen/${app.id}/verantwoording`),
          },
        })
      })
      sent++
    } catch (error) {
      // P2002: this reminder was sent before (or is being sent right now by another run)
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') continue
      throw error
    }
  }
  return sent
}

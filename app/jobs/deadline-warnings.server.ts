// Warns the wijk's reviewers 14 days before a decision is due and on the day after it passed, each
// warning once (SentNotice, keyed by application, kind and due date), whatever instance runs it.
import { prisma } from '#app/db.server.ts'
import { absoluteUrl, enqueueMail } from '#app/mail/outbox.server.ts'
import { reviewersOfArea } from '#app/review/recipients.server.ts'
import { addDays, daysBetween } from '#app/review/terms.ts'
import { registerDailyJob } from './scheduler.server.ts'
import { sendReportReminders } from '#app/grants/reminders.server.ts'

const OPEN = ['SUBMITTED', 'IN_REVIEW'] as const
const BATCH = 500

export async function sendDeadlineWarnings(day: string): Promise<number> {
  let sent = 0
  const soonUntil = new Date(`${addDays(day, 14)}T00:00:00Z`)
  const today = new Date(`${day}T00:00:00Z`)
  let cursor: string | undefined
  for (;;) {
    const apps = await prisma.application.findMany({
      where: { status: { in: [...OPEN] }, decisionDueOn: { not: null, lte: soonUntil } },
      orderBy: { id: 'asc' },
      take: BATCH,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: {
        id: true,
        reference: true,
        title: true,
        areaId: true,
        decisionDueOn: true,
        area: { select: { name: true } },
      },
    })
    if (!apps.length) break
    cursor = apps[apps.length - 1].id
    for (const app of apps) {
      const due = app.decisionDueOn!.toISOString().slice(0, 10)
      const kind = app.decisionDueOn! < today ? 'passed' : 'soon'
      await prisma.$transaction(async (tx) => {
        const inserted = await tx.$executeRaw`
          INSERT INTO "SentNotice" ("key") VALUES (${`deadline-${kind}:${app.id}:${due}`}) ON CONFLICT DO NOTHING`
        if (inserted !== 1) return
        for (const r of await reviewersOfArea(tx, app.areaId)) {
          await enqueueMail(tx, {
            template: 'deadline-warning',
            to: r.email,
            lang: 'nl',
            data: {
              reviewerName: r.name,
              reference: app.reference,
              title: app.title,
              areaName: app.area.name,
              decisionDueOn: due,
              daysLeft: Math.max(0, daysBetween(day, due)),
              url: absoluteUrl(`/beoordelen/${app.id}`),
            },
          })
          sent++
        }
      })
    }
  }
  return sent
}

export function registerReviewJobs() {
  registerDailyJob({ name: 'deadline-warnings', run: async (day) => void (await sendDeadlineWarnings(day)) })
  // grants (issue 11): report reminders before and after the verantwoording is due.
  registerDailyJob({ name: 'report-reminders', run: async (day) => void (await sendReportReminders(day)) })
}

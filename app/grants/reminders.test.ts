import { beforeAll, expect, test } from 'vitest'
import { prisma } from '#app/db.server.ts'
import { seeded } from '#app/testing/fixtures.ts'
import { reportDueOn } from './report.server.ts'
import { sendReportReminders } from './reminders.server.ts'

let f: Awaited<ReturnType<typeof seeded>>
beforeAll(async () => {
  f = await seeded()
})

test('the report is due the round term after the end date', () => {
  expect(reportDueOn('2026-06-30', 4)).toBe('2026-07-28')
  expect(reportDueOn('2026-12-31', 8)).toBe('2027-02-25')
})

test('report reminders: once before and once after the due date, never twice (also when run concurrently)', async () => {
  const foundation = await prisma.foundation.create({
    data: {
      name: 'Stichting Herinnering',
      kvkNumber: '55667788',
      iban: 'NL91ABNA0417164300',
      accountHolder: 'Stichting Herinnering',
      contactName: 'Rie',
      email: 'rie@example.org',
    },
  })
  const app = await prisma.application.create({
    data: {
      reference: 'BB-REMIND-1',
      roundId: f.round.id,
      areaId: f.reviewer.areaIds[0],
      foundationId: foundation.id,
      title: 'Speeltuin',
      category: 'ontmoeting',
      status: 'AWARDED',
      endDate: new Date('2030-06-30T00:00:00Z'),
      createdById: f.admin.id,
    },
  })
  const due = reportDueOn('2030-06-30', f.round.reportTermWeeks)
  const mails = () => prisma.outboxMail.count({ where: { template: 'report-reminder', to: 'rie@example.org' } })
  await sendReportReminders('2030-06-01')
  expect(await mails()).toBe(0) // too early
  await sendReportReminders(due) // within two weeks before: BEFORE
  await sendReportReminders(due)
  await Promise.all([sendReportReminders(due), sendReportReminders(due)])
  expect(await mails()).toBe(1)
  await sendReportReminders('2030-12-01') // overdue: AFTER, once
  await sendReportReminders('2030-12-02')
  expect(await mails()).toBe(2)
  expect(
    (await prisma.reportReminder.findMany({ where: { applicationId: app.id } })).map((r) => r.kind).sort(),
  ).toEqual(['AFTER', 'BEFORE'])
  const mail = await prisma.outboxMail.findFirstOrThrow({
    where: { template: 'report-reminder', to: 'rie@example.org' },
  })
  expect(mail.subject).toContain('BB-REMIND-1')
})

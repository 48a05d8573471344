// The audit trail is append-only and tamper-evident (docs/decisions/0031).
import { beforeAll, describe, expect, it } from 'vitest'
import { prisma } from '#app/db.server.ts'
import { audit } from '#app/auth/audit.server.ts'
import { seeded } from '#app/testing/fixtures.ts'
import { pgClient } from '#app/testing/db.ts'
import { runTrailCheck, searchTrail, verifyTrail, TRAIL_TABLES } from './trail.server.ts'

describe('audit trail', () => {
  let auditorId: string
  beforeAll(async () => {
    const s = await seeded()
    auditorId = s.auditor.id
    await audit({ action: 'sign-in', actorId: s.auditor.id, userId: s.auditor.id, ip: '192.0.2.7' })
    await prisma.auditFinding.create({
      data: { roundId: s.round.id, verdict: 'REMARK', text: 'Bon ontbreekt', actorId: s.auditor.id },
    })
  })

  it('chains every row by the database: sequence, previous hash, role of the actor', async () => {
    const events = await prisma.auditEvent.findMany({ orderBy: { chainSeq: 'asc' } })
    expect(events.length).toBeGreaterThan(0)
    events.forEach((e, i) => expect(Number(e.chainSeq)).toBe(i + 1))
    for (let i = 1; i < events.length; i++) expect(events[i].prevHash).toBe(events[i - 1].hash)
    expect(events.at(-1)!.actorRole).toBe('AUDITOR')
    const changes = await prisma.statusChange.count()
    expect(changes).toBeGreaterThan(0)
    const verdict = await verifyTrail()
    expect(verdict.problems).toEqual([])
    expect(verdict.ok).toBe(true)
  })

  it('a writer cannot choose its own hash or place in the chain', async () => {
    await prisma.auditEvent.create({
      data: { action: 'sign-in', actorId: auditorId, chainSeq: 999n, hash: 'forged', prevHash: 'forged' },
    })
    const last = await prisma.auditEvent.findFirstOrThrow({ orderBy: { chainSeq: 'desc' } })
    expect(last.hash).not.toBe('forged')
    expect(Number(last.chainSeq)).toBeLessThan(999)
    expect((await verifyTrail()).ok).toBe(true)
  })

  it('concurrent inserts do not fork the chain', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        prisma.$transaction((tx) => audit({ action: 'sign-in.failed', data: { n: i } }, tx)),
      ),
    )
    expect((await verifyTrail()).ok).toBe(true)
  })

  it('the database refuses UPDATE, DELETE and TRUNCATE on every history table', async () => {
    const client = await pgClient()
    for (const table of TRAIL_TABLES) {
      await expect(client.query(`UPDATE "${table}" SET "createdAt" = now()`)).rejects.toThrow(/append-only/)
      await expect(client.query(`DELETE FROM "${table}"`)).rejects.toThrow(/append-only/)
      await expect(client.query(`TRUNCATE "${table}" CASCADE`)).rejects.toThrow(/append-only/)
    }
    await client.end()
  })

  it('the search filters by actor, kind, entity and dates, with pagination', async () => {
    const byKind = await searchTrail({ kind: 'status.submitted' }, 1, 2)
    expect(byKind.total).toBeGreaterThan(2)
    expect(byKind.rows).toHaveLength(2)
    expect(byKind.rows.every((r) => r.action === 'status.submitted')).toBe(true)
    const page2 = await searchTrail({ kind: 'status.submitted' }, 2, 2)
    expect(page2.rows[0].chainSeq).not.toBe(byKind.rows[0].chainSeq)
    const byEntity = await searchTrail({ entity: 'BB-2026-0001' }, 1)
    expect(byEntity.rows.length).toBeGreaterThan(0)
    expect(byEntity.rows.every((r) => r.entity === 'BB-2026-0001')).toBe(true)
    const byActor = await searchTrail({ actor: 'controleur@' }, 1)
    expect(byActor.rows.map((r) => r.action)).toContain('finding.remark')
    expect(byActor.rows.every((r) => r.actorRole === 'AUDITOR')).toBe(true)
    expect((await searchTrail({ from: '2099-01-01' }, 1)).total).toBe(0)
  })

  it('finds a row changed or removed directly in SQL with the triggers disabled', async () => {
    const first = await runTrailCheck(auditorId)
    expect(first.ok).toBe(true)
    const client = await pgClient()
    const target = await prisma.statusChange.findFirstOrThrow({ orderBy: { chainSeq: 'asc' }, skip: 1 })
    await client.query('ALTER TABLE "StatusChange" DISABLE TRIGGER ALL')
    await client.query(`UPDATE "StatusChange" SET "reason" = 'anders' WHERE "id" = $1`, [target.id])
    await client.query('ALTER TABLE "StatusChange" ENABLE TRIGGER ALL')
    const changed = await verifyTrail()
    expect(changed.ok).toBe(false)
    expect(changed.problems).toContainEqual({
      table: 'StatusChange',
      chainSeq: Number(target.chainSeq),
      problem: 'altered',
    })

    const events = await prisma.auditEvent.findMany({ orderBy: { chainSeq: 'asc' } })
    const middle = events[1]
    const last = events.at(-1)!
    await client.query('ALTER TABLE "AuditEvent" DISABLE TRIGGER ALL')
    await client.query(`DELETE FROM "AuditEvent" WHERE "id" IN ($1, $2)`, [middle.id, last.id])
    await client.query('ALTER TABLE "AuditEvent" ENABLE TRIGGER ALL')
    await client.end()
    const previous = (first.result as { tables: Awaited<ReturnType<typeof verifyTrail>>['tables'] }).tables
    const removed = await verifyTrail(previous)
    expect(removed.problems).toContainEqual({
      table: 'AuditEvent',
      chainSeq: Number(middle.chainSeq) + 1,
      problem: 'gap',
    })
    expect(removed.problems).toContainEqual({ table: 'AuditEvent', chainSeq: Number(last.chainSeq), problem: 'head' })
  })
})

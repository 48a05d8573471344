import { describe, expect, it } from 'vitest'
import type { ApplicationStatus } from '#app/generated/prisma/enums.ts'
import { DomainError } from '#app/domain/errors.ts'
import { foundationScope, mayAnswer, mayEdit, mayRemoveAttachment, maySubmit, mayWithdraw } from './policy.ts'
import { assertTransition, TRANSITIONS } from './status.ts'

const member = { foundationIds: ['f1', 'f2'] }
const app = (status: ApplicationStatus, foundationId = 'f1') => ({ status, foundationId })
const ALL = Object.keys(TRANSITIONS) as ApplicationStatus[]

describe('what a foundation may see', () => {
  it('is the applications of its verified foundations, as a query', () => {
    expect(foundationScope(member)).toEqual({ foundationId: { in: ['f1', 'f2'] } })
    expect(foundationScope({ foundationIds: [] })).toEqual({ foundationId: { in: [] } })
  })
})

describe('rules on a foundation’s own applications', () => {
  it('another foundation’s application is not found, whatever its status', () => {
    for (const rule of [mayEdit, maySubmit, mayWithdraw, mayAnswer, mayRemoveAttachment])
      for (const status of ALL) expect(rule(member, app(status, 'f9'))).toMatchObject({ ok: false, status: 404 })
  })

  it('only a draft can be edited, submitted or lose an attachment', () => {
    for (const status of ALL) {
      const draft = status === 'DRAFT'
      expect(mayEdit(member, app(status)).ok, status).toBe(draft)
      expect(maySubmit(member, app(status)).ok, status).toBe(draft)
      expect(mayRemoveAttachment(member, app(status)).ok, status).toBe(draft)
    }
    expect(mayEdit(member, app('SUBMITTED'))).toMatchObject({
      reason: 'errors.applications.alreadySubmitted',
      status: 409,
    })
  })

  it('withdrawal is possible until the decision', () => {
    const open = ALL.filter((s) => mayWithdraw(member, app(s)).ok).sort()
    expect(open).toEqual(['DRAFT', 'INCOMPLETE', 'IN_REVIEW', 'SUBMITTED'])
    expect(mayWithdraw(member, app('AWARDED'))).toMatchObject({ reason: 'errors.applications.alreadyDecided' })
  })

  it('a question can be answered only while the application waits for the answer', () => {
    expect(ALL.filter((s) => mayAnswer(member, app(s)).ok)).toEqual(['INCOMPLETE'])
  })
})

describe('assertTransition', () => {
  it('lets through exactly the transitions of the status machine and refuses the rest with 409', () => {
    for (const from of ALL)
      for (const to of ALL) {
        if (TRANSITIONS[from].includes(to)) expect(() => assertTransition(from, to)).not.toThrow()
        else {
          try {
            assertTransition(from, to)
            expect.unreachable(`${from} -> ${to}`)
          } catch (error) {
            expect(error).toBeInstanceOf(DomainError)
            expect(error).toMatchObject({ key: 'errors.applications.transition', status: 409 })
          }
        }
      }
  })
})

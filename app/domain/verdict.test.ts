import { describe, expect, it } from 'vitest'
import { DomainError } from './errors.ts'
import { all, assertAllowed, no, ok } from './verdict.ts'

describe('verdicts', () => {
  it('all() returns the first refusal', () => {
    const first = no('errors.forbidden')
    expect(all(ok, first, no('errors.notFound', {}, 404))).toBe(first)
    expect(all(ok, ok)).toEqual({ ok: true })
  })

  it('assertAllowed throws the reason as a DomainError with its status and field', () => {
    expect(() => assertAllowed(ok)).not.toThrow()
    try {
      assertAllowed(no('errors.notFound', { id: 'x' }, 404), 'amount')
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError)
      const e = error as DomainError
      expect([e.key, e.status, e.field, e.params.id]).toEqual(['errors.notFound', 404, 'amount', 'x'])
    }
  })
})

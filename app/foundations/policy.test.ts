import { describe, expect, it } from 'vitest'
import { mayActInFoundation, mayChangeMember, mayConfirmIbanChange } from './policy.ts'

const user = {
  foundations: [
    { id: 'board', role: 'FOUNDATION_ADMIN' as const },
    { id: 'plain', role: 'MEMBER' as const },
  ],
}

describe('a foundation’s own pages', () => {
  it('a non-member gets 404, so a guessed id reveals nothing', () => {
    expect(mayActInFoundation(user, 'other')).toMatchObject({ ok: false, status: 404 })
    expect(mayActInFoundation(user, 'other', 'manage:members:own')).toMatchObject({ ok: false, status: 404 })
  })
  it('any member may look; only a board member manages members and the account number', () => {
    expect(mayActInFoundation(user, 'plain').ok).toBe(true)
    expect(mayActInFoundation(user, 'plain', 'manage:members:own')).toMatchObject({ ok: false, status: 403 })
    expect(mayActInFoundation(user, 'plain', 'change:iban:own')).toMatchObject({ ok: false, status: 403 })
    expect(mayActInFoundation(user, 'board', 'manage:members:own').ok).toBe(true)
    expect(mayActInFoundation(user, 'board', 'change:iban:own').ok).toBe(true)
  })
})

describe('the last board member', () => {
  it('can neither leave nor be demoted; with a second one both can', () => {
    const admin = { role: 'FOUNDATION_ADMIN' as const }
    expect(mayChangeMember(admin, { remove: true }, 1)).toMatchObject({
      ok: false,
      reason: 'errors.foundations.lastAdmin',
    })
    expect(mayChangeMember(admin, { role: 'MEMBER' }, 1).ok).toBe(false)
    expect(mayChangeMember(admin, { role: 'FOUNDATION_ADMIN' }, 1).ok).toBe(true)
    expect(mayChangeMember(admin, { remove: true }, 2).ok).toBe(true)
    expect(mayChangeMember({ role: 'MEMBER' }, { remove: true }, 1).ok).toBe(true)
  })
})

describe('confirming a new account number', () => {
  const change = { pendingIban: 'NL91ABNA0417164300', pendingIbanById: 'member' }
  it('needs a pending change', () => {
    expect(mayConfirmIbanChange({ id: 'admin-b' }, { ...change, pendingIban: null })).toMatchObject({
      reason: 'errors.foundations.noIbanChange',
    })
  })
  it('is never done by who asked for it', () => {
    expect(mayConfirmIbanChange({ id: 'member' }, change)).toMatchObject({ reason: 'errors.foundations.ownIbanChange' })
    expect(mayConfirmIbanChange({ id: 'admin-b' }, change).ok).toBe(true)
  })
})

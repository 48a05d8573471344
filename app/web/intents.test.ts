import { describe, expect, it } from 'vitest'
import { intentOf, intentPermission, intentTable, UnknownIntent } from './intents.ts'

const table = intentTable({ invite: 'manage:members:own', iban: 'change:iban:own', leave: null })
const form = (intent?: string) => {
  const f = new FormData()
  if (intent !== undefined) f.set('intent', intent)
  return f
}

describe('intent to permission', () => {
  it('names the permission of each intent in the table', () => {
    expect(intentOf(form('invite'), table)).toEqual({ intent: 'invite', permission: 'manage:members:own' })
    expect(intentOf(form('iban'), table).permission).toBe('change:iban:own')
    expect(intentOf(form('leave'), table).permission).toBeNull()
  })

  it('refuses an intent that no page sends, also names of Object.prototype', () => {
    for (const bad of ['approve', '', 'toString', '__proto__', undefined])
      expect(() => intentOf(form(bad), table)).toThrow(UnknownIntent)
  })

  it('answers 400 to an unknown intent in a route', () => {
    try {
      intentPermission(form('nope'), table)
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(Response)
      expect((error as Response).status).toBe(400)
    }
  })
})

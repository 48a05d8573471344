import { describe, expect, test } from 'vitest'
import { base32Decode, base32Encode, generateRecoveryCodes, hotp, totp, verifyTotp } from './totp.ts'

describe('TOTP (RFC 6238) and HOTP (RFC 4226)', () => {
  test('HOTP matches the test vectors of RFC 4226 appendix D', () => {
    const key = Buffer.from('12345678901234567890')
    const expected = [
      '755224',
      '287082',
      '359152',
      '969429',
      '338314',
      '254676',
      '287922',
      '162583',
      '399871',
      '520489',
    ]
    expect(expected.map((_, i) => hotp(key, i))).toEqual(expected)
  })

  test('TOTP matches the SHA-1 test vectors of RFC 6238 appendix B (8 digits)', () => {
    const key = Buffer.from('12345678901234567890')
    const vectors: [number, string][] = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
      [20000000000, '65353130'],
    ]
    for (const [seconds, code] of vectors) expect(hotp(key, Math.floor(seconds / 30), 8)).toBe(code)
  })

  test('base32 round-trips and decodes the RFC 4648 example', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI')
    expect(base32Decode('MZXW6YTBOI').toString()).toBe('foobar')
  })

  test('a code is accepted in its own 30-second window and one either side, not two windows off', () => {
    const secret = base32Encode(Buffer.from('12345678901234567890'))
    const t = 1_800_000_000_000
    expect(verifyTotp(secret, totp(secret, t), t)).not.toBeNull()
    expect(verifyTotp(secret, totp(secret, t - 30_000), t)).not.toBeNull()
    expect(verifyTotp(secret, totp(secret, t - 60_000), t)).toBeNull()
    expect(verifyTotp(secret, 'abcdef', t)).toBeNull()
  })

  test('recovery codes are ten different codes', () => {
    const codes = generateRecoveryCodes()
    expect(new Set(codes).size).toBe(10)
    for (const c of codes) expect(c).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/)
  })
})

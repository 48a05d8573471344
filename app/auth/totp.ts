import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

/**
 * TOTP (RFC 6238) on HOTP (RFC 4226) with node:crypto: SHA-1, 6 digits, 30-second steps, the
 * defaults every authenticator app understands. Secrets are shown and stored in base32 (RFC 4648).
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
export const TOTP_STEP_SECONDS = 30
export const TOTP_DIGITS = 6

export function base32Encode(bytes: Uint8Array): string {
  let bits = 0
  let value = 0
  let out = ''
  for (const byte of bytes) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31]
  return out
}

export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s=-]/g, '')
  let bits = 0
  let value = 0
  const out: number[] = []
  for (const char of clean) {
    const index = ALPHABET.indexOf(char)
    if (index < 0) throw new Error('not base32')
    value = (value << 5) | index
    bits += 5
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255)
      bits -= 8
    }
  }
  return Buffer.from(out)
}

/** A new random 160-bit secret, base32. */
export function generateTotpSecret(): string {
  return base32Encode(randomBytes(20))
}

export function hotp(
  key: Buffer,
  counter: number,
  digits = TOTP_DIGITS,
  algorithm: 'sha1' | 'sha256' | 'sha512' = 'sha1',
): string {
  const message = Buffer.alloc(8)
  message.writeBigUInt64BE(BigInt(counter))
  const mac = createHmac(algorithm, key).update(message).digest()
  const offset = mac[mac.length - 1] & 0x0f
  const binary = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits
  return String(binary).padStart(digits, '0')
}

export function totp(secretBase32: string, timeMs = Date.now()): string {
  return hotp(base32Decode(secretBase32), Math.floor(timeMs / 1000 / TOTP_STEP_SECONDS))
}

/**
 * Checks a code against the current step and one step either side (clock drift). Returns the
 * matching step, so the caller can refuse a code that was already used (replay).
 */
export function verifyTotp(secretBase32: string, code: string, timeMs = Date.now()): number | null {
  const given = code.replace(/\s/g, '')
  if (!/^\d{6}$/.test(given)) return null
  const key = base32Decode(secretBase32)
  const step = Math.floor(timeMs / 1000 / TOTP_STEP_SECONDS)
  for (const candidate of [step, step - 1, step + 1]) {
    const expected = hotp(key, candidate)
    if (timingSafeEqual(Buffer.from(expected), Buffer.from(given))) return candidate
  }
  return null
}

/** The otpauth:// address that authenticator apps read from a QR code or accept typed in. */
export function otpauthUri(secretBase32: string, account: string, issuer = 'Buurtbudget Amersfoort'): string {
  const label = encodeURIComponent(`${issuer}:${account}`)
  return `otpauth://totp/${label}?secret=${secretBase32}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=6&period=30`
}

/** Ten recovery codes like `k7dq-2mx9-pt4c`. */
export function generateRecoveryCodes(count = 10): string[] {
  const letters = 'abcdefghjkmnpqrstuvwxyz23456789'
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(12)
    const chars = [...bytes].map((b) => letters[b % letters.length]).join('')
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`
  })
}

export const normalizeRecoveryCode = (code: string) =>
  code
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')

import { createHash, randomBytes } from 'node:crypto'

/** A random 256-bit token for a link; only its SHA-256 is stored, so a database leak opens no links. */
export function newToken() {
  const token = randomBytes(32).toString('base64url')
  return { token, hash: hashToken(token) }
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

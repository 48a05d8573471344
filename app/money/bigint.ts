/** Money columns are BIGINT (PostgreSQL) and so bigint in Prisma; the domain works in safe-integer cents. */
export function centsFromDb(value: bigint): number {
  const n = Number(value)
  if (!Number.isSafeInteger(n)) throw new RangeError(`Bedrag buiten bereik: ${value}`)
  return n
}

export function centsToDb(cents: number): bigint {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`Bedrag is geen geheel aantal centen: ${cents}`)
  return BigInt(cents)
}

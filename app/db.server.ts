import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from '#app/generated/prisma/client.ts'

export { Prisma } from '#app/generated/prisma/client.ts'
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0]

let client: PrismaClient | undefined

function createClient() {
  const url = process.env.DATABASE_URL
  if (!url) throw new Error('DATABASE_URL is not set: start the portal with `npm start` or set DATABASE_URL.')
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) })
}

/** The one Prisma client of the process, created on first use (after DATABASE_URL is known). */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    client ??= createClient()
    const value = Reflect.get(client, property, client)
    return typeof value === 'function' ? value.bind(client) : value
  },
})

export async function disconnectPrisma() {
  if (client) await client.$disconnect()
  client = undefined
}

/**
 * One of each per process (the Epic Stack's `remember`): the value lives on globalThis under a
 * shared key, so two copies of a module still share one Prisma client, one pool, one environment.
 * In `npm start` the server takes its services from the built app (app/server/kit.server.ts) and
 * only the environment module is loaded twice (by app/server/main.ts before the bundle, and in it);
 * the CLIs and tests, which import sources next to a bundle or reset modules, rely on it too.
 */
const KEY = Symbol.for('buurtbudget.singletons')

type Registry = { values: Map<string, unknown>; created: Map<string, number> }

function registry(): Registry {
  const g = globalThis as unknown as Record<symbol, Registry | undefined>
  return (g[KEY] ??= { values: new Map(), created: new Map() })
}

export function remember<T>(name: string, create: () => T): T {
  const r = registry()
  if (!r.values.has(name)) {
    r.values.set(name, create())
    r.created.set(name, (r.created.get(name) ?? 0) + 1)
  }
  return r.values.get(name) as T
}

/** Forgets a singleton (after disconnecting it), so the next use creates a new one. */
export function forget(name: string) {
  registry().values.delete(name)
}

/** How often each singleton was created in this process (tests prove "one of each" with it). */
export function creations(name: string): number {
  return registry().created.get(name) ?? 0
}

// Runs `prisma generate` offline. Prisma 7's CLI wants a schema-engine binary even for commands
// that never use it and tries to download one; this machine cannot. `generate` never runs the
// engine, so any existing file satisfies the check (see docs/decisions/0004-own-migration-step.md).
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import path from 'node:path'

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)))
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? path.join(root, 'package.json'),
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  CHECKPOINT_DISABLE: '1',
}
const result = spawnSync(
  process.execPath,
  [
    path.join(root, 'node_modules/prisma/build/index.js'),
    'generate',
    '--schema',
    path.join(root, 'prisma/schema.prisma'),
  ],
  { stdio: 'inherit', env, cwd: root },
)
process.exit(result.status ?? 1)

// `npm start`: builds only when the sources changed since the last build (a second start serves
// within seconds), then runs the server (app/server/main.ts) in this same process: one Node start,
// not three (npm, tsx's CLI, node), which is ≈1 s of a cold start (docs/decisions/0050-cold-start.md).
// The fingerprint of every source file (path, size, mtime) is kept in the build. `--build-only`
// stops after the build (the benchmark uses it before it measures `npm start`).
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '../..')
const buildDir = path.resolve(root, process.env.BUILD_DIR ?? 'build')
const stamp = path.join(buildDir, '.source-fingerprint')

function walk(dir, out) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'generated' || entry.name === 'node_modules') continue
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) walk(full, out)
    else {
      const st = fs.statSync(full)
      out.push(`${path.relative(root, full)}:${st.size}:${st.mtimeMs}`)
    }
  }
  return out
}

const files = walk(path.join(root, 'app'), [])
for (const f of ['vite.config.ts', 'package-lock.json', 'tsconfig.json']) {
  const st = fs.statSync(path.join(root, f))
  files.push(`${f}:${st.size}:${st.mtimeMs}`)
}
if (fs.existsSync(path.join(root, 'public'))) walk(path.join(root, 'public'), files)
const fingerprint = createHash('sha256').update(files.sort().join('\n')).digest('hex')

const current =
  fs.existsSync(path.join(buildDir, 'server/index.js')) &&
  fs.existsSync(stamp) &&
  fs.readFileSync(stamp, 'utf8') === fingerprint
if (current) {
  console.log('Build is actueel: niet opnieuw gebouwd.')
} else {
  execFileSync('npx', ['remix', 'vite:build'], { cwd: root, stdio: 'inherit' })
  fs.writeFileSync(stamp, fingerprint)
}
if (process.argv.includes('--build-only')) process.exit(0)

// NODE_ENV is read by React and Remix when their modules load: set it before the server is imported.
process.env.NODE_ENV = 'production'
await import('tsx')
await import('../server/main.ts')

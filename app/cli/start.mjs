// `npm start`: builds only when the sources changed since the last build (a second start serves
// within seconds). The fingerprint of every source file (path, size, mtime) is kept in the build.
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
  fs.existsSync(path.join(buildDir, 'server/index.js')) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === fingerprint
if (current) {
  console.log('Build is actueel: niet opnieuw gebouwd.')
} else {
  execFileSync('npx', ['remix', 'vite:build'], { cwd: root, stdio: 'inherit' })
  fs.writeFileSync(stamp, fingerprint)
}

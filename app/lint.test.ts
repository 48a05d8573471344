// The lint step must be able to fail: ESLint, with the project's own eslint.config.js, reports a
// deliberate violation in a snippet (linted as if it were a file of app/), and passes a clean one.
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint({ cwd: process.cwd() })
const lint = async (code: string) => (await eslint.lintText(code, { filePath: 'app/lint-probe.tsx' }))[0]

describe('npm run lint', () => {
  it('fails on a deliberate lint error (a hook called conditionally, an unused variable)', async () => {
    const result = await lint(
      `import { useState } from 'react'\nexport function Probe({ on }: { on: boolean }) {\n  const unused = 1\n  if (on) useState(0)\n  return null\n}\n`,
    )
    expect(result.errorCount).toBeGreaterThan(0)
    const rules = result.messages.map((m) => m.ruleId)
    expect(rules).toContain('react-hooks/rules-of-hooks')
  }, 60_000)

  it('passes clean code', async () => {
    const result = await lint(`export function probe(n: number): number {\n  return n + 1\n}\n`)
    expect(result.messages).toEqual([])
  }, 60_000)
})

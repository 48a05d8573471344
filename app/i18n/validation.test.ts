// Every validation message of the forms has English (docs/decisions/0047). The messages are found
// in the code itself (validation-sources.ts reads every schema module with the TypeScript parser),
// not typed into this test: a new Dutch message without English makes it fail.
import { describe, expect, test } from 'vitest'
import { z } from 'zod'
import '#app/applications/zod-dutch.ts'
import { labelArguments, sourceMessages } from './validation-sources.ts'
import { TERMS_EN, VALIDATION_EN, englishOf, localizeIssue, localizeValidation } from './validation.ts'

const found = sourceMessages()
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
/** Does the code's template (its `${...}` shown as `${}`) fit the catalog key's {placeholders}? */
const fits = (key: string, template: string) =>
  new RegExp(
    `^${key
      .split(/\{\w+\}/)
      .map((part) => part.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&'))
      .join('.+?')}$`,
  ).test(template)

describe('the validation messages in the code', () => {
  test('are found: the scan sees the schema files and their messages', () => {
    const files = new Set(found.map((m) => m.file))
    for (const file of [
      'app/applications/schema.ts',
      'app/foundations/schema.ts',
      'app/grants/forms.ts',
      'app/rounds/schema.ts',
      'app/money/money.ts',
      'app/routes/inloggen.tsx',
    ])
      expect(files, file).toContain(file)
    expect(found.length).toBeGreaterThan(150)
  })

  test.each(found.map((m) => [`${m.file}:${m.line} ${m.text}`, m] as const))('%s has English', (_, message) => {
    if (message.template) {
      const keys = Object.keys(VALIDATION_EN).filter((key) => key.includes('{') && fits(key, message.text))
      expect(keys, `no catalog key like ${message.text}`).not.toHaveLength(0)
    } else {
      const english = englishOf(message.text)
      expect(english, `no English for "${message.text}"`).not.toBeNull()
      expect(english).not.toBe(message.text)
    }
  })

  test('every Dutch term a schema fills into a message has English', () => {
    const labels = labelArguments()
    expect(labels.length).toBeGreaterThan(10)
    for (const { file, line, text } of labels) {
      expect(TERMS_EN[text], `${file}:${line} "${text}"`).toBeDefined()
      expect(TERMS_EN[text]).not.toBe(text)
    }
  })
})

describe('the catalog', () => {
  test('every English text differs from its Dutch and keeps its placeholders', () => {
    for (const [dutch, english] of Object.entries(VALIDATION_EN)) {
      expect(english, dutch).not.toBe(dutch)
      expect(english.trim(), dutch).not.toBe('')
      expect(placeholders(english), dutch).toEqual(placeholders(dutch))
    }
  })

  test('holds no message the code no longer has', () => {
    const plain = new Set(found.filter((m) => !m.template).map((m) => m.text))
    const templates = new Set(found.filter((m) => m.template).map((m) => m.text))
    for (const key of Object.keys(VALIDATION_EN)) {
      const used = key.includes('{') ? [...templates].some((t) => fits(key, t)) : plain.has(key)
      expect(used, `unused catalog entry "${key}"`).toBe(true)
    }
  })

  test('filled-in messages keep their numbers and terms', () => {
    expect(englishOf('Hoogstens 200 tekens.')).toBe('At most 200 characters.')
    expect(englishOf('Vul de begindatum in als datum (dd-mm-jjjj).')).toBe(
      'Please enter the start date as a date (dd-mm-yyyy).',
    )
    expect(englishOf('Vul het voorschotpercentage in tussen 0 en 100.')).toBe(
      'Please enter the advance percentage between 0 and 100.',
    )
    // a term the catalog does not know is not guessed
    expect(englishOf('Vul de lievelingskleur in.')).toBeNull()
    expect(localizeValidation('en', 'Een tekst die wij niet kennen.')).toBe('Een tekst die wij niet kennen.')
  })

  test('Dutch stays exactly as the schema wrote it', () => {
    for (const m of found.filter((m) => !m.template)) expect(localizeValidation('nl', m.text)).toBe(m.text)
  })
})

describe('zod issues', () => {
  test("zod's own fallback (input no form sends) is English for an English user, Dutch for a Dutch one", () => {
    const tooMany = z.object({ a: z.array(z.string()).max(1) }).safeParse({ a: ['x', 'y'] })
    const issue = tooMany.error!.issues[0]
    expect(localizeIssue('nl', issue)).toBe(issue.message)
    expect(localizeIssue('en', issue)).toMatch(/^Too big/)
    const ours = z.object({ t: z.string().max(2, 'Hoogstens 2 tekens.') }).safeParse({ t: 'abc' })
    expect(localizeIssue('en', ours.error!.issues[0])).toBe('At most 2 characters.')
  })
})

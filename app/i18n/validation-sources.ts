// Finds every validation message in the code, for the test that each has an English text
// (docs/decisions/0047). Reads the source with the TypeScript parser; used by tests only.
import { readFileSync, readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import ts from 'typescript'

/** A message as it stands in the code: plain text, or a template whose `${...}` parts vary. */
export type SourceMessage = { file: string; line: number; text: string; template: boolean }

const ROOT = join(import.meta.dirname, '..', '..')

/** Files that hold validation messages: every module that builds a zod schema, and the money/indicator parsers. */
export function validationFiles(): string[] {
  const files: string[] = []
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) {
        if (entry.name !== 'generated') walk(path)
      } else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
        const source = readFileSync(path, 'utf8')
        const buildsSchema = /from 'zod'|money-schema\.ts'/.test(source)
        if (buildsSchema || MESSAGE_MODULES.includes(relative(ROOT, path))) files.push(path)
      }
    }
  }
  walk(join(ROOT, 'app'))
  return files.filter((f) => !NOT_USER_FACING.includes(relative(ROOT, f)))
}

/** Modules without zod whose messages reach a form field. */
const MESSAGE_MODULES = ['app/money/money.ts', 'app/auth/password-policy.ts']
/**
 * zod used for configuration or mail data, never shown at a form field; and the CSV import's
 * line-by-line report (app/reporting/indicators/parse.ts, not a zod message), still Dutch only
 * (docs/decisions/0047, "not yet").
 */
const NOT_USER_FACING = [
  'app/env.server.ts',
  'app/mail/render.ts',
  'app/mail/schemas.ts',
  'app/reporting/indicators/parse.ts',
  // the catalog itself and this file
  'app/i18n/validation.ts',
  'app/i18n/validation-sources.ts',
]

/** A Dutch sentence: starts with a capital, has a space, ends like a sentence. */
const SENTENCE = /^[A-ZÀ-Ý][\s\S]*\s[\s\S]*[.?!:)]$/

function isNotMessage(node: ts.Node): boolean {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isImportDeclaration(n) || ts.isExportDeclaration(n) || ts.isJsxAttribute(n) || ts.isJsxElement(n))
      return true
    if (ts.isNewExpression(n) && /Error$/.test(n.expression.getText())) return true
    if (ts.isCallExpression(n) && /^console\./.test(n.expression.getText())) return true
  }
  return false
}

export function sourceMessages(files = validationFiles()): SourceMessage[] {
  const found: SourceMessage[] = []
  for (const path of files) {
    const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true)
    const visit = (node: ts.Node) => {
      let text: string | undefined
      let template = false
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text
      else if (ts.isTemplateExpression(node)) {
        template = true
        text = node.head.text + node.templateSpans.map((s) => '${}' + s.literal.text).join('')
      }
      if (text !== undefined && SENTENCE.test(text) && !isNotMessage(node)) {
        const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1
        found.push({ file: relative(ROOT, path), line, text, template })
      }
      if (!ts.isTemplateExpression(node)) ts.forEachChild(node, visit)
    }
    visit(source)
  }
  return found
}

/** Functions of the schema files that fill a Dutch term into their messages (a {label}). */
const LABELLED = ['date', 'day', 'wholeNumber']

/** The Dutch terms passed to those functions, e.g. date('begindatum'). */
export function labelArguments(files = validationFiles()): SourceMessage[] {
  const found: SourceMessage[] = []
  for (const path of files) {
    const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true)
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && LABELLED.includes(node.expression.text)) {
        const first = node.arguments[0]
        if (first && ts.isStringLiteral(first)) {
          const line = source.getLineAndCharacterOfPosition(first.getStart()).line + 1
          found.push({ file: relative(ROOT, path), line, text: first.text, template: false })
        }
      }
      ts.forEachChild(node, visit)
    }
    visit(source)
  }
  return found
}

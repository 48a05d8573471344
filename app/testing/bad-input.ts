// Posting bad input through a real route action (as Remix calls it, with a real Request and the
// session cookie) and checking the reply: the status, the Dutch message AT the field, the typed
// values kept and nothing written. The pattern of app/grants/money-forms.test.ts, shared by the
// *-bad-input.test.ts files.
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { expect } from 'vitest'

export type Action = (args: ActionFunctionArgs) => unknown
export type Loader = (args: LoaderFunctionArgs) => unknown

export type Row = {
  name: string
  fields: Record<string, string>
  files?: Record<string, File>
  /** the field that must carry the message ('' for the whole form) */
  field: string
  message: RegExp
  /** 400 unless told */
  status?: number
  /** fields whose typed value is not sent back (a cleaned-up value, a password) */
  notKept?: string[]
}

export type Reply = { status: number; error: Record<string, string[]>; initial: Record<string, unknown>; text: string }

/** Calls the action with a multipart (FormData) body; a thrown Response is an answer like a returned one. */
export async function callAction(
  action: Action,
  url: string,
  params: Record<string, string>,
  cookie: string,
  fields: Record<string, string>,
  files: Record<string, File> = {},
): Promise<Reply> {
  const form = new FormData()
  for (const [k, v] of Object.entries(fields)) form.append(k, v)
  for (const [k, file] of Object.entries(files)) form.append(k, file)
  let value: unknown
  try {
    value = await action({
      request: new Request(url, { method: 'POST', headers: { Cookie: cookie }, body: form }),
      params,
      context: {},
    })
  } catch (thrown) {
    value = thrown
  }
  if (value instanceof Response) return { status: value.status, error: {}, initial: {}, text: await value.text() }
  const v = value as {
    type?: string
    data?: { result?: { error?: Record<string, string[]>; initialValue?: Record<string, unknown> | null } }
    init?: { status?: number }
  }
  expect(v?.type, `not a form reply: ${value instanceof Error ? value.stack : String(value)}`).toBe(
    'DataWithResponseInit',
  )
  return {
    status: v.init?.status ?? 200,
    error: v.data?.result?.error ?? {},
    initial: v.data?.result?.initialValue ?? {},
    text: JSON.stringify(v.data),
  }
}

/**
 * The row is refused: its status (400 unless told), a Dutch message at its field, the typed values
 * back in the reply (Conform leaves out what was left empty), and `written()` the same before and after.
 */
export async function expectRefused(
  action: Action,
  url: string,
  params: Record<string, string>,
  cookie: string,
  row: Row,
  written: () => Promise<unknown>,
) {
  const before = await written()
  const reply = await callAction(action, url, params, cookie, row.fields, row.files)
  expect(reply.status, `${row.name}: ${reply.text.slice(0, 500)}`).toBe(row.status ?? 400)
  expect(
    reply.error[row.field]?.join(' ') ?? '',
    `${row.name}: message at ${row.field || 'the form'} (${JSON.stringify(reply.error)})`,
  ).toMatch(row.message)
  for (const [k, typed] of Object.entries(row.fields))
    if (typed !== '' && !row.notKept?.includes(k)) expect(reply.initial[k], `${row.name}: ${k} kept`).toBe(typed)
  expect(await written(), `${row.name}: nothing written`).toEqual(before)
  return reply
}

/** Calls a loader; a thrown Response counts as its answer. */
export async function callLoader(loader: Loader, url: string, params: Record<string, string>, cookie: string) {
  try {
    const value = await loader({ request: new Request(url, { headers: { Cookie: cookie } }), params, context: {} })
    return value instanceof Response ? { status: value.status, value } : { status: 200, value }
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, value: thrown }
    throw thrown
  }
}

/**
 * Routes with several forms name each form by its `intent` field. Each intent needs a permission;
 * a route declares that once, as a table, and asks `intentPermission` which one the posted form needs:
 *
 *   const PERMISSION_FOR = intentTable({ approve: 'approve:application:area', payment: 'record:payment:area' })
 *   const { intent, permission } = intentPermission(formData, PERMISSION_FOR)
 *   const user = await requirePermission(request, permission)
 *
 * An intent that is not in the table is refused with 400 (a form no page of ours sends).
 * A `null` permission means: the route's own guard suffices for this intent.
 */
export type IntentTable<I extends string, P extends string> = Readonly<Record<I, P | null>>

export function intentTable<I extends string, P extends string>(table: Record<I, P | null>): IntentTable<I, P> {
  return table
}

export class UnknownIntent extends Error {
  constructor(readonly intent: string) {
    super(`Unknown intent: ${intent}`)
  }
}

/** The form's intent and the permission it needs; throws UnknownIntent when the table has no such intent. */
export function intentOf<I extends string, P extends string>(
  formData: FormData,
  table: IntentTable<I, P>,
): { intent: I; permission: P | null } {
  const raw = formData.get('intent')
  const intent = typeof raw === 'string' ? raw : ''
  if (!Object.hasOwn(table, intent)) throw new UnknownIntent(intent)
  return { intent: intent as I, permission: table[intent as I] }
}

/** Like intentOf, for routes: an unknown intent becomes a 400 answer. */
export function intentPermission<I extends string, P extends string>(
  formData: FormData,
  table: IntentTable<I, P>,
): { intent: I; permission: P | null } {
  try {
    return intentOf(formData, table)
  } catch (error) {
    if (error instanceof UnknownIntent)
      throw new Response('Onbekende actie / unknown action', {
        status: 400,
        headers: { 'Content-Type': 'text/plain; charset=utf-8' },
      })
    throw error
  }
}

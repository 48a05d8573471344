import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { requirePermission } from '#app/auth/session.server.ts'
import { now } from '#app/clock.server.ts'
import { prisma } from '#app/db.server.ts'
import { DomainError } from '#app/domain/errors.ts'
import { batchInScope, exportBatch, configuredDebtor } from '#app/grants/payments.server.ts'
import { readForm } from '#app/web/uploads.server.ts'

/**
 * The SEPA file of a batch (pain.001.001.09), as a download: a resource route, so the browser saves
 * the file. Every export is recorded; a second one needs a reason. A refusal goes back to the
 * batches page, which shows it at the reason field of this batch.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'record:payment:area')
  const batch = await prisma.paymentBatch.findUnique({ where: { id: params.batchId ?? '' } })
  // Scoped: a batch with a payment outside the reviewer's wijken does not exist for them.
  const scope = { areaIds: user.areaIds }
  if (!batch || !(await batchInScope(prisma, batch.id, scope))) throw new Response('Niet gevonden', { status: 404 })
  const formData = await readForm(request)
  const raw = formData.get('reason')
  const reason = typeof raw === 'string' ? raw.trim().slice(0, 500) : undefined
  try {
    const xml = await prisma.$transaction((tx) =>
      exportBatch(tx, batch.id, user.id, configuredDebtor(), now(), reason || undefined, scope),
    )
    return new Response(xml, {
      headers: {
        'Content-Type': 'application/xml; charset=utf-8',
        'Content-Disposition': `attachment; filename="${batch.reference}.xml"`,
        'Cache-Control': 'no-store',
      },
    })
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
    const back = new URLSearchParams({ batch: batch.id, fout: error.key })
    return redirect(`/beoordelen/betalingen?${back}#batch-${batch.id}`)
  }
}

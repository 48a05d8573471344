import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { SnapshotView, type SnapshotData } from '#app/applications/snapshot-view.tsx'
import { requirePermission } from '#app/auth/session.server.ts'
import { fill } from '#app/i18n/i18n.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import { auditApplication } from '#app/reporting/audit/application.server.ts'
import { MoneyCells, MoneyHead, Section } from '#app/reporting/audit/ui.tsx'
import { Money, PageHeader, StatusBadge, TableScroll } from '#app/ui/components.tsx'
import { formatDate, formatDateTime } from '#app/ui/format.ts'
import { title } from '#app/ui/meta.ts'
import { Table, Tbody, Td, Th, Thead, Tr } from '#app/ui/nlds.tsx'

export const meta = title((m) => m.titles.auditApplication)

// The auditor reads everything of any submitted application and changes nothing (no action).
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'read:application:any')
  const app = await auditApplication(params.id!)
  if (!app) throw new Response('Niet gevonden', { status: 404 })
  return app
}

export default function AuditApplication() {
  const a = useLoaderData<typeof loader>()
  const m = useMessages()
  const r = m.reporting
  const lang = m.lang as 'nl' | 'en'
  const base = `/controle/aanvragen/${a.id}`
  return (
    <>
      <PageHeader title={fill(r.applicationTitle, { reference: a.reference })}>
        <p className="subtitle">
          {a.title} · {a.area.name} · {a.foundation.name} · <StatusBadge status={a.status} />
        </p>
      </PageHeader>
      <p>
        <Link to={`/controle/wijk?round=${a.year}&wijk=${a.area.code}`}>{a.area.name}</Link> ·{' '}
        <Link to={`/controle?round=${a.year}`}>{r.backToDashboard}</Link>
      </p>
      <TableScroll>
        <Table data-testid="grant-money">
          <Thead>
            <Tr>
              <Th scope="col">{r.requested}</Th>
              <MoneyHead />
            </Tr>
          </Thead>
          <Tbody>
            <Tr>
              <Td className="num">
                <Money cents={a.requestedCents} />
              </Td>
              <MoneyCells row={a.money} />
            </Tr>
          </Tbody>
        </Table>
      </TableScroll>

      <Section id="entries-title" title={r.ledgerEntries}>
        <TableScroll>
          <Table data-testid="grant-entries">
            <Thead>
              <Tr>
                <Th scope="col">{r.date}</Th>
                <Th scope="col">{r.cause}</Th>
                <Th scope="col">{r.from}</Th>
                <Th scope="col">{r.to}</Th>
                <Th scope="col" className="num">
                  {r.amount}
                </Th>
                <Th scope="col">{r.description}</Th>
              </Tr>
            </Thead>
            <Tbody>
              {a.entries.map((e) => (
                <Tr key={e.id}>
                  <Td>{formatDateTime(e.createdAt, lang)}</Td>
                  <Td>{e.cause}</Td>
                  <Td>{e.from}</Td>
                  <Td>{e.to}</Td>
                  <Td className="num">
                    <Money cents={e.amountCents} />
                  </Td>
                  <Td>{e.memo}</Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        </TableScroll>
      </Section>

      <Section id="payments-title" title={r.payments}>
        {a.payments.length === 0 ? (
          <p>{r.none}</p>
        ) : (
          <ul data-testid="payments">
            {a.payments.map((p) => (
              <li key={p.id}>
                {formatDate(p.paidOn, lang)}: <Money cents={p.amountCents} /> – {p.description}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="expenses-title" title={r.expenses}>
        {a.expenses.length === 0 ? (
          <p>{r.none}</p>
        ) : (
          <ul data-testid="expenses">
            {a.expenses.map((e) => (
              <li key={e.id}>
                {formatDate(e.spentOn, lang)}: <Money cents={e.amountCents} /> – {e.description}
              </li>
            ))}
          </ul>
        )}
        <h3>{r.receipts}</h3>
        {a.receipts.length === 0 ? (
          <p>{r.none}</p>
        ) : (
          <ul data-testid="receipts">
            {a.receipts.map((f) => (
              <li key={f.id}>
                <a href={`${base}/bijlagen/${f.id}`}>{f.filename}</a> ({r.sha256} <code>{f.sha256.slice(0, 16)}…</code>)
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="letters-title" title={r.letters}>
        {a.letters.length === 0 ? (
          <p>{r.noLetters}</p>
        ) : (
          <ul>
            {a.letters.map((d) => (
              <li key={d.id}>
                <a href={`${base}/brieven/${d.id}`}>{d.filename}</a> ({d.kind}, {formatDateTime(d.createdAt, lang)},{' '}
                {r.sha256} <code>{d.sha256.slice(0, 16)}…</code>)
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="history-title" title={r.history}>
        <TableScroll>
          <Table data-testid="history">
            <Thead>
              <Tr>
                <Th scope="col">{r.date}</Th>
                <Th scope="col">{r.who}</Th>
                <Th scope="col">{r.role}</Th>
                <Th scope="col">{r.before}</Th>
                <Th scope="col">{r.after}</Th>
                <Th scope="col">{r.description}</Th>
              </Tr>
            </Thead>
            <Tbody>
              {a.history.map((h) => (
                <Tr key={h.id}>
                  <Td>{formatDateTime(h.createdAt, lang)}</Td>
                  <Td>{h.actor}</Td>
                  <Td>{h.actorRole ? m.roles[h.actorRole as keyof typeof m.roles] : ''}</Td>
                  <Td>{h.fromStatus ? m.status[h.fromStatus] : '–'}</Td>
                  <Td>{m.status[h.toStatus]}</Td>
                  <Td>{h.reason}</Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        </TableScroll>
      </Section>

      <Section id="snapshot-title" title={r.snapshot}>
        {a.snapshot ? (
          <SnapshotView snapshot={a.snapshot as unknown as SnapshotData} attachmentBase={`${base}/bijlagen`} />
        ) : (
          <p>{r.noSnapshot}</p>
        )}
        {a.attachments.length > 0 ? (
          <>
            <h3>{r.attachments}</h3>
            <ul>
              {a.attachments.map((f) => (
                <li key={f.id}>
                  <a href={`${base}/bijlagen/${f.id}`}>{f.filename}</a>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </Section>
    </>
  )
}

import { useLoaderData } from '@remix-run/react'
import { prisma } from '#app/db.server.ts'
import { fill } from '#app/i18n/i18n.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import { OPEN_DATA_FILES } from '#app/reporting/open-data/fields.ts'
import { PageHeader, TableScroll } from '#app/ui/components.tsx'
import { title } from '#app/ui/meta.ts'
import { Table, Tbody, Td, Th, Thead, Tr } from '#app/ui/nlds.tsx'

export const meta = title((m) => m.reporting.openDataTitle)

// Public page: the open data per round and what every field means.
export async function loader() {
  const rounds = await prisma.budgetRound.findMany({
    where: { allocations: { some: { status: 'PUBLISHED' } } },
    orderBy: { year: 'desc' },
    select: { year: true },
  })
  return { years: rounds.map((r) => r.year) }
}

export default function OpenData() {
  const { years } = useLoaderData<typeof loader>()
  const r = useMessages().reporting
  return (
    <>
      <PageHeader title={r.openDataTitle} />
      <p className="lead">{r.openDataIntro}</p>
      <p>{r.openDataLicense}</p>
      <ul data-testid="open-data-files">
        {years.flatMap((year) =>
          Object.keys(OPEN_DATA_FILES).flatMap((file) =>
            ['csv', 'json'].map((ext) => (
              <li key={`${year}-${file}-${ext}`}>
                <a href={`/open-data/${year}/${file}.${ext}`}>{`/open-data/${year}/${file}.${ext}`}</a>
              </li>
            )),
          ),
        )}
      </ul>
      {Object.entries(OPEN_DATA_FILES).map(([file, fields]) => (
        <section key={file} aria-labelledby={`fields-${file}`}>
          <h2 id={`fields-${file}`}>{fill(r.openDataFields, { file })}</h2>
          <TableScroll>
            <Table>
              <Thead>
                <Tr>
                  <Th scope="col">{r.field}</Th>
                  <Th scope="col">{r.meaning}</Th>
                </Tr>
              </Thead>
              <Tbody>
                {fields.map((f) => (
                  <Tr key={f}>
                    <Th scope="row">
                      <code>{f}</code>
                    </Th>
                    <Td>{r.fields[f]}</Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          </TableScroll>
        </section>
      ))}
    </>
  )
}

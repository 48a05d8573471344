import type { Messages } from '#app/i18n/nl.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import { formatDate } from '#app/ui/format.ts'

/** The kept letters of an application (beschikkingen), each a download of exactly what was sent. */
export function KeptLetters({
  documents,
}: {
  documents: {
    id: string
    kind: keyof Messages['decide']['letterKind']
    filename: string
    createdAt: string
    supersedesId: string | null
  }[]
}) {
  const m = useMessages()
  if (!documents.length) return null
  // A letter another one supersedes (after a founded objection) stays in the history, marked replaced.
  const replaced = new Set(documents.map((d) => d.supersedesId).filter(Boolean))
  return (
    <section className="card" aria-labelledby="letters-title">
      <h3 id="letters-title">{m.decide.letters}</h3>
      <ul>
        {documents.map((d) => (
          <li key={d.id} data-replaced={replaced.has(d.id) || undefined}>
            {m.decide.letterKind[d.kind]}, {formatDate(d.createdAt)}
            {replaced.has(d.id) ? <strong> ({m.objection.replacedBy})</strong> : null}:{' '}
            <a href={`/documenten/${d.id}`} download={d.filename}>
              {d.filename}
            </a>{' '}
            ({m.decide.download})
          </li>
        ))}
      </ul>
    </section>
  )
}

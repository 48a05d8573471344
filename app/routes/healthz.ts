/**
 * GET /healthz: "ok" as plain text, touching neither the database nor a session. For load
 * balancers and uptime checks, and the bare route the benchmark compares every page with
 * (docs/performance.md). Public on purpose: it reveals nothing.
 */
export function loader() {
  return new Response('ok', {
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  })
}

// Public: any address that no other route answers. Throwing here (instead of letting the router find
// no match) runs the root loader, so the error page shows in the visitor's language, with their
// sign-in state and the demo banner, renders the same on server and client, and logs no stack trace.
export async function loader() {
  throw new Response(null, { status: 404 })
}

export async function action() {
  throw new Response(null, { status: 404 })
}

export default function NotFound() {
  return null
}

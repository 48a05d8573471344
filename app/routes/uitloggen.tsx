import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { destroyUserSession } from '#app/auth/session.server.ts'

// Anyone may sign out; it only ends the caller's own session.
export async function action({ request }: ActionFunctionArgs) {
  return redirect('/', { headers: { 'Set-Cookie': await destroyUserSession(request) } })
}

export async function loader() {
  return redirect('/')
}

// A real, local OpenID Connect provider (the oidc-provider package) for the tests: it plays the
// municipality's identity system. Any login name is accepted on its (development) login form; the
// login name is used as the e-mail address (verified) of the account.
import net from 'node:net'
import Provider from 'oidc-provider'

export type LocalOidcProvider = { issuer: string; clientId: string; clientSecret: string; close: () => Promise<void> }

async function freePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

export async function startOidcProvider(opts: { redirectUris: string[]; port?: number }): Promise<LocalOidcProvider> {
  const port = opts.port ?? (await freePort())
  const issuer = `http://127.0.0.1:${port}`
  const clientId = 'buurtbudget'
  const clientSecret = 'buurtbudget-test-secret-0123456789'
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: opts.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    scopes: ['openid', 'email', 'profile'],
    findAccount: async (_ctx, id) => ({
      accountId: id,
      claims: async () => ({ sub: id, email: id, email_verified: true, name: id }),
    }),
    // The municipality's own system asks no consent of its staff: grant the portal's scopes at once.
    loadExistingGrant: async (ctx) => {
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId!,
      })
      grant.addOIDCScope('openid email profile')
      await grant.save()
      return grant
    },
    cookies: { keys: ['local-oidc-provider-test-key'] },
    features: { devInteractions: { enabled: true } },
  })
  const server = provider.listen(port, '127.0.0.1')
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  return { issuer, clientId, clientSecret, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}

import { createContext, useContext } from 'react'

/** The CSP nonce of this answer (app/server/app.ts makes one per request; the browser hides it again). */
export const NonceContext = createContext<string>('')
export const NonceProvider = NonceContext.Provider
export const useNonce = () => useContext(NonceContext)

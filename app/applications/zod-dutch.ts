import { z } from 'zod'

/**
 * Dutch fallback messages for zod (browser and server). Every schema field has its own Dutch message;
 * these only speak when input arrives that no form of ours sends (a file where text belongs, a field
 * sent twice): then the person still gets a Dutch sentence at the field, never "Invalid input".
 */
let configured = false
export function installDutchZodMessages() {
  if (configured) return
  configured = true
  z.config(z.locales.nl())
  z.config({
    customError: (issue) => {
      if (issue.code === 'invalid_type' || issue.code === 'invalid_value' || issue.code === 'invalid_union') {
        return 'Dit veld heeft een ongeldige waarde. Vul het opnieuw in.'
      }
      return undefined
    },
  })
}
installDutchZodMessages()

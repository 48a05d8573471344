import { formatMoney } from '#app/money/money.ts'
import type { AttachmentKind } from './schema.ts'

/**
 * Whether an application may be submitted: the rules of the scheme, checked on submit. Pure, so every
 * rule is unit-tested; each reason is Dutch and names the form field it belongs to (null: the whole form).
 */
export type EligibilityFacts = {
  today: string
  round: {
    year: number
    opensOn: string
    closesOn: string
    maxAmountCents: number | null
    categories: string[]
    advancePercent: number
  }
  foundation: { servesArea: boolean; verified: boolean }
  application: {
    category: string
    startDate: string
    endDate: string
    lineCents: number[]
    otherIncomeCents: number
    requestedCents: number
    advancePercent: number
    declarationTrue: boolean
    declarationPublish: boolean
    attachmentKinds: AttachmentKind[]
  }
}

export type Reason = { field: string | null; message: string }

/** The attachments a complete application must have. */
export const REQUIRED_ATTACHMENTS: AttachmentKind[] = ['quote']

export function eligibilityReasons(f: EligibilityFacts): Reason[] {
  const reasons: Reason[] = []
  const { round, application: a } = f
  if (f.today < round.opensOn || f.today > round.closesOn) {
    reasons.push({
      field: null,
      message: `De budgetronde ${round.year} is gesloten (open van ${dutch(round.opensOn)} tot en met ${dutch(round.closesOn)}). U kunt nu niet indienen; uw concept blijft bewaard.`,
    })
  }
  if (!f.foundation.servesArea)
    reasons.push({
      field: 'areaId',
      message: 'Uw stichting werkt niet in deze wijk. Kies een wijk waar uw stichting actief is.',
    })
  if (!f.foundation.verified) {
    reasons.push({
      field: null,
      message:
        'Uw stichting is nog niet gecontroleerd door de gemeente (KvK-nummer en IBAN). Zodra dat is gebeurd kunt u indienen; uw concept blijft bewaard.',
    })
  }
  if (round.categories.length > 0 && !round.categories.includes(a.category)) {
    reasons.push({
      field: 'category',
      message: `Deze soort initiatief doet in ronde ${round.year} niet mee. Kies een andere soort.`,
    })
  }
  for (const [field, value] of [
    ['startDate', a.startDate],
    ['endDate', a.endDate],
  ] as const) {
    if (Number(value.slice(0, 4)) !== round.year) {
      reasons.push({ field, message: `Het initiatief moet in ${round.year} plaatsvinden (budgetronde ${round.year}).` })
    }
  }
  const costs = a.lineCents.reduce((s, c) => s + c, 0)
  if (a.lineCents.length === 0 || a.lineCents.some((c) => !Number.isSafeInteger(c) || c <= 0)) {
    reasons.push({ field: 'lines', message: 'Elke begrotingsregel moet een bedrag van meer dan € 0,00 hebben.' })
  } else if (a.requestedCents !== costs - a.otherIncomeCents || a.requestedCents <= 0) {
    reasons.push({
      field: 'otherIncome',
      message: `De begroting klopt niet: kosten ${formatMoney(costs)} min andere inkomsten ${formatMoney(a.otherIncomeCents)} moet het aangevraagde bedrag zijn, en dat moet meer dan € 0,00 zijn.`,
    })
  }
  if (round.maxAmountCents !== null && a.requestedCents > round.maxAmountCents) {
    reasons.push({
      field: 'lines',
      message: `U vraagt ${formatMoney(a.requestedCents)}; in ronde ${round.year} is het maximum per aanvraag ${formatMoney(round.maxAmountCents)}.`,
    })
  }
  if (a.advancePercent > round.advancePercent) {
    reasons.push({
      field: 'advancePercent',
      message: `Het voorschot is in ronde ${round.year} hoogstens ${round.advancePercent}%.`,
    })
  }
  for (const kind of REQUIRED_ATTACHMENTS) {
    if (!a.attachmentKinds.includes(kind)) {
      reasons.push({
        field: 'attachment',
        message: 'Voeg minstens één offerte toe (PDF, JPEG of PNG) die de begroting onderbouwt.',
      })
    }
  }
  if (!a.declarationTrue)
    reasons.push({
      field: 'declarationTrue',
      message: 'Verklaar dat de aanvraag naar waarheid en volledig is ingevuld.',
    })
  if (!a.declarationPublish)
    reasons.push({
      field: 'declarationPublish',
      message: 'Geef toestemming om het initiatief en het toegekende bedrag te publiceren.',
    })
  return reasons
}

function dutch(iso: string) {
  const [y, m, d] = iso.split('-')
  return `${d}-${m}-${y}`
}

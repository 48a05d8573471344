import { create } from 'xmlbuilder2'

/**
 * A SEPA credit transfer initiation, ISO 20022 pain.001.001.09 (docs/decisions/0028), built with
 * xmlbuilder2 (no string templates: every value is escaped by the builder). One payment information
 * block (one debtor account, one execution date), one transaction per payment.
 */
export const PAIN_001_NS = 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.09'

export type SepaDebtor = { name: string; iban: string; bic: string }
export type SepaTransaction = {
  endToEndId: string
  amountCents: number
  creditorName: string
  creditorIban: string
  remittance: string
}
export type Pain001Input = {
  messageId: string
  createdAt: Date
  executionDate: string
  debtor: SepaDebtor
  paymentInfoId: string
  transactions: SepaTransaction[]
}

/** Limits of the EPC implementation guidelines (characters). */
export const LIMITS = { id: 35, name: 70, remittance: 140 } as const

/**
 * The SEPA Latin character set (EPC217-08): a-z A-Z 0-9 / - ? : ( ) . , ' + and space. Accents are
 * dropped (é -> e), & becomes +, everything else a space; then trimmed to `max` characters.
 */
export function sepaText(value: string, max: number): string {
  const latin = value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/&/g, '+')
    .replace(/[^A-Za-z0-9/\-?:().,'+ ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  return latin.slice(0, max).trim()
}

/** An identifier: SEPA Latin without spaces, never starting or ending with '/' and without '//'. */
export function sepaId(value: string): string {
  return sepaText(value, LIMITS.id)
    .replace(/ /g, '-')
    .replace(/\/+/g, '/')
    .replace(/^\/|\/$/g, '')
}

export const euros = (cents: number) => `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`

/** ISO date-time without milliseconds, as the banks want it (2026-12-01T21:00:00). */
const isoSeconds = (d: Date) => d.toISOString().slice(0, 19)

export function buildPain001(input: Pain001Input): string {
  if (input.transactions.length === 0) throw new Error('A SEPA file needs at least one transaction')
  for (const t of input.transactions)
    if (!Number.isSafeInteger(t.amountCents) || t.amountCents <= 0) throw new Error(`Invalid amount ${t.amountCents}`)
  const total = input.transactions.reduce((s, t) => s + t.amountCents, 0)
  const count = String(input.transactions.length)
  const doc = create({ version: '1.0', encoding: 'UTF-8' }).ele(PAIN_001_NS, 'Document').ele('CstmrCdtTrfInitn')
  const header = doc.ele('GrpHdr')
  header.ele('MsgId').txt(sepaId(input.messageId))
  header.ele('CreDtTm').txt(isoSeconds(input.createdAt))
  header.ele('NbOfTxs').txt(count)
  header.ele('CtrlSum').txt(euros(total))
  header.ele('InitgPty').ele('Nm').txt(sepaText(input.debtor.name, LIMITS.name))
  const info = doc.ele('PmtInf')
  info.ele('PmtInfId').txt(sepaId(input.paymentInfoId))
  info.ele('PmtMtd').txt('TRF')
  info.ele('BtchBookg').txt('true')
  info.ele('NbOfTxs').txt(count)
  info.ele('CtrlSum').txt(euros(total))
  info.ele('PmtTpInf').ele('SvcLvl').ele('Cd').txt('SEPA')
  info.ele('ReqdExctnDt').ele('Dt').txt(input.executionDate)
  info.ele('Dbtr').ele('Nm').txt(sepaText(input.debtor.name, LIMITS.name))
  info.ele('DbtrAcct').ele('Id').ele('IBAN').txt(input.debtor.iban.replace(/\s+/g, '').toUpperCase())
  info.ele('DbtrAgt').ele('FinInstnId').ele('BICFI').txt(input.debtor.bic.replace(/\s+/g, '').toUpperCase())
  info.ele('ChrgBr').txt('SLEV')
  for (const t of input.transactions) {
    const tx = info.ele('CdtTrfTxInf')
    tx.ele('PmtId').ele('EndToEndId').txt(sepaId(t.endToEndId))
    tx.ele('Amt').ele('InstdAmt', { Ccy: 'EUR' }).txt(euros(t.amountCents))
    tx.ele('Cdtr').ele('Nm').txt(sepaText(t.creditorName, LIMITS.name))
    tx.ele('CdtrAcct').ele('Id').ele('IBAN').txt(t.creditorIban.replace(/\s+/g, '').toUpperCase())
    tx.ele('RmtInf').ele('Ustrd').txt(sepaText(t.remittance, LIMITS.remittance))
  }
  return doc.end({ prettyPrint: true })
}

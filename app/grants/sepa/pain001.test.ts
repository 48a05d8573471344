// The SEPA file's structure, checked without the official XSD (not reachable from this machine: no
// internet except npm and Debian, and ISO 20022's XSD is not on either): well-formed XML, the
// required elements of pain.001.001.09 in their order, NbOfTxs and CtrlSum, IBAN/BIC validity,
// the SEPA Latin character set and the length limits.
import { isValidBIC, isValidIBAN } from 'ibantools'
import { describe, expect, it } from 'vitest'
import { convert } from 'xmlbuilder2'
import { validateXML } from 'xmllint-wasm'
import { LIMITS, PAIN_001_NS, buildPain001, euros, sepaText } from './pain001.ts'

type Node = { [k: string]: unknown }
const xml = buildPain001({
  messageId: 'BB-20261201-1-1',
  createdAt: new Date('2026-12-01T10:00:00Z'),
  executionDate: '2026-12-02',
  debtor: { name: 'Gemeente Amersfoort', iban: 'NL02ABNA0123456789', bic: 'ABNANL2A' },
  paymentInfoId: 'BB-20261201-1',
  transactions: [
    {
      endToEndId: 'BB-2026-0001-B1',
      amountCents: 150_000,
      creditorName: 'Stichting Hoogland Leeft & Zo',
      creditorIban: 'NL91 ABNA 0417 1643 00',
      remittance: 'Buurtbudget BB-2026-0001 Buurtfeest op het Émmaplein — met “muziek” € 2.000'.repeat(3),
    },
    {
      endToEndId: 'BB-2026-0002-B1',
      amountCents: 45_001,
      creditorName: 'Stichting Wijkbudget Zielhorst',
      creditorIban: 'NL20INGB0001234567',
      remittance: 'Buurtbudget BB-2026-0002 Moestuin',
    },
  ],
})

/** The child element names of an element, in document order. */
function childNames(el: Element): string[] {
  return Array.from(el.children).map((c) => c.localName)
}

describe('pain.001.001.09', () => {
  // A tiny DOM from xmlbuilder2's parser (it throws on XML that is not well-formed).
  const parsed = convert(xml, { format: 'object' }) as Node
  it('is well-formed XML in the pain.001.001.09 namespace', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true)
    const doc = parsed.Document as Node
    expect(doc['@xmlns']).toBe(PAIN_001_NS)
  })

  it('is well-formed by libxml2 (xmllint-wasm), and a broken file is not', async () => {
    const good = await validateXML({ xml: [{ fileName: 'batch.xml', contents: xml }], normalization: 'format' })
    expect(good.errors).toEqual([])
    const bad = await validateXML({
      xml: [{ fileName: 'bad.xml', contents: xml.replace('</CstmrCdtTrfInitn>', '') }],
      normalization: 'format',
    })
    expect(bad.valid).toBe(false)
  })

  const dom = new DOMParserLike(xml)
  it('has the required elements in their order', () => {
    expect(dom.names('Document')).toEqual(['CstmrCdtTrfInitn'])
    expect(dom.names('CstmrCdtTrfInitn')).toEqual(['GrpHdr', 'PmtInf'])
    expect(dom.names('GrpHdr')).toEqual(['MsgId', 'CreDtTm', 'NbOfTxs', 'CtrlSum', 'InitgPty'])
    expect(dom.names('PmtInf')).toEqual([
      'PmtInfId',
      'PmtMtd',
      'BtchBookg',
      'NbOfTxs',
      'CtrlSum',
      'PmtTpInf',
      'ReqdExctnDt',
      'Dbtr',
      'DbtrAcct',
      'DbtrAgt',
      'ChrgBr',
      'CdtTrfTxInf',
      'CdtTrfTxInf',
    ])
    expect(dom.names('CdtTrfTxInf')).toEqual(['PmtId', 'Amt', 'Cdtr', 'CdtrAcct', 'RmtInf'])
    expect(dom.all('ReqdExctnDt/Dt')).toEqual(['2026-12-02'])
    expect(dom.all('DbtrAgt/FinInstnId/BICFI')).toEqual(['ABNANL2A'])
    expect(xml).toContain('<InstdAmt Ccy="EUR">1500.00</InstdAmt>')
  })

  it('NbOfTxs and CtrlSum agree with the transactions', () => {
    const amounts = dom.all('InstdAmt').map(Number)
    expect(amounts).toEqual([1500, 450.01])
    expect(dom.all('GrpHdr/NbOfTxs')).toEqual(['2'])
    expect(dom.all('PmtInf/NbOfTxs')).toEqual(['2'])
    expect(dom.all('GrpHdr/CtrlSum')).toEqual([euros(195_001)])
    expect(dom.all('PmtInf/CtrlSum')).toEqual(['1950.01'])
  })

  it('every IBAN and BIC is valid', () => {
    const ibans = dom.all('IBAN')
    expect(ibans).toHaveLength(3)
    for (const iban of ibans) expect(isValidIBAN(iban), iban).toBe(true)
    for (const bic of dom.all('BICFI')) expect(isValidBIC(bic), bic).toBe(true)
  })

  it('uses only the SEPA Latin character set and keeps the length limits', () => {
    const texts = dom.allText()
    for (const t of texts) expect(t, t).toMatch(/^[A-Za-z0-9/\-?:().,'+ ]*$/)
    for (const t of dom.all('Nm')) expect(t.length).toBeLessThanOrEqual(LIMITS.name)
    for (const t of dom.all('Ustrd')) expect(t.length).toBeLessThanOrEqual(LIMITS.remittance)
    for (const tag of ['MsgId', 'PmtInfId', 'EndToEndId'])
      for (const t of dom.all(tag)) expect(t.length).toBeLessThanOrEqual(LIMITS.id)
    expect(dom.all('EndToEndId')).toEqual(['BB-2026-0001-B1', 'BB-2026-0002-B1'])
    expect(dom.all('Cdtr/Nm')[0]).toBe('Stichting Hoogland Leeft + Zo')
    expect(dom.all('Ustrd')[0].startsWith('Buurtbudget BB-2026-0001 Buurtfeest op het Emmaplein')).toBe(true)
  })

  it('transliterates and refuses what it cannot write', () => {
    expect(sepaText('Café “De Ster” & Zoon', 70)).toBe('Cafe De Ster + Zoon')
    expect(() => buildPain001({ ...sample(), transactions: [] })).toThrow()
    expect(() =>
      buildPain001({ ...sample(), transactions: [{ ...sample().transactions[0], amountCents: 0 }] }),
    ).toThrow()
  })
})

function sample() {
  return {
    messageId: 'M',
    createdAt: new Date(),
    executionDate: '2026-12-02',
    debtor: { name: 'Gemeente Amersfoort', iban: 'NL02ABNA0123456789', bic: 'ABNANL2A' },
    paymentInfoId: 'P',
    transactions: [
      { endToEndId: 'E', amountCents: 100, creditorName: 'X', creditorIban: 'NL91ABNA0417164300', remittance: 'R' },
    ],
  }
}

/** A minimal element tree over the XML (order-preserving), from xmlbuilder2's parser. */
class DOMParserLike {
  private root: Element
  constructor(text: string) {
    this.root = toElement(convert(text, { format: 'object' }) as Node, 'root')
  }
  private find(path: string, from: Element = this.root): Element[] {
    const [first, ...rest] = path.split('/')
    const matches = descendants(from).filter((e) => e.localName === first)
    if (rest.length === 0) return matches
    return matches.flatMap((m) =>
      rest.reduce<Element[]>(
        (acc, name) => acc.flatMap((a) => Array.from(a.children).filter((c) => c.localName === name)),
        [m],
      ),
    )
  }
  names(tag: string) {
    return childNames(this.find(tag)[0])
  }
  all(path: string) {
    return this.find(path).map((e) => e.textContent ?? '')
  }
  allText() {
    return descendants(this.root)
      .filter((e) => e.children.length === 0)
      .map((e) => e.textContent ?? '')
  }
}
type Element = { localName: string; children: Element[]; textContent: string | null }
function toElement(obj: unknown, name: string): Element {
  if (typeof obj !== 'object' || obj === null) return { localName: name, children: [], textContent: String(obj) }
  const children: Element[] = []
  let text: string | null = null
  for (const [k, v] of Object.entries(obj as Node)) {
    if (k.startsWith('@')) continue
    if (k === '#') {
      text = String(v)
      continue
    }
    for (const item of Array.isArray(v) ? v : [v]) children.push(toElement(item, k))
  }
  return { localName: name, children, textContent: text ?? (children.length === 0 ? '' : null) }
}
function descendants(e: Element): Element[] {
  return e.children.flatMap((c) => [c, ...descendants(c)])
}

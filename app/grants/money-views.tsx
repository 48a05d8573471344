import {
  getFormProps,
  getInputProps,
  getSelectProps,
  useForm,
  type Submission,
  type SubmissionResult,
} from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import type { z } from 'zod'
import { fill } from '#app/i18n/i18n.ts'
import { useMessages } from '#app/i18n/use-messages.ts'
import { formatMoney } from '#app/money/money.ts'
import { FieldErrors, FormErrors, Money, TableScroll } from '#app/ui/components.tsx'
import { TextAreaField, TextField } from '#app/ui/fields.tsx'
import { formatDate } from '#app/ui/format.ts'
import { MONEY_SCHEMAS, type MoneyIntent } from './forms.ts'
import type { GrantMoney, PaymentShownAs } from './page.server.ts'
import { Caption, Select, SubmitButton, Table, Tbody, Td, Th, Thead, Tr } from '#app/ui/nlds.tsx'

/** What an action answered: the form (intent, and which row for per-row forms) and its reply. */
export type MoneyActionData = { intent?: string; target?: string; result?: unknown } | undefined

function useMoneyForm(intent: MoneyIntent, actionData: MoneyActionData, target?: string) {
  const schema = MONEY_SCHEMAS[intent] as z.ZodTypeAny
  const mine = actionData?.intent === intent && (target === undefined || actionData.target === target)
  return useForm<Record<string, string | undefined>>({
    id: target ? `form-${intent}-${target}` : `form-${intent}`,
    lastResult: mine ? (actionData?.result as SubmissionResult<string[]>) : undefined,
    shouldValidate: 'onBlur',
    // errors clear while typing, so none disappears (moving the button) at the click that submits
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema }) as Submission<Record<string, string | undefined>>,
  })
}

/** The grant's money as the ledger has it: awarded, committed, paid, spent, left. */
export function MoneyFacts({ money }: { money: GrantMoney }) {
  const m = useMessages()
  const g = m.grants.ui
  const b = money.balances
  return (
    <dl className="facts" data-testid="grant-money">
      <dt>{m.common.awarded}</dt>
      <dd data-col="awarded">
        <Money cents={money.awardedCents} />
      </dd>
      <dt>{g.committed}</dt>
      <dd data-col="committed">
        <Money cents={b.committed} />
      </dd>
      <dt>{g.paid}</dt>
      <dd data-col="paid">
        <Money cents={b.paid} />
      </dd>
      <dt>{g.spent}</dt>
      <dd data-col="spent">
        <Money cents={b.spent} />
      </dd>
      {b.recoveryDue > 0 ? (
        <>
          <dt>{g.recoveryDue}</dt>
          <dd data-col="recoveryDue">
            <Money cents={b.recoveryDue} />
          </dd>
        </>
      ) : null}
      {b.recovered > 0 ? (
        <>
          <dt>{g.recovered}</dt>
          <dd>
            <Money cents={b.recovered} />
          </dd>
        </>
      ) : null}
      <dt>{g.left}</dt>
      <dd data-col="left">
        <Money cents={money.payableCents} />
      </dd>
    </dl>
  )
}

export function PaymentStatusText({ shownAs }: { shownAs: PaymentShownAs }) {
  const m = useMessages()
  // The spaces around keep the badge a word of its own for a screen reader, as StatusBadge does.
  return (
    <>
      {' '}
      <span className={`badge payment-${shownAs}`}>{m.grants.ui.paymentStatus[shownAs]}</span>{' '}
    </>
  )
}

/** The reviewer's list of payments, with approve (four eyes) for a proposed one. */
export function ReviewerPayments({
  money,
  userId,
  actionData,
}: {
  money: GrantMoney
  userId: string
  actionData: MoneyActionData
}) {
  const m = useMessages()
  const g = m.grants.ui
  if (money.payments.length === 0) return <p>{g.noPayments}</p>
  return (
    <TableScroll>
      <Table data-testid="payments">
        <Caption>{g.payments}</Caption>
        <Thead>
          <Tr>
            <Th scope="col">{g.reference}</Th>
            <Th scope="col">{g.kindLabel}</Th>
            <Th scope="col">{m.common.date}</Th>
            <Th scope="col">{m.common.amount}</Th>
            <Th scope="col">{g.status}</Th>
          </Tr>
        </Thead>
        <Tbody>
          {money.payments.map((p) => (
            <Tr key={p.id} data-payment={p.reference ?? p.id}>
              <Td>{p.reference}</Td>
              <Td>{g.kinds[p.kind]}</Td>
              <Td>{formatDate(p.payOn)}</Td>
              <Td>
                <Money cents={p.amountCents} />
              </Td>
              <Td>
                <PaymentStatusText shownAs={p.shownAs} />
                {p.recordedBy ? <p className="hint">{fill(g.proposedBy, { name: p.recordedBy })}</p> : null}
                {p.approvedBy ? <p className="hint">{fill(g.approvedBy, { name: p.approvedBy })}</p> : null}
                {p.batch ? <p className="hint">{fill(g.inBatch, { batch: p.batch })}</p> : null}
                {p.status === 'PROPOSED' ? (
                  <ApprovePaymentForm paymentId={p.id} mine={p.recordedById === userId} actionData={actionData} />
                ) : null}
              </Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
    </TableScroll>
  )
}

function ApprovePaymentForm({
  paymentId,
  mine,
  actionData,
}: {
  paymentId: string
  mine: boolean
  actionData: MoneyActionData
}) {
  const m = useMessages()
  const [form, fields] = useMoneyForm('approve-payment', actionData, paymentId)
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <input type="hidden" name="intent" value="approve-payment" />
      <input type="hidden" name="paymentId" value={paymentId} />
      {mine ? <p className="hint">{m.grants.ui.ownProposal}</p> : null}
      <FormErrors id={form.errorId} errors={form.errors} />
      <FieldErrors id={fields.paymentId.errorId} errors={fields.paymentId.errors} />
      <SubmitButton small>{m.grants.ui.approvePayment}</SubmitButton>
    </Form>
  )
}

/** A tranche (or an advance by hand): at most what is committed and not already on its way. */
export function ProposePaymentForm({
  money,
  today,
  formKey,
  actionData,
}: {
  money: GrantMoney
  today: string
  formKey: string
  actionData: MoneyActionData
}) {
  const m = useMessages()
  const g = m.grants.ui
  const [form, fields] = useMoneyForm('propose-payment', actionData)
  const hasAdvance = money.payments.some((p) => p.kind === 'ADVANCE' && p.status !== 'CANCELLED')
  return (
    <Form method="post" {...getFormProps(form)} className="card stack" key={formKey}>
      <h3>{g.proposeTitle}</h3>
      <p className="hint">
        {fill(g.proposeHint, {
          left: formatMoney(money.payableCents),
          threshold: formatMoney(money.thresholdCents),
        })}
      </p>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="propose-payment" />
      <input type="hidden" name="key" value={formKey} />
      <div className="field">
        <label htmlFor={fields.kind.id}>{g.kindLabel}</label>
        <Select {...getSelectProps(fields.kind)} defaultValue={hasAdvance ? 'TRANCHE' : 'ADVANCE'}>
          <option value="TRANCHE">{g.kinds.TRANCHE}</option>
          <option value="ADVANCE">{g.kinds.ADVANCE}</option>
        </Select>
        <FieldErrors id={fields.kind.errorId} errors={fields.kind.errors} />
      </div>
      <TextField meta={fields.amount} label={g.amountEuro} inputMode="decimal" />
      <div className="field">
        <label htmlFor={fields.payOn.id}>{g.payOn}</label>
        <p className="hint" id={`${fields.payOn.id}-hint`}>
          {g.payOnHint}
        </p>
        <input
          {...getInputProps(fields.payOn, { type: 'date' })}
          defaultValue={fields.payOn.initialValue ?? today}
          aria-describedby={[`${fields.payOn.id}-hint`, fields.payOn.errors ? fields.payOn.errorId : '']
            .filter(Boolean)
            .join(' ')}
        />
        <FieldErrors id={fields.payOn.errorId} errors={fields.payOn.errors} />
      </div>
      <TextField meta={fields.description} label={m.common.description} />
      <SubmitButton>{g.propose}</SubmitButton>
    </Form>
  )
}

/** The foundation's expenses with their receipts; the reviewer accepts or rejects each. */
export function ExpenseList({
  money,
  fileBase,
  review,
  actionData,
}: {
  money: GrantMoney
  fileBase: string
  review?: boolean
  actionData?: MoneyActionData
}) {
  const m = useMessages()
  const g = m.grants.ui
  if (money.expenses.length === 0) return <p>{g.noExpenses}</p>
  return (
    <ul className="stack expense-list" data-testid="expenses">
      {money.expenses.map((e) => (
        <li key={e.id} className="card stack" data-expense={e.description}>
          <p>
            <strong>
              <Money cents={e.amountCents} />
            </strong>{' '}
            · {formatDate(e.spentOn)} · {e.supplier} — {e.description}
            {e.budgetLine ? ` (${e.budgetLine})` : ''}
          </p>
          <p>
            {g.status}: <span className={`badge expense-${e.status}`}>{g.expenseStatus[e.status]}</span>
            {e.reviewReason ? ` — ${e.reviewReason}` : ''}
          </p>
          {e.receipts.length ? (
            <p>
              {g.receipts}:{' '}
              {e.receipts.map((r, i) => (
                <span key={r.id}>
                  {i > 0 ? ', ' : ''}
                  <a href={`${fileBase}/${r.id}`} download>
                    {r.filename}
                  </a>
                </span>
              ))}
            </p>
          ) : null}
          {review && e.status === 'SUBMITTED' ? <ReviewExpenseForm expenseId={e.id} actionData={actionData} /> : null}
        </li>
      ))}
    </ul>
  )
}

function ReviewExpenseForm({ expenseId, actionData }: { expenseId: string; actionData?: MoneyActionData }) {
  const m = useMessages()
  const g = m.grants.ui
  const [form, fields] = useMoneyForm('review-expense', actionData, expenseId)
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="review-expense" />
      <input type="hidden" name="expenseId" value={expenseId} />
      <TextField meta={fields.reason} label={g.reviewReason} hint={g.reviewReasonHint} />
      <div className="button-row">
        <SubmitButton small name="decision" value="accept">
          {g.accept}
        </SubmitButton>
        <SubmitButton variant="secondary" small name="decision" value="reject">
          {g.reject}
        </SubmitButton>
      </div>
      <FieldErrors id={fields.decision.errorId} errors={fields.decision.errors} />
    </Form>
  )
}

/** Per budget line: planned, accepted as spent, left; submitted and not yet reviewed beside it. */
export function SpendByLine({ money }: { money: GrantMoney }) {
  const m = useMessages()
  const g = m.grants.ui
  return (
    <TableScroll>
      <Table data-testid="spend-by-line">
        <Caption>{g.byLine}</Caption>
        <Thead>
          <Tr>
            <Th scope="col">{g.line}</Th>
            <Th scope="col">{g.planned}</Th>
            <Th scope="col">{g.spentAccepted}</Th>
            <Th scope="col">{g.submitted}</Th>
            <Th scope="col">{g.leftLine}</Th>
          </Tr>
        </Thead>
        <Tbody>
          {money.lines.rows.map((l) => (
            <Tr key={l.id} data-line={l.description}>
              <Th scope="row">{l.description}</Th>
              <Td data-col="planned">
                <Money cents={l.planned} />
              </Td>
              <Td data-col="spent">
                <Money cents={l.spent} />
              </Td>
              <Td data-col="submitted">
                <Money cents={l.submitted} />
              </Td>
              <Td data-col="left">
                <Money cents={l.left} />
              </Td>
            </Tr>
          ))}
          {money.lines.unassigned.spent || money.lines.unassigned.submitted ? (
            <Tr>
              <Th scope="row">{g.noLine}</Th>
              <Td />
              <Td>
                <Money cents={money.lines.unassigned.spent} />
              </Td>
              <Td>
                <Money cents={money.lines.unassigned.submitted} />
              </Td>
              <Td />
            </Tr>
          ) : null}
        </Tbody>
      </Table>
    </TableScroll>
  )
}

/** The vaststelling: the final amount with reasons; the page shows what follows before it is booked. */
export function SettleForm({ money, actionData }: { money: GrantMoney; actionData: MoneyActionData }) {
  const m = useMessages()
  const g = m.grants.ui
  const [form, fields] = useMoneyForm('settle', actionData)
  return (
    <Form method="post" {...getFormProps(form)} className="card stack">
      <h3>{g.settleTitle}</h3>
      <p className="hint">
        {fill(g.settleHint, {
          awarded: formatMoney(money.awardedCents),
          paidOut: formatMoney(money.paidOutCents),
          accepted: formatMoney(money.balances.spent),
        })}
      </p>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="settle" />
      <TextField meta={fields.finalAmount} label={g.finalAmount} inputMode="decimal" />
      <TextAreaField meta={fields.reason} label={g.settleReason} />
      <SubmitButton>{g.settle}</SubmitButton>
    </Form>
  )
}

/** After the vaststelling: the final amount, the final payment or the recovery. */
export function SettlementFacts({ money }: { money: GrantMoney }) {
  const m = useMessages()
  const g = m.grants.ui
  const s = money.settlement
  if (!s) return null
  return (
    <section className="card stack" aria-labelledby="settlement-title" data-testid="settlement">
      <h3 id="settlement-title">{g.settledTitle}</h3>
      <dl className="facts">
        <dt>{g.finalAmount}</dt>
        <dd data-col="final">
          <Money cents={s.finalCents} />
        </dd>
        <dt>{g.paidOut}</dt>
        <dd>
          <Money cents={s.paidOutCents} />
        </dd>
        {s.finalPaymentCents > 0 ? (
          <>
            <dt>{g.finalPayment}</dt>
            <dd data-col="finalPayment">
              <Money cents={s.finalPaymentCents} />
            </dd>
          </>
        ) : null}
        {s.recoveryCents > 0 ? (
          <>
            <dt>{g.recovery}</dt>
            <dd data-col="recovery">
              <Money cents={s.recoveryCents} />
            </dd>
          </>
        ) : null}
        <dt>{g.returned}</dt>
        <dd data-col="returned">
          <Money cents={s.returnedCents} />
        </dd>
      </dl>
      <p>{s.reason}</p>
      {s.recovery ? (
        <p data-testid="recovery-state">
          {s.recovery.closed
            ? fill(g.recoveryClosed, { amount: formatMoney(s.recovery.amountCents) })
            : fill(g.recoveryOpen, {
                received: formatMoney(s.recovery.receivedCents),
                amount: formatMoney(s.recovery.amountCents),
                due: formatDate(s.recovery.dueOn),
              })}
        </p>
      ) : null}
    </section>
  )
}

export function RecoveryForm({
  money,
  today,
  formKey,
  actionData,
}: {
  money: GrantMoney
  today: string
  formKey: string
  actionData: MoneyActionData
}) {
  const m = useMessages()
  const g = m.grants.ui
  const [form, fields] = useMoneyForm('recovery', actionData)
  const r = money.settlement?.recovery
  if (!r || r.closed) return null
  return (
    <Form method="post" {...getFormProps(form)} className="card stack" key={formKey}>
      <h3>{g.recoveryTitle}</h3>
      <p className="hint">{fill(g.recoveryHint, { left: formatMoney(r.amountCents - r.receivedCents) })}</p>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="recovery" />
      <TextField meta={fields.amount} label={g.amountReceived} inputMode="decimal" />
      <div className="field">
        <label htmlFor={fields.receivedOn.id}>{g.receivedOn}</label>
        <input
          {...getInputProps(fields.receivedOn, { type: 'date' })}
          defaultValue={fields.receivedOn.initialValue ?? today}
          aria-describedby={fields.receivedOn.errors ? fields.receivedOn.errorId : undefined}
        />
        <FieldErrors id={fields.receivedOn.errorId} errors={fields.receivedOn.errors} />
      </div>
      <SubmitButton>{g.registerRecovery}</SubmitButton>
    </Form>
  )
}

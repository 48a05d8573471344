// The decision term and its arithmetic moved to app/review/terms.ts (date-fns in Europe/Amsterdam,
// with the Algemene termijnenwet). This module stays as the intake's import path.
export { DECISION_TERM_DAYS, addDays, daysBetween, decisionDueOn, resumeClock } from '#app/review/terms.ts'

-- The ledger's accounts and causes for the whole lifecycle after the award (see app/ledger/accounts.ts):
-- four-eyes reservations, recovery (terugvordering), and the end of a round.
ALTER TYPE "AccountKind" ADD VALUE 'GRANT_RESERVED';
ALTER TYPE "AccountKind" ADD VALUE 'GRANT_RECOVERY_DUE';
ALTER TYPE "AccountKind" ADD VALUE 'GRANT_RECOVERED';
ALTER TYPE "AccountKind" ADD VALUE 'ROUND_RETURNED';
ALTER TYPE "AccountKind" ADD VALUE 'ROUND_CARRIED_OVER';

ALTER TYPE "LedgerCause" ADD VALUE 'RESERVATION';
ALTER TYPE "LedgerCause" ADD VALUE 'RESERVATION_RELEASE';
ALTER TYPE "LedgerCause" ADD VALUE 'SETTLEMENT';
ALTER TYPE "LedgerCause" ADD VALUE 'RECOVERY';
ALTER TYPE "LedgerCause" ADD VALUE 'ROUND_CLOSE';
ALTER TYPE "LedgerCause" ADD VALUE 'CARRY_OVER';

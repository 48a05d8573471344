-- After the award (docs/decisions/0029): payments in SEPA batches, expenses with receipts and review,
-- the verantwoording, the vaststelling with recovery, reminders, and closing a round.
CREATE TYPE "PaymentKind" AS ENUM ('MANUAL', 'ADVANCE', 'TRANCHE', 'FINAL');
CREATE TYPE "PaymentStatus" AS ENUM ('PROPOSED', 'RELEASED', 'BATCHED', 'SENT', 'CANCELLED');
CREATE TYPE "BatchStatus" AS ENUM ('OPEN', 'EXPORTED', 'SENT');
CREATE TYPE "ExpenseStatus" AS ENUM ('SUBMITTED', 'ACCEPTED', 'REJECTED');

ALTER TABLE "BudgetRound" ADD COLUMN     "paymentApprovalThresholdCents" BIGINT NOT NULL DEFAULT 100000,
ADD COLUMN     "settleAtAwardBelowCents" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "closedAt" TIMESTAMP(3);

ALTER TABLE "LedgerEntry" ADD COLUMN     "reversesId" BIGINT;
CREATE UNIQUE INDEX "LedgerEntry_reversesId_key" ON "LedgerEntry"("reversesId");

-- Old payments were booked when they were typed: they keep status SENT and kind MANUAL.
ALTER TABLE "Payment" ADD COLUMN     "kind" "PaymentKind" NOT NULL DEFAULT 'MANUAL',
ADD COLUMN     "status" "PaymentStatus" NOT NULL DEFAULT 'SENT',
ADD COLUMN     "reference" TEXT,
ADD COLUMN     "iban" TEXT,
ADD COLUMN     "accountHolder" TEXT,
ADD COLUMN     "approvedById" TEXT,
ADD COLUMN     "approvedAt" TIMESTAMP(3),
ADD COLUMN     "batchId" TEXT,
ADD COLUMN     "sentAt" TIMESTAMP(3),
ADD COLUMN     "cancelledAt" TIMESTAMP(3),
ADD COLUMN     "cancelReason" TEXT,
ADD COLUMN     "idempotencyKey" TEXT;
CREATE UNIQUE INDEX "Payment_reference_key" ON "Payment"("reference");
CREATE UNIQUE INDEX "Payment_idempotencyKey_key" ON "Payment"("idempotencyKey");
CREATE INDEX "Payment_status_idx" ON "Payment"("status");
CREATE INDEX "Payment_batchId_idx" ON "Payment"("batchId");

-- Old expenses were booked as spent when they were typed: they keep status ACCEPTED.
ALTER TABLE "Expense" ADD COLUMN     "supplier" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "budgetLineId" TEXT,
ADD COLUMN     "status" "ExpenseStatus" NOT NULL DEFAULT 'ACCEPTED',
ADD COLUMN     "reviewedById" TEXT,
ADD COLUMN     "reviewedAt" TIMESTAMP(3),
ADD COLUMN     "reviewReason" TEXT,
ADD COLUMN     "idempotencyKey" TEXT;
CREATE UNIQUE INDEX "Expense_idempotencyKey_key" ON "Expense"("idempotencyKey");

CREATE TABLE "PaymentBatch" (
    "id" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "status" "BatchStatus" NOT NULL DEFAULT 'OPEN',
    "executionDate" DATE NOT NULL,
    "totalCents" BIGINT NOT NULL,
    "count" INTEGER NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),
    "sentById" TEXT,

    CONSTRAINT "PaymentBatch_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "PaymentBatch_reference_key" ON "PaymentBatch"("reference");

CREATE TABLE "BatchExport" (
    "id" TEXT NOT NULL,
    "batchId" TEXT NOT NULL,
    "exportedById" TEXT NOT NULL,
    "reason" TEXT,
    "sha256" TEXT NOT NULL,
    "xml" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BatchExport_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "BatchExport_batchId_idx" ON "BatchExport"("batchId");

CREATE TABLE "GrantFile" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "expenseId" TEXT,
    "kind" TEXT NOT NULL,
    "filename" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "data" BYTEA NOT NULL,
    "uploadedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GrantFile_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "GrantFile_applicationId_idx" ON "GrantFile"("applicationId");
CREATE INDEX "GrantFile_expenseId_idx" ON "GrantFile"("expenseId");

CREATE TABLE "GrantReport" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "dueOn" DATE NOT NULL,
    "whatHappened" TEXT NOT NULL,
    "participants" INTEGER NOT NULL,
    "submittedById" TEXT NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GrantReport_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "GrantReport_applicationId_key" ON "GrantReport"("applicationId");

CREATE TABLE "Settlement" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "awardedCents" BIGINT NOT NULL,
    "acceptedCents" BIGINT NOT NULL,
    "paidOutCents" BIGINT NOT NULL,
    "finalCents" BIGINT NOT NULL,
    "finalPaymentCents" BIGINT NOT NULL,
    "recoveryCents" BIGINT NOT NULL,
    "returnedCents" BIGINT NOT NULL,
    "reason" TEXT NOT NULL,
    "atAward" BOOLEAN NOT NULL DEFAULT false,
    "documentId" TEXT,
    "settledById" TEXT NOT NULL,
    "settledAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Settlement_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "Settlement_applicationId_key" ON "Settlement"("applicationId");

CREATE TABLE "Recovery" (
    "id" TEXT NOT NULL,
    "settlementId" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "amountCents" BIGINT NOT NULL,
    "dueOn" DATE NOT NULL,
    "receivedCents" BIGINT NOT NULL DEFAULT 0,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "Recovery_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "Recovery_settlementId_key" ON "Recovery"("settlementId");
CREATE UNIQUE INDEX "Recovery_applicationId_key" ON "Recovery"("applicationId");

CREATE TABLE "RecoveryReceipt" (
    "id" TEXT NOT NULL,
    "recoveryId" TEXT NOT NULL,
    "amountCents" BIGINT NOT NULL,
    "receivedOn" DATE NOT NULL,
    "recordedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecoveryReceipt_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "RecoveryReceipt_recoveryId_idx" ON "RecoveryReceipt"("recoveryId");

CREATE TABLE "ReportReminder" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "dueOn" DATE NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReportReminder_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "ReportReminder_applicationId_kind_key" ON "ReportReminder"("applicationId", "kind");

CREATE TABLE "RoundClosing" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "policy" "UnspentPolicy" NOT NULL,
    "nextRoundId" TEXT,
    "returnedCents" BIGINT NOT NULL,
    "carriedCents" BIGINT NOT NULL,
    "closedById" TEXT NOT NULL,
    "closedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RoundClosing_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "RoundClosing_roundId_key" ON "RoundClosing"("roundId");

ALTER TABLE "Payment" ADD CONSTRAINT "Payment_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "PaymentBatch"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "BatchExport" ADD CONSTRAINT "BatchExport_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "PaymentBatch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "GrantFile" ADD CONSTRAINT "GrantFile_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "GrantFile" ADD CONSTRAINT "GrantFile_expenseId_fkey" FOREIGN KEY ("expenseId") REFERENCES "Expense"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "GrantReport" ADD CONSTRAINT "GrantReport_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Settlement" ADD CONSTRAINT "Settlement_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Recovery" ADD CONSTRAINT "Recovery_settlementId_fkey" FOREIGN KEY ("settlementId") REFERENCES "Settlement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "RecoveryReceipt" ADD CONSTRAINT "RecoveryReceipt_recoveryId_fkey" FOREIGN KEY ("recoveryId") REFERENCES "Recovery"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "ReportReminder" ADD CONSTRAINT "ReportReminder_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "RoundClosing" ADD CONSTRAINT "RoundClosing_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "BudgetRound"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Money that left for the bank is history: once a payment or a batch is SENT, the database refuses
-- to change or remove it (corrections are REVERSAL entries in the ledger and new payments).
CREATE FUNCTION "Payment_sent_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD."status" = 'SENT' THEN
        RAISE EXCEPTION 'sent payments and batches are immutable (% on "%" refused)', TG_OP, TG_TABLE_NAME
            USING HINT = 'Book a reversal or a new payment instead.';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER "Payment_no_change_once_sent" BEFORE UPDATE OR DELETE ON "Payment"
    FOR EACH ROW EXECUTE FUNCTION "Payment_sent_immutable"();

CREATE TRIGGER "PaymentBatch_no_change_once_sent" BEFORE UPDATE OR DELETE ON "PaymentBatch"
    FOR EACH ROW EXECUTE FUNCTION "Payment_sent_immutable"();

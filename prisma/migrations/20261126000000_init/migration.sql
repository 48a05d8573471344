-- CreateEnum
CREATE TYPE "Role" AS ENUM ('FOUNDATION_MEMBER', 'REVIEWER', 'AUDITOR', 'ADMINISTRATOR');

-- CreateEnum
CREATE TYPE "MembershipRole" AS ENUM ('FOUNDATION_ADMIN', 'MEMBER');

-- CreateEnum
CREATE TYPE "ApplicationStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'INCOMPLETE', 'IN_REVIEW', 'AWARDED', 'REJECTED', 'WITHDRAWN', 'REPORT_SUBMITTED', 'SETTLED', 'CLOSED');

-- CreateEnum
CREATE TYPE "AllocationStatus" AS ENUM ('DRAFT', 'PUBLISHED');

-- CreateEnum
CREATE TYPE "AccountKind" AS ENUM ('BUDGET_SOURCE', 'ROUND_POT', 'AREA_AVAILABLE', 'GRANT_COMMITTED', 'GRANT_PAID', 'GRANT_SPENT');

-- CreateEnum
CREATE TYPE "LedgerCause" AS ENUM ('ROUND_FUNDING', 'ALLOCATION', 'AWARD', 'PAYMENT', 'EXPENSE', 'REVERSAL');

-- CreateTable
CREATE TABLE "Area" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "inhabitants" INTEGER NOT NULL,
    "priority" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Area_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Foundation" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kvkNumber" TEXT NOT NULL,
    "iban" TEXT NOT NULL,
    "accountHolder" TEXT NOT NULL,
    "contactName" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "phone" TEXT,
    "verifiedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Foundation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FoundationArea" (
    "foundationId" TEXT NOT NULL,
    "areaId" TEXT NOT NULL,

    CONSTRAINT "FoundationArea_pkey" PRIMARY KEY ("foundationId","areaId")
);

-- CreateTable
CREATE TABLE "Membership" (
    "userId" TEXT NOT NULL,
    "foundationId" TEXT NOT NULL,
    "role" "MembershipRole" NOT NULL DEFAULT 'MEMBER',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Membership_pkey" PRIMARY KEY ("userId","foundationId")
);

-- CreateTable
CREATE TABLE "ReviewerArea" (
    "userId" TEXT NOT NULL,
    "areaId" TEXT NOT NULL,

    CONSTRAINT "ReviewerArea_pkey" PRIMARY KEY ("userId","areaId")
);

-- CreateTable
CREATE TABLE "BudgetRound" (
    "id" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "potCents" BIGINT NOT NULL,
    "fixedAllowanceCents" BIGINT NOT NULL DEFAULT 0,
    "opensOn" DATE NOT NULL,
    "closesOn" DATE NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BudgetRound_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoundArea" (
    "roundId" TEXT NOT NULL,
    "areaId" TEXT NOT NULL,
    "weightMilli" INTEGER NOT NULL DEFAULT 1000,
    "floorCents" BIGINT,
    "capCents" BIGINT,

    CONSTRAINT "RoundArea_pkey" PRIMARY KEY ("roundId","areaId")
);

-- CreateTable
CREATE TABLE "Allocation" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "status" "AllocationStatus" NOT NULL DEFAULT 'DRAFT',
    "potCents" BIGINT NOT NULL,
    "fixedAllowanceCents" BIGINT NOT NULL,
    "reason" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedAt" TIMESTAMP(3),

    CONSTRAINT "Allocation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AllocationLine" (
    "allocationId" TEXT NOT NULL,
    "areaId" TEXT NOT NULL,
    "inhabitants" INTEGER NOT NULL,
    "weightMilli" INTEGER NOT NULL,
    "fixedCents" BIGINT NOT NULL,
    "proportionalCents" BIGINT NOT NULL,
    "roundingCents" INTEGER NOT NULL,
    "totalCents" BIGINT NOT NULL,

    CONSTRAINT "AllocationLine_pkey" PRIMARY KEY ("allocationId","areaId")
);

-- CreateTable
CREATE TABLE "Application" (
    "id" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "areaId" TEXT NOT NULL,
    "foundationId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "startDate" DATE,
    "endDate" DATE,
    "status" "ApplicationStatus" NOT NULL DEFAULT 'DRAFT',
    "requestedCents" BIGINT NOT NULL DEFAULT 0,
    "awardedCents" BIGINT,
    "decisionReason" TEXT,
    "submittedAt" TIMESTAMP(3),
    "decidedAt" TIMESTAMP(3),
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Application_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BudgetLine" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "description" TEXT NOT NULL,
    "amountCents" BIGINT NOT NULL,

    CONSTRAINT "BudgetLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatusChange" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "fromStatus" "ApplicationStatus",
    "toStatus" "ApplicationStatus" NOT NULL,
    "actorId" TEXT NOT NULL,
    "reason" TEXT,
    "data" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StatusChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Payment" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "amountCents" BIGINT NOT NULL,
    "paidOn" DATE NOT NULL,
    "description" TEXT NOT NULL,
    "recordedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Payment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Expense" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "amountCents" BIGINT NOT NULL,
    "spentOn" DATE NOT NULL,
    "description" TEXT NOT NULL,
    "recordedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Expense_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Account" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "kind" "AccountKind" NOT NULL,
    "roundId" TEXT NOT NULL,
    "areaId" TEXT,
    "applicationId" TEXT,
    "balanceCents" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "Account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LedgerEntry" (
    "id" BIGSERIAL NOT NULL,
    "fromAccountId" TEXT NOT NULL,
    "toAccountId" TEXT NOT NULL,
    "amountCents" BIGINT NOT NULL,
    "cause" "LedgerCause" NOT NULL,
    "roundId" TEXT NOT NULL,
    "areaId" TEXT,
    "applicationId" TEXT,
    "allocationId" TEXT,
    "paymentId" TEXT,
    "expenseId" TEXT,
    "memo" TEXT,
    "actorId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LedgerEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Area_code_key" ON "Area"("code");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Foundation_kvkNumber_key" ON "Foundation"("kvkNumber");

-- CreateIndex
CREATE INDEX "FoundationArea_areaId_idx" ON "FoundationArea"("areaId");

-- CreateIndex
CREATE INDEX "Membership_foundationId_idx" ON "Membership"("foundationId");

-- CreateIndex
CREATE INDEX "ReviewerArea_areaId_idx" ON "ReviewerArea"("areaId");

-- CreateIndex
CREATE UNIQUE INDEX "BudgetRound_year_key" ON "BudgetRound"("year");

-- CreateIndex
CREATE INDEX "RoundArea_areaId_idx" ON "RoundArea"("areaId");

-- CreateIndex
CREATE UNIQUE INDEX "Allocation_roundId_version_key" ON "Allocation"("roundId", "version");

-- CreateIndex
CREATE INDEX "AllocationLine_areaId_idx" ON "AllocationLine"("areaId");

-- CreateIndex
CREATE UNIQUE INDEX "Application_reference_key" ON "Application"("reference");

-- CreateIndex
CREATE INDEX "Application_foundationId_status_idx" ON "Application"("foundationId", "status");

-- CreateIndex
CREATE INDEX "Application_areaId_status_idx" ON "Application"("areaId", "status");

-- CreateIndex
CREATE INDEX "Application_roundId_idx" ON "Application"("roundId");

-- CreateIndex
CREATE UNIQUE INDEX "BudgetLine_applicationId_position_key" ON "BudgetLine"("applicationId", "position");

-- CreateIndex
CREATE INDEX "StatusChange_applicationId_createdAt_idx" ON "StatusChange"("applicationId", "createdAt");

-- CreateIndex
CREATE INDEX "Payment_applicationId_idx" ON "Payment"("applicationId");

-- CreateIndex
CREATE INDEX "Expense_applicationId_idx" ON "Expense"("applicationId");

-- CreateIndex
CREATE UNIQUE INDEX "Account_key_key" ON "Account"("key");

-- CreateIndex
CREATE INDEX "Account_roundId_areaId_kind_idx" ON "Account"("roundId", "areaId", "kind");

-- CreateIndex
CREATE INDEX "Account_applicationId_idx" ON "Account"("applicationId");

-- CreateIndex
CREATE INDEX "LedgerEntry_fromAccountId_idx" ON "LedgerEntry"("fromAccountId");

-- CreateIndex
CREATE INDEX "LedgerEntry_toAccountId_idx" ON "LedgerEntry"("toAccountId");

-- CreateIndex
CREATE INDEX "LedgerEntry_roundId_areaId_idx" ON "LedgerEntry"("roundId", "areaId");

-- CreateIndex
CREATE INDEX "LedgerEntry_applicationId_idx" ON "LedgerEntry"("applicationId");

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FoundationArea" ADD CONSTRAINT "FoundationArea_foundationId_fkey" FOREIGN KEY ("foundationId") REFERENCES "Foundation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FoundationArea" ADD CONSTRAINT "FoundationArea_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_foundationId_fkey" FOREIGN KEY ("foundationId") REFERENCES "Foundation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewerArea" ADD CONSTRAINT "ReviewerArea_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewerArea" ADD CONSTRAINT "ReviewerArea_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoundArea" ADD CONSTRAINT "RoundArea_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "BudgetRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoundArea" ADD CONSTRAINT "RoundArea_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Allocation" ADD CONSTRAINT "Allocation_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "BudgetRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AllocationLine" ADD CONSTRAINT "AllocationLine_allocationId_fkey" FOREIGN KEY ("allocationId") REFERENCES "Allocation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AllocationLine" ADD CONSTRAINT "AllocationLine_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "BudgetRound"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_foundationId_fkey" FOREIGN KEY ("foundationId") REFERENCES "Foundation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BudgetLine" ADD CONSTRAINT "BudgetLine_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatusChange" ADD CONSTRAINT "StatusChange_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatusChange" ADD CONSTRAINT "StatusChange_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Expense" ADD CONSTRAINT "Expense_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Account" ADD CONSTRAINT "Account_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "BudgetRound"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Account" ADD CONSTRAINT "Account_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Account" ADD CONSTRAINT "Account_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerEntry" ADD CONSTRAINT "LedgerEntry_fromAccountId_fkey" FOREIGN KEY ("fromAccountId") REFERENCES "Account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerEntry" ADD CONSTRAINT "LedgerEntry_toAccountId_fkey" FOREIGN KEY ("toAccountId") REFERENCES "Account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerEntry" ADD CONSTRAINT "LedgerEntry_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------
-- Hand-written: rules that schema.prisma cannot express. Not generated by Prisma; the
-- schema comparison test (app/db/schema-matches-migrations.test.ts) ignores CHECK
-- constraints, functions and triggers.
-- ---------------------------------------------------------------------------

-- A ledger entry moves a positive amount between two different accounts.
ALTER TABLE "LedgerEntry" ADD CONSTRAINT "LedgerEntry_amountCents_check" CHECK ("amountCents" > 0);
ALTER TABLE "LedgerEntry" ADD CONSTRAINT "LedgerEntry_accounts_check" CHECK ("fromAccountId" <> "toAccountId");

-- Ledger entries are immutable: corrections are new entries (cause REVERSAL), never edits.
CREATE FUNCTION "LedgerEntry_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ledger entries are immutable (% on "LedgerEntry" refused)', TG_OP
        USING HINT = 'Record a correcting entry instead.';
END;
$$;

CREATE TRIGGER "LedgerEntry_no_update_or_delete" BEFORE UPDATE OR DELETE ON "LedgerEntry"
    FOR EACH ROW EXECUTE FUNCTION "LedgerEntry_immutable"();

CREATE TRIGGER "LedgerEntry_no_truncate" BEFORE TRUNCATE ON "LedgerEntry"
    FOR EACH STATEMENT EXECUTE FUNCTION "LedgerEntry_immutable"();

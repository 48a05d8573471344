-- Review and decisions (issue 10): the four-eyes threshold and legal basis per round, the owner of an
-- application in review, decisions with proposer and confirmer, conflicts of interest, the scheduler.
ALTER TABLE "BudgetRound" ADD COLUMN "fourEyesThresholdCents" BIGINT NOT NULL DEFAULT 250000;
ALTER TABLE "BudgetRound" ADD COLUMN "legalBasis" TEXT NOT NULL DEFAULT 'Algemene wet bestuursrecht en de Subsidieverordening Buurtbudget Amersfoort';

ALTER TABLE "Application" ADD COLUMN "ownerId" TEXT;
ALTER TABLE "Application" ADD COLUMN "claimedAt" TIMESTAMP(3);

CREATE TYPE "DecisionKind" AS ENUM ('AWARD', 'PARTIAL_AWARD', 'REJECTION', 'NOT_CONSIDERED');
CREATE TYPE "DecisionState" AS ENUM ('AWAITING_CONFIRMATION', 'EFFECTIVE', 'SENT_BACK', 'SUPERSEDED');

CREATE TABLE "Decision" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "kind" "DecisionKind" NOT NULL,
    "state" "DecisionState" NOT NULL,
    "requestedCents" BIGINT NOT NULL,
    "amountCents" BIGINT,
    "reasons" TEXT,
    "fromStatus" "ApplicationStatus" NOT NULL,
    "proposedById" TEXT NOT NULL,
    "proposedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmedById" TEXT,
    "confirmedAt" TIMESTAMP(3),
    "sentBackById" TEXT,
    "sentBackAt" TIMESTAMP(3),
    "sentBackReason" TEXT,
    "documentId" TEXT,
    "supersedesId" TEXT,

    CONSTRAINT "Decision_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "Decision_documentId_key" ON "Decision"("documentId");
CREATE INDEX "Decision_applicationId_proposedAt_idx" ON "Decision"("applicationId", "proposedAt");
CREATE INDEX "Decision_state_idx" ON "Decision"("state");
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "StaffFoundationLink" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "foundationId" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmedById" TEXT,
    "confirmedAt" TIMESTAMP(3),

    CONSTRAINT "StaffFoundationLink_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "StaffFoundationLink_userId_foundationId_key" ON "StaffFoundationLink"("userId", "foundationId");
CREATE INDEX "StaffFoundationLink_foundationId_idx" ON "StaffFoundationLink"("foundationId");

CREATE TABLE "InterestDeclaration" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "foundationId" TEXT NOT NULL,
    "applicationId" TEXT,
    "reason" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InterestDeclaration_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "InterestDeclaration_userId_idx" ON "InterestDeclaration"("userId");
CREATE INDEX "InterestDeclaration_foundationId_idx" ON "InterestDeclaration"("foundationId");

CREATE TABLE "JobRun" (
    "job" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "instance" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "error" TEXT,

    CONSTRAINT "JobRun_pkey" PRIMARY KEY ("job", "day")
);

CREATE TABLE "SentNotice" (
    "key" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SentNotice_pkey" PRIMARY KEY ("key")
);

-- Objections (bezwaar, issue 10 point 8; docs/decisions/0036): registered against an effective
-- decision, flagged late by the objection term, decided founded, partly founded, unfounded or inadmissible.
CREATE TYPE "ObjectionOutcome" AS ENUM ('FOUNDED', 'PARTLY_FOUNDED', 'UNFOUNDED', 'INADMISSIBLE');

CREATE TABLE "Objection" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "decisionId" TEXT NOT NULL,
    "receivedOn" DATE NOT NULL,
    "objectorName" TEXT NOT NULL,
    "grounds" TEXT NOT NULL,
    "attachmentId" TEXT,
    "termEndsOn" DATE NOT NULL,
    "late" BOOLEAN NOT NULL DEFAULT false,
    "lateReason" TEXT,
    "hearingOn" DATE,
    "registeredById" TEXT NOT NULL,
    "registeredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "outcome" "ObjectionOutcome",
    "outcomeReasons" TEXT,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "newDecisionId" TEXT,
    "documentId" TEXT,

    CONSTRAINT "Objection_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "Objection_newDecisionId_key" ON "Objection"("newDecisionId");
CREATE UNIQUE INDEX "Objection_documentId_key" ON "Objection"("documentId");
CREATE INDEX "Objection_applicationId_registeredAt_idx" ON "Objection"("applicationId", "registeredAt");

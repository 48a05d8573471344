-- AlterTable
ALTER TABLE "Application" ADD COLUMN     "advancePercent" INTEGER,
ADD COLUMN     "clockStoppedOn" DATE,
ADD COLUMN     "decisionDueOn" DATE,
ADD COLUMN     "declarationPublish" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "declarationTrue" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "expectedParticipants" INTEGER,
ADD COLUMN     "goal" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "location" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "otherIncomeCents" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "otherIncomeNote" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "ownContribution" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "partners" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "permits" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "snapshot" JSONB,
ADD COLUMN     "support" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "targetGroup" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "withdrawnAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "BudgetRound" ADD COLUMN     "advancePercent" INTEGER NOT NULL DEFAULT 75,
ADD COLUMN     "categories" TEXT[],
ADD COLUMN     "maxAmountCents" BIGINT,
ADD COLUMN     "reportTermWeeks" INTEGER NOT NULL DEFAULT 4;

-- CreateTable
CREATE TABLE "Attachment" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "infoRequestId" TEXT,
    "kind" TEXT NOT NULL,
    "filename" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "data" BYTEA NOT NULL,
    "uploadedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InformationRequest" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "dueOn" DATE NOT NULL,
    "askedById" TEXT NOT NULL,
    "askedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answer" TEXT,
    "answeredById" TEXT,
    "answeredAt" TIMESTAMP(3),

    CONSTRAINT "InformationRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Attachment_applicationId_idx" ON "Attachment"("applicationId");

-- CreateIndex
CREATE INDEX "Attachment_infoRequestId_idx" ON "Attachment"("infoRequestId");

-- CreateIndex
CREATE INDEX "InformationRequest_applicationId_idx" ON "InformationRequest"("applicationId");

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_infoRequestId_fkey" FOREIGN KEY ("infoRequestId") REFERENCES "InformationRequest"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InformationRequest" ADD CONSTRAINT "InformationRequest_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

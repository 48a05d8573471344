-- Letters the municipality sends (beschikking, vaststelling, ...) kept exactly as sent: the bytes and
-- their SHA-256, never changed or removed (the database refuses it), as a court would see them.
CREATE TYPE "DocumentKind" AS ENUM ('DECISION', 'SETTLEMENT', 'NOT_CONSIDERED', 'OBJECTION_DECISION', 'ANNUAL_REPORT', 'OTHER');

CREATE TABLE "KeptDocument" (
    "id" TEXT NOT NULL,
    "kind" "DocumentKind" NOT NULL,
    "applicationId" TEXT,
    "roundId" TEXT,
    "filename" TEXT NOT NULL,
    "contentType" TEXT NOT NULL DEFAULT 'application/pdf',
    "sizeBytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "data" BYTEA NOT NULL,
    "lang" TEXT NOT NULL DEFAULT 'nl',
    "supersedesId" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "KeptDocument_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "KeptDocument_applicationId_createdAt_idx" ON "KeptDocument"("applicationId", "createdAt");
CREATE INDEX "KeptDocument_roundId_idx" ON "KeptDocument"("roundId");

ALTER TABLE "KeptDocument" ADD CONSTRAINT "KeptDocument_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "KeptDocument" ADD CONSTRAINT "KeptDocument_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "BudgetRound"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "KeptDocument" ADD CONSTRAINT "KeptDocument_supersedesId_fkey" FOREIGN KEY ("supersedesId") REFERENCES "KeptDocument"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "KeptDocument" ADD CONSTRAINT "KeptDocument_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE FUNCTION "KeptDocument_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'KeptDocument is append-only: a kept letter is never changed or removed';
END;
$$;

CREATE TRIGGER "KeptDocument_no_update_or_delete" BEFORE UPDATE OR DELETE ON "KeptDocument"
    FOR EACH ROW EXECUTE FUNCTION "KeptDocument_immutable"();

CREATE TRIGGER "KeptDocument_no_truncate" BEFORE TRUNCATE ON "KeptDocument"
    FOR EACH STATEMENT EXECUTE FUNCTION "KeptDocument_immutable"();

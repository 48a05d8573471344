-- audit2 (issue 12, point 4): how the auditor gave a sample's size (a count or a percentage), the
-- value typed and the size of the population it was drawn from, so a sample can be redrawn.

-- AlterTable
ALTER TABLE "AuditSample" ADD COLUMN "sizeBy" TEXT NOT NULL DEFAULT 'COUNT',
ADD COLUMN "sizeValue" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "population" INTEGER NOT NULL DEFAULT 0;

-- A drawn sample is kept as drawn: like the trail, the database refuses to change or remove it.
CREATE TRIGGER "AuditSample_no_update_or_delete" BEFORE UPDATE OR DELETE ON "AuditSample"
    FOR EACH ROW EXECUTE FUNCTION "trail_immutable"();
CREATE TRIGGER "AuditSample_no_truncate" BEFORE TRUNCATE ON "AuditSample"
    FOR EACH STATEMENT EXECUTE FUNCTION "trail_immutable"();

-- The reviewer's queue at 100,000 applications (issue 10, docs/decisions/0035-the-queue-at-scale.md):
-- indexes for the round's queue sorted by due date (per wijk and for all wijken), the owner filter,
-- and Dutch full-text search over title and reference, kept by a trigger. The reference is in it
-- twice: as written, and with its hyphens as spaces (the parser reads "-2026" as a signed number).
ALTER TABLE "Application" ADD COLUMN "searchVector" tsvector;

CREATE FUNCTION "application_search_vector"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."searchVector" := to_tsvector('dutch'::regconfig, coalesce(NEW."title", '') || ' ' || coalesce(NEW."reference", '') || ' ' || translate(coalesce(NEW."reference", ''), '-', ' '));
  RETURN NEW;
END
$$;

CREATE TRIGGER "Application_searchVector" BEFORE INSERT OR UPDATE OF "title", "reference" ON "Application"
  FOR EACH ROW EXECUTE FUNCTION "application_search_vector"();

UPDATE "Application" SET "searchVector" = to_tsvector('dutch'::regconfig, coalesce("title", '') || ' ' || coalesce("reference", '') || ' ' || translate(coalesce("reference", ''), '-', ' '));

-- CreateIndex
CREATE INDEX "Application_roundId_areaId_decisionDueOn_idx" ON "Application"("roundId", "areaId", "decisionDueOn");

-- CreateIndex
CREATE INDEX "Application_roundId_decisionDueOn_idx" ON "Application"("roundId", "decisionDueOn");

-- CreateIndex
CREATE INDEX "Application_ownerId_idx" ON "Application"("ownerId");

-- CreateIndex
CREATE INDEX "Application_searchVector_idx" ON "Application" USING GIN ("searchVector");

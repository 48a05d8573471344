-- Audit and transparency (issue 12, docs/decisions/0031-hash-chained-audit-trail.md).
-- 1. The history tables (AuditEvent, StatusChange, AuditFinding) are append-only: the database
--    refuses UPDATE, DELETE and TRUNCATE, like it does for "LedgerEntry".
-- 2. They are tamper-evident: a BEFORE INSERT trigger gives each row its place in the table's chain
--    ("chainSeq", under an advisory lock so concurrent inserts are serialised), the previous row's
--    hash ("prevHash") and a SHA-256 over its own content and that hash ("hash"). No writer in the
--    code sets these columns; whatever a writer sends is overwritten. It also records the actor's
--    role at that moment ("actorRole").

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN "actorRole" TEXT,
ADD COLUMN "chainSeq" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN "prevHash" TEXT NOT NULL DEFAULT '',
ADD COLUMN "hash" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "StatusChange" ADD COLUMN "actorRole" TEXT,
ADD COLUMN "chainSeq" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN "prevHash" TEXT NOT NULL DEFAULT '',
ADD COLUMN "hash" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "CheckRun" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "roundId" TEXT,
    "ok" BOOLEAN NOT NULL,
    "result" JSONB NOT NULL,
    "ranById" TEXT,
    "ranAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CheckRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditSample" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "areaId" TEXT,
    "seed" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "expenseIds" TEXT[],
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditSample_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditFinding" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "sampleId" TEXT,
    "expenseId" TEXT,
    "applicationId" TEXT,
    "verdict" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorRole" TEXT,
    "chainSeq" BIGINT NOT NULL DEFAULT 0,
    "prevHash" TEXT NOT NULL DEFAULT '',
    "hash" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "AuditFinding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Indicator" (
    "scope" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "measure" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'REALISED',
    "valueMilli" INTEGER NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'Stadspeiling (O&S)',
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Indicator_pkey" PRIMARY KEY ("scope","year","measure","kind")
);

-- CreateTable
CREATE TABLE "AnnualReportText" (
    "year" INTEGER NOT NULL,
    "events" TEXT NOT NULL DEFAULT '',
    "results" TEXT NOT NULL DEFAULT '',
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AnnualReportText_pkey" PRIMARY KEY ("year")
);

-- CreateIndex
CREATE INDEX "CheckRun_kind_roundId_ranAt_idx" ON "CheckRun"("kind", "roundId", "ranAt");
CREATE INDEX "AuditSample_roundId_createdAt_idx" ON "AuditSample"("roundId", "createdAt");
CREATE INDEX "AuditFinding_roundId_createdAt_idx" ON "AuditFinding"("roundId", "createdAt");
CREATE INDEX "Indicator_year_idx" ON "Indicator"("year");

-- The hash of a trail row: SHA-256 (hex) over the previous row's hash and the row's content, the
-- row as canonical jsonb text without its own "hash" and "prevHash" ("chainSeq" is part of it).
CREATE FUNCTION "trail_hash"(prev TEXT, content JSONB) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(prev || '|' || content::text, 'UTF8')), 'hex')
$$;

-- Backfill: rows written before this migration get their chain in the order they were written.
DO $$
DECLARE
  t TEXT;
  r RECORD;
  seq BIGINT;
  prev TEXT;
  h TEXT;
BEGIN
  FOREACH t IN ARRAY ARRAY['AuditEvent', 'StatusChange'] LOOP
    seq := 0;
    prev := repeat('0', 64);
    FOR r IN EXECUTE format('SELECT "id"::text AS id FROM %I ORDER BY "createdAt", "id"', t) LOOP
      seq := seq + 1;
      EXECUTE format(
        'UPDATE %I x SET "chainSeq" = $1, "prevHash" = $2, "actorRole" = (SELECT u."role"::text FROM "User" u WHERE u."id" = x."actorId") WHERE "id"::text = $3',
        t) USING seq, prev, r.id;
      EXECUTE format('SELECT "trail_hash"($1, to_jsonb(x) - ''hash'' - ''prevHash'') FROM %I x WHERE "id"::text = $2', t)
        INTO h USING prev, r.id;
      EXECUTE format('UPDATE %I SET "hash" = $1 WHERE "id"::text = $2', t) USING h, r.id;
      prev := h;
    END LOOP;
  END LOOP;
END;
$$;

CREATE UNIQUE INDEX "AuditEvent_chainSeq_key" ON "AuditEvent"("chainSeq");
CREATE UNIQUE INDEX "StatusChange_chainSeq_key" ON "StatusChange"("chainSeq");
CREATE UNIQUE INDEX "AuditFinding_chainSeq_key" ON "AuditFinding"("chainSeq");

-- BEFORE INSERT: the row's place in its table's chain. The advisory lock (per table, held until the
-- transaction ends) serialises concurrent writers; under READ COMMITTED the SELECT after the lock
-- sees the row of the writer that held it. A writer in REPEATABLE READ or SERIALIZABLE could miss it
-- and then fails on the unique "chainSeq" instead of forking the chain.
CREATE FUNCTION "trail_chain"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last_seq BIGINT;
  last_hash TEXT;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('trail:' || TG_TABLE_NAME));
  EXECUTE format('SELECT "chainSeq", "hash" FROM %I ORDER BY "chainSeq" DESC LIMIT 1', TG_TABLE_NAME)
    INTO last_seq, last_hash;
  NEW."actorRole" := (SELECT u."role"::text FROM "User" u WHERE u."id" = NEW."actorId");
  NEW."chainSeq" := COALESCE(last_seq, 0) + 1;
  NEW."prevHash" := COALESCE(last_hash, repeat('0', 64));
  NEW."hash" := '';
  NEW."hash" := "trail_hash"(NEW."prevHash", to_jsonb(NEW) - 'hash' - 'prevHash');
  RETURN NEW;
END;
$$;

CREATE FUNCTION "trail_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit trail is append-only (% on "%" refused)', TG_OP, TG_TABLE_NAME
    USING HINT = 'Record a new event instead.';
END;
$$;

CREATE TRIGGER "AuditEvent_chain" BEFORE INSERT ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION "trail_chain"();
CREATE TRIGGER "AuditEvent_no_update_or_delete" BEFORE UPDATE OR DELETE ON "AuditEvent"
    FOR EACH ROW EXECUTE FUNCTION "trail_immutable"();
CREATE TRIGGER "AuditEvent_no_truncate" BEFORE TRUNCATE ON "AuditEvent"
    FOR EACH STATEMENT EXECUTE FUNCTION "trail_immutable"();

CREATE TRIGGER "StatusChange_chain" BEFORE INSERT ON "StatusChange" FOR EACH ROW EXECUTE FUNCTION "trail_chain"();
CREATE TRIGGER "StatusChange_no_update_or_delete" BEFORE UPDATE OR DELETE ON "StatusChange"
    FOR EACH ROW EXECUTE FUNCTION "trail_immutable"();
CREATE TRIGGER "StatusChange_no_truncate" BEFORE TRUNCATE ON "StatusChange"
    FOR EACH STATEMENT EXECUTE FUNCTION "trail_immutable"();

CREATE TRIGGER "AuditFinding_chain" BEFORE INSERT ON "AuditFinding" FOR EACH ROW EXECUTE FUNCTION "trail_chain"();
CREATE TRIGGER "AuditFinding_no_update_or_delete" BEFORE UPDATE OR DELETE ON "AuditFinding"
    FOR EACH ROW EXECUTE FUNCTION "trail_immutable"();
CREATE TRIGGER "AuditFinding_no_truncate" BEFORE TRUNCATE ON "AuditFinding"
    FOR EACH STATEMENT EXECUTE FUNCTION "trail_immutable"();

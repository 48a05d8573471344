-- Balance totals for the dashboards (docs/decisions/0039-balance-totals.md): the sum of the account
-- balances per round, wijk, kind, category and foundation, so that the auditor's dashboard and the
-- open books read a few hundred rows instead of one row per grant account.
--
-- A trigger on "Account" appends every change of a balance to "BalanceDelta" (insert only: no row
-- is shared between transactions, so no lock waits and no deadlocks). Readers sum "BalanceTotal"
-- and the deltas in one statement; the first reader that gets the advisory lock folds the deltas
-- into "BalanceTotal" in one transaction. '' stands for "none" (a round's own accounts have no
-- wijk; a wijk's accounts no application).

-- CreateTable
CREATE TABLE "BalanceDelta" (
    "id" BIGSERIAL NOT NULL,
    "roundId" TEXT NOT NULL,
    "areaId" TEXT NOT NULL,
    "kind" "AccountKind" NOT NULL,
    "category" TEXT NOT NULL,
    "foundationId" TEXT NOT NULL,
    "cents" BIGINT NOT NULL,

    CONSTRAINT "BalanceDelta_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BalanceTotal" (
    "roundId" TEXT NOT NULL,
    "areaId" TEXT NOT NULL,
    "kind" "AccountKind" NOT NULL,
    "category" TEXT NOT NULL,
    "foundationId" TEXT NOT NULL,
    "cents" BIGINT NOT NULL,

    CONSTRAINT "BalanceTotal_pkey" PRIMARY KEY ("roundId","areaId","kind","category","foundationId")
);

-- CreateIndex
CREATE INDEX "BalanceDelta_roundId_idx" ON "BalanceDelta"("roundId");

CREATE FUNCTION "account_balance_delta"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  d bigint;
  cat text := '';
  fnd text := '';
BEGIN
  IF TG_OP = 'INSERT' THEN d := NEW."balanceCents"; ELSE d := NEW."balanceCents" - OLD."balanceCents"; END IF;
  IF d = 0 THEN RETURN NULL; END IF;
  IF NEW."applicationId" IS NOT NULL THEN
    SELECT coalesce(a."category", ''), a."foundationId" INTO cat, fnd FROM "Application" a WHERE a."id" = NEW."applicationId";
  END IF;
  INSERT INTO "BalanceDelta" ("roundId", "areaId", "kind", "category", "foundationId", "cents")
  VALUES (NEW."roundId", coalesce(NEW."areaId", ''), NEW."kind", coalesce(cat, ''), coalesce(fnd, ''), d);
  RETURN NULL;
END
$$;

CREATE TRIGGER "Account_balance_delta" AFTER INSERT OR UPDATE OF "balanceCents" ON "Account"
  FOR EACH ROW EXECUTE FUNCTION "account_balance_delta"();

-- The balances so far.
INSERT INTO "BalanceTotal" ("roundId", "areaId", "kind", "category", "foundationId", "cents")
SELECT acc."roundId", coalesce(acc."areaId", ''), acc."kind", coalesce(app."category", ''), coalesce(app."foundationId", ''),
       SUM(acc."balanceCents")
FROM "Account" acc LEFT JOIN "Application" app ON app."id" = acc."applicationId"
GROUP BY 1, 2, 3, 4, 5;

-- The queue's total and its per-wijk counts from the index alone (an index-only scan instead of
-- reading 100,000 wide rows), and the status filter walked in due-date order (docs/performance.md).

-- CreateIndex
CREATE INDEX "Application_roundId_areaId_status_idx" ON "Application"("roundId", "areaId", "status");

-- CreateIndex
CREATE INDEX "Application_roundId_status_decisionDueOn_id_idx" ON "Application"("roundId", "status", "decisionDueOn", "id");

-- Issue 12, item 3: results of heavy views (agreement, quality, bias, style-controlled
-- leaderboard) computed in the background and served with their "as of" time (lib/views).
CREATE TABLE "StoredView" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "viewKey" TEXT NOT NULL,
    "paramsHash" TEXT NOT NULL,
    "params" JSONB NOT NULL DEFAULT '{}',
    -- JSON text, not jsonb: jsonb's numbers lose the last digit of some doubles, and figures must come back exactly.
    "payload" TEXT,
    "asOf" TIMESTAMP(3),
    "computeMs" INTEGER,
    "sourceJudgments" INTEGER,
    "dirtySince" TIMESTAMP(3),
    "leaseUntil" TIMESTAMP(3),
    "leaseOwner" TEXT,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "StoredView_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "StoredView_projectId_viewKey_paramsHash_key" ON "StoredView"("projectId", "viewKey", "paramsHash");
ALTER TABLE "StoredView" ADD CONSTRAINT "StoredView_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Issue 12, item 4: keyset pages on indexes that serve them (plans: bench/plans/).
-- The items table in import order, per project (it sorted every item of the project before).
CREATE INDEX "Item_projectId_createdAt_id_idx" ON "Item"("projectId", "createdAt", "id");
-- The skips list and the admins' audit log, newest first.
CREATE INDEX "Skip_createdAt_id_idx" ON "Skip"("createdAt", "id");
CREATE INDEX "AuditEvent_createdAt_id_idx" ON "AuditEvent"("createdAt", "id");
-- The settings page's count of gold items (few among a million): an index range over the non-null ones.
CREATE INDEX "Item_projectId_goldPreference_idx" ON "Item"("projectId", "goldPreference");

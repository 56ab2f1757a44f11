-- Issue 12, item 3: results of heavy views (agreement, quality, bias, style-controlled
-- leaderboard) computed in the background and served with their "as of" time (lib/views).
CREATE TABLE "StoredView" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "viewKey" TEXT NOT NULL,
    "paramsHash" TEXT NOT NULL,
    "params" JSONB NOT NULL DEFAULT '{}',
    "payload" JSONB,
    "asOf" TIMESTAMP(3),
    "computeMs" INTEGER,
    "dirtySince" TIMESTAMP(3),
    "leaseUntil" TIMESTAMP(3),
    "leaseOwner" TEXT,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "StoredView_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "StoredView_projectId_viewKey_paramsHash_key" ON "StoredView"("projectId", "viewKey", "paramsHash");
ALTER TABLE "StoredView" ADD CONSTRAINT "StoredView_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

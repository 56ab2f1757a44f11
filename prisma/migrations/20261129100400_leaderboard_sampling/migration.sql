-- Issue 14, "leaderboard sampling": a project may serve first the items of the
-- model pairs whose order is least settled (docs/formats.md, "Leaderboard sampling").
ALTER TABLE "Project" ADD COLUMN "sampling" TEXT NOT NULL DEFAULT 'uniform';
-- When the pair priorities were last recomputed (null: never); the conditional
-- update of this column is how one process at a time wins the recompute.
ALTER TABLE "Project" ADD COLUMN "pairPrioritiesAt" TIMESTAMP(3);

-- A few dozen rows per project: one per unordered model pair that has items,
-- models in name order. Leasing reads it; lib/assignment/refresh-pair-priorities.ts writes it.
CREATE TABLE "ModelPairPriority" (
    "projectId" TEXT NOT NULL,
    "modelLow" TEXT NOT NULL,
    "modelHigh" TEXT NOT NULL,
    "tier" INTEGER NOT NULL,
    "weight" DOUBLE PRECISION NOT NULL,
    "comparisons" INTEGER NOT NULL,
    "moreNeeded" INTEGER,
    CONSTRAINT "ModelPairPriority_pkey" PRIMARY KEY ("projectId", "modelLow", "modelHigh")
);
ALTER TABLE "ModelPairPriority" ADD CONSTRAINT "ModelPairPriority_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Items store their models in import order, so an unordered pair is
-- (least, greatest). This index hands the lease an item of one pair in
-- (judgmentCount, createdAt) order without sorting the pair's items, and lists
-- a project's pairs by a skip scan. Prisma's schema cannot express an index on
-- expressions, so it lives here only.
CREATE INDEX "Item_projectId_modelPair_judgmentCount_createdAt_idx"
  ON "Item"("projectId", LEAST("modelA", "modelB"), GREATEST("modelA", "modelB"), "judgmentCount", "createdAt");

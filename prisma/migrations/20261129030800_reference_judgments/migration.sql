-- Issue 15: the label an imported dataset (hh, trl, ratings) came with, kept apart from judgments.
CREATE TABLE "ReferenceJudgment" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "preference" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ReferenceJudgment_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "ReferenceJudgment_itemId_source_key" ON "ReferenceJudgment"("itemId", "source");
CREATE INDEX "ReferenceJudgment_projectId_itemId_idx" ON "ReferenceJudgment"("projectId", "itemId");
ALTER TABLE "ReferenceJudgment" ADD CONSTRAINT "ReferenceJudgment_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

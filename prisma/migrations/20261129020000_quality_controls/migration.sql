-- Issue 10: gold checks, qualification, swapped re-checks and integrity signals.
CREATE TYPE "QualityStatus" AS ENUM ('QUALIFYING', 'ACTIVE', 'PAUSED', 'NOT_QUALIFIED');
CREATE TYPE "CheckKind" AS ENUM ('GOLD', 'RECHECK');

ALTER TABLE "Project"
  ADD COLUMN "goldRate" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "qualificationItems" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "qualificationPassMark" DOUBLE PRECISION NOT NULL DEFAULT 0.8,
  ADD COLUMN "goldFeedback" TEXT NOT NULL DEFAULT 'audit',
  ADD COLUMN "pauseBelowAccuracy" DOUBLE PRECISION,
  ADD COLUMN "pauseMinGold" INTEGER NOT NULL DEFAULT 10,
  ADD COLUMN "goldWindow" INTEGER NOT NULL DEFAULT 20,
  ADD COLUMN "recheckRate" DOUBLE PRECISION NOT NULL DEFAULT 0,
  ADD COLUMN "recheckMinGap" INTEGER NOT NULL DEFAULT 5;

ALTER TABLE "Membership"
  ADD COLUMN "qualityStatus" "QualityStatus" NOT NULL DEFAULT 'ACTIVE',
  ADD COLUMN "qualityStatusAt" TIMESTAMP(3),
  ADD COLUMN "qualifyingSince" TIMESTAMP(3);

ALTER TABLE "Item"
  ADD COLUMN "goldExplanation" TEXT,
  ADD COLUMN "goldMinStrength" INTEGER;

ALTER TABLE "Judgment" ADD COLUMN "metadata" JSONB NOT NULL DEFAULT '{}';

CREATE TABLE "CheckAnswer" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" "CheckKind" NOT NULL,
    "judgmentId" TEXT,
    "swapped" BOOLEAN NOT NULL,
    "leasedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "open" BOOLEAN NOT NULL DEFAULT true,
    "answeredAt" TIMESTAMP(3),
    "preference" INTEGER,
    "firstPreference" INTEGER,
    "correct" BOOLEAN,
    "rationale" TEXT NOT NULL DEFAULT '',
    "durationMs" INTEGER,
    "clientId" TEXT,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    CONSTRAINT "CheckAnswer_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "CheckAnswer_judgmentId_key" ON "CheckAnswer"("judgmentId");
CREATE UNIQUE INDEX "CheckAnswer_clientId_key" ON "CheckAnswer"("clientId");
CREATE INDEX "CheckAnswer_userId_projectId_open_idx" ON "CheckAnswer"("userId", "projectId", "open");
CREATE INDEX "CheckAnswer_projectId_kind_answeredAt_idx" ON "CheckAnswer"("projectId", "kind", "answeredAt");
CREATE INDEX "CheckAnswer_itemId_userId_idx" ON "CheckAnswer"("itemId", "userId");
ALTER TABLE "CheckAnswer" ADD CONSTRAINT "CheckAnswer_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "CheckAnswer" ADD CONSTRAINT "CheckAnswer_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

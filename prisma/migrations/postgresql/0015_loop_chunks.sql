-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "loopChunk" JSONB,
ADD COLUMN     "parentRunId" TEXT;

-- CreateIndex
CREATE INDEX "Run_parentRunId_idx" ON "Run"("parentRunId");


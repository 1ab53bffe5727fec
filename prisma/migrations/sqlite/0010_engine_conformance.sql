-- CreateTable
CREATE TABLE "EngineCancel" (
    "runId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "functionId" TEXT NOT NULL,
    "eventName" TEXT NOT NULL,
    "matchKey" TEXT,
    "expiresAt" DATETIME,

    PRIMARY KEY ("runId", "position")
);

-- AlterTable
ALTER TABLE "EngineRun" ADD COLUMN "planned" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "EngineJob" ADD COLUMN "appErrors" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "EngineCancel_eventName_functionId_position_matchKey_idx" ON "EngineCancel"("eventName", "functionId", "position", "matchKey");

-- AlterTable
ALTER TABLE "Run" ADD COLUMN "replayFromNode" TEXT;
ALTER TABLE "Run" ADD COLUMN "replayOf" TEXT;

-- CreateTable
CREATE TABLE "StepAttempt" (
    "runId" TEXT NOT NULL,
    "nodeId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "nodeType" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "endedAt" DATETIME,
    "error" JSONB,

    PRIMARY KEY ("runId", "nodeId", "kind", "attempt"),
    CONSTRAINT "StepAttempt_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RunAction" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "runId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "details" JSONB,
    CONSTRAINT "RunAction_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AppSetting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" JSONB NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AlertState" (
    "workflowId" TEXT NOT NULL PRIMARY KEY,
    "lastSentAt" DATETIME NOT NULL,
    "suppressed" INTEGER NOT NULL DEFAULT 0
);

-- CreateIndex
CREATE INDEX "RunAction_runId_at_idx" ON "RunAction"("runId", "at");

-- CreateIndex
CREATE INDEX "Run_status_id_idx" ON "Run"("status", "id");

-- CreateIndex
CREATE INDEX "Run_workflowId_id_idx" ON "Run"("workflowId", "id");

-- CreateIndex
CREATE INDEX "Run_workflowId_status_id_idx" ON "Run"("workflowId", "status", "id");

-- CreateIndex
CREATE INDEX "Run_triggerKind_id_idx" ON "Run"("triggerKind", "id");

-- CreateIndex
CREATE INDEX "Run_replayOf_idx" ON "Run"("replayOf");

-- CreateIndex
CREATE INDEX "Run_status_endedAt_idx" ON "Run"("status", "endedAt");

-- CreateIndex
CREATE INDEX "Run_status_createdAt_workflowId_startedAt_endedAt_idx" ON "Run"("status", "createdAt", "workflowId", "startedAt", "endedAt");


-- CreateTable
CREATE TABLE "WorkflowTrigger" (
    "workflowId" TEXT NOT NULL PRIMARY KEY,
    "nodeId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "config" JSONB NOT NULL,
    "activeSince" DATETIME NOT NULL,
    "lastTriggeredAt" DATETIME,
    "lastFireAt" DATETIME,
    CONSTRAINT "WorkflowTrigger_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "Workflow" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workflowId" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "query" JSONB,
    "headers" JSONB NOT NULL,
    "body" TEXT,
    "bodyTruncated" BOOLEAN NOT NULL DEFAULT false,
    "contentType" TEXT,
    "outcome" TEXT NOT NULL,
    "reason" TEXT,
    "status" INTEGER NOT NULL,
    "runId" TEXT,
    "dedupKey" TEXT,
    "resentFrom" TEXT,
    "responseState" TEXT,
    "response" JSONB,
    CONSTRAINT "WebhookDelivery_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "Workflow" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ScheduleFire" (
    "workflowId" TEXT NOT NULL,
    "fireAt" DATETIME NOT NULL,
    "runId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("workflowId", "fireAt")
);

-- CreateTable
CREATE TABLE "PollState" (
    "workflowId" TEXT NOT NULL PRIMARY KEY,
    "fingerprint" TEXT NOT NULL,
    "initialized" BOOLEAN NOT NULL DEFAULT false,
    "cursor" TEXT,
    "seenIds" JSONB,
    "nextPollAt" DATETIME NOT NULL,
    "leaseOwner" TEXT,
    "leaseUntil" DATETIME,
    "lastPolledAt" DATETIME,
    "lastError" TEXT,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "PollState_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "Workflow" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TriggerEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "occurredAt" DATETIME NOT NULL,
    "data" JSONB NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dispatchedAt" DATETIME,
    "runCount" INTEGER NOT NULL DEFAULT 0
);

-- CreateIndex
CREATE INDEX "WorkflowTrigger_type_idx" ON "WorkflowTrigger"("type");

-- CreateIndex
CREATE INDEX "WebhookDelivery_workflowId_receivedAt_idx" ON "WebhookDelivery"("workflowId", "receivedAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_runId_idx" ON "WebhookDelivery"("runId");

-- CreateIndex
CREATE INDEX "ScheduleFire_createdAt_idx" ON "ScheduleFire"("createdAt");

-- CreateIndex
CREATE INDEX "TriggerEvent_receivedAt_idx" ON "TriggerEvent"("receivedAt");

-- CreateIndex
CREATE INDEX "TriggerEvent_dispatchedAt_idx" ON "TriggerEvent"("dispatchedAt");


-- CreateTable
CREATE TABLE "WorkflowAnomaly" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "windowStart" DATETIME NOT NULL,
    "windowEnd" DATETIME NOT NULL,
    "observed" REAL NOT NULL,
    "expected" REAL NOT NULL,
    "detail" JSONB NOT NULL,
    "detectedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "WorkflowAnomaly_workspaceId_windowStart_idx" ON "WorkflowAnomaly"("workspaceId", "windowStart");

-- CreateIndex
CREATE UNIQUE INDEX "WorkflowAnomaly_workflowId_kind_windowStart_key" ON "WorkflowAnomaly"("workflowId", "kind", "windowStart");


-- CreateTable
CREATE TABLE "WorkflowAnomaly" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "windowEnd" TIMESTAMP(3) NOT NULL,
    "observed" DOUBLE PRECISION NOT NULL,
    "expected" DOUBLE PRECISION NOT NULL,
    "detail" JSONB NOT NULL,
    "detectedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorkflowAnomaly_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WorkflowAnomaly_workspaceId_windowStart_idx" ON "WorkflowAnomaly"("workspaceId", "windowStart");

-- CreateIndex
CREATE UNIQUE INDEX "WorkflowAnomaly_workflowId_kind_windowStart_key" ON "WorkflowAnomaly"("workflowId", "kind", "windowStart");


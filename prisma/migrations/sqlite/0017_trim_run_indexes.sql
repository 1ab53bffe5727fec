-- DropIndex
DROP INDEX "Run_workflowId_id_idx";

-- DropIndex
DROP INDEX "Run_triggerKind_id_idx";

-- DropIndex
DROP INDEX "Run_status_createdAt_workflowId_startedAt_endedAt_idx";

-- CreateIndex
CREATE INDEX "Run_workspaceId_triggerKind_id_idx" ON "Run"("workspaceId", "triggerKind", "id");


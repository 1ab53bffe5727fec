-- AlterTable
ALTER TABLE "Workflow" ADD COLUMN "draft" JSONB;
ALTER TABLE "Workflow" ADD COLUMN "draftSavedAt" DATETIME;

-- AlterTable
ALTER TABLE "WorkflowVersion" ADD COLUMN "createdBy" TEXT;
ALTER TABLE "WorkflowVersion" ADD COLUMN "message" TEXT;

-- AlterTable
ALTER TABLE "StepRun" ADD COLUMN "skipReason" TEXT;


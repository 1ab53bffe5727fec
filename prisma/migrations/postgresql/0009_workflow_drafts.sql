-- AlterTable
ALTER TABLE "Workflow" ADD COLUMN     "draft" JSONB,
ADD COLUMN     "draftSavedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "WorkflowVersion" ADD COLUMN     "createdBy" TEXT,
ADD COLUMN     "message" TEXT;

-- AlterTable
ALTER TABLE "StepRun" ADD COLUMN     "skipReason" TEXT;


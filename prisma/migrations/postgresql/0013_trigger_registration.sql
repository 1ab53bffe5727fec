-- AlterTable
ALTER TABLE "WorkflowTrigger" ADD COLUMN     "registration" JSONB;


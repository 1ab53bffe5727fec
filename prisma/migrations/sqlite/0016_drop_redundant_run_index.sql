-- DropIndex
DROP INDEX "Run_status_createdAt_idx";


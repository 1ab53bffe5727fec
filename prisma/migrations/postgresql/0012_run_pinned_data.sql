-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "usesPinnedData" BOOLEAN NOT NULL DEFAULT false;


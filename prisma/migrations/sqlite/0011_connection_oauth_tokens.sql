-- AlterTable
ALTER TABLE "Connection" ADD COLUMN "authMessage" TEXT;
ALTER TABLE "Connection" ADD COLUMN "authState" TEXT;
ALTER TABLE "Connection" ADD COLUMN "oauthExpiresAt" DATETIME;
ALTER TABLE "Connection" ADD COLUMN "oauthTokens" TEXT;


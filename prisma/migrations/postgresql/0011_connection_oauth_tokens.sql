-- AlterTable
ALTER TABLE "Connection" ADD COLUMN     "authMessage" TEXT,
ADD COLUMN     "authState" TEXT,
ADD COLUMN     "oauthExpiresAt" TIMESTAMP(3),
ADD COLUMN     "oauthTokens" TEXT;


-- CreateTable
CREATE TABLE "ImportedApi" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL DEFAULT 'default',
    "name" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "baseUrl" TEXT NOT NULL,
    "servers" JSONB NOT NULL,
    "auth" JSONB NOT NULL,
    "warnings" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ImportedApi_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportedApiOperation" (
    "apiId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "tag" TEXT NOT NULL,
    "deprecated" BOOLEAN NOT NULL DEFAULT false,
    "definition" JSONB NOT NULL,

    CONSTRAINT "ImportedApiOperation_pkey" PRIMARY KEY ("apiId","key")
);

-- CreateIndex
CREATE INDEX "ImportedApi_workspaceId_name_idx" ON "ImportedApi"("workspaceId", "name");

-- AddForeignKey
ALTER TABLE "ImportedApiOperation" ADD CONSTRAINT "ImportedApiOperation_apiId_fkey" FOREIGN KEY ("apiId") REFERENCES "ImportedApi"("id") ON DELETE CASCADE ON UPDATE CASCADE;


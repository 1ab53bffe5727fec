-- CreateTable
CREATE TABLE "ImportedApi" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL DEFAULT 'default',
    "name" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "baseUrl" TEXT NOT NULL,
    "servers" JSONB NOT NULL,
    "auth" JSONB NOT NULL,
    "warnings" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
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

    PRIMARY KEY ("apiId", "key"),
    CONSTRAINT "ImportedApiOperation_apiId_fkey" FOREIGN KEY ("apiId") REFERENCES "ImportedApi" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ImportedApi_workspaceId_name_idx" ON "ImportedApi"("workspaceId", "name");


-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "replayFromNode" TEXT,
ADD COLUMN     "replayOf" TEXT;

-- CreateTable
CREATE TABLE "StepAttempt" (
    "runId" TEXT NOT NULL,
    "nodeId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "nodeType" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),
    "error" JSONB,

    CONSTRAINT "StepAttempt_pkey" PRIMARY KEY ("runId","nodeId","kind","attempt")
);

-- CreateTable
CREATE TABLE "RunAction" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "details" JSONB,

    CONSTRAINT "RunAction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AppSetting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AppSetting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "AlertState" (
    "workflowId" TEXT NOT NULL,
    "lastSentAt" TIMESTAMP(3) NOT NULL,
    "suppressed" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "AlertState_pkey" PRIMARY KEY ("workflowId")
);

-- CreateIndex
CREATE INDEX "RunAction_runId_at_idx" ON "RunAction"("runId", "at");

-- CreateIndex
CREATE INDEX "Run_status_id_idx" ON "Run"("status", "id");

-- CreateIndex
CREATE INDEX "Run_workflowId_id_idx" ON "Run"("workflowId", "id");

-- CreateIndex
CREATE INDEX "Run_workflowId_status_id_idx" ON "Run"("workflowId", "status", "id");

-- CreateIndex
CREATE INDEX "Run_triggerKind_id_idx" ON "Run"("triggerKind", "id");

-- CreateIndex
CREATE INDEX "Run_replayOf_idx" ON "Run"("replayOf");

-- CreateIndex
CREATE INDEX "Run_status_endedAt_idx" ON "Run"("status", "endedAt");

-- CreateIndex
CREATE INDEX "Run_status_createdAt_workflowId_startedAt_endedAt_idx" ON "Run"("status", "createdAt", "workflowId", "startedAt", "endedAt");

-- AddForeignKey
ALTER TABLE "StepAttempt" ADD CONSTRAINT "StepAttempt_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunAction" ADD CONSTRAINT "RunAction_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Payload search (GET /api/runs?q=): a trigram index over the trigger's JSON text makes
-- `"trigger"::text ILIKE '%…%'` an index lookup. pg_trgm ships with PostgreSQL (contrib) and is a
-- trusted extension; where it cannot be created the search falls back to a scan.
DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN OTHERS THEN
  RAISE NOTICE 'pg_trgm is not available (%): payload search will scan', SQLERRM;
END $$;

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
    CREATE INDEX IF NOT EXISTS "Run_trigger_trgm_idx" ON "Run" USING gin (("trigger"::text) gin_trgm_ops);
  END IF;
END $$;

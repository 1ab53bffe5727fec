import { afterAll, beforeAll } from "vitest";
import { disconnectDb } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { createTestDatabase, type DatabaseKind, type TestDatabase } from "./databases";
import { sql, stamp } from "./sql";

/**
 * For tests that call Switchboard's modules in the test process: a fresh database of `kind`,
 * migrated, with one workspace ("ws") and workflow ("wf"), that lib/db/client connects to.
 * Call inside a describe block; one kind at a time per file (the client is per process).
 */
export function useInProcessDatabase(kind: DatabaseKind) {
  const handle = {
    database: undefined as unknown as TestDatabase,
    /** A run of workflow "wf" with the given fields. */
    async seedRun(id: string, fields: { status?: string; triggerKind?: string; parentRunId?: string } = {}) {
      const { status = "running", triggerKind = "manual", parentRunId = null } = fields;
      await sql(handle.database, `INSERT INTO "Run" ("id", "workspaceId", "workflowId", "workflowVersion", "status", "triggerKind", "parentRunId", "createdAt") VALUES ($1, 'ws', 'wf', 1, $2, $3, $4, $5)`, [
        id,
        status,
        triggerKind,
        parentRunId,
        stamp(handle.database, new Date()),
      ]);
    },
    /** An engine run with the given fields (the event that started it, as JSON), of function `fn` unless given. */
    async seedEngineRun(id: string, fields: { event?: unknown; status?: string; error?: unknown; functionId?: string } = {}) {
      const { event = {}, status = "running", error = null, functionId = "fn" } = fields;
      const json = handle.database.kind === "postgresql" ? "::jsonb" : "";
      await sql(handle.database, `INSERT INTO "EngineRun" ("id", "functionId", "event", "status", "error", "createdAt") VALUES ($1, $2, $3${json}, $4, $5${json}, $6)`, [
        id,
        functionId,
        JSON.stringify(event),
        status,
        error === null ? null : JSON.stringify(error),
        stamp(handle.database, new Date()),
      ]);
    },
  };

  beforeAll(async () => {
    handle.database = await createTestDatabase(kind);
    process.env.DATABASE_URL = handle.database.url;
    process.env.SWITCHBOARD_DATA_DIR = handle.database.dataDir;
    await migrateDatabase();
    const now = stamp(handle.database, new Date());
    await sql(handle.database, `INSERT INTO "Workspace" ("id", "name", "createdAt") VALUES ('ws', 'Workspace', $1)`, [now]);
    await sql(handle.database, `INSERT INTO "Workflow" ("id", "workspaceId", "name", "document", "webhookToken", "createdAt", "updatedAt") VALUES ('wf', 'ws', 'Workflow', '{}', 'token', $1, $2)`, [now, now]);
  });

  afterAll(async () => {
    await disconnectDb();
    await handle.database?.drop();
  });

  return handle;
}

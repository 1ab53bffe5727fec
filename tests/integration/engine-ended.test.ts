import { describe, expect, it } from "vitest";
import { recordRunsTheEngineEnded } from "@/lib/runs/engine-ended";
import { DATABASES } from "../support/databases";
import { useInProcessDatabase } from "../support/in-process-db";
import { sql, storedJson } from "../support/sql";

/**
 * Runs that run history shows queued or running although the embedded engine ended them (the app
 * refused every call of the run and of its failure handler) are recorded at start as the engine
 * ended them (lib/runs/engine-ended.ts). In the test process on a real database of each kind; the
 * 401 scenario itself is in engine-limits.test.ts.
 */
describe.each(DATABASES)("runs the engine ended, recorded on %s", (kind) => {
  const db = useInProcessDatabase(kind);

  const seedEngineRun = (runId: string, status: string, error: unknown = null) =>
    db.seedEngineRun(`erun_${runId}`, { event: { id: runId, name: "switchboard/run.requested", data: { runId, workflowId: "wf" }, ts: Date.now() }, status, error });

  const statusOf = async (id: string) => (await sql(db.database, `SELECT "status", "error" FROM "Run" WHERE "id" = $1`, [id]))[0] as { status: string; error: unknown };
  const errorOf = (value: unknown) => storedJson<{ name: string; message: string } | null>(value);

  it("records failed and cancelled engine runs on queued and running runs, and leaves the others", async () => {
    const refused = { name: "Error", message: "The app's /api/inngest answered 401 12 times in a row for function \"switchboard-run-workflow\" (Unauthorized)." };
    await db.seedRun("queued-failed", { status: "queued" });
    await seedEngineRun("queued-failed", "failed", refused);
    await db.seedRun("running-failed", { status: "running" });
    await seedEngineRun("running-failed", "failed", refused);
    await db.seedRun("running-cancelled", { status: "running" });
    await seedEngineRun("running-cancelled", "cancelled");
    await db.seedRun("queued-live", { status: "queued" });
    await seedEngineRun("queued-live", "running");
    await db.seedRun("queued-unsent", { status: "queued" });
    await db.seedRun("completed", { status: "completed" });
    await seedEngineRun("completed", "failed", refused);

    expect(await recordRunsTheEngineEnded()).toBe(3);

    for (const id of ["queued-failed", "running-failed"]) {
      const run = await statusOf(id);
      expect(run.status).toBe("failed");
      expect(errorOf(run.error)).toEqual(refused);
    }
    expect((await statusOf("running-cancelled")).status).toBe("cancelled");
    expect((await statusOf("queued-live")).status).toBe("queued");
    expect((await statusOf("queued-unsent")).status).toBe("queued");
    expect((await statusOf("completed")).status).toBe("completed");
    expect(errorOf((await statusOf("completed")).error)).toBeNull();

    // Nothing left to record: a second start changes nothing.
    expect(await recordRunsTheEngineEnded()).toBe(0);
  });
});

import { describe, expect, it } from "vitest";
import { collectDeferredWrites } from "@/lib/db/deferred-writes";
import { checkpointSteps } from "@/lib/engine/store";
import { completionIsWaitedOn } from "@/lib/execution/run-lifecycle";
import { markRunCompleted, recordAttemptEnded } from "@/lib/runs/history";
import { DATABASES } from "../support/databases";
import { useInProcessDatabase } from "../support/in-process-db";
import { sql } from "../support/sql";

/**
 * A completed attempt's run-history rows and a run's completion, written inside their step, are
 * committed with the step's checkpoint when the embedded engine runs the step in-process
 * (lib/db/deferred-writes.ts). These call the engine's store and run history directly, on a real
 * database of each kind.
 */
describe.each(DATABASES)("run history committed with the step's checkpoint on %s", (kind) => {
  const db = useInProcessDatabase(kind);
  const node = { id: "shape", type: "transform.map" };
  const attempt = () => ({ node, attempt: 1, input: { expression: "1" }, startedAt: new Date() });

  async function seedRun(id: string) {
    await db.seedRun(id);
    await db.seedEngineRun(`engine-${id}`);
  }

  const historyOf = (runId: string) => sql(db.database, `SELECT "status" FROM "StepRun" WHERE "runId" = $1`, [runId]);
  const checkpointOf = (runId: string) => sql(db.database, `SELECT "stepId" FROM "EngineStep" WHERE "runId" = $1`, [`engine-${runId}`]);

  it("writes a completed attempt's rows with the checkpoint of its result, not before", async () => {
    await seedRun("run-1");
    await collectDeferredWrites(async () => {
      await recordAttemptEnded("run-1", attempt(), { status: "completed", output: { ok: true } });
      expect(await historyOf("run-1")).toEqual([]);
      expect(await checkpointSteps("engine-run-1", [{ id: "step-1", state: { data: { ok: true } } }])).toBe(true);
      expect(await historyOf("run-1")).toEqual([{ status: "completed" }]);
      expect(await checkpointOf("run-1")).toEqual([{ stepId: "step-1" }]);
    });
  });

  it("stores neither when the history write fails, and keeps the write for the end of the call", async () => {
    // No Run row: the history insert breaks its foreign key, in the checkpoint's transaction.
    await db.seedEngineRun("engine-missing");
    const call = collectDeferredWrites(async () => {
      await recordAttemptEnded("missing", attempt(), { status: "completed", output: 1 });
      await expect(checkpointSteps("engine-missing", [{ id: "step-1", state: { data: 1 } }])).rejects.toThrow();
    });
    // Written again when the call ends (the SDK then returns the result in its answer): it fails the call, so the engine retries the request.
    await expect(call).rejects.toThrow();
    expect(await checkpointOf("missing")).toEqual([]);
  });

  it("writes what no checkpoint took when the call ends, and failures and calls outside the engine at once", async () => {
    await seedRun("run-2");
    await collectDeferredWrites(async () => {
      await recordAttemptEnded("run-2", attempt(), { status: "completed", output: 2 });
      expect(await historyOf("run-2")).toEqual([]);
    });
    expect(await historyOf("run-2")).toEqual([{ status: "completed" }]);

    await seedRun("run-3");
    await collectDeferredWrites(async () => {
      await recordAttemptEnded("run-3", attempt(), { status: "retrying", error: { name: "Error", message: "boom" } });
      expect(await historyOf("run-3")).toEqual([{ status: "retrying" }]);
    });

    await seedRun("run-4");
    await recordAttemptEnded("run-4", attempt(), { status: "completed", output: 4 });
    expect(await historyOf("run-4")).toEqual([{ status: "completed" }]);
  });

  it("completes a run nothing waits on with the checkpoint of its last step, and a waited-on one at once", async () => {
    const statusOf = async (runId: string) => (await sql(db.database, `SELECT "status" FROM "Run" WHERE "id" = $1`, [runId]))[0].status;
    await seedRun("run-5");
    await collectDeferredWrites(async () => {
      expect(await markRunCompleted({ id: "run-5" }, { done: true }, [], { leaveToCheckpoint: true })).toBeNull();
      expect(await statusOf("run-5")).toBe("running");
      expect(await checkpointSteps("engine-run-5", [{ id: "run:complete", state: { data: null } }])).toBe(true);
      expect(await statusOf("run-5")).toBe("completed");
    });

    // A run with a concurrency slot or a parent needs the answer: written in the step.
    const document = (settings: object) => ({ settings }) as Parameters<typeof completionIsWaitedOn>[0]["document"];
    expect(completionIsWaitedOn({ triggerKind: "webhook", document: document({}) })).toBe(false);
    expect(completionIsWaitedOn({ triggerKind: "webhook", document: document({ concurrency: 2 }) })).toBe(true);
    expect(completionIsWaitedOn({ triggerKind: "loop", document: document({}) })).toBe(true);
    expect(completionIsWaitedOn({ triggerKind: "subworkflow", document: document({}) })).toBe(true);
    await seedRun("run-6");
    await collectDeferredWrites(async () => {
      expect(await markRunCompleted({ id: "run-6" }, 6, [])).toBe(true);
      expect(await statusOf("run-6")).toBe("completed");
    });

    // An operator's cancel that came first is kept when the checkpoint writes the completion.
    await seedRun("run-7");
    await sql(db.database, `UPDATE "Run" SET "status" = 'cancelled' WHERE "id" = $1`, ["run-7"]);
    await collectDeferredWrites(async () => {
      await markRunCompleted({ id: "run-7" }, 7, [], { leaveToCheckpoint: true });
      await checkpointSteps("engine-run-7", [{ id: "run:complete", state: { data: null } }]);
    });
    expect(await statusOf("run-7")).toBe("cancelled");
  });
});

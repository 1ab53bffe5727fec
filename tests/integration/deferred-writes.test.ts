import { NonRetriableError } from "inngest";
import { afterAll, describe, expect, it } from "vitest";
import { collectDeferredWrites, mayHoldResult, storeHeldResults, withDeferredWrites } from "@/lib/db/deferred-writes";
import { expectClientSigningKey, handleCheckpoint } from "@/lib/engine/api";
import { embeddedSigningKey } from "@/lib/engine/keys";
import { hashedSigningKey } from "@/lib/engine/signature";
import { checkpointSteps } from "@/lib/engine/store";
import { beginAttempt } from "@/lib/execution/attempt-history";
import { completionIsWaitedOn } from "@/lib/execution/run-lifecycle";
import { startsWithResultsHeld, storingHeldResultsFirst, type WorkflowStepTools } from "@/lib/execution/step-tools";
import { startRunIfSlotFree } from "@/lib/runs/concurrency";
import { markRunCompleted, recordAttemptEnded, triggerStepWrites } from "@/lib/runs/history";
import { DATABASES } from "../support/databases";
import { useInProcessDatabase } from "../support/in-process-db";
import { refuseCompletedStepRun, sql, stamp } from "../support/sql";
import { waitFor } from "../support/wait";

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

  /** The engine's in-process call to the app for a run, as lib/engine/executor.ts makes it. */
  const collect = <T>(runId: string, call: () => Promise<T>) => collectDeferredWrites(call, () => checkpointSteps(`engine-${runId}`, []));
  /** The SDK's checkpoint of one step's result, as it reaches the engine. */
  const checkpoint = async (runId: string, stepId: string, data: unknown) =>
    (await handleCheckpoint(`engine-${runId}`, `Bearer ${hashedSigningKey(embeddedSigningKey())}`, JSON.stringify({ steps: [{ op: "StepRun", id: stepId, data }] }))).status;
  /** A promise the test opens, or that opens itself after 5 s (so a failed expectation does not leave a call waiting for ever). */
  function gate() {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => {
      open = resolve;
      setTimeout(resolve, 5000);
    });
    return { opened, open };
  }
  const historyOf = (runId: string) => sql(db.database, `SELECT "status" FROM "StepRun" WHERE "runId" = $1`, [runId]);
  const checkpointOf = (runId: string) => sql(db.database, `SELECT "stepId" FROM "EngineStep" WHERE "runId" = $1 ORDER BY "createdAt", "stepId"`, [`engine-${runId}`]);

  it("writes a completed attempt's rows with the checkpoint of its result, not before", async () => {
    await seedRun("run-1");
    await collect("run-1", async () => {
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
    const call = collect("missing", async () => {
      await recordAttemptEnded("missing", attempt(), { status: "completed", output: 1 });
      await expect(checkpointSteps("engine-missing", [{ id: "step-1", state: { data: 1 } }])).rejects.toThrow();
    });
    // Written again when the call ends (the SDK then returns the result in its answer): it fails the call, so the engine retries the request.
    await expect(call).rejects.toThrow();
    expect(await checkpointOf("missing")).toEqual([]);
  });

  it("writes what no checkpoint took when the call ends, and failures and calls outside the engine at once", async () => {
    await seedRun("run-2");
    await collect("run-2", async () => {
      await recordAttemptEnded("run-2", attempt(), { status: "completed", output: 2 });
      expect(await historyOf("run-2")).toEqual([]);
    });
    expect(await historyOf("run-2")).toEqual([{ status: "completed" }]);

    await seedRun("run-3");
    await collect("run-3", async () => {
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
    await collect("run-5", async () => {
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
    await collect("run-6", async () => {
      expect(await markRunCompleted({ id: "run-6" }, 6, [])).toBe(true);
      expect(await statusOf("run-6")).toBe("completed");
    });

    // An operator's cancel that came first is kept when the checkpoint writes the completion.
    await seedRun("run-7");
    await sql(db.database, `UPDATE "Run" SET "status" = 'cancelled' WHERE "id" = $1`, ["run-7"]);
    await collect("run-7", async () => {
      await markRunCompleted({ id: "run-7" }, 7, [], { leaveToCheckpoint: true });
      await checkpointSteps("engine-run-7", [{ id: "run:complete", state: { data: null } }]);
    });
    expect(await statusOf("run-7")).toBe("cancelled");
  });

  it("holds a transform's checkpoint for the next one, stores it before a step with effects starts, and at the end of the call", async () => {
    expectClientSigningKey(); // this database's key (the engine reads it once per process)
    // A step that allowed it (a pure node): answered, nothing stored; the next checkpoint stores both in its transaction.
    await seedRun("run-8");
    await collect("run-8", async () => {
      await recordAttemptEnded("run-8", attempt(), { status: "completed", output: 1 });
      mayHoldResult();
      expect(await checkpoint("run-8", "node:a", 1)).toBe(200);
      expect(await checkpointOf("run-8")).toEqual([]);
      expect(await historyOf("run-8")).toEqual([]);
      expect(await checkpoint("run-8", "node:b", 2)).toBe(200);
      expect(await checkpointOf("run-8")).toEqual([{ stepId: "node:a" }, { stepId: "node:b" }]);
      expect(await historyOf("run-8")).toEqual([{ status: "completed" }]);
    });

    // Before a step with effects: stored at once; once the run ended, the step is told not to start.
    await seedRun("run-9");
    await collect("run-9", async () => {
      expect(await storeHeldResults()).toBe(true);
      mayHoldResult();
      expect(await checkpoint("run-9", "node:a", 1)).toBe(200);
      expect(await storeHeldResults()).toBe(true);
      expect(await checkpointOf("run-9")).toEqual([{ stepId: "node:a" }]);
      mayHoldResult();
      expect(await checkpoint("run-9", "node:c", 3)).toBe(200);
      await sql(db.database, `UPDATE "EngineRun" SET "status" = 'cancelled' WHERE "id" = $1`, ["engine-run-9"]);
      expect(await storeHeldResults()).toBe(false);
    });

    // At the end of the call; and at most 50 held: the 51st is stored with them.
    await seedRun("run-10");
    await collect("run-10", async () => {
      for (let i = 0; i < 50; i++) {
        mayHoldResult();
        expect(await checkpoint("run-10", `node:n${String(i).padStart(2, "0")}`, i)).toBe(200);
      }
      expect(await checkpointOf("run-10")).toEqual([]);
      mayHoldResult();
      await checkpoint("run-10", "node:n50", 50);
      expect(await checkpointOf("run-10")).toHaveLength(51);
      mayHoldResult();
      await checkpoint("run-10", "node:n51", 51);
      await recordAttemptEnded("run-10", attempt(), { status: "completed", output: 51 });
      expect(await checkpointOf("run-10")).toHaveLength(51);
    });
    expect(await checkpointOf("run-10")).toHaveLength(52);
    expect(await historyOf("run-10")).toEqual([{ status: "completed" }]);
  });

  it("holds at most 1 MiB of results: the result that would go over it is stored with those held", async () => {
    expectClientSigningKey();
    const text = (kb: number) => "x".repeat(kb * 1024);
    await seedRun("run-12");
    await collect("run-12", async () => {
      mayHoldResult();
      expect(await checkpoint("run-12", "node:a", text(600))).toBe(200);
      mayHoldResult();
      expect(await checkpoint("run-12", "node:b", text(300))).toBe(200);
      expect(await checkpointOf("run-12")).toEqual([]);
      mayHoldResult();
      expect(await checkpoint("run-12", "node:c", text(200))).toBe(200);
      expect(await checkpointOf("run-12")).toEqual([{ stepId: "node:a" }, { stepId: "node:b" }, { stepId: "node:c" }]);
    });
  });

  it("stores held results before an attempt that runs on is shown as running", async () => {
    expectClientSigningKey();
    await seedRun("run-13");
    await collect("run-13", async () => {
      mayHoldResult();
      expect(await checkpoint("run-13", "node:a", 1)).toBe(200);
      const slow = beginAttempt("run-13", { node: { id: "slow", type: "action.http" }, attempt: 1, input: {}, startedAt: new Date() });
      await waitFor(async () => (await historyOf("run-13")).length > 0, { what: "the slow attempt shown as running" });
      // The row shows as running only after what ran before it was stored.
      expect(await historyOf("run-13")).toEqual([{ status: "running" }]);
      expect(await checkpointOf("run-13")).toEqual([{ stepId: "node:a" }]);
      await slow.completed({ ok: true });
    });
    expect(await historyOf("run-13")).toEqual([{ status: "completed" }]);
  });

  it("starts a walker's step only once held results are stored, unless it is marked to start with them held, and not in a run that ended", async () => {
    expectClientSigningKey();
    const inngestSteps = { run: (_id: string, fn: () => Promise<unknown>) => fn(), sleepUntil: async () => null, waitForEvent: async () => null } as WorkflowStepTools;
    const step = storingHeldResultsFirst(inngestSteps);
    await seedRun("run-11");
    await collect("run-11", async () => {
      mayHoldResult();
      expect(await checkpoint("run-11", "node:a", 1)).toBe(200);
      await step.run("node:b", startsWithResultsHeld(async () => expect(await checkpointOf("run-11")).toEqual([])));
      await step.run("node:c", async () => expect(await checkpointOf("run-11")).toEqual([{ stepId: "node:a" }]));
      await recordAttemptEnded("run-11", attempt(), { status: "completed", output: 4 });
      mayHoldResult();
      expect(await checkpoint("run-11", "node:d", 4)).toBe(200);
      await sql(db.database, `UPDATE "EngineRun" SET "status" = 'cancelled' WHERE "id" = $1`, ["engine-run-11"]);
      let started = false;
      // Not retried: the run is over. What was held is still written (the pure step ran, as a step in flight at a cancel does).
      await expect(step.run("node:e", async () => (started = true))).rejects.toThrow(NonRetriableError);
      expect(started).toBe(false);
      expect(await historyOf("run-11")).toEqual([{ status: "completed" }]);
    });
  });

  it("runs one store of a call at a time: each waits for those under way", async () => {
    await seedRun("run-q1");
    await collect("run-q1", async () => {
      const order: string[] = [];
      const gates: Record<string, () => void> = {};
      const store = (name: string) =>
        withDeferredWrites(async () => {
          order.push(`${name} started`);
          const { opened, open } = gate();
          gates[name] = open;
          await opened;
          order.push(`${name} ended`);
        });
      const stores = [store("first"), store("second"), store("third")];
      await waitFor(async () => gates.first);
      expect(order).toEqual(["first started"]);
      gates.first();
      // Both others waited for the first: one starts, the other waits for it in turn.
      await waitFor(async () => gates.second);
      expect(order).toEqual(["first started", "first ended", "second started"]);
      gates.second();
      await waitFor(async () => gates.third);
      gates.third();
      await Promise.all(stores);
      expect(order).toEqual(["first started", "first ended", "second started", "second ended", "third started", "third ended"]);
    });
  });

  it("lets no step start once a store it waited for has taken what was held and the run has ended meanwhile", async () => {
    expectClientSigningKey();
    await seedRun("run-q2");
    await collect("run-q2", async () => {
      mayHoldResult();
      expect(await checkpoint("run-q2", "node:a", 1)).toBe(200);
      const { opened, open } = gate();
      // A store under way takes the held result; the run is cancelled before it ends.
      const underWay = withDeferredWrites(async (writes) => {
        await opened;
        return writes.length;
      });
      const beforeStep = storeHeldResults();
      await sql(db.database, `UPDATE "EngineRun" SET "status" = 'cancelled' WHERE "id" = $1`, ["engine-run-q2"]);
      open();
      expect(await underWay).toBeGreaterThan(0);
      // Nothing is left to store, but the step must not start in a run that has ended.
      expect(await beforeStep).toBe(false);
    });
  });

  describe("a run's start and completion", () => {
    const trigger = { id: "hook", type: "trigger.webhook" };
    afterAll(async () => {
      await sql(db.database, kind === "sqlite" ? `DROP TRIGGER IF EXISTS "logRunUpdates"` : `DROP TRIGGER IF EXISTS "logRunUpdates" ON "Run"`);
      await sql(db.database, `DROP TABLE IF EXISTS "RunUpdates"`);
    });
    /** Logs every update of a Run row: the statuses it went through. */
    async function logRunUpdates() {
      const statements =
        kind === "sqlite"
          ? [
              `CREATE TABLE IF NOT EXISTS "RunUpdates" ("n" INTEGER PRIMARY KEY AUTOINCREMENT, "runId" TEXT, "status" TEXT)`,
              `CREATE TRIGGER IF NOT EXISTS "logRunUpdates" AFTER UPDATE ON "Run" BEGIN INSERT INTO "RunUpdates" ("runId", "status") VALUES (NEW."id", NEW."status"); END`,
            ]
          : [
              `CREATE TABLE IF NOT EXISTS "RunUpdates" ("n" SERIAL PRIMARY KEY, "runId" TEXT, "status" TEXT)`,
              `CREATE OR REPLACE FUNCTION "logRunUpdates"() RETURNS trigger AS $$ BEGIN INSERT INTO "RunUpdates" ("runId", "status") VALUES (NEW."id", NEW."status"); RETURN NEW; END $$ LANGUAGE plpgsql`,
              `DROP TRIGGER IF EXISTS "logRunUpdates" ON "Run"`,
              `CREATE TRIGGER "logRunUpdates" AFTER UPDATE ON "Run" FOR EACH ROW EXECUTE FUNCTION "logRunUpdates"()`,
            ];
      for (const statement of statements) await sql(db.database, statement);
    }
    const updatesOf = async (runId: string) => (await sql(db.database, `SELECT "status" FROM "RunUpdates" WHERE "runId" = $1 ORDER BY "n"`, [runId])).map((r) => r.status);
    const runOf = async (runId: string) => (await sql(db.database, `SELECT "status", "startedAt", "output" FROM "Run" WHERE "id" = $1`, [runId]))[0];
    const nodesOf = async (runId: string) => (await sql(db.database, `SELECT "nodeId", "status" FROM "StepRun" WHERE "runId" = $1 ORDER BY "nodeId"`, [runId]));
    const seedQueued = async (id: string) => {
      await db.seedRun(id, { status: "queued" });
      await db.seedEngineRun(`engine-${id}`);
    };
    /** A run's start as the walker asks for it when it read the run queued. */
    const start = (runId: string) =>
      startRunIfSlotFree({ runId, workflowId: "wf", limit: undefined, timeoutMs: undefined, writes: triggerStepWrites(runId, trigger, {}, { body: 1 }), known: { status: "queued", startedAt: null } });

    it("writes a run that ends within its first call as one update of its row, from queued to completed, with the trigger's history", async () => {
      await logRunUpdates();
      await seedQueued("run-s1");
      const started = await collect("run-s1", async () => {
        const state = await start("run-s1");
        expect(state).toMatchObject({ state: "running", startedNow: true });
        expect((await runOf("run-s1")).status).toBe("queued");
        await recordAttemptEnded("run-s1", attempt(), { status: "completed", output: 1 });
        expect(await markRunCompleted({ id: "run-s1" }, { done: true }, [], { leaveToCheckpoint: true })).toBeNull();
        expect(await nodesOf("run-s1")).toEqual([]);
        return state;
      });
      expect(await updatesOf("run-s1")).toEqual(["completed"]);
      const run = await runOf("run-s1");
      expect(new Date(run.startedAt as string).toISOString()).toBe(started.state === "running" ? started.startedAt : "");
      expect(await nodesOf("run-s1")).toEqual([
        { nodeId: "hook", status: "completed" },
        { nodeId: "shape", status: "completed" },
      ]);
    });

    it("reads nothing more for a run found running or ended, and writes the start at once outside the engine's call", async () => {
      await logRunUpdates();
      const startedAt = new Date("2026-12-01T10:00:00.000Z");
      const known = (status: string, at: Date | null) =>
        startRunIfSlotFree({ runId: "run-k1", workflowId: "wf", limit: undefined, timeoutMs: 60_000, writes: triggerStepWrites("run-k1", trigger, {}, {}), known: { status, startedAt: at } });
      await seedQueued("run-k1");
      // What the context read is taken as it is: the run is neither read nor written again.
      expect(await known("running", startedAt)).toEqual({ state: "running", startedAt: startedAt.toISOString(), deadline: "2026-12-01T10:01:00.000Z" });
      expect(await known("cancelled", null)).toEqual({ state: "ended" });
      expect(await updatesOf("run-k1")).toEqual([]);
      // No engine call to hold it for: started now, with the trigger's history.
      expect(await known("queued", null)).toMatchObject({ state: "running", startedNow: true });
      expect(await updatesOf("run-k1")).toEqual(["running"]);
      expect(await nodesOf("run-k1")).toEqual([{ nodeId: "hook", status: "completed" }]);
    });

    it("writes a held start on its own when the call ends without the run's end, and completes a run another call started meanwhile", async () => {
      await logRunUpdates();
      await seedQueued("run-s5");
      await collect("run-s5", async () => {
        await start("run-s5");
        expect(await updatesOf("run-s5")).toEqual([]);
      });
      expect(await updatesOf("run-s5")).toEqual(["running"]);
      expect(await nodesOf("run-s5")).toEqual([{ nodeId: "hook", status: "completed" }]);

      // Two calls of one run that both found it queued (a call that outlived its lease): the one that ends it second still completes it.
      await seedQueued("run-s6");
      const other = new Date("2026-12-01T10:00:00.000Z");
      await collect("run-s6", async () => {
        await start("run-s6");
        await markRunCompleted({ id: "run-s6" }, 6, [], { leaveToCheckpoint: true });
        await sql(db.database, `UPDATE "Run" SET "status" = 'running', "startedAt" = $1 WHERE "id" = $2`, [stamp(db.database, other), "run-s6"]);
      });
      expect(await updatesOf("run-s6")).toEqual(["running", "completed"]);
      expect(new Date((await runOf("run-s6")).startedAt as string).toISOString()).toBe(other.toISOString());
      // Its trigger's history is the other call's to write.
      expect(await nodesOf("run-s6")).toEqual([]);
    });

    it("writes the start on its own when a step with effects comes first, and keeps a cancel that came first", async () => {
      await logRunUpdates();
      await seedQueued("run-s2");
      await collect("run-s2", async () => {
        await start("run-s2");
        expect(await storeHeldResults()).toBe(true);
        expect((await runOf("run-s2")).status).toBe("running");
        expect(await nodesOf("run-s2")).toEqual([{ nodeId: "hook", status: "completed" }]);
        await markRunCompleted({ id: "run-s2" }, 2, [], { leaveToCheckpoint: true });
      });
      expect(await updatesOf("run-s2")).toEqual(["running", "completed"]);

      await seedQueued("run-s3");
      await collect("run-s3", async () => {
        await start("run-s3");
        await sql(db.database, `UPDATE "Run" SET "status" = 'cancelled' WHERE "id" = $1`, ["run-s3"]);
        await markRunCompleted({ id: "run-s3" }, 3, [], { leaveToCheckpoint: true });
      });
      expect(await updatesOf("run-s3")).toEqual(["cancelled"]);
      expect(await runOf("run-s3")).toMatchObject({ status: "cancelled", startedAt: null });
      expect(await nodesOf("run-s3")).toEqual([]);
    });

    it("gives a held start back when its store fails, to be written as one update with the completion left meanwhile", async () => {
      await logRunUpdates();
      await seedQueued("run-s4");
      // The first store fails on a history row the database refuses (its node id), and gives back what it took.
      const allow = await refuseCompletedStepRun(db.database, "refused");
      try {
        await collect("run-s4", async () => {
          await start("run-s4");
          await recordAttemptEnded("run-s4", { ...attempt(), node: { id: "refused", type: "transform.map" } }, { status: "completed", output: 4 });
          await expect(checkpointSteps("engine-run-s4", [{ id: "step-1", state: { data: 4 } }])).rejects.toThrow(/refused by the test/);
          expect((await runOf("run-s4")).status).toBe("queued");
          await markRunCompleted({ id: "run-s4" }, 4, [], { leaveToCheckpoint: true });
          await allow();
        });
      } finally {
        await allow();
      }
      expect(await updatesOf("run-s4")).toEqual(["completed"]);
      expect(await nodesOf("run-s4")).toEqual([
        { nodeId: "hook", status: "completed" },
        { nodeId: "refused", status: "completed" },
      ]);

      // The completion left while the failing store was under way is combined with the start it gives back.
      await seedQueued("run-s7");
      await collect("run-s7", async () => {
        await start("run-s7");
        await expect(
          withDeferredWrites(async (writes) => {
            expect(writes.length).toBeGreaterThan(0);
            await markRunCompleted({ id: "run-s7" }, 7, [], { leaveToCheckpoint: true });
            throw new Error("the store failed");
          }),
        ).rejects.toThrow("the store failed");
        expect(await updatesOf("run-s7")).toEqual([]);
      });
      expect(await updatesOf("run-s7")).toEqual(["completed"]);
      expect(await runOf("run-s7")).toMatchObject({ status: "completed" });
      expect(await nodesOf("run-s7")).toEqual([{ nodeId: "hook", status: "completed" }]);
    });
  });
});

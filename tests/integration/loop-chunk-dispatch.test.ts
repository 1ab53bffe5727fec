import { describe, expect, it } from "vitest";
import { CHUNKS_IN_FLIGHT, chunksToSend } from "@/lib/runs/dispatch";
import { requeueStaleRuns } from "@/lib/runs/start";
import { DATABASES } from "../support/databases";
import { useInProcessDatabase } from "../support/in-process-db";
import { sql, stamp } from "../support/sql";

/**
 * A loop's chunk runs are handed to the engine at most CHUNKS_IN_FLIGHT at a time
 * (lib/execution/loop-chunks.ts); the conformance suite runs one end to end. These check which
 * chunks are sent, in the test process on a real database of each kind.
 */
describe.each(DATABASES)("loop chunks sent in turn on %s", (kind) => {
  const db = useInProcessDatabase(kind);
  // Ids sort in the order the chunks were stored, as ULIDs do.
  const chunkIds = (parent: string) => Array.from({ length: 12 }, (_, i) => `run_${parent}_${String(i).padStart(2, "0")}`);

  async function seedLoop(parent: string) {
    await db.seedRun(parent);
    for (const id of chunkIds(parent)) await db.seedRun(id, { status: "queued", triggerKind: "loop", parentRunId: parent });
    return chunkIds(parent);
  }

  const setStatus = (ids: string[], status: string) => sql(db.database, `UPDATE "Run" SET "status" = $1 WHERE "id" IN (${ids.map((_, i) => `$${i + 2}`).join(", ")})`, [status, ...ids]);

  it("sends the chunks still queued among the first 8 not ended, in the order stored", async () => {
    const ids = await seedLoop("a");
    expect(CHUNKS_IN_FLIGHT).toBe(8);
    expect((await chunksToSend("a")).map((r) => r.runId)).toEqual(ids.slice(0, 8));

    // Two started, one ended: one more chunk's turn comes; those started are not sent again.
    await setStatus([ids[0], ids[1]], "running");
    await setStatus([ids[2]], "completed");
    expect((await chunksToSend("a")).map((r) => r.runId)).toEqual(ids.slice(3, 9));

    await setStatus(ids.slice(3, 9), "running");
    expect(await chunksToSend("a")).toEqual([]);
  });

  it("requeues on start the chunks whose turn it is, not every queued chunk", async () => {
    const ids = await seedLoop("b");
    await db.seedRun("run_b_single", { status: "queued" });
    // The engine accepts events once a function is registered (this one runs on none of them).
    const config = JSON.stringify({ id: "none", name: "none", triggers: [{ event: "test/none" }], steps: {} });
    await sql(db.database, `INSERT INTO "EngineFunction" ("id", "appId", "url", "config", "updatedAt") VALUES ('none', 'test', 'http://127.0.0.1/none', $1, $2)`, [config, stamp(db.database, new Date())]);
    expect(await requeueStaleRuns(0)).toBe(9);
    // Sent as events whose id is the run id (a repeated send is dropped).
    const sent = await sql(db.database, `SELECT "externalId" FROM "EngineEvent" WHERE "externalId" LIKE 'run_b_%' ORDER BY "externalId"`);
    expect(sent.map((row) => row.externalId)).toEqual(["run_b_single", ...ids.slice(0, 8)].sort());
  });
});

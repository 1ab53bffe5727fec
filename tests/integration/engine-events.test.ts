import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { acceptEvents } from "@/lib/engine/events";
import { failRun } from "@/lib/engine/executor";
import { FAILED_EVENT, registerApp } from "@/lib/engine/store";
import type { FunctionConfig } from "@/lib/engine/types";
import { DATABASES } from "../support/databases";
import { useInProcessDatabase } from "../support/in-process-db";
import { sql, stamp, storedJson } from "../support/sql";

/**
 * What the embedded engine does with a batch of events (lib/engine/events.ts), on a real database
 * of each kind: each event stored once per id, the runs it starts with their cancel entries and
 * discovery jobs, the runs it cancels in batch order, and the waits it resumes.
 */
describe.each(DATABASES)("events accepted by the embedded engine on %s", (kind) => {
  const database = useInProcessDatabase(kind);
  const step = { step: { id: "step", runtime: { type: "http", url: "http://127.0.0.1:9/api/inngest" } } };
  const functions: FunctionConfig[] = [
    {
      id: "orders",
      triggers: [{ event: "t/order" }],
      steps: step,
      cancel: [
        { event: "t/cancel", if: "event.data.order == async.data.order" },
        { event: "t/stop", if: "event.data.tier != async.data.tier" },
      ],
    },
    { id: "big-orders", triggers: [{ event: "t/order", expression: "event.data.size == \"big\"" }], steps: step },
    { id: "on-failure", triggers: [{ event: FAILED_EVENT }], steps: step },
  ];

  beforeAll(async () => {
    await registerApp("app", "http://127.0.0.1:9/api/inngest", functions);
  });

  type EngineRunRow = { id: string; functionId: string; event: { id: string; data: Record<string, unknown> }; status: string; endedAt: unknown };
  const runsOf = async (order: string) =>
    (await sql(database.database, `SELECT "id", "functionId", "event", "status", "endedAt" FROM "EngineRun" ORDER BY "createdAt", "id"`))
      .map((row) => ({ ...row, event: storedJson(row.event) }) as EngineRunRow)
      .filter((row) => row.event.data?.order === order);
  const pendingOf = async (runId: string) => ({
    jobs: await sql(database.database, `SELECT "kind", "stepId", "rerun" FROM "EngineJob" WHERE "runId" = $1 ORDER BY "kind"`, [runId]),
    cancels: await sql(database.database, `SELECT "eventName", "matchKey" FROM "EngineCancel" WHERE "runId" = $1 ORDER BY "position"`, [runId]),
  });
  const truthy = (value: unknown) => value === true || value === 1;

  it("stores each event once per id, in one batch and across batches, and starts a run for each function it triggers", async () => {
    const first = await acceptEvents([
      { id: "ext-1", name: "t/order", data: { order: "o1", total: 5 }, ts: 1_700_000_000_000 },
      { id: "ext-1", name: "t/order", data: { order: "o1", total: 5 } },
      { name: "t/order", data: { order: "o2", size: "big" } },
    ]);
    expect(first[1]).toBe(first[0]);
    expect(first[2]).not.toBe(first[0]);
    expect(await acceptEvents([{ id: "ext-1", name: "t/order", data: { order: "o1", total: 5 } }])).toEqual([first[0]]);

    const stored = await sql(database.database, `SELECT "id", "name", "data", "ts" FROM "EngineEvent" WHERE "externalId" = 'ext-1'`);
    expect(stored.map((row) => ({ ...row, data: storedJson(row.data), ts: new Date(row.ts as string).getTime() }))).toEqual([
      { id: first[0], name: "t/order", data: { order: "o1", total: 5 }, ts: 1_700_000_000_000 },
    ]);

    const [one] = await runsOf("o1");
    expect((await runsOf("o1")).map((run) => run.functionId)).toEqual(["orders"]);
    expect(one.event).toMatchObject({ id: "ext-1", name: "t/order", ts: 1_700_000_000_000 });
    expect(one.status).toBe("running");
    expect(await pendingOf(one.id)).toEqual({
      jobs: [{ kind: "discover", stepId: "", rerun: expect.anything() }],
      cancels: [
        { eventName: "t/cancel", matchKey: '"o1"' },
        { eventName: "t/stop", matchKey: null },
      ],
    });
    const two = await runsOf("o2");
    expect(two.map((run) => run.functionId).sort()).toEqual(["big-orders", "orders"]);
    // The event's own id is the stored one when it came without an id.
    expect(two[0].event.id).toBe(first[2]);
  });

  it("cancels with an event the runs started before it in the same batch, not those after it", async () => {
    await acceptEvents([
      { name: "t/order", data: { order: "o3" } },
      { name: "t/cancel", data: { order: "o3" } },
      { name: "t/order", data: { order: "o3" } },
    ]);
    const [before, after] = await runsOf("o3");
    expect([before.status, after.status]).toEqual(["cancelled", "running"]);
    expect(before.endedAt).not.toBeNull();
    expect(await pendingOf(before.id)).toEqual({ jobs: [], cancels: [] });
    expect((await pendingOf(after.id)).jobs).toHaveLength(1);
  });

  it("evaluates a condition outside the match form against each run, and an expired entry cancels nothing", async () => {
    await acceptEvents([
      { name: "t/order", data: { order: "o4", tier: "gold" } },
      { name: "t/order", data: { order: "o4", tier: "silver" } },
      { name: "t/order", data: { order: "o5", tier: "gold" } },
    ]);
    const [expiring] = await runsOf("o5");
    await sql(database.database, `UPDATE "EngineCancel" SET "expiresAt" = $1 WHERE "runId" = $2 AND "eventName" = 't/cancel'`, [stamp(database.database, new Date(Date.now() - 1000)), expiring.id]);

    await acceptEvents([{ name: "t/stop", data: { tier: "gold" } }, { name: "t/cancel", data: { order: "o5" } }]);
    expect((await runsOf("o4")).map((run) => [run.event.data.tier, run.status])).toEqual([
      ["gold", "running"],
      ["silver", "cancelled"],
    ]);
    expect((await runsOf("o5")).map((run) => run.status)).toEqual(["running"]);
  });

  it("resumes a wait with the first event that matches it: the step stores it, the wait and its timeout go, a discovery is scheduled", async () => {
    const future = stamp(database.database, new Date(Date.now() + 3_600_000));
    const now = stamp(database.database, new Date());
    await database.seedEngineRun("wait-1", { event: { name: "t/order", data: { order: "o9" } } });
    await database.seedEngineRun("wait-2", { event: { name: "t/order", data: {} } });
    await database.seedEngineRun("wait-3", { event: { name: "t/order", data: {} }, status: "cancelled" });
    const wait = `INSERT INTO "EngineWait" ("runId", "stepId", "eventName", "condition", "expiresAt", "createdAt") VALUES ($1, 'paid', 't/paid', $2, $3, $4)`;
    await sql(database.database, wait, ["wait-1", "event.data.order == async.data.order", future, now]);
    await sql(database.database, wait, ["wait-2", null, future, now]);
    await sql(database.database, wait, ["wait-3", null, future, now]);
    const job = `INSERT INTO "EngineJob" ("id", "runId", "kind", "stepId", "runAt", "createdAt") VALUES ($1, $2, $3, $4, $5, $6)`;
    await sql(database.database, job, ["job-w1", "wait-1", "wait", "paid", future, now]);
    // wait-2's discovery is running: it runs once more when it ends.
    await sql(database.database, job, ["job-d2", "wait-2", "discover", "", now, now]);

    await acceptEvents([
      { name: "t/paid", data: { order: "o8" } },
      { name: "t/paid", data: { order: "o9", amount: 1 } },
      { name: "t/paid", data: { order: "o9", amount: 2 } },
    ]);

    const stepOf = async (runId: string) => (await sql(database.database, `SELECT "data", "error" FROM "EngineStep" WHERE "runId" = $1 AND "stepId" = 'paid'`, [runId])).map((row) => ({ data: storedJson(row.data), error: storedJson(row.error) }));
    expect(await stepOf("wait-1")).toEqual([{ data: { value: expect.objectContaining({ name: "t/paid", data: { order: "o9", amount: 1 } }) }, error: null }]);
    expect(await stepOf("wait-2")).toEqual([{ data: { value: expect.objectContaining({ data: { order: "o8" } }) }, error: null }]);
    expect(await stepOf("wait-3")).toEqual([]);
    expect(await sql(database.database, `SELECT "runId" FROM "EngineWait" WHERE "eventName" = 't/paid'`)).toEqual([{ runId: "wait-3" }]);

    const wait1 = await pendingOf("wait-1");
    expect(wait1.jobs.map((row) => [row.kind, truthy(row.rerun)])).toEqual([["discover", false]]);
    const wait2 = await pendingOf("wait-2");
    expect(wait2.jobs.map((row) => [row.kind, truthy(row.rerun)])).toEqual([["discover", true]]);
  });

  it("accepts a failed run's event in the transaction that fails it, starting the failure handler", async () => {
    await database.seedEngineRun("failing", { event: { name: "t/order", data: { order: "o10" } }, functionId: "orders" });
    await db().$transaction((tx) => failRun(tx, "failing", { message: "boom" }));

    const [failed] = await sql(database.database, `SELECT "status" FROM "EngineRun" WHERE "id" = 'failing'`);
    expect(failed.status).toBe("failed");
    const handlers = (await sql(database.database, `SELECT "event" FROM "EngineRun" WHERE "functionId" = 'on-failure'`)).map((row) => storedJson(row.event));
    expect(handlers).toEqual([expect.objectContaining({ name: FAILED_EVENT, data: expect.objectContaining({ function_id: "orders", run_id: "failing", error: { message: "boom" } }) })]);
  });
});

import { describe, expect, it, vi } from "vitest";
import { executeJob } from "@/lib/engine/executor";
import type { EngineJob } from "@/lib/generated/prisma-sqlite/client";
import { DATABASES } from "../support/databases";
import { useInProcessDatabase } from "../support/in-process-db";
import { sql, stamp } from "../support/sql";

/** What the app's Inngest handler answers the engine's next call (tests below set it). */
const app = vi.hoisted(() => ({ answer: (): Response => new Response("null", { status: 200 }) }));
vi.mock("@/inngest/handler", () => ({ inngestHandler: { POST: async () => app.answer() } }));

/**
 * A job is changed after its call only under the lease it was claimed with (lib/engine/worker.ts,
 * lib/engine/executor.ts): a call that outlived its lease (released when its process stopped, or
 * run out while the heartbeat stalled) leaves the job to whoever holds it now.
 */
describe.each(DATABASES)("engine job leases on %s", (kind) => {
  const db = useInProcessDatabase(kind);

  async function seedJob(id: string, runId: string, fields: { kind: string; stepId: string; lockedBy: string; attempt?: number }): Promise<EngineJob> {
    const runAt = new Date(Date.now() - 1000);
    await sql(db.database, `INSERT INTO "EngineJob" ("id", "runId", "kind", "stepId", "attempt", "appErrors", "runAt", "lockedUntil", "lockedBy", "rerun", "createdAt") VALUES ($1, $2, $3, $4, $5, 0, $6, $7, $8, $9, $10)`, [
      id,
      runId,
      fields.kind,
      fields.stepId,
      fields.attempt ?? 0,
      stamp(db.database, runAt),
      stamp(db.database, new Date(Date.now() + 30_000)),
      fields.lockedBy,
      kind === "sqlite" ? 0 : false,
      stamp(db.database, runAt),
    ]);
    return { id, runId, kind: fields.kind, stepId: fields.stepId, attempt: fields.attempt ?? 0, appErrors: 0, runAt, lockedUntil: null, lockedBy: fields.lockedBy, rerun: false, createdAt: runAt };
  }
  const jobState = async (id: string) => (await sql(db.database, `SELECT "lockedBy", "attempt", "appErrors" FROM "EngineJob" WHERE "id" = $1`, [id]))[0];
  const steps = async (runId: string) => (await sql(db.database, `SELECT "stepId" FROM "EngineStep" WHERE "runId" = $1`, [runId])).map((r) => r.stepId);

  it("leaves a job another claim holds when a late call ends, and ends it under its own lease", async () => {
    // A wait's timeout fires: it resolves the step and ends its job.
    await db.seedEngineRun("engine-1");
    await sql(db.database, `INSERT INTO "EngineWait" ("runId", "stepId", "eventName", "expiresAt") VALUES ('engine-1', 'w', 'order.paid', $1)`, [stamp(db.database, new Date())]);
    const job = await seedJob("job-1", "engine-1", { kind: "wait", stepId: "w", lockedBy: "worker-b:3" });
    // An earlier claim, whose lease was released or ran out, and whose call ends only now.
    await executeJob({ ...job, lockedBy: "worker-a:1" });
    expect(await steps("engine-1")).toEqual(["w"]);
    expect(await jobState("job-1")).toMatchObject({ lockedBy: "worker-b:3" });
    // The claim that holds it finds the wait resolved already, and ends the job.
    await executeJob(job);
    expect(await jobState("job-1")).toBeUndefined();
    expect(await steps("engine-1")).toEqual(["w"]);

    await db.seedEngineRun("engine-2");
    await sql(db.database, `INSERT INTO "EngineWait" ("runId", "stepId", "eventName", "expiresAt") VALUES ('engine-2', 'w', 'order.paid', $1)`, [stamp(db.database, new Date())]);
    const held = await seedJob("job-2", "engine-2", { kind: "wait", stepId: "w", lockedBy: "worker-a:2" });
    await executeJob(held);
    expect(await jobState("job-2")).toBeUndefined();
  });

  it("neither drops nor postpones a job under another lease", async () => {
    // A run that ended: its job is dropped, but only by the claim that holds it.
    await db.seedEngineRun("engine-3", { status: "cancelled" });
    const ended = await seedJob("job-3", "engine-3", { kind: "discover", stepId: "", lockedBy: "worker-b:1" });
    await executeJob({ ...ended, lockedBy: "worker-a:1" });
    expect(await jobState("job-3")).toMatchObject({ lockedBy: "worker-b:1" });
    await executeJob(ended);
    expect(await jobState("job-3")).toBeUndefined();

    // A run of a function the app has not synced: its job is tried again later, released, only under its own lease.
    // (Other tests sync `fn`, and the engine keeps the functions it read for 5 s in this process.)
    await db.seedEngineRun("engine-4", { functionId: "not-synced" });
    const unsynced = await seedJob("job-4", "engine-4", { kind: "discover", stepId: "", lockedBy: "worker-b:2" });
    await executeJob({ ...unsynced, lockedBy: "worker-a:9" });
    expect(await jobState("job-4")).toMatchObject({ lockedBy: "worker-b:2" });
    await executeJob(unsynced);
    expect(await jobState("job-4")).toMatchObject({ lockedBy: null });
  });

  it.each([
    { answer: "a step's result", kind: "step", status: 206, body: [{ op: "StepRun", id: "s", data: 1 }], own: undefined },
    { answer: "a step's error to retry", kind: "step", status: 206, body: [{ op: "StepError", id: "s", error: { name: "Error", message: "boom" } }], own: { lockedBy: null, attempt: 1, appErrors: 0 } },
    { answer: "a discovered step's result", kind: "discover", status: 206, body: [{ op: "StepRun", id: "s", data: 1 }], own: { lockedBy: null, attempt: 0, appErrors: 0 } },
    { answer: "a function error to retry", kind: "step", status: 500, body: { name: "Error", message: "boom" }, own: { lockedBy: null, attempt: 1, appErrors: 0 } },
    { answer: "a refusal (401)", kind: "step", status: 401, body: { message: "Unauthorized" }, own: { lockedBy: null, attempt: 0, appErrors: 1 } },
  ])("after the app answers $answer, changes the job only under its own lease", async ({ kind: jobKind, status, body, own }) => {
    const now = stamp(db.database, new Date());
    const config = JSON.stringify({ steps: { step: { retries: { attempts: 3 } } } });
    await sql(db.database, `INSERT INTO "EngineFunction" ("id", "appId", "url", "config", "updatedAt") VALUES ('fn', 'app', 'http://127.0.0.1', $1${kind === "postgresql" ? "::jsonb" : ""}, $2) ON CONFLICT ("id") DO NOTHING`, [config, now]);
    app.answer = () => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
    const suffix = `${jobKind}-${status}-${(body as { op?: string }[])[0]?.op ?? "error"}`;
    const stepId = jobKind === "step" ? "s" : "";

    await db.seedEngineRun(`engine-late-${suffix}`);
    const taken = await seedJob(`job-late-${suffix}`, `engine-late-${suffix}`, { kind: jobKind, stepId, lockedBy: "worker-b:1" });
    await executeJob({ ...taken, lockedBy: "worker-a:1" });
    expect(await jobState(taken.id)).toEqual({ lockedBy: "worker-b:1", attempt: 0, appErrors: 0 });

    await db.seedEngineRun(`engine-own-${suffix}`);
    const held = await seedJob(`job-own-${suffix}`, `engine-own-${suffix}`, { kind: jobKind, stepId, lockedBy: "worker-a:2" });
    await executeJob(held);
    expect(await jobState(held.id)).toEqual(own);
  });
  it("keeps the lease of a step's job when another call reports that step's error, and schedules the retry", async () => {
    const now = stamp(db.database, new Date());
    const config = JSON.stringify({ steps: { step: { retries: { attempts: 3 } } } });
    await sql(db.database, `INSERT INTO "EngineFunction" ("id", "appId", "url", "config", "updatedAt") VALUES ('fn', 'app', 'http://127.0.0.1', $1${kind === "postgresql" ? "::jsonb" : ""}, $2) ON CONFLICT ("id") DO NOTHING`, [config, now]);
    app.answer = () => new Response(JSON.stringify([{ op: "StepError", id: "s", error: { name: "Error", message: "boom" } }]), { status: 206, headers: { "content-type": "application/json" } });

    // Another claim runs the step's own job: it stays under that claim's lease.
    await db.seedEngineRun("engine-other-step");
    const running = await seedJob("job-other-step", "engine-other-step", { kind: "step", stepId: "s", lockedBy: "worker-b:1" });
    await executeJob(await seedJob("job-other-discover", "engine-other-step", { kind: "discover", stepId: "", lockedBy: "worker-a:1" }));
    // The discovery was carried out (its job ended) and the retry scheduled on the job, under its lease.
    expect(await jobState("job-other-discover")).toBeUndefined();
    expect(await jobState(running.id)).toEqual({ lockedBy: "worker-b:1", attempt: 1, appErrors: 0 });

    // A job further along keeps its attempt: this discovery's report is of an earlier attempt (a
    // call whose lease ran out while another claim went on with the run).
    await db.seedEngineRun("engine-late-error");
    const further = await seedJob("job-late-step", "engine-late-error", { kind: "step", stepId: "s", lockedBy: "worker-b:2", attempt: 2 });
    await executeJob(await seedJob("job-late-discover", "engine-late-error", { kind: "discover", stepId: "", lockedBy: "worker-a:3" }));
    expect(await jobState(further.id)).toEqual({ lockedBy: "worker-b:2", attempt: 2, appErrors: 0 });

    // With no job of that step, the retry is scheduled as its first.
    await db.seedEngineRun("engine-no-step");
    await executeJob(await seedJob("job-no-step-discover", "engine-no-step", { kind: "discover", stepId: "", lockedBy: "worker-a:2" }));
    const [retry] = await sql(db.database, `SELECT "attempt", "lockedBy" FROM "EngineJob" WHERE "runId" = $1 AND "kind" = 'step' AND "stepId" = 's'`, ["engine-no-step"]);
    expect(retry).toEqual({ attempt: 1, lockedBy: null });
  });
});

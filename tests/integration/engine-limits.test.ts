import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WorkflowNode } from "@/lib/document/schema";
import { DATABASES } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";
import { refuseCompletedStepRun, sql, storedJson } from "../support/sql";
import { waitFor } from "../support/wait";
import { chain, createWorkflow, startManualRun, step, waitForRun } from "../support/workflows";

const LONG_RUN_MS = 300_000;

/**
 * Inngest's run limits (lib/engine/limits.ts) in real runs: a workflow that goes over one fails
 * with an error naming the limit, and one just under it runs. Runs against the embedded engine;
 * CONFORMANCE_INNGEST_URL=<url> runs the same workflows on an external Inngest server.
 */
const MB = 1024 * 1024;
const start = { id: "start", type: "trigger.manual", config: {} };

/** A code node returning a string of about `mb` MB (its step output is the node result around it). */
function bigOutput(id: string, mb: number): Omit<WorkflowNode, "position"> {
  return { id, type: "transform.code", config: { code: `return "${id}".padEnd(${Math.round(mb * MB)}, "x");`, memoryLimitMb: 128 } };
}

function maps(count: number): Omit<WorkflowNode, "position">[] {
  return Array.from({ length: count }, (_, i) => ({ id: `n${i}`, type: "transform.map", config: { expression: String(i) } }));
}

describe.each(DATABASES)("Inngest's limits in the embedded engine (%s)", (kind) => {
  let server: TestServer;

  beforeAll(async () => {
    // Refused calls to /api/inngest are retried after 20 ms doubling (capped at 1.2 s) instead of 500 ms up to 30 s.
    server = await startTestServer(kind, { env: { SWITCHBOARD_ENGINE_REFUSAL_RETRY_MS: "20" } });
  });

  afterAll(async () => {
    await server?.stop();
  });

  it("fails a run whose step returns more than 4 MB, naming the limit, and runs one returning 3.9 MB", async () => {
    const big = await createWorkflow(server, chain("Too big a step", [start, bigOutput("big", 5.2), { id: "after", type: "transform.map", config: { expression: "1" } }]));
    const failed = await waitForRun(server, await startManualRun(server, big.id));
    expect(failed.status).toBe("failed");
    expect(failed.error?.message).toContain("Step output is 5.2 MB; Inngest allows at most 4 MB per step");
    expect(failed.steps.some((s) => s.nodeId === "after" && s.status === "completed")).toBe(false);

    const fits = await createWorkflow(server, chain("Big step", [start, bigOutput("big", 3.9), { id: "after", type: "transform.map", config: { expression: "1" } }]));
    const run = await waitForRun(server, await startManualRun(server, fits.id));
    expect(run.error).toBeNull();
    expect(run.status).toBe("completed");
    expect(step(run, "after").output).toBe(1);
  });

  it("fails a run whose step outputs add up to more than 32 MB, and runs one with 31.2 MB", async () => {
    const over = await createWorkflow(server, chain("Too much state", [start, ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => bigOutput(`b${i}`, 3.9))]));
    const failed = await waitForRun(server, await startManualRun(server, over.id));
    expect(failed.status).toBe("failed");
    expect(failed.error?.message).toMatch(/Run state would be 35\.\d MB of step outputs; Inngest allows at most 32 MB per run/);
    expect(step(failed, "b8").status).toBe("completed");

    const under = await createWorkflow(server, chain("Much state", [start, ...[1, 2, 3, 4, 5, 6, 7, 8].map((i) => bigOutput(`b${i}`, 3.9))]));
    const run = await waitForRun(server, await startManualRun(server, under.id));
    expect(run.error).toBeNull();
    expect(run.status).toBe("completed");
  });

  it("fails a run that goes over 1,000 steps, naming the limit, and runs one of 989", async () => {
    // Each node but the trigger is a step, plus the run's completion (neither the start nor the trigger is one).
    const over = await createWorkflow(server, chain("Too many steps", [start, ...maps(1005)]));
    // A thousand steps one after another take a while on a loaded 2-core machine: wait long enough.
    const failed = await waitForRun(server, await startManualRun(server, over.id), undefined, LONG_RUN_MS);
    expect(failed.status).toBe("failed");
    expect(failed.error?.message).toContain("This run has used 1,000 steps, Inngest's limit per run");
    expect(failed.steps.some((s) => s.nodeId === "n1004" && s.status === "completed")).toBe(false);

    const under = await createWorkflow(server, chain("Many steps", [start, ...maps(988)]));
    const run = await waitForRun(server, await startManualRun(server, under.id), undefined, LONG_RUN_MS);
    expect(run.error).toBeNull();
    expect(run.status).toBe("completed");
    expect(step(run, "n987").output).toBe(987);
  }, 2 * LONG_RUN_MS);

  it("retries 401s from /api/inngest with backoff and the app's reason, fails the run after 12 in a row, and goes on once the signature is right again", async () => {
    // A signing-key mix-up between engine and app is the embedded engine's own case.
    if (process.env.CONFORMANCE_INNGEST_URL) return;
    const keyFile = path.join(server.database.dataDir, "engine-signing-key");
    const key = readFileSync(keyFile, "utf8");
    const { id } = await createWorkflow(server, chain("Signed calls", [start, { id: "after", type: "transform.map", config: { expression: "1" } }]));
    // The engine signs with the key in the data directory at each call; the app verifies with the key it started with.
    const wrongKey = () => writeFileSync(keyFile, `signkey-prod-${randomBytes(32).toString("hex")}\n`);
    const runEvent = kind === "sqlite" ? `json_extract("event", '$.data.runId')` : `"event"->'data'->>'runId'`;
    const engineRun = (runId: string) =>
      waitFor(async () => (await sql(server.database, `SELECT "id", "status", "error" FROM "EngineRun" WHERE ${runEvent} = $1`, [runId]))[0] as { id: string; status: string; error: unknown } | undefined, { what: `the engine run of ${runId}` });
    const refusals = (engineRunId: string) => [...server.logs().matchAll(new RegExp(`answered 401 for run ${engineRunId} \\(.*Unauthorized.*\\); retrying in (\\d+) ms \\((\\d+) of 12\\)`, "g"))].map((m) => [Number(m[1]), Number(m[2])]);
    // Execution processes start after the server answers, and read the key as they start.
    await server.executorsTakingJobs();
    try {
      wrongKey();
      const first = await startManualRun(server, id);
      const { id: engineRunId } = await engineRun(first);
      const failed = await waitFor(async () => {
        const row = await engineRun(first);
        return row.status === "failed" ? row : undefined;
      }, { what: "the engine run failed" });
      const error = storedJson<{ message: string }>(failed.error);
      expect(error.message).toMatch(/^The app's \/api\/inngest answered 401 12 times in a row for function "\S+" \(.*Unauthorized.*\)\. Check the signing key/);
      expect(refusals(engineRunId)).toEqual([20, 40, 80, 160, 320, 640, 1200, 1200, 1200, 1200, 1200].map((ms, i) => [ms, i + 1]));
      // The key put right while the run's failure handler is still being retried: run history records the failure.
      writeFileSync(keyFile, key);
      const run = await waitForRun(server, first);
      expect(run.status).toBe("failed");
      expect(run.error?.message).toContain("answered 401 12 times in a row");

      // Refusals that stop (the app restarted with the key) let a run go on where it was.
      wrongKey();
      const second = await startManualRun(server, id);
      const { id: secondEngineRun } = await engineRun(second);
      await waitFor(async () => refusals(secondEngineRun).length >= 2 || undefined, { what: "two refusals of the second run" });
      writeFileSync(keyFile, key);
      const completed = await waitForRun(server, second);
      expect(completed.status).toBe("completed");
      expect(step(completed, "after").output).toBe(1);
    } finally {
      writeFileSync(keyFile, key);
    }
  });

  it("records at the next start a run whose calls and whose failure handler's calls were all refused, as failed with the refusal", async () => {
    if (process.env.CONFORMANCE_INNGEST_URL) return;
    const keyFile = path.join(server.database.dataDir, "engine-signing-key");
    const key = readFileSync(keyFile, "utf8");
    const { id } = await createWorkflow(server, chain("Refused for good", [start, { id: "after", type: "transform.map", config: { expression: "1" } }]));
    const failedRuns = () => server.logs().match(/answered 401 12 times in a row for run \S+; failing it/g)?.length ?? 0;
    let runId: string;
    await server.executorsTakingJobs();
    try {
      const before = failedRuns();
      writeFileSync(keyFile, `signkey-prod-${randomBytes(32).toString("hex")}\n`);
      runId = await startManualRun(server, id);
      // The run's engine run, then its failure handler's, are refused 12 times each and fail.
      await waitFor(async () => failedRuns() >= before + 2 || undefined, { what: "the run and its failure handler refused 12 times each", timeoutMs: 90_000 });
      expect((await waitForRun(server, runId, ["queued"])).status).toBe("queued");
    } finally {
      writeFileSync(keyFile, key);
    }
    // The key put right and the server restarted: run history records how the engine ended the run.
    await server.terminate();
    await server.start();
    const run = await waitForRun(server, runId);
    expect(run.status).toBe("failed");
    expect(run.error?.message).toMatch(/^The app's \/api\/inngest answered 401 12 times in a row/);
  });

  it("retries a call whose writes fail when it ends with backoff and the cause, fails the run after 12 in a row, and goes on once they can be written", async () => {
    if (process.env.CONFORMANCE_INNGEST_URL) return;
    // A database trigger refuses run history's completed row of the node "doomed". Its result, that
    // row and the run's end are all written when the engine's call ends, so that write fails.
    const { id } = await createWorkflow(server, chain("Unwritable end", [start, { id: "doomed", type: "transform.map", config: { expression: "1" } }]));
    const failures = () => [...server.logs().matchAll(/a call to the app failed for run (\S+) \(.*doomed by the test.*\); retrying in (\d+) ms \((\d+) of 12\)/g)];
    await server.executorsTakingJobs();
    const allow = await refuseCompletedStepRun(server.database, "doomed");
    try {
      const before = failures().length;
      const failed = await waitForRun(server, await startManualRun(server, id));
      expect(failed.status).toBe("failed");
      expect(failed.error?.message).toMatch(/^The engine's call to the app failed 12 times in a row: .*doomed by the test/);
      const retried = failures().slice(before);
      expect(retried.map((m) => [Number(m[2]), Number(m[3])])).toEqual([20, 40, 80, 160, 320, 640, 1200, 1200, 1200, 1200, 1200].map((ms, i) => [ms, i + 1]));
      expect(new Set(retried.map((m) => m[1])).size).toBe(1);
      // The transform's result went down with its history row and the run's end: nothing of the run's steps was stored.
      const engineRunId = retried[0][1];
      expect(await sql(server.database, `SELECT "status" FROM "EngineRun" WHERE "id" = $1`, [engineRunId])).toEqual([{ status: "failed" }]);
      expect(await sql(server.database, `SELECT "stepId" FROM "EngineStep" WHERE "runId" = $1`, [engineRunId])).toEqual([]);

      // Writes that work again after two failures: the run completes where it was.
      const second = await startManualRun(server, id);
      await waitFor(async () => failures().length >= before + 13 || undefined, { what: "two failed writes of the second run" });
      await allow();
      const completed = await waitForRun(server, second);
      expect(completed.status).toBe("completed");
      expect(step(completed, "doomed").output).toBe(1);
    } finally {
      await allow();
    }
  });

  it("sleeps for up to a year and refuses a longer sleep with an error naming the limit", async () => {
    const long = await createWorkflow(server, chain("Sleep too long", [start, { id: "wait", type: "flow.delay", config: { duration: "400d" } }]));
    const failed = await waitForRun(server, await startManualRun(server, long.id));
    expect(failed.status).toBe("failed");
    expect(failed.error?.message).toContain("A sleep of 400 days is longer than Inngest's maximum of 1 year");

    const short = await createWorkflow(server, chain("Short sleep", [start, { id: "wait", type: "flow.delay", config: { duration: "1.5s" } }, { id: "after", type: "transform.map", config: { expression: "1" } }]));
    const run = await waitForRun(server, await startManualRun(server, short.id));
    expect(run.status).toBe("completed");
    expect(step(run, "after").output).toBe(1);
  });
});

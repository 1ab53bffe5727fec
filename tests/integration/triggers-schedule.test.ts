import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase, DATABASES, type TestDatabase } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";
import { waitFor } from "../support/wait";
import { chain, createWorkflow, getRun, listRuns } from "../support/workflows";

type Fire = { scheduledAt: string; missed: boolean };

async function fires(server: TestServer, workflowId: string): Promise<Fire[]> {
  const runs = await listRuns(server, workflowId);
  const details = await Promise.all(runs.map((r) => getRun(server, r.id)));
  return details.map((d) => (d as unknown as { trigger: Fire }).trigger).sort((a, b) => a.scheduledAt.localeCompare(b.scheduledAt));
}

/** Splits consecutive per-second fire times into runs of consecutive seconds. */
function stretches(times: string[]): string[][] {
  const out: string[][] = [];
  for (const time of times) {
    const last = out.at(-1);
    if (last && Date.parse(time) - Date.parse(last.at(-1)!) === 1000) last.push(time);
    else out.push([time]);
  }
  return out;
}

const everySecond = (missed: "skip" | "runOnce") =>
  chain(`Every second (${missed})`, [
    { id: "tick", type: "trigger.schedule", config: { mode: "cron", cron: "* * * * * *", timezone: "UTC", missed } },
    { id: "noop", type: "transform.map", config: { expression: "trigger.scheduledAt" } },
  ]);

describe.each(DATABASES)("schedule triggers on %s", (kind) => {
  const servers: TestServer[] = [];
  const databases: TestDatabase[] = [];

  afterAll(async () => {
    for (const server of servers) await server.stop();
    for (const database of databases) await database.drop();
  });

  it.each(["skip", "runOnce"] as const)("a per-second cron gives one run per fire time, none twice, across a restart (%s)", async (missed) => {
    const database = await createTestDatabase(kind);
    databases.push(database);
    const server = await startTestServer(kind, { database });
    servers.push(server);
    const { id } = await createWorkflow(server, everySecond(missed));
    await waitFor(async () => (await listRuns(server, id)).length >= 3, { what: "three scheduled runs" });
    await server.kill();
    const downSince = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 3500));
    await server.start();
    const upAgain = Date.now();
    await waitFor(async () => (await fires(server, id)).some((f) => Date.parse(f.scheduledAt) > upAgain + 1000), { what: "runs after the restart" });
    await server.api(`/api/workflows/${id}`, { method: "PATCH", body: { active: false } });
    // Deactivating stops the schedule at once (a fire in progress may still land).
    const settled = (await listRuns(server, id)).length;
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect((await listRuns(server, id)).length).toBeLessThanOrEqual(settled + 1);

    const all = await fires(server, id);
    const times = all.map((f) => f.scheduledAt);
    expect(new Set(times).size).toBe(times.length); // none twice
    const parts = stretches(times);
    // Two stretches of consecutive seconds (before and after the restart) with the downtime between.
    expect(parts).toHaveLength(2);
    const [before, after] = parts;
    expect(Date.parse(after[0]) - Date.parse(before.at(-1)!)).toBeGreaterThan(2000);
    const missedRuns = all.filter((f) => f.missed);
    if (missed === "skip") {
      expect(missedRuns).toHaveLength(0);
    } else {
      // Exactly one run for the latest fire time missed while down: the first of the second stretch.
      expect(missedRuns).toHaveLength(1);
      expect(missedRuns[0].scheduledAt).toBe(after[0]);
      expect(Date.parse(after[0])).toBeGreaterThan(downSince);
    }
  });

  it.runIf(kind === "postgresql")("two processes on one database start each fire time once", async () => {
    const database = await createTestDatabase(kind);
    databases.push(database);
    const first = await startTestServer(kind, { database });
    const second = await startTestServer(kind, { database });
    servers.push(first, second);
    const { id } = await createWorkflow(first, everySecond("skip"));
    await waitFor(async () => (await listRuns(first, id)).length >= 6, { what: "six scheduled runs" });
    await first.api(`/api/workflows/${id}`, { method: "PATCH", body: { active: false } });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const times = (await fires(second, id)).map((f) => f.scheduledAt);
    expect(new Set(times).size).toBe(times.length);
    expect(stretches(times)).toHaveLength(1);
  });
});

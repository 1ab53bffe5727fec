import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";
import { chain, createWorkflow, startManualRun, step, waitForRun } from "../support/workflows";

describe.each(DATABASES)("a disabled node on %s", (kind) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(kind);
  });

  afterAll(async () => {
    await server?.stop();
  });

  it("passes its input through unchanged and is recorded as skipped with the reason", async () => {
    const document = chain("Disabled middle", [
      { id: "start", type: "trigger.manual", config: {} },
      { id: "shape", type: "transform.map", config: { expression: '{ "n": trigger.n }' } },
      { id: "double", type: "transform.map", config: { expression: '{ "n": input.n * 2 }' }, disabled: true },
      { id: "wait", type: "flow.delay", config: { duration: "1h" }, disabled: true },
      { id: "add", type: "transform.map", config: { expression: '{ "n": input.n + 1, "seen": steps.double.n }' } },
    ]);
    const { id } = await createWorkflow(server, document);
    const run = await waitForRun(server, await startManualRun(server, id, { n: 5 }));
    expect(run.status).toBe("completed");
    expect(step(run, "add").output).toEqual({ n: 6, seen: 5 });
    for (const nodeId of ["double", "wait"]) {
      expect(step(run, nodeId)).toMatchObject({ status: "skipped", attempts: 0, output: { n: 5 } });
    }
    const detail = (await server.api<{ steps: { nodeId: string; skipReason: string | null }[] }>(`/api/runs/${run.id}`)).body;
    expect(detail.steps.find((s) => s.nodeId === "double")?.skipReason).toMatch(/disabled/);
    expect(detail.steps.find((s) => s.nodeId === "add")?.skipReason).toBeNull();
  });

  it("refuses a disabled trigger, naming it", async () => {
    const refused = await server.api<{ issues: { path: string; message: string }[] }>("/api/workflows", {
      body: chain("Disabled trigger", [{ id: "start", type: "trigger.manual", config: {}, disabled: true }]),
    });
    expect(refused.status).toBe(400);
    expect(refused.body.issues).toEqual([{ path: "nodes.0.disabled", message: expect.stringMatching(/^Manual trigger \(start\): A trigger cannot be disabled/) }]);
  });
});

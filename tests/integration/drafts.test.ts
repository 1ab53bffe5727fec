import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WorkflowDocument } from "@/lib/document/schema";
import { DATABASES } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";
import { chain, createWorkflow, step, waitForRun } from "../support/workflows";

type Issue = { path: string; message: string };
type Detail = { id: string; version: number; document: WorkflowDocument; draft: WorkflowDocument | null; draftSavedAt: string | null };

const published = chain("Order hook", [
  { id: "hook", type: "trigger.webhook", config: {} },
  { id: "shape", type: "transform.map", config: { expression: '{ "v": 1, "id": trigger.body.id }' } },
]);

/** The draft: the map now says v 2, and a half-built HTTP node (its URL still the default "https://"). */
const halfBuilt: WorkflowDocument = {
  ...published,
  nodes: [
    ...published.nodes.map((n) => (n.id === "shape" ? { ...n, config: { expression: '{ "v": 2, "id": trigger.body.id }' } } : n)),
    { id: "http_1", type: "action.http", name: "Tell the CRM", position: { x: 440, y: 0 }, config: { method: "POST", url: "https://" } },
  ],
  edges: [...published.edges, { id: "e_http", source: "shape", target: "http_1" }],
};

describe.each(DATABASES)("drafts and publishing on %s", (kind) => {
  let server: TestServer;
  let id: string;
  let webhookUrl: string;

  beforeAll(async () => {
    server = await startTestServer(kind);
    ({ id, webhookUrl } = (await createWorkflow(server, published)) as { id: string; webhookUrl: string });
  });

  afterAll(async () => {
    await server?.stop();
  });

  async function deliver(orderId: number) {
    const response = await fetch(webhookUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ id: orderId }) });
    expect(response.status).toBe(202);
    const { runId } = (await response.json()) as { runId: string };
    return waitForRun(server, runId);
  }

  it("saves a half-built draft, names its problems by node, and keeps triggers on the published version", async () => {
    const saved = await server.api<{ workflow: Detail; problems: Issue[] }>(`/api/workflows/${id}/draft`, { method: "PUT", body: halfBuilt });
    expect(saved.status).toBe(200);
    expect(saved.body.problems).toEqual([{ path: "nodes.2.config.url", message: expect.stringMatching(/^Tell the CRM \(http_1\): URL: /) }]);
    expect(saved.body.workflow).toMatchObject({ version: 1, draftSavedAt: expect.any(String) });
    expect(saved.body.workflow.draft?.nodes.map((n) => n.id)).toEqual(["hook", "shape", "http_1"]);
    expect(saved.body.workflow.document.nodes).toHaveLength(2);

    const run = await deliver(7);
    expect(run.status).toBe("completed");
    expect(step(run, "shape").output).toEqual({ v: 1, id: 7 });
    expect(run.steps.map((s) => s.nodeId)).not.toContain("http_1");

    const refused = await server.api<{ error: string; issues: Issue[] }>(`/api/workflows/${id}/publish`, { body: {} });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatch(/1 problem/);
    expect(refused.body.issues[0].message).toMatch(/^Tell the CRM \(http_1\): URL: /);
    expect((await server.api<Detail>(`/api/workflows/${id}`)).body.version).toBe(1);
  });

  it("publishes the fixed draft as the next version with its message, and triggers use it", async () => {
    const fixed = { ...halfBuilt, nodes: halfBuilt.nodes.filter((n) => n.id !== "http_1"), edges: published.edges };
    const saved = await server.api<{ problems: Issue[] }>(`/api/workflows/${id}/draft`, { method: "PUT", body: fixed });
    expect(saved.body.problems).toEqual([]);
    const wrongMessage = await server.api<{ issues: Issue[] }>(`/api/workflows/${id}/publish`, { body: { message: 42 } });
    expect(wrongMessage.status).toBe(400);
    expect(wrongMessage.body.issues[0].path).toBe("message");

    const publish = await server.api<Detail>(`/api/workflows/${id}/publish`, { body: { message: "Version 2 of the shape" } });
    expect(publish.status).toBe(200);
    expect(publish.body).toMatchObject({ version: 2, draft: null, draftSavedAt: null });
    const version = await server.api<{ document: WorkflowDocument }>(`/api/workflows/${id}/versions/2`);
    expect(version.body.document.nodes.find((n) => n.id === "shape")?.config).toEqual({ expression: '{ "v": 2, "id": trigger.body.id }' });

    const run = await deliver(8);
    expect(step(run, "shape").output).toEqual({ v: 2, id: 8 });

    const nothing = await server.api<{ error: string }>(`/api/workflows/${id}/publish`, { body: {} });
    expect(nothing.status).toBe(409);
    expect(nothing.body.error).toMatch(/Nothing to publish/);
    const audit = await server.api<{ entries: { action: string; details: Record<string, unknown> }[] }>("/api/audit");
    expect(audit.body.entries).toEqual(expect.arrayContaining([expect.objectContaining({ action: "workflow.publish", details: expect.objectContaining({ version: 2, message: "Version 2 of the shape" }) })]));
  });

  it("treats a draft equal to the published version as no draft, and discards a draft on request", async () => {
    const current = (await server.api<Detail>(`/api/workflows/${id}`)).body.document;
    const same = await server.api<{ workflow: Detail }>(`/api/workflows/${id}/draft`, { method: "PUT", body: current });
    expect(same.body.workflow.draft).toBeNull();

    await server.api(`/api/workflows/${id}/draft`, { method: "PUT", body: halfBuilt });
    const discarded = await server.api<Detail>(`/api/workflows/${id}/draft`, { method: "DELETE" });
    expect(discarded.status).toBe(200);
    expect(discarded.body).toMatchObject({ version: 2, draft: null });
  });

  it("creates a workflow switched off with ?active=false, and names a bad value", async () => {
    const off = await server.api<Detail & { active: boolean }>("/api/workflows?active=false", { body: published });
    expect(off.status).toBe(201);
    expect(off.body.active).toBe(false);
    const bad = await server.api<{ issues: Issue[] }>("/api/workflows?active=maybe", { body: published });
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].path).toBe("active");
  });

  it("refuses a draft that is not a workflow document with a 400 naming the field", async () => {
    const broken = await server.api<{ issues: Issue[] }>(`/api/workflows/${id}/draft`, { method: "PUT", body: { ...halfBuilt, nodes: [{ id: "1bad", type: "x" }] } });
    expect(broken.status).toBe(400);
    expect(broken.body.issues.map((i) => i.path)).toEqual(expect.arrayContaining(["nodes.0.id", "nodes.0.position"]));
    expect((await server.api<Detail>(`/api/workflows/${id}`)).body.draft).toBeNull();
  });

  it("still publishes directly with PUT for existing API clients, naming problems by node", async () => {
    const invalid = await server.api<{ issues: Issue[] }>(`/api/workflows/${id}`, { method: "PUT", body: halfBuilt });
    expect(invalid.status).toBe(400);
    expect(invalid.body.issues).toEqual([{ path: "nodes.2.config.url", message: expect.stringMatching(/^Tell the CRM \(http_1\): URL: /) }]);
    const valid = await server.api<Detail>(`/api/workflows/${id}`, { method: "PUT", body: published });
    expect(valid.body.version).toBe(3);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WorkflowDocument } from "@/lib/document/schema";
import { signUp } from "../support/auth";
import { DATABASES } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";
import { chain, createWorkflow } from "../support/workflows";

type Issue = { path: string; message: string };
type Detail = { id: string; name: string; version: number; document: WorkflowDocument; draft: WorkflowDocument | null };
type Version = { version: number; message: string | null; createdBy: string | null; createdAt: string; nodeCount: number };

/** v1: a chat message whose webhook URL is a secret (stored encrypted in every version). */
const first = chain("Order alerts", [
  { id: "start", type: "trigger.manual", config: {} },
  { id: "chat", type: "action.chat-message", config: { webhookUrl: "https://hooks.example.com/T000/B000/first-v1", text: "Order {{ trigger.id }}" } },
]);

/** v2: another secret, another text, and one more node. */
const second: WorkflowDocument = {
  ...first,
  nodes: [
    ...first.nodes.map((n) => (n.id === "chat" ? { ...n, config: { webhookUrl: "https://hooks.example.com/T000/B000/second-v2", text: "New order {{ trigger.id }}" } } : n)),
    { id: "shape", type: "transform.map", position: { x: 440, y: 0 }, config: { expression: "1" } },
  ],
  edges: [...first.edges, { id: "e_shape", source: "chat", target: "shape" }],
};

describe.each(DATABASES)("workflow versions on %s", (kind) => {
  let server: TestServer;
  let id: string;
  let keyName: string;

  beforeAll(async () => {
    server = await startTestServer(kind);
    ({ id } = await createWorkflow(server, first));
    expect((await server.api(`/api/workflows/${id}/draft`, { method: "PUT", body: second })).status).toBe(200);
    expect((await server.api(`/api/workflows/${id}/publish`, { body: { message: "Say new order, and shape it" } })).status).toBe(200);
    // A rename is published as v3 (no message, no publisher).
    expect((await server.api(`/api/workflows/${id}`, { method: "PATCH", body: { name: "Order alerts (renamed)" } })).status).toBe(200);
    keyName = (await server.api<{ apiKeys: { name: string }[] }>("/api/api-keys")).body.apiKeys[0].name;
  });

  afterAll(async () => {
    await server?.stop();
  });

  it("lists the published versions newest first, with message, publisher, time and node count", async () => {
    const listed = await server.api<{ versions: Version[] }>(`/api/workflows/${id}/versions`);
    expect(listed.status).toBe(200);
    expect(listed.body.versions.map((v) => [v.version, v.message, v.nodeCount])).toEqual([
      [3, null, 3],
      [2, "Say new order, and shape it", 3],
      [1, null, 2],
    ]);
    expect(listed.body.versions[1].createdBy).toBe(`api-key:${keyName}`);
    for (const v of listed.body.versions) expect(Date.parse(v.createdAt)).not.toBeNaN();
  });

  it("restores a version as the draft, secrets and all, without publishing it; the name stays the current one", async () => {
    const restored = await server.api<{ workflow: Detail; problems: Issue[] }>(`/api/workflows/${id}/versions/1/restore`, { method: "POST" });
    expect(restored.status).toBe(200);
    expect(restored.body.problems).toEqual([]);
    expect(restored.body.workflow).toMatchObject({ version: 3, name: "Order alerts (renamed)" });
    const draft = restored.body.workflow.draft!;
    expect(draft.name).toBe("Order alerts (renamed)");
    expect(draft.nodes.map((n) => n.id)).toEqual(["start", "chat"]);
    const chat = draft.nodes.find((n) => n.id === "chat")!;
    expect(chat.config.text).toBe("Order {{ trigger.id }}");
    // The mask shows the last characters of the plaintext: the stored value was kept, not encrypted twice.
    expect(chat.config.webhookUrl).toMatch(/^\$secret:.*t-v1$/);
    // Still published: v3.
    const current = (await server.api<Detail>(`/api/workflows/${id}`)).body;
    expect(current.document.nodes).toHaveLength(3);

    const audit = await server.api<{ entries: { action: string; target: string; details: Record<string, unknown> }[] }>("/api/audit");
    expect(audit.body.entries).toEqual(expect.arrayContaining([expect.objectContaining({ action: "workflow.restore", target: id, details: expect.objectContaining({ version: 1 }) })]));

    // Publishing the restored draft is the user's step; the secret it publishes is v1's.
    const published = await server.api<Detail>(`/api/workflows/${id}/publish`, { body: { message: "Back to v1" } });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ version: 4, draft: null });
    const v4 = await server.api<{ document: WorkflowDocument }>(`/api/workflows/${id}/versions/4`);
    expect(v4.body.document.nodes.find((n) => n.id === "chat")?.config.webhookUrl).toMatch(/^\$secret:.*t-v1$/);
  });

  it("restoring the published version leaves no draft", async () => {
    await server.api(`/api/workflows/${id}/versions/2/restore`, { method: "POST" });
    expect((await server.api<Detail>(`/api/workflows/${id}`)).body.draft).not.toBeNull();
    const restored = await server.api<{ workflow: Detail }>(`/api/workflows/${id}/versions/4/restore`, { method: "POST" });
    expect(restored.status).toBe(200);
    expect(restored.body.workflow.draft).toBeNull();
  });

  it("answers 400 naming the version for a malformed one, and 404 for an unknown version or workflow", async () => {
    for (const bad of ["abc", "0", "1.5", "-1", "99999999999"]) {
      const refused = await server.api<{ issues: Issue[] }>(`/api/workflows/${id}/versions/${bad}/restore`, { method: "POST" });
      expect(refused.status, bad).toBe(400);
      expect(refused.body.issues[0].path).toBe("version");
      expect((await server.api(`/api/workflows/${id}/versions/${bad}`)).status, bad).toBe(400);
    }
    expect((await server.api(`/api/workflows/${id}/versions/99/restore`, { method: "POST" })).status).toBe(404);
    expect((await server.api(`/api/workflows/wf_unknown/versions/1/restore`, { method: "POST" })).status).toBe(404);
    expect((await server.api(`/api/workflows/wf_unknown/versions`)).status).toBe(404);
  });

  it("hides a workflow's versions from another workspace", async () => {
    const origin = server.url;
    const stranger = await signUp(server.url, { email: "versions-stranger@example.com", password: "stranger-password", origin });
    const listed = await server.api(`/api/workflows/${id}/versions`, { apiKey: null, headers: { cookie: stranger } });
    expect(listed.status).toBe(404);
    const restored = await server.api(`/api/workflows/${id}/versions/1/restore`, { method: "POST", apiKey: null, headers: { cookie: stranger, origin } });
    expect(restored.status).toBe(404);
    expect((await server.api<Detail>(`/api/workflows/${id}`)).body.draft).toBeNull();
  });
});

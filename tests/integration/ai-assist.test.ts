import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, startLocalApi, type LocalApi } from "../support/local-api";
import { startTestServer, type TestServer } from "../support/server";
import { createWorkflow, graph, startManualRun, waitForRun } from "../support/workflows";

/** Chat completions answering the scripted JSON answers in order (the OpenAI API's response shape). */
function script(api: LocalApi, answers: unknown[]) {
  const queue = [...answers];
  api.setHandler("/v1/chat/completions", (_req, res) =>
    json(res, 200, { model: "gpt-fake", choices: [{ message: { role: "assistant", content: JSON.stringify(queue.shift()) }, finish_reason: "stop" }], usage: { prompt_tokens: 100, completion_tokens: 20 } }),
  );
}
const prompts = (api: LocalApi) => api.requests.filter((r) => r.path === "/v1/chat/completions").map((r) => JSON.parse(r.body) as { messages: { role: string; content: string }[] });

describe("AI assistance with the workspace's model", () => {
  let server: TestServer;
  let api: LocalApi;

  beforeAll(async () => {
    api = await startLocalApi();
    server = await startTestServer("sqlite");
  });

  afterAll(async () => {
    await server?.stop();
    await api?.close();
  });

  it("is off until a model connection is chosen in Settings, which accepts only AI model connections", async () => {
    const off = await server.api<{ error: string }>("/api/workflows/describe", { method: "POST", body: { description: "When a webhook arrives, store it." } });
    expect(off.status).toBe(409);
    expect(off.body.error).toContain("choose an AI model connection in Settings");

    const bearer = await server.api<{ id: string }>("/api/connections", { body: { name: "Other", type: "bearer", config: {}, secrets: { token: "t-123456" } } });
    const wrong = await server.api<{ issues: { path: string }[] }>("/api/settings", { method: "PUT", body: { aiConnectionId: bearer.body.id } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.issues).toEqual([expect.objectContaining({ path: "aiConnectionId" })]);

    const model = await server.api<{ id: string }>("/api/connections", { body: { name: "Model", type: "aiModel", config: { provider: "openai", baseUrl: `${api.url}/v1`, model: "gpt-fake" }, secrets: { apiKey: "sk-assist-4411" } } });
    const chosen = await server.api<{ settings: { aiConnectionId: string } }>("/api/settings", { method: "PUT", body: { aiConnectionId: model.body.id } });
    expect(chosen.body.settings.aiConnectionId).toBe(model.body.id);
  });

  it("describes a workflow, repairing an answer that is not a valid workflow, and nothing is saved until the user creates it", async () => {
    const before = prompts(api).length;
    script(api, [
      { name: "Greet", nodes: [{ id: "start", type: "trigger.manual", name: "Start", config: {} }, { id: "hello", type: "action.teleport", name: "Hello", config: {} }], edges: [{ source: "start", target: "hello" }] },
      {
        name: "Greet",
        nodes: [
          { id: "start", type: "trigger.manual", name: "Start", config: {} },
          { id: "hello", type: "transform.map", name: "Hello", config: { expression: '"Hello " & trigger.name' } },
        ],
        edges: [{ source: "start", target: "hello" }],
      },
    ]);
    const described = await server.api<{ document: { name: string; nodes: { id: string; position: { x: number } }[] }; problems: unknown[]; attempts: number }>("/api/workflows/describe", {
      method: "POST",
      body: { description: "When started by hand, greet the person named in the input." },
    });
    expect(described.status).toBe(200);
    expect(described.body).toMatchObject({ problems: [], attempts: 2, document: { name: "Greet" } });
    expect(described.body.document.nodes[1].position.x).toBeGreaterThan(described.body.document.nodes[0].position.x);
    const [first, second] = prompts(api).slice(before);
    expect(first.messages[0].content).toContain("action.http");
    expect(first.messages[1].content).toContain("greet the person named in the input");
    expect(second.messages[1].content).toContain("It is not a valid workflow");
    expect(second.messages[1].content).toContain("action.teleport");
    expect((await server.api("/api/workflows")).body).not.toMatchObject({ workflows: [expect.objectContaining({ name: "Greet" })] });
    expect((await server.api("/api/workflows", { body: described.body.document })).status).toBe(201);
    expect((await server.api("/api/workflows/describe", { method: "POST", body: { description: "short" } })).status).toBe(400);
  });

  it("changes the editor's workflow as described: the model sees it, nodes that stay keep their places", async () => {
    const before = prompts(api).length;
    const at = (x: number, y: number) => ({ x, y });
    const current = {
      version: 1,
      name: "Greet",
      nodes: [
        { id: "start", type: "trigger.manual", name: "Start", position: at(40, 500), config: {} },
        { id: "hello", type: "transform.map", name: "Hello", position: at(600, 520), config: { expression: '"Hello"' } },
      ],
      edges: [{ id: "e1", source: "start", target: "hello" }],
    };
    script(api, [
      {
        name: "Greet",
        nodes: [
          { id: "start", type: "trigger.manual", name: "Start", config: {} },
          { id: "hello", type: "transform.map", name: "Hello", config: { expression: '"Hello"' } },
          { id: "shout", type: "transform.map", name: "Shout", config: { expression: "$uppercase(input)" } },
        ],
        edges: [
          { source: "start", target: "hello" },
          { source: "hello", target: "shout" },
        ],
      },
    ]);
    const changed = await server.api<{ document: { nodes: { id: string; position: { x: number; y: number } }[] }; problems: unknown[] }>("/api/workflows/describe", {
      method: "POST",
      body: { description: "Shout the greeting in capitals afterwards.", current },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.problems).toEqual([]);
    const places = Object.fromEntries(changed.body.document.nodes.map((n) => [n.id, n.position]));
    expect(places).toMatchObject({ start: at(40, 500), hello: at(600, 520) });
    const [asked] = prompts(api).slice(before);
    expect(asked.messages[1].content).toContain("Change this workflow as described");
    expect(asked.messages[1].content).toContain('"expression":"\\"Hello\\""');
    expect(asked.messages[1].content).toContain("Shout the greeting in capitals afterwards.");
    const bad = await server.api<{ issues: { path: string }[] }>("/api/workflows/describe", { method: "POST", body: { description: "Shout the greeting in capitals.", current: { name: "x" } } });
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].path).toMatch(/^current/);
  });

  it("explains a failed run from its failed step's error, input and config, and checks the proposed fix", async () => {
    api.setHandler("/missing", (_req, res) => json(res, 404, { error: "no such customer" }));
    const { id } = await createWorkflow(server, graph("Lookup", [{ id: "start", type: "trigger.manual" }, { id: "lookup", type: "action.http", config: { url: `${api.url}/missing` } }], ["start->lookup"]));
    const run = await waitForRun(server, await startManualRun(server, id, { customer: 42 }));
    expect(run.status).toBe("failed");
    const before = prompts(api).length;
    script(api, [{ explanation: "The lookup asked for a path the API does not have.", likelyCause: "The URL has a wrong path.", fix: { summary: "Call /customers/42", config: { method: "GET", url: `${api.url}/customers/{{ trigger.customer }}` } } }]);
    const explained = await server.api<{ nodeId: string; explanation: string; fix: { nodeId: string; problems: unknown[]; config: { url: string } } }>(`/api/runs/${run.id}/explain`, { method: "POST" });
    expect(explained.status).toBe(200);
    expect(explained.body).toMatchObject({ nodeId: "lookup", explanation: "The lookup asked for a path the API does not have.", fix: { nodeId: "lookup", problems: [] } });
    const prompt = prompts(api)[before].messages[1].content;
    expect(prompt).toContain("404");
    expect(prompt).toContain("/missing");
    expect(prompt).toContain('"customer":42');
    expect(JSON.stringify(prompts(api))).not.toContain("sk-assist-4411");

    const ok = await waitForRun(server, await startManualRun(server, (await createWorkflow(server, graph("Fine", [{ id: "start", type: "trigger.manual" }], []))).id));
    expect((await server.api(`/api/runs/${ok.id}/explain`, { method: "POST" })).status).toBe(409);
  });

  it("suggests a mapping per target field from example data, leaving out fields that were not asked for", async () => {
    script(api, [{ mappings: [{ field: "email", value: "{{ input.customer.email }}", reason: "The customer's e-mail." }, { field: "invented", value: "{{ 1 }}", reason: "?" }] }]);
    const suggested = await server.api<{ mappings: unknown[] }>("/api/ai/suggest-mapping", { method: "POST", body: { example: { customer: { email: "ada@example.com" } }, target: [{ field: "email" }, { field: "phone" }] } });
    expect(suggested.body.mappings).toEqual([{ field: "email", value: "{{ input.customer.email }}", reason: "The customer's e-mail." }]);
    expect((await server.api<{ issues: { path: string }[] }>("/api/ai/suggest-mapping", { method: "POST", body: { example: {}, target: [] } })).body.issues).toEqual([expect.objectContaining({ path: "target" })]);
  });
});

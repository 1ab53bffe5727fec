import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES } from "../support/databases";
import { json, startLocalApi, type LocalApi, type RecordedRequest } from "../support/local-api";
import { startTestServer, type TestServer } from "../support/server";
import { createWorkflow, graph, startManualRun, step, waitForRun } from "../support/workflows";

const OPENAI_KEY = "sk-openai-fake-7731";
const ANTHROPIC_KEY = "sk-ant-fake-5540";

/**
 * A fake OpenAI-compatible chat-completions API and a fake Anthropic Messages API (request and
 * answer shapes from their public API references), answering scripted answers in order.
 */
function scripted(api: LocalApi, path: string, answers: unknown[]) {
  const queue = [...answers];
  api.setHandler(path, (_req, res) => json(res, 200, queue.shift() ?? { error: "no more scripted answers" }));
}
const chatCompletion = (content: string, usage = { prompt_tokens: 12, completion_tokens: 3 }) => ({
  id: "chatcmpl-1",
  object: "chat.completion",
  model: "gpt-fake-2025",
  choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
  usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
});
const body = (request: RecordedRequest) => JSON.parse(request.body) as Record<string, unknown> & { messages: { role: string; content: string }[] };

describe.each(DATABASES)("AI model node on %s", (kind) => {
  let server: TestServer;
  let api: LocalApi;
  let openai: string;
  let anthropic: string;

  beforeAll(async () => {
    api = await startLocalApi();
    server = await startTestServer(kind);
    const connect = async (name: string, config: Record<string, unknown>, apiKey: string) => {
      const created = await server.api<{ id: string }>("/api/connections", { body: { name, type: "aiModel", config, secrets: { apiKey } } });
      expect(created.status).toBe(201);
      return created.body.id;
    };
    openai = await connect("Fake OpenAI", { provider: "openai", baseUrl: `${api.url}/oa/v1`, model: "gpt-fake", inputPrice: 2, outputPrice: 8 }, OPENAI_KEY);
    anthropic = await connect("Fake Anthropic", { provider: "anthropic", baseUrl: `${api.url}/an/v1`, model: "claude-fake" }, ANTHROPIC_KEY);
  });

  afterAll(async () => {
    await server?.stop();
    await api?.close();
  });

  const run = async (name: string, config: Record<string, unknown>, payload: unknown = {}) => {
    const { id } = await createWorkflow(server, graph(name, [{ id: "start", type: "trigger.manual" }, { id: "ask", type: "ai.model", config }], ["start->ask"]));
    return waitForRun(server, await startManualRun(server, id, payload));
  };

  it("asks an OpenAI-compatible API with the connection's key, records tokens and cost, and keeps the key out of history", async () => {
    scripted(api, "/oa/v1/chat/completions", [chatCompletion("Hello, Ada!")]);
    const before = api.count("/oa/v1/chat/completions");
    const result = await run("Greeter", { connectionId: openai, system: "Be brief.", prompt: "Greet {{ trigger.name }}", temperature: 0 }, { name: "Ada" });
    expect(result.status).toBe("completed");
    const request = api.requests.filter((r) => r.path === "/oa/v1/chat/completions")[before];
    expect(request.method).toBe("POST");
    expect(request.headers.authorization).toBe(`Bearer ${OPENAI_KEY}`);
    expect(body(request)).toEqual({ model: "gpt-fake", messages: [{ role: "system", content: "Be brief." }, { role: "user", content: "Greet Ada" }], max_tokens: 1024, temperature: 0 });
    expect(step(result, "ask").output).toEqual({ text: "Hello, Ada!", model: "gpt-fake-2025", usage: { inputTokens: 12, outputTokens: 3 }, costUsd: (12 * 2 + 3 * 8) / 1e6, attempts: 1, finishReason: "stop" });
    const detail = await server.api<{ modelUsage: unknown }>(`/api/runs/${result.id}`);
    expect(detail.body.modelUsage).toEqual({ calls: 1, inputTokens: 12, outputTokens: 3, costUsd: (12 * 2 + 3 * 8) / 1e6 });
    expect(JSON.stringify(detail.body)).not.toContain(OPENAI_KEY);
  });

  it("gets structured output by JSON Schema, sending a non-conforming answer back with the errors", async () => {
    scripted(api, "/oa/v1/chat/completions", [chatCompletion('{"mood":"great"}'), chatCompletion('```json\n{"sentiment":"positive","score":0.9}\n```', { prompt_tokens: 30, completion_tokens: 9 })]);
    const before = api.count("/oa/v1/chat/completions");
    const schema = { type: "object", required: ["sentiment"], properties: { sentiment: { enum: ["positive", "negative"] }, score: { type: "number" } } };
    const result = await run("Sentiment", { connectionId: openai, model: "gpt-fake-large", prompt: "Rate: {{ trigger.text }}", outputSchema: schema }, { text: "Love it" });
    expect(result.status).toBe("completed");
    const [first, second] = api.requests.filter((r) => r.path === "/oa/v1/chat/completions").slice(before);
    expect(body(first)).toMatchObject({ model: "gpt-fake-large", response_format: { type: "json_schema", json_schema: { name: "answer", schema } } });
    expect(body(second).messages.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
    expect(body(second).messages[1].content).toBe('{"mood":"great"}');
    expect(body(second).messages[2].content).toContain("does not match the required JSON Schema");
    expect(body(second).messages[2].content).toContain("sentiment");
    expect(step(result, "ask").output).toMatchObject({ json: { sentiment: "positive", score: 0.9 }, attempts: 2, usage: { inputTokens: 42, outputTokens: 12 } });
  });

  it("fails clearly when the answers never match the schema", async () => {
    scripted(api, "/oa/v1/chat/completions", [chatCompletion("not json"), chatCompletion("[1]"), chatCompletion('{"sentiment":"meh"}')]);
    const result = await run("Stubborn", { connectionId: openai, prompt: "Rate it", outputSchema: { type: "object", required: ["sentiment"], properties: { sentiment: { enum: ["positive", "negative"] } } } });
    expect(result.status).toBe("failed");
    expect(step(result, "ask").error?.message).toMatch(/did not match the output schema after 3 answers: sentiment: .*/);
  });

  it("speaks Anthropic's Messages API: its key header, version, and structured output as a forced tool call", async () => {
    scripted(api, "/an/v1/messages", [
      {
        id: "msg_1",
        type: "message",
        role: "assistant",
        model: "claude-fake-20250101",
        content: [{ type: "tool_use", id: "toolu_1", name: "answer", input: { city: "Lisbon" } }],
        stop_reason: "tool_use",
        usage: { input_tokens: 40, output_tokens: 11 },
      },
    ]);
    const before = api.count("/an/v1/messages");
    const schema = { type: "object", required: ["city"], properties: { city: { type: "string" } } };
    const result = await run("Extract", { connectionId: anthropic, system: "Extract the city.", prompt: "I live in {{ trigger.city }}", outputSchema: schema, maxTokens: 200 }, { city: "Lisbon" });
    expect(result.status).toBe("completed");
    const request = api.requests.filter((r) => r.path === "/an/v1/messages")[before];
    expect(request.headers["x-api-key"]).toBe(ANTHROPIC_KEY);
    expect(request.headers["anthropic-version"]).toBe("2023-06-01");
    expect(request.headers.authorization).toBeUndefined();
    expect(body(request)).toEqual({
      model: "claude-fake",
      max_tokens: 200,
      system: "Extract the city.",
      messages: [{ role: "user", content: "I live in Lisbon" }],
      tools: [{ name: "answer", description: "Give the answer as structured data.", input_schema: schema }],
      tool_choice: { type: "tool", name: "answer" },
    });
    expect(step(result, "ask").output).toEqual({ text: '{"city":"Lisbon"}', json: { city: "Lisbon" }, model: "claude-fake-20250101", usage: { inputTokens: 40, outputTokens: 11 }, attempts: 1, finishReason: "tool_use" });
  });

  it("tests the connection by listing the API's models, and refuses other connection types on the node", async () => {
    api.setHandler("/oa/v1/models", (req, res) => (req.headers.authorization === `Bearer ${OPENAI_KEY}` ? json(res, 200, { data: [{ id: "gpt-fake" }] }) : json(res, 401, {})));
    const tested = await server.api<{ ok: boolean; message: string }>(`/api/connections/${openai}/test`, { method: "POST" });
    expect(tested.body).toMatchObject({ ok: true, message: expect.stringContaining("/oa/v1/models answered 200") });
    const bearer = await server.api<{ id: string }>("/api/connections", { body: { name: "Not a model", type: "bearer", config: {}, secrets: { token: "t-1234567" } } });
    const result = await run("Wrong connection", { connectionId: bearer.body.id, prompt: "Hi" });
    expect(result.status).toBe("failed");
    expect(step(result, "ask").error?.message).toContain("aiModel");
  });

  it("sums the period's model calls, tokens and priced cost on the dashboard", async () => {
    const stats = await server.api<{ modelUsage: { calls: number; inputTokens: number; outputTokens: number; costUsd: number } }>("/api/runs/stats?period=1h");
    // Three completed calls above (OpenAI 12+3 and 42+12 tokens at $2/$8 per million, Anthropic 40+11 unpriced); failed steps do not count.
    expect(stats.body.modelUsage).toMatchObject({ calls: 3, inputTokens: 94, outputTokens: 26 });
    expect(stats.body.modelUsage.costUsd).toBeCloseTo((12 * 2 + 3 * 8 + 42 * 2 + 12 * 8) / 1e6, 12);
  });
});

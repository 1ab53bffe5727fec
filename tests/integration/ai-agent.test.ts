import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES } from "../support/databases";
import { json, startLocalApi, type LocalApi, type RecordedRequest } from "../support/local-api";
import { startTestServer, type TestServer } from "../support/server";
import { sql } from "../support/sql";
import { waitFor } from "../support/wait";
import { createWorkflow, graph, startManualRun, step, waitForRun } from "../support/workflows";

const OPENAI_KEY = "sk-openai-agent-4411";
const ANTHROPIC_KEY = "sk-ant-agent-9902";

/**
 * Fake model APIs on 127.0.0.1 answering scripted answers in order (shapes from the public API
 * references: chat completions' `tool_calls`, Anthropic's `tool_use` blocks), and a fake order API
 * the agent's tool (an HTTP node) calls, counting its calls.
 */
function scripted(api: LocalApi, path: string, answers: unknown[]) {
  const queue = [...answers];
  api.setHandler(path, (_req, res) => json(res, 200, queue.shift() ?? { error: "no more scripted answers" }));
}
const completion = (message: Record<string, unknown>, finish: string, usage: [number, number]) => ({
  id: "chatcmpl-a",
  object: "chat.completion",
  model: "gpt-agent-2025",
  choices: [{ index: 0, message: { role: "assistant", content: null, ...message }, finish_reason: finish }],
  usage: { prompt_tokens: usage[0], completion_tokens: usage[1], total_tokens: usage[0] + usage[1] },
});
const openAiToolCall = completion({ tool_calls: [{ id: "call_1", type: "function", function: { name: "lookup", arguments: '{"orderId":"A-17","query":{"verbose":"yes"}}' } }] }, "tool_calls", [20, 5]);
const openAiAnswer = completion({ content: "Order A-17 has shipped." }, "stop", [40, 6]);
const anthropicMessage = (content: unknown[], stop: string, usage: [number, number]) => ({
  id: "msg_a",
  type: "message",
  role: "assistant",
  model: "claude-agent-20250101",
  content,
  stop_reason: stop,
  usage: { input_tokens: usage[0], output_tokens: usage[1] },
});
const body = (request: RecordedRequest) => JSON.parse(request.body) as Record<string, unknown> & { messages: Record<string, unknown>[]; tools: Record<string, unknown>[] };
const sha1 = (id: string) => createHash("sha1").update(id).digest("hex");

describe.each(DATABASES)("AI agent node on %s", (kind) => {
  let server: TestServer;
  let api: LocalApi;
  let openai: string;
  let anthropic: string;

  beforeAll(async () => {
    api = await startLocalApi();
    api.setHandler("/orders/lookup", (req, res) => json(res, 200, { status: "shipped", call: api.count("/orders/lookup"), query: req.url.split("?")[1] ?? "" }));
    server = await startTestServer(kind);
    const connect = async (name: string, config: Record<string, unknown>, apiKey: string) => {
      const created = await server.api<{ id: string }>("/api/connections", { body: { name, type: "aiModel", config, secrets: { apiKey } } });
      expect(created.status).toBe(201);
      return created.body.id;
    };
    openai = await connect("Agent OpenAI", { provider: "openai", baseUrl: `${api.url}/oa/v1`, model: "gpt-agent", inputPrice: 2, outputPrice: 8 }, OPENAI_KEY);
    anthropic = await connect("Agent Anthropic", { provider: "anthropic", baseUrl: `${api.url}/an/v1`, model: "claude-agent" }, ANTHROPIC_KEY);
  });

  afterAll(async () => {
    await server?.stop();
    await api?.close();
  });

  /** An agent with one tool: an HTTP node, not connected, that posts its input to the order API. */
  const agentWorkflow = (name: string, connectionId: string) =>
    graph(
      name,
      [
        { id: "start", type: "trigger.manual" },
        { id: "agent", type: "ai.agent", config: { connectionId, system: "You track orders.", prompt: "Where is order {{ trigger.orderId }}?", tools: [{ nodeId: "lookup", description: "Look an order up" }] } },
        { id: "lookup", type: "action.http", config: { method: "POST", url: `${api.url}/orders/lookup`, body: "{{ input }}" } },
      ],
      ["start->agent"],
    );

  /** The engine's memoized steps of a run (hashed step ids, as the Inngest protocol sends them). */
  const engineSteps = async (runId: string) => {
    const [engineRun] = await sql(server.database, `SELECT "id" FROM "EngineRun" WHERE CAST("event" AS TEXT) LIKE $1`, [`%${runId}%`]);
    return (await sql(server.database, `SELECT "stepId" FROM "EngineStep" WHERE "runId" = $1`, [engineRun.id])).map((r) => r.stepId);
  };

  it("calls the tool node with the model's arguments (OpenAI tools/tool_calls), each turn and tool call a step, and records the conversation and usage", async () => {
    scripted(api, "/oa/v1/chat/completions", [openAiToolCall, openAiAnswer]);
    const modelBefore = api.count("/oa/v1/chat/completions");
    const toolBefore = api.count("/orders/lookup");
    const { id } = await createWorkflow(server, agentWorkflow("Order agent", openai));
    const run = await waitForRun(server, await startManualRun(server, id, { orderId: "A-17" }));
    expect(run.status, JSON.stringify(run.error)).toBe("completed");

    const [first, second] = api.requests.filter((r) => r.path === "/oa/v1/chat/completions").slice(modelBefore);
    expect(first.headers.authorization).toBe(`Bearer ${OPENAI_KEY}`);
    expect(body(first).messages).toEqual([
      { role: "system", content: "You track orders." },
      { role: "user", content: "Where is order A-17?" },
    ]);
    const [tool] = body(first).tools as { type: string; function: { name: string; description: string; parameters: { type: string; properties: Record<string, unknown> } } }[];
    expect(tool).toMatchObject({ type: "function", function: { name: "lookup", description: "Look an order up", parameters: { type: "object" } } });
    expect(Object.keys(tool.function.parameters.properties)).toEqual(expect.arrayContaining(["method", "url", "query", "body"]));
    expect(JSON.stringify(tool.function.parameters)).not.toContain("widget");

    // The tool node ran once, with the arguments as its input (its body) and `query` set as its config field.
    const toolCalls = api.requests.filter((r) => r.path === "/orders/lookup").slice(toolBefore);
    expect(toolCalls).toHaveLength(1);
    expect(JSON.parse(toolCalls[0].body)).toEqual({ orderId: "A-17", query: { verbose: "yes" } });
    expect(toolCalls[0].url).toBe("/orders/lookup?verbose=yes");

    // The second turn sends the assistant's tool call and the tool's result back.
    const sent = body(second).messages;
    expect(sent.slice(2, 3)).toEqual([{ role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "lookup", arguments: '{"orderId":"A-17","query":{"verbose":"yes"}}' } }] }]);
    expect(sent[3]).toMatchObject({ role: "tool", tool_call_id: "call_1" });
    expect(JSON.parse(sent[3].content as string)).toMatchObject({ status: 200, body: { status: "shipped" } });

    const output = step(run, "agent").output as Record<string, unknown>;
    const cost = ((20 + 40) * 2 + (5 + 6) * 8) / 1e6;
    expect(output).toMatchObject({ answer: "Order A-17 has shipped.", turns: 2, toolCalls: 1, usage: { inputTokens: 60, outputTokens: 11 }, model: "gpt-agent-2025", finishReason: "stop" });
    expect(output.costUsd).toBeCloseTo(cost, 12);
    expect(output.turnUsage).toEqual([
      { turn: 1, inputTokens: 20, outputTokens: 5, costUsd: (20 * 2 + 5 * 8) / 1e6, toolCalls: 1 },
      { turn: 2, inputTokens: 40, outputTokens: 6, costUsd: (40 * 2 + 6 * 8) / 1e6, toolCalls: 0 },
    ]);
    expect((output.messages as { role: string }[]).map((m) => m.role)).toEqual(["user", "assistant", "tool", "assistant"]);
    // The tool call has its own row in run history; the tool node is not walked as part of the flow.
    expect(step(run, "lookup#agent.1")).toMatchObject({ status: "completed", input: expect.objectContaining({ query: { verbose: "yes" } }) });
    expect(run.steps.find((s) => s.nodeId === "lookup")).toBeUndefined();

    const steps = await engineSteps(run.id);
    for (const stepId of ["node:agent", "node:agent:turn:1", "node:agent:tool:1:lookup", "node:agent:turn:2", "node:agent:done"]) expect(steps, stepId).toContain(sha1(stepId));
    expect(steps).not.toContain(sha1("node:lookup"));

    const detail = await server.api<{ modelUsage: unknown }>(`/api/runs/${run.id}`);
    expect(detail.body.modelUsage).toMatchObject({ calls: 2, inputTokens: 60, outputTokens: 11 });
    expect(JSON.stringify(detail.body)).not.toContain(OPENAI_KEY);
  });

  it("speaks Anthropic's tools, tool_use and tool_result", async () => {
    scripted(api, "/an/v1/messages", [
      anthropicMessage([{ type: "text", text: "Let me look." }, { type: "tool_use", id: "toolu_1", name: "lookup", input: { orderId: "B-2" } }], "tool_use", [30, 9]),
      anthropicMessage([{ type: "text", text: "B-2 has shipped." }], "end_turn", [50, 4]),
    ]);
    const modelBefore = api.count("/an/v1/messages");
    const toolBefore = api.count("/orders/lookup");
    const { id } = await createWorkflow(server, agentWorkflow("Order agent (Anthropic)", anthropic));
    const run = await waitForRun(server, await startManualRun(server, id, { orderId: "B-2" }));
    expect(run.status, JSON.stringify(run.error)).toBe("completed");

    const [first, second] = api.requests.filter((r) => r.path === "/an/v1/messages").slice(modelBefore);
    expect(first.headers["x-api-key"]).toBe(ANTHROPIC_KEY);
    expect(body(first)).toMatchObject({ model: "claude-agent", system: "You track orders.", messages: [{ role: "user", content: "Where is order B-2?" }] });
    expect(body(first).tools[0]).toMatchObject({ name: "lookup", description: "Look an order up", input_schema: { type: "object" } });
    expect(body(second).messages.slice(1)).toEqual([
      { role: "assistant", content: [{ type: "text", text: "Let me look." }, { type: "tool_use", id: "toolu_1", name: "lookup", input: { orderId: "B-2" } }] },
      { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_1", content: expect.stringContaining('"shipped"') }] },
    ]);
    const toolCalls = api.requests.filter((r) => r.path === "/orders/lookup").slice(toolBefore);
    expect(toolCalls.map((r) => JSON.parse(r.body))).toEqual([{ orderId: "B-2" }]);
    expect(step(run, "agent").output).toMatchObject({ answer: "B-2 has shipped.", turns: 2, toolCalls: 1, usage: { inputTokens: 80, outputTokens: 13 }, finishReason: "end_turn" });
    expect(step(run, "agent").output).not.toHaveProperty("costUsd");
  });

  it("refuses a tool call that sets a field outside the tool's allow-list, telling the model, and runs nothing", async () => {
    const before = api.count("/orders/lookup");
    scripted(api, "/oa/v1/chat/completions", [openAiToolCall, openAiAnswer]);
    const document = agentWorkflow("Agent with an allow-list", openai);
    const agentNode = document.nodes.find((n) => n.id === "agent")!;
    agentNode.config = { ...agentNode.config, tools: [{ nodeId: "lookup", description: "Look an order up", fields: ["body"] }] };
    const { id } = await createWorkflow(server, document);
    const run = await waitForRun(server, await startManualRun(server, id, { orderId: "A-17" }));
    expect(run.status).toBe("completed");
    expect(api.count("/orders/lookup")).toBe(before);
    const sent = api.requests.filter((r) => r.path === "/oa/v1/chat/completions").slice(-2).map(body);
    expect(Object.keys((sent[0].tools[0] as { function: { parameters: { properties: object } } }).function.parameters.properties)).toEqual(["body"]);
    expect(JSON.stringify(sent[1].messages)).toContain("Not run: you may not set query of this tool; you may set body");
  });

  it("refuses tools that are connected, missing or triggers", async () => {
    const doc = agentWorkflow("Bad tools", openai);
    doc.nodes[1].config.tools = [{ nodeId: "lookup" }, { nodeId: "nope" }, { nodeId: "start" }];
    doc.edges.push({ id: "x", source: "agent", target: "lookup" });
    const created = await server.api<{ issues: { path: string; message: string }[] }>("/api/workflows", { body: doc });
    expect(created.status).toBe(400);
    const messages = JSON.stringify(created.body);
    expect(messages).toContain('\\"lookup\\" is connected');
    expect(messages).toContain('There is no node \\"nope\\"');
    expect(messages).toContain('\\"start\\" is a trigger');
  });

  it("killed with kill -9 after a tool call completed, resumes without calling the tool again", async () => {
    const modelPath = "/oa/v1/chat/completions";
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let answered = 0;
    api.setHandler(modelPath, async (_req, res) => {
      answered += 1;
      if (answered === 1) return json(res, 200, openAiToolCall);
      if (answered === 2) await held; // the second turn hangs until the server is dead
      json(res, 200, openAiAnswer);
    });
    const toolBefore = api.count("/orders/lookup");
    const { id } = await createWorkflow(server, agentWorkflow("Order agent (crash)", openai));
    const runId = await startManualRun(server, id, { orderId: "A-17" });
    await waitFor(async () => answered >= 2, { what: "the second turn's request" });
    expect(api.count("/orders/lookup") - toolBefore).toBe(1);
    await server.kill();
    release();
    await server.start();

    const run = await waitForRun(server, runId);
    expect(run.status, JSON.stringify(run.error)).toBe("completed");
    expect(answered).toBeGreaterThanOrEqual(3);
    expect(api.count("/orders/lookup") - toolBefore).toBe(1);
    expect(step(run, "agent").output).toMatchObject({ answer: "Order A-17 has shipped.", turns: 2, toolCalls: 1 });
    expect((step(run, "lookup#agent.1").output as { body: { call: number } }).body.call).toBe(api.count("/orders/lookup"));
  });
});

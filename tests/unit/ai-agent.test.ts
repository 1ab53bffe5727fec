import { describe, expect, it } from "vitest";
import { agentRequest, readAgentAnswer, type AgentMessage } from "@/lib/ai/chat";
import { agentToolIssues, agentToolNodeIds, toolParameters } from "@/lib/document/agent-tools";
import { getNodeDefinition } from "@/lib/nodes";

const conversation: AgentMessage[] = [
  { role: "user", content: "Where are A and B?" },
  { role: "assistant", content: "", toolCalls: [{ id: "c1", name: "lookup", arguments: { id: "A" } }, { id: "c2", name: "lookup", arguments: { id: "B" } }] },
  { role: "tool", toolCallId: "c1", name: "lookup", content: '{"at":"Lisbon"}' },
  { role: "tool", toolCallId: "c2", name: "lookup", content: "The tool failed: 404", isError: true },
];
const tools = [{ name: "lookup", description: "Look up", parameters: { type: "object", properties: { id: { type: "string" } } } }];

describe("agent conversations in both chat APIs", () => {
  it("sends chat completions tools, tool_calls and tool messages, and no tools on the last turn", () => {
    const { body } = agentRequest({ api: "openai", model: "m", system: "S", messages: conversation, tools, maxTokens: 10, final: true });
    expect(body.tools).toEqual([{ type: "function", function: tools[0] }]);
    expect(body.tool_choice).toBe("none");
    expect(body.messages).toEqual([
      { role: "system", content: "S" },
      { role: "user", content: "Where are A and B?" },
      { role: "assistant", content: null, tool_calls: [{ id: "c1", type: "function", function: { name: "lookup", arguments: '{"id":"A"}' } }, { id: "c2", type: "function", function: { name: "lookup", arguments: '{"id":"B"}' } }] },
      { role: "tool", tool_call_id: "c1", content: '{"at":"Lisbon"}' },
      { role: "tool", tool_call_id: "c2", content: "The tool failed: 404" },
    ]);
  });

  it("sends Anthropic tool_use blocks, and one turn's tool results together in one user message", () => {
    const { body } = agentRequest({ api: "anthropic", model: "m", messages: conversation, tools, maxTokens: 10 });
    expect(body.tools).toEqual([{ name: "lookup", description: "Look up", input_schema: tools[0].parameters }]);
    expect(body).not.toHaveProperty("tool_choice");
    expect(body.messages).toEqual([
      { role: "user", content: "Where are A and B?" },
      { role: "assistant", content: [{ type: "tool_use", id: "c1", name: "lookup", input: { id: "A" } }, { type: "tool_use", id: "c2", name: "lookup", input: { id: "B" } }] },
      { role: "user", content: [{ type: "tool_result", tool_use_id: "c1", content: '{"at":"Lisbon"}' }, { type: "tool_result", tool_use_id: "c2", content: "The tool failed: 404", is_error: true }] },
    ]);
  });

  it("reads tool calls from both APIs, keeping arguments that are not a JSON object as an error", () => {
    const openai = readAgentAnswer("openai", {
      model: "g",
      choices: [{ message: { content: null, tool_calls: [{ id: "c1", type: "function", function: { name: "lookup", arguments: '{"id":"A"}' } }, { id: "c2", type: "function", function: { name: "lookup", arguments: "{oops" } }] }, finish_reason: "tool_calls" }],
      usage: { prompt_tokens: 3, completion_tokens: 4 },
    });
    expect(openai).toMatchObject({ text: "", finishReason: "tool_calls", inputTokens: 3, outputTokens: 4 });
    expect(openai.toolCalls[0]).toEqual({ id: "c1", name: "lookup", arguments: { id: "A" } });
    expect(openai.toolCalls[1].argumentsError).toContain("not JSON");
    const anthropic = readAgentAnswer("anthropic", { model: "c", content: [{ type: "text", text: "Looking" }, { type: "tool_use", id: "t1", name: "lookup", input: { id: "B" } }], stop_reason: "tool_use", usage: { input_tokens: 5, output_tokens: 6 } });
    expect(anthropic).toEqual({ text: "Looking", toolCalls: [{ id: "t1", name: "lookup", arguments: { id: "B" } }], model: "c", inputTokens: 5, outputTokens: 6, finishReason: "tool_use" });
  });
});

describe("agent tools in a workflow", () => {
  const node = (id: string, type: string, config: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({ id, type, config, ...extra });
  const agent = (tools: string[]) => node("agent", "ai.agent", { connectionId: "c", prompt: "p", tools: tools.map((nodeId) => ({ nodeId })) });

  it("accepts unconnected step nodes and leaves them out of the walk", () => {
    const graph = { nodes: [node("start", "trigger.manual"), agent(["lookup"]), node("lookup", "action.http", { url: "https://x.test" })], edges: [{ source: "start", target: "agent" }] };
    expect(agentToolIssues(graph)).toEqual([]);
    expect([...agentToolNodeIds(graph)]).toEqual(["lookup"]);
  });

  it("refuses missing, connected, trigger, pausing, disabled and compensation nodes, and itself", () => {
    const graph = {
      nodes: [
        node("start", "trigger.manual"),
        agent(["nope", "linked", "start", "pause", "off", "undo", "agent", "undo"]),
        node("linked", "transform.map", { expression: "1" }),
        node("pause", "flow.delay", { duration: "1s" }),
        node("off", "transform.map", { expression: "1" }, { disabled: true }),
        node("undo", "transform.map", { expression: "1" }),
        node("charge", "transform.map", { expression: "1" }, { settings: { compensation: "undo" } }),
      ],
      edges: [{ source: "start", target: "agent" }, { source: "agent", target: "linked" }],
    };
    expect(agentToolIssues(graph).map((i) => [i.index, i.message])).toEqual([
      [0, 'There is no node "nope" to use as a tool'],
      [1, '"linked" is connected; a tool runs only when the model calls it, so remove its connections'],
      [2, '"start" is a trigger; use an action or transform as a tool'],
      [3, '"pause" (Delay) cannot be a tool: a tool does its work in one step'],
      [4, '"off" is disabled; enable it or remove it from the tools'],
      [5, '"undo" is a compensation node; it cannot also be a tool'],
      [6, "An agent cannot be its own tool"],
      [7, '"undo" is already a tool of this agent'],
    ]);
  });

  it("refuses an allow-list naming fields the model cannot set on the tool's node", () => {
    const graph = {
      nodes: [
        node("start", "trigger.manual"),
        node("agent", "ai.agent", { connectionId: "c", prompt: "p", tools: [{ nodeId: "lookup", fields: ["body", "connectionId", "nope"] }, { nodeId: "shape", fields: ["expression"] }] }),
        node("lookup", "action.http", { url: "https://x.test" }),
        node("shape", "transform.map", { expression: "1" }),
      ],
      edges: [{ source: "start", target: "agent" }],
    };
    const [issue, ...rest] = agentToolIssues(graph);
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({ index: 0 });
    expect(issue.message).toMatch(/^The model cannot set "connectionId", "nope" of this node; it can set .*body/);
  });

  it("offers a node's config fields as parameters, without connections, secrets, code or form hints, none required", () => {
    const http = toolParameters("action.http", getNodeDefinition("action.http")!) as { properties: Record<string, unknown>; required?: unknown };
    expect(Object.keys(http.properties)).toEqual(expect.arrayContaining(["method", "url", "query", "body"]));
    expect(http.properties).not.toHaveProperty("connectionId");
    expect(http.required).toBeUndefined();
    expect(JSON.stringify(http)).not.toMatch(/widget|showWhen|connectionTypes/);
    expect(Object.keys((toolParameters("transform.code", getNodeDefinition("transform.code")!) as { properties: object }).properties)).not.toContain("code");
  });
});

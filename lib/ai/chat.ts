/**
 * The two chat APIs the AI model node speaks, as plain request and answer shapes (browser-safe,
 * no network): OpenAI's chat completions (also OpenRouter, Ollama, vLLM, LM Studio and Azure
 * OpenAI's v1 API) and Anthropic's Messages API. Structured output uses each API's own mechanism:
 * `response_format: json_schema` for chat completions, a forced tool call for Anthropic.
 */

export type ChatApi = "openai" | "azure" | "anthropic";

export interface ChatMessage {
  role: "user" | "assistant";
  content: string;
}

export interface ChatRequest {
  api: ChatApi;
  model: string;
  system?: string;
  messages: ChatMessage[];
  maxTokens: number;
  temperature?: number;
  /** A JSON Schema the answer must match. */
  schema?: Record<string, unknown>;
}

export interface ChatAnswer {
  /** The answer's text (for structured output: the JSON text the model produced). */
  text: string;
  /** The parsed structured answer; undefined without a schema or when the text is not JSON. */
  structured?: unknown;
  model: string;
  inputTokens: number;
  outputTokens: number;
  finishReason: string | null;
}

/** Anthropic's API version header: the Messages API as documented for it. */
export const ANTHROPIC_VERSION = "2023-06-01";
/** Anthropic's forced tool for structured output; a schema that is not an object is wrapped in `{ value }`. */
const ANSWER_TOOL = "answer";

export function chatUrl(baseUrl: string, api: ChatApi): URL {
  const base = baseUrl.replace(/\/+$/, "");
  return new URL(api === "anthropic" ? `${base}/messages` : `${base}/chat/completions`);
}

export function chatRequest(request: ChatRequest): { headers: Record<string, string>; body: Record<string, unknown> } {
  if (request.api === "anthropic") {
    const schema = request.schema && (isObjectSchema(request.schema) ? request.schema : { type: "object", properties: { value: request.schema }, required: ["value"] });
    return {
      headers: { "content-type": "application/json", "anthropic-version": ANTHROPIC_VERSION },
      body: {
        model: request.model,
        max_tokens: request.maxTokens,
        ...(request.system ? { system: request.system } : {}),
        messages: request.messages,
        ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
        ...(schema ? { tools: [{ name: ANSWER_TOOL, description: "Give the answer as structured data.", input_schema: schema }], tool_choice: { type: "tool", name: ANSWER_TOOL } } : {}),
      },
    };
  }
  return {
    headers: { "content-type": "application/json" },
    body: {
      model: request.model,
      messages: [...(request.system ? [{ role: "system", content: request.system }] : []), ...request.messages],
      max_tokens: request.maxTokens,
      ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
      // Not `strict`: strict mode accepts only schemas whose every property is required and closed.
      ...(request.schema ? { response_format: { type: "json_schema", json_schema: { name: "answer", schema: request.schema } } } : {}),
    },
  };
}

/** Reads an API's answer; throws an Error saying what is missing when it is not the documented shape. */
export function readChatAnswer(request: Pick<ChatRequest, "api" | "schema">, body: unknown): ChatAnswer {
  const answer = body as Record<string, unknown> | null;
  if (!answer || typeof answer !== "object") throw new Error("The model API's answer is not a JSON object");
  if (request.api === "anthropic") {
    const content = Array.isArray(answer.content) ? (answer.content as { type?: string; text?: string; name?: string; input?: unknown }[]) : null;
    if (!content) throw new Error("The model API's answer has no content list");
    const usage = (answer.usage ?? {}) as { input_tokens?: number; output_tokens?: number };
    const base = { model: String(answer.model ?? ""), inputTokens: usage.input_tokens ?? 0, outputTokens: usage.output_tokens ?? 0, finishReason: (answer.stop_reason as string | undefined) ?? null };
    const tool = content.find((block) => block.type === "tool_use" && block.name === ANSWER_TOOL);
    if (request.schema && tool) {
      const structured = isObjectSchema(request.schema) ? tool.input : (tool.input as { value?: unknown } | undefined)?.value;
      return { ...base, text: JSON.stringify(structured), structured };
    }
    const text = content.filter((block) => block.type === "text").map((block) => block.text ?? "").join("");
    return { ...base, text, structured: request.schema ? parseJson(text) : undefined };
  }
  const choice = (Array.isArray(answer.choices) ? answer.choices[0] : undefined) as { message?: { content?: unknown; refusal?: unknown }; finish_reason?: string } | undefined;
  if (!choice?.message) throw new Error("The model API's answer has no choices[0].message");
  if (typeof choice.message.refusal === "string" && choice.message.refusal) throw new Error(`The model refused: ${choice.message.refusal}`);
  const text = typeof choice.message.content === "string" ? choice.message.content : "";
  const usage = (answer.usage ?? {}) as { prompt_tokens?: number; completion_tokens?: number };
  return {
    text,
    structured: request.schema ? parseJson(text) : undefined,
    model: String(answer.model ?? ""),
    inputTokens: usage.prompt_tokens ?? 0,
    outputTokens: usage.completion_tokens ?? 0,
    finishReason: choice.finish_reason ?? null,
  };
}

function isObjectSchema(schema: Record<string, unknown>): boolean {
  return schema.type === "object";
}

/** The JSON in a model's text, also when it wraps it in a Markdown code fence. */
function parseJson(text: string): unknown {
  const fenced = /^\s*```(?:json)?\s*\n([\s\S]*?)\n?```\s*$/i.exec(text);
  try {
    return JSON.parse(fenced ? fenced[1] : text);
  } catch {
    return undefined;
  }
}

/**
 * Tool calling, for the AI agent node: a conversation in one provider-neutral shape, sent as each
 * API's own. Chat completions: `tools: [{ type: "function", function: { name, description,
 * parameters } }]`, answers carry `message.tool_calls` (arguments as a JSON string) and results go
 * back as `{ role: "tool", tool_call_id }` messages. Anthropic: `tools: [{ name, description,
 * input_schema }]`, answers carry `tool_use` content blocks and results go back in the next user
 * message as `tool_result` blocks.
 */
export interface ToolSpec {
  /** `^[A-Za-z0-9_-]{1,64}$` in both APIs; the agent uses the tool node's id. */
  name: string;
  description: string;
  /** JSON Schema of the arguments (an object schema). */
  parameters: Record<string, unknown>;
}

export interface ToolCall {
  id: string;
  name: string;
  arguments: Record<string, unknown>;
  /** Set when the model's arguments are not a JSON object (chat completions sends them as text). */
  argumentsError?: string;
}

export type AgentMessage =
  | { role: "user"; content: string }
  | { role: "assistant"; content: string; toolCalls?: ToolCall[] }
  | { role: "tool"; toolCallId: string; name: string; content: string; isError?: boolean };

export interface AgentRequest {
  api: ChatApi;
  model: string;
  system?: string;
  messages: AgentMessage[];
  tools: ToolSpec[];
  maxTokens: number;
  temperature?: number;
  /** The last turn: the model may not call tools any more and must answer. */
  final?: boolean;
}

export interface AgentAnswer {
  text: string;
  toolCalls: ToolCall[];
  model: string;
  inputTokens: number;
  outputTokens: number;
  finishReason: string | null;
}

export function agentRequest(request: AgentRequest): { headers: Record<string, string>; body: Record<string, unknown> } {
  const hasTools = request.tools.length > 0;
  if (request.api === "anthropic") {
    return {
      headers: { "content-type": "application/json", "anthropic-version": ANTHROPIC_VERSION },
      body: {
        model: request.model,
        max_tokens: request.maxTokens,
        ...(request.system ? { system: request.system } : {}),
        messages: anthropicMessages(request.messages),
        ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
        ...(hasTools ? { tools: request.tools.map((t) => ({ name: t.name, description: t.description, input_schema: t.parameters })) } : {}),
        ...(hasTools && request.final ? { tool_choice: { type: "none" } } : {}),
      },
    };
  }
  return {
    headers: { "content-type": "application/json" },
    body: {
      model: request.model,
      messages: [...(request.system ? [{ role: "system", content: request.system }] : []), ...openAiMessages(request.messages)],
      max_tokens: request.maxTokens,
      ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
      ...(hasTools ? { tools: request.tools.map((t) => ({ type: "function", function: { name: t.name, description: t.description, parameters: t.parameters } })) } : {}),
      ...(hasTools && request.final ? { tool_choice: "none" } : {}),
    },
  };
}

function openAiMessages(messages: AgentMessage[]): unknown[] {
  return messages.map((m) => {
    if (m.role === "user") return { role: "user", content: m.content };
    if (m.role === "tool") return { role: "tool", tool_call_id: m.toolCallId, content: m.content };
    if (!m.toolCalls?.length) return { role: "assistant", content: m.content };
    return {
      role: "assistant",
      content: m.content || null,
      tool_calls: m.toolCalls.map((call) => ({ id: call.id, type: "function", function: { name: call.name, arguments: JSON.stringify(call.arguments) } })),
    };
  });
}

/** Anthropic alternates user and assistant turns: the results of one turn's tool calls go together in one user message. */
function anthropicMessages(messages: AgentMessage[]): unknown[] {
  const out: { role: string; content: unknown }[] = [];
  for (const m of messages) {
    if (m.role === "user") out.push({ role: "user", content: m.content });
    else if (m.role === "assistant") {
      const blocks = [...(m.content ? [{ type: "text", text: m.content }] : []), ...(m.toolCalls ?? []).map((call) => ({ type: "tool_use", id: call.id, name: call.name, input: call.arguments }))];
      out.push({ role: "assistant", content: m.toolCalls?.length ? blocks : m.content });
    } else {
      const block = { type: "tool_result", tool_use_id: m.toolCallId, content: m.content, ...(m.isError ? { is_error: true } : {}) };
      const last = out[out.length - 1];
      if (last?.role === "user" && Array.isArray(last.content)) last.content.push(block);
      else out.push({ role: "user", content: [block] });
    }
  }
  return out;
}

/** Reads an answer that may call tools; throws an Error saying what is missing when it is not the documented shape. */
export function readAgentAnswer(api: ChatApi, body: unknown): AgentAnswer {
  const answer = body as Record<string, unknown> | null;
  if (!answer || typeof answer !== "object") throw new Error("The model API's answer is not a JSON object");
  if (api === "anthropic") {
    const content = Array.isArray(answer.content) ? (answer.content as { type?: string; text?: string; id?: string; name?: string; input?: unknown }[]) : null;
    if (!content) throw new Error("The model API's answer has no content list");
    const usage = (answer.usage ?? {}) as { input_tokens?: number; output_tokens?: number };
    return {
      text: content.filter((block) => block.type === "text").map((block) => block.text ?? "").join(""),
      toolCalls: content
        .filter((block) => block.type === "tool_use")
        .map((block) => toolCall(String(block.id ?? ""), String(block.name ?? ""), block.input)),
      model: String(answer.model ?? ""),
      inputTokens: usage.input_tokens ?? 0,
      outputTokens: usage.output_tokens ?? 0,
      finishReason: (answer.stop_reason as string | undefined) ?? null,
    };
  }
  const choice = (Array.isArray(answer.choices) ? answer.choices[0] : undefined) as
    | { message?: { content?: unknown; refusal?: unknown; tool_calls?: { id?: string; type?: string; function?: { name?: string; arguments?: unknown } }[] }; finish_reason?: string }
    | undefined;
  if (!choice?.message) throw new Error("The model API's answer has no choices[0].message");
  if (typeof choice.message.refusal === "string" && choice.message.refusal) throw new Error(`The model refused: ${choice.message.refusal}`);
  const usage = (answer.usage ?? {}) as { prompt_tokens?: number; completion_tokens?: number };
  return {
    text: typeof choice.message.content === "string" ? choice.message.content : "",
    toolCalls: (Array.isArray(choice.message.tool_calls) ? choice.message.tool_calls : [])
      .filter((call) => (call.type ?? "function") === "function" && call.function)
      .map((call) => toolCall(String(call.id ?? ""), String(call.function?.name ?? ""), call.function?.arguments)),
    model: String(answer.model ?? ""),
    inputTokens: usage.prompt_tokens ?? 0,
    outputTokens: usage.completion_tokens ?? 0,
    finishReason: choice.finish_reason ?? null,
  };
}

/** Arguments are an object (Anthropic) or JSON text of one (chat completions); anything else is kept as an error for the model. */
function toolCall(id: string, name: string, raw: unknown): ToolCall {
  let parsed = raw;
  if (typeof raw === "string") {
    try {
      parsed = raw.trim() ? JSON.parse(raw) : {};
    } catch {
      return { id, name, arguments: {}, argumentsError: `The arguments are not JSON: ${raw.slice(0, 200)}` };
    }
  }
  if (parsed === undefined || parsed === null) return { id, name, arguments: {} };
  if (typeof parsed !== "object" || Array.isArray(parsed)) return { id, name, arguments: {}, argumentsError: "The arguments are not a JSON object" };
  return { id, name, arguments: parsed as Record<string, unknown> };
}

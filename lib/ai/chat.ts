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

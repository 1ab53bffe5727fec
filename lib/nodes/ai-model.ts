import { Sparkles } from "lucide-react";
import { z } from "zod";
import { chatRequest, chatUrl, readChatAnswer, type ChatApi, type ChatMessage } from "@/lib/ai/chat";
import { callModelApi, modelCost } from "./ai-call";
import { NodeError } from "./errors";
import { connectionField } from "./outbound-fields";
import { defineNode } from "./types";

/** Answers that do not match the output schema are sent back with the validation errors this many times in all. */
const SCHEMA_ATTEMPTS = 3;

/**
 * Asks a chat model through an AI model connection (OpenAI-compatible, Azure OpenAI or Anthropic).
 * The call is one durable step: retried by the node's retry policy, memoized on replay. With an
 * output schema the answer is parsed and validated, and a non-conforming answer is sent back with
 * the validation errors (up to 3 answers in all) before the step fails. The API key stays in the
 * connection (applied server-side, masked in history); secret fields are never interpolated, so a
 * prompt cannot carry one. Output: `{ text, json?, model, usage: { inputTokens, outputTokens },
 * costUsd?, attempts, finishReason }`.
 */
export const aiModelAction = defineNode({
  type: "ai.model",
  kind: "step",
  category: "action",
  label: "AI model",
  description: "Ask a chat model (OpenAI-compatible, Azure OpenAI, Anthropic); optionally get JSON that matches a schema.",
  icon: Sparkles,
  config: z.object({
    connectionId: connectionField(["aiModel"], "The model API, its key, default model and prices (Connections page)."),
    model: z.string().trim().max(200).optional().meta({ title: "Model", description: "Empty: the connection's default model." }),
    system: z.string().max(100_000).optional().meta({ title: "System message", description: "Instructions that frame every answer.", widget: "textarea" }),
    prompt: z.string().min(1, "Write the prompt").max(200_000).meta({ title: "Prompt", description: "Use expressions to put the run's data in, e.g. {{ trigger.body.text }}.", widget: "textarea" }),
    outputSchema: z
      .record(z.string(), z.unknown(), { error: "Enter a JSON Schema (a JSON object)" })
      .optional()
      .meta({ title: "Output schema", description: "Optional JSON Schema: the answer is parsed and validated as JSON (output `json`), and sent back to the model with the errors when it does not match.", widget: "json" }),
    temperature: z.number().min(0).max(2).optional().meta({ title: "Temperature", description: "0 for the most predictable answers; empty for the model's default." }),
    maxTokens: z.number().int().min(1).max(200_000).default(1024).meta({ title: "Max output tokens" }),
  }),
  defaults: { connectionId: "", prompt: "Summarise this in one sentence: {{ trigger.body }}", maxTokens: 1024 },
  async execute({ config, services, signal }) {
    const connection = await services.connectionSettings(config.connectionId, ["aiModel"]);
    const api = connection.config.provider as ChatApi;
    const model = config.model || String(connection.config.model ?? "");
    if (!model) throw new NodeError(`Name a model: the node has none and connection "${connection.name}" has no default model`, { retriable: false });
    const url = chatUrl(String(connection.config.baseUrl), api);
    const messages: ChatMessage[] = [{ role: "user", content: config.prompt }];
    const usage = { inputTokens: 0, outputTokens: 0 };

    for (let attempt = 1; ; attempt++) {
      const { headers, body } = chatRequest({ api, model, system: config.system, messages, maxTokens: config.maxTokens, temperature: config.temperature, schema: config.outputSchema });
      const answer = readChatAnswer({ api, schema: config.outputSchema }, await callModelApi(services, { url, headers, body, connectionId: config.connectionId, signal }));
      usage.inputTokens += answer.inputTokens;
      usage.outputTokens += answer.outputTokens;
      const result = { text: answer.text, model: answer.model || model, usage, ...modelCost(connection.config, usage), attempts: attempt, finishReason: answer.finishReason };
      if (!config.outputSchema) return { output: result };

      const problem = answer.structured === undefined ? "The answer is not JSON." : describeErrors(services.transforms.validateJsonSchema(config.outputSchema, answer.structured).errors);
      if (!problem) return { output: { ...result, json: answer.structured } };
      if (attempt >= SCHEMA_ATTEMPTS) throw new NodeError(`The model's answer did not match the output schema after ${attempt} answers: ${problem}`, { retriable: false });
      messages.push({ role: "assistant", content: answer.text }, { role: "user", content: `That answer does not match the required JSON Schema. ${problem} Answer again with only JSON that matches the schema.` });
    }
  },
});

function describeErrors(errors: { path: string; message: string }[]): string | null {
  if (!errors.length) return null;
  return errors
    .slice(0, 10)
    .map((e) => `${e.path || "(the answer)"}: ${e.message}`)
    .join("; ")
    .concat(".");
}

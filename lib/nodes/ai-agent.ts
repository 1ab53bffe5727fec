import { Bot } from "lucide-react";
import { z } from "zod";
import { agentRequest, chatUrl, readAgentAnswer, type ChatApi } from "@/lib/ai/chat";
import { callModelApi, modelCost } from "./ai-call";
import { NodeError } from "./errors";
import { connectionField } from "./outbound-fields";
import { defineNode } from "./types";

/** The most turns an agent may take; with the tool calls per turn this bounds its steps well under Inngest's 1,000 per run. */
export const MAX_AGENT_TURNS = 50;

/**
 * An AI agent: asks a chat model (AI model connection: OpenAI-compatible, Azure OpenAI or
 * Anthropic) with tools, which are other nodes of the workflow that stand apart from the flow (no
 * connections; lib/document/agent-tools.ts). When the model calls a tool, that node runs with the
 * model's arguments as its input (arguments named like its config fields set those fields), and
 * the result goes back to the model, until it answers without calling a tool or the turns run out.
 * Each turn (`node:<id>:turn:<n>`) and each tool call (`node:<id>:tool:<n>:<tool>`) is its own
 * durable step (lib/execution/agent.ts). Output: `{ answer, turns, toolCalls, messages, usage,
 * costUsd?, turnUsage, model, finishReason }`.
 */
export const aiAgentAction = defineNode({
  type: "ai.agent",
  kind: "agent",
  category: "action",
  label: "AI agent",
  description: "Let a chat model work on a task in turns, calling other nodes of the workflow as tools, each turn and tool call a durable step.",
  icon: Bot,
  config: z.object({
    connectionId: connectionField(["aiModel"], "The model API, its key, default model and prices (Connections page)."),
    model: z.string().trim().max(200).optional().meta({ title: "Model", description: "Empty: the connection's default model." }),
    system: z.string().max(100_000).optional().meta({ title: "System message", description: "Instructions that frame the agent's work.", widget: "textarea" }),
    prompt: z.string().min(1, "Write the prompt").max(200_000).meta({ title: "Prompt", description: "The task. Use expressions to put the run's data in, e.g. {{ trigger.body.text }}.", widget: "textarea" }),
    tools: z
      .array(
        z.object({
          nodeId: z.string().trim().min(1, "Enter the id of the tool's node").meta({ title: "Node", description: "A node of this workflow with no connections; its config fields are the tool's parameters." }),
          description: z.string().max(2000).optional().meta({ title: "Description", description: "What the tool does, for the model. Empty: the node's name and type." }),
          fields: z
            .array(z.string().trim().min(1))
            .max(100)
            .optional()
            .meta({ title: "Fields the model may set", description: "Config fields of the tool node the model's arguments may set. Empty: every field of its form except connections, secrets and code." }),
        }),
      )
      .max(32)
      .default([])
      .meta({ title: "Tools", description: "Nodes the model may call. Each runs as its own step with the model's arguments as its input." }),
    maxTurns: z.number().int().min(1).max(MAX_AGENT_TURNS).default(10).meta({ title: "Max turns", description: `Model answers in all (at most ${MAX_AGENT_TURNS}); the last one may not call tools.` }),
    temperature: z.number().min(0).max(2).optional().meta({ title: "Temperature", description: "0 for the most predictable answers; empty for the model's default." }),
    maxTokens: z.number().int().min(1).max(200_000).default(1024).meta({ title: "Max output tokens", description: "Per turn." }),
  }),
  defaults: { connectionId: "", prompt: "Answer the customer's question: {{ trigger.body.question }}", tools: [], maxTurns: 10, maxTokens: 1024 },
  plan: (config) => ({ prompt: config.prompt, maxTurns: config.maxTurns, tools: config.tools }),
  async turn({ config, services, signal, messages, tools, final }) {
    const connection = await services.connectionSettings(config.connectionId, ["aiModel"]);
    const api = connection.config.provider as ChatApi;
    const model = config.model || String(connection.config.model ?? "");
    if (!model) throw new NodeError(`Name a model: the node has none and connection "${connection.name}" has no default model`, { retriable: false });
    const { headers, body } = agentRequest({ api, model, system: config.system, messages, tools, maxTokens: config.maxTokens, temperature: config.temperature, final });
    const answer = readAgentAnswer(api, await callModelApi(services, { url: chatUrl(String(connection.config.baseUrl), api), headers, body, connectionId: config.connectionId, signal }));
    const usage = { inputTokens: answer.inputTokens, outputTokens: answer.outputTokens };
    return {
      message: { role: "assistant", content: answer.text, ...(answer.toolCalls.length ? { toolCalls: answer.toolCalls } : {}) },
      model: answer.model || model,
      usage,
      ...modelCost(connection.config, usage),
      finishReason: answer.finishReason,
    };
  },
});

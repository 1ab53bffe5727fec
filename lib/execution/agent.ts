import { NonRetriableError } from "inngest";
import type { AgentMessage, ToolCall, ToolSpec } from "@/lib/ai/chat";
import { serializeError } from "@/lib/json";
import { storableStrings } from "@/lib/json-shape";
import { nodeDefinitionOf } from "@/lib/nodes";
import { NodeError } from "@/lib/nodes/errors";
import type { AgentNodeDefinition, AgentTurn, NodeResult } from "@/lib/nodes/types";
import { findStepRun, recordStepCompleted, recordStepFailed, recordStepProgress, recordStepStarted } from "@/lib/runs/history";
import { toolConfigFields, toolParameters } from "@/lib/document/agent-tools";
import { DEFAULT_STEP_TIMEOUT_MS } from "@/lib/document/schema";
import { isRunTimeout, RunTimeoutError, StepTimeoutError } from "./errors";
import { executeNodeAttempt, failAttempt, resolveConfig, withTimeout, type NodeAttempt, type ReusedStep } from "./node-step";
import { createNodeServices } from "./services";
import type { WorkflowStepTools } from "./step-tools";

/** Tool calls the agent runs from one answer; more are answered with an error. */
export const MAX_TOOL_CALLS_PER_TURN = 8;
/** Tool calls in all; with at most 50 turns an agent takes at most 2 + 50 + 200 steps, well under Inngest's 1,000 per run. */
export const MAX_TOOL_CALLS = 200;
/** A tool's result goes back to the model cut at this many characters. */
const TOOL_RESULT_CHARS = 20_000;

/** What the agent's first step settles: the resolved config, the prompt and the tools as the model sees them. */
interface AgentPlan {
  config: unknown;
  prompt: string;
  maxTurns: number;
  tools: ToolSpec[];
  /** Per tool: the config fields the model's arguments may set. */
  fields: Record<string, string[]>;
  /** Per tool: every config field a model could set without an allow-list (absent in plans recorded before allow-lists). */
  allFields?: Record<string, string[]>;
}

/**
 * Runs an AI agent node as durable steps: `node:<id>` resolves its config and tools, then each
 * model turn is `node:<id>:turn:<n>` and each tool call `node:<id>:tool:<n>:<tool node>` (n counts
 * the agent's tool calls), and `node:<id>:done` records the result. Every step is memoized, so a
 * crash or a retry resumes at the step that did not finish; turns retry by the agent's retry
 * policy, tool calls by the tool node's. A tool call's run history row is `<tool>#<agent>.<n>`.
 * A tool that fails for good is reported to the model as an error result, not as the agent's failure.
 */
export async function executeAgent(step: WorkflowStepTools, attempt: NodeAttempt): Promise<NodeResult> {
  const { node } = attempt;
  const planned = (await step.run(`node:${node.id}`, () => planAgent(attempt))) as AgentPlan | ReusedStep;
  if ("reused" in planned) return planned.reused;

  const messages: AgentMessage[] = [{ role: "user", content: planned.prompt }];
  const turns: AgentTurn[] = [];
  let toolCalls = 0;
  for (let n = 1; n <= planned.maxTurns; n++) {
    const sent = [...messages];
    const turn = (await step.run(`node:${node.id}:turn:${n}`, () => agentTurn(attempt, planned, sent, n))) as AgentTurn;
    turns.push(turn);
    messages.push(turn.message);
    const calls = turn.message.toolCalls ?? [];
    if (!calls.length) break;
    for (const [i, call] of calls.entries()) {
      const refused =
        i >= MAX_TOOL_CALLS_PER_TURN
          ? `Not run: at most ${MAX_TOOL_CALLS_PER_TURN} tool calls per answer`
          : toolCalls >= MAX_TOOL_CALLS
            ? `Not run: the agent made its ${MAX_TOOL_CALLS} tool calls`
            : !planned.tools.some((t) => t.name === call.name)
              ? `There is no tool "${call.name}"; the tools are ${planned.tools.map((t) => t.name).join(", ") || "none"}`
              : call.argumentsError;
      const forbidden = refused ? [] : forbiddenArguments(planned, call);
      if (refused || forbidden.length) {
        messages.push(toolResult(call, refused || `Not run: you may not set ${forbidden.join(", ")} of this tool; you may set ${planned.fields[call.name]?.join(", ") || "nothing"}`, true));
        continue;
      }
      toolCalls += 1;
      messages.push(await runToolCall(step, attempt, planned, call, toolCalls));
    }
  }

  const output = agentOutput(messages, turns, toolCalls);
  const answered = !turns[turns.length - 1]?.message.toolCalls?.length;
  await step.run(`node:${node.id}:done`, () => finishAgent(attempt, output, answered ? null : `The agent did not answer within ${planned.maxTurns} turns (the last answer still called tools)`));
  return { output };
}

async function planAgent(attempt: NodeAttempt): Promise<AgentPlan | ReusedStep> {
  const { runId, node } = attempt;
  // Completed in run history: a replay took it over from the original run.
  const prior = await findStepRun(runId, node.id);
  if (prior?.status === "completed") return { reused: { output: prior.output ?? null } };
  try {
    const definition = attempt.definition as AgentNodeDefinition;
    const { config, display } = await resolveConfig(node, definition, attempt.scope);
    const { prompt, maxTurns, tools } = definition.plan(config);
    const specs: ToolSpec[] = [];
    const fields: Record<string, string[]> = {};
    const allFields: Record<string, string[]> = {};
    for (const tool of tools) {
      const toolNode = attempt.nodes?.get(tool.nodeId);
      const toolDefinition = toolNode && nodeDefinitionOf(toolNode);
      if (!toolNode || !toolDefinition) throw new NodeError(`The tool "${tool.nodeId}" is not a node of this workflow`, { retriable: false });
      const parameters = allowOnly(toolParameters(toolNode.type, toolDefinition), tool.fields);
      specs.push({ name: toolNode.id, description: tool.description || `${toolNode.name || toolDefinition.label}: ${toolDefinition.description}`, parameters });
      fields[toolNode.id] = toolConfigFields(parameters);
      allFields[toolNode.id] = toolConfigFields(toolParameters(toolNode.type, toolDefinition));
    }
    await recordStepStarted(runId, node, attempt.attempt + 1, display, "running", { turns: 0, messages: [{ role: "user", content: prompt }] });
    return { config, prompt, maxTurns, tools: specs, fields, allFields };
  } catch (error) {
    throw await failAttempt(attempt, attempt.attempt + 1, error);
  }
}

/** A tool's parameters narrowed to the fields its allow-list names (the agent's `tools[].fields`), when it has one. */
function allowOnly(parameters: Record<string, unknown>, fields: string[] | undefined): Record<string, unknown> {
  if (!fields?.length) return parameters;
  const properties = (parameters.properties ?? {}) as Record<string, unknown>;
  return { ...parameters, properties: Object.fromEntries(Object.entries(properties).filter(([key]) => fields.includes(key))) };
}

/** Arguments that name config fields of the tool's node outside its allow-list: refused, never applied silently. */
function forbiddenArguments(plan: AgentPlan, call: ToolCall): string[] {
  const allowed = new Set(plan.fields[call.name] ?? []);
  const all = new Set(plan.allFields?.[call.name] ?? []);
  return Object.keys(call.arguments ?? {}).filter((key) => all.has(key) && !allowed.has(key));
}

/** One model turn, inside its step: retried by the agent's policy; its answer is masked like any step output. */
async function agentTurn(attempt: NodeAttempt, plan: AgentPlan, messages: AgentMessage[], turn: number): Promise<AgentTurn> {
  const { runId, node, deadline } = attempt;
  const services = createNodeServices(attempt.workspaceId);
  try {
    const remaining = deadline === undefined ? Infinity : deadline - Date.now();
    if (remaining <= 0) throw new RunTimeoutError();
    const budget = Math.min(node.settings?.timeoutMs ?? DEFAULT_STEP_TIMEOUT_MS, remaining);
    const answer = await withTimeout(budget, budget === remaining ? () => new RunTimeoutError() : () => new StepTimeoutError(budget), (signal) =>
      (attempt.definition as AgentNodeDefinition).turn({ nodeId: node.id, config: plan.config, services, signal, messages, tools: plan.tools, turn, final: turn === plan.maxTurns }),
    );
    const result = storableStrings<AgentTurn>(services.redactor.value(answer));
    await recordStepProgress(runId, node.id, { turns: turn, messages: [...messages, result.message] });
    return result;
  } catch (error) {
    throw await failAttempt(attempt, attempt.attempt + 1, services.redactor.error(error));
  }
}

/** One tool call as the tool node's step, with the model's arguments as its input and as config fields it may set. */
async function runToolCall(step: WorkflowStepTools, agent: NodeAttempt, plan: AgentPlan, call: ToolCall, n: number): Promise<AgentMessage> {
  const toolNode = agent.nodes!.get(call.name)!;
  const allowed = new Set(plan.fields[call.name] ?? []);
  const overrides = Object.fromEntries(Object.entries(call.arguments).filter(([key]) => allowed.has(key)));
  const attempt: NodeAttempt = {
    runId: agent.runId,
    workspaceId: agent.workspaceId,
    node: { ...toolNode, id: `${toolNode.id}#${agent.node.id}.${n}` },
    definition: nodeDefinitionOf(toolNode)!,
    scope: { ...agent.scope, input: call.arguments },
    parents: { [agent.node.id]: call.arguments },
    attempt: agent.attempt,
    deadline: agent.deadline,
    overrides,
  };
  try {
    const result = (await step.run(`node:${agent.node.id}:tool:${n}:${toolNode.id}`, () => executeNodeAttempt(attempt))) as NodeResult;
    return toolResult(call, JSON.stringify(result.output ?? null) ?? "null");
  } catch (error) {
    if (isRunTimeout(error)) throw error;
    const cause = (error as { cause?: { message?: string } }).cause;
    return toolResult(call, `The tool failed: ${cause?.message ?? (error as Error).message}`, true);
  }
}

function toolResult(call: ToolCall, content: string, isError = false): AgentMessage {
  const clipped = content.length > TOOL_RESULT_CHARS ? `${content.slice(0, TOOL_RESULT_CHARS)}… (cut at ${TOOL_RESULT_CHARS} characters)` : content;
  return { role: "tool", toolCallId: call.id, name: call.name, content: clipped, ...(isError ? { isError: true } : {}) };
}

function agentOutput(messages: AgentMessage[], turns: AgentTurn[], toolCalls: number) {
  const last = turns[turns.length - 1];
  const usage = { inputTokens: 0, outputTokens: 0 };
  let costUsd: number | undefined;
  for (const turn of turns) {
    usage.inputTokens += turn.usage.inputTokens;
    usage.outputTokens += turn.usage.outputTokens;
    if (typeof turn.costUsd === "number") costUsd = Math.round(((costUsd ?? 0) + turn.costUsd) * 1e8) / 1e8;
  }
  // Small fields first: a cut-down output keeps them in its preview (usage sums read them there).
  return {
    answer: last?.message.content ?? "",
    turns: turns.length,
    toolCalls,
    usage,
    ...(costUsd === undefined ? {} : { costUsd }),
    model: last?.model ?? "",
    finishReason: last?.finishReason ?? null,
    turnUsage: turns.map((turn, i) => ({ turn: i + 1, ...turn.usage, ...(turn.costUsd === undefined ? {} : { costUsd: turn.costUsd }), toolCalls: turn.message.toolCalls?.length ?? 0 })),
    messages,
  };
}

/** The agent's last step: its output into run history, or its failure when the turns ran out. */
async function finishAgent({ runId, node }: NodeAttempt, output: unknown, failure: string | null): Promise<void> {
  if (!failure) return recordStepCompleted(runId, node.id, output);
  await recordStepProgress(runId, node.id, output);
  await recordStepFailed(runId, node, 1, serializeError(new NodeError(failure, { retriable: false })), true);
  throw new NonRetriableError(failure);
}

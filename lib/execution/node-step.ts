import { NonRetriableError, RetryAfterError } from "inngest";
import { ZodError } from "zod";
import { serializeError } from "@/lib/json";
import { jsonShapeProblem, MAX_JSON_DEPTH, storableStrings } from "@/lib/json-shape";
import { NodeError } from "@/lib/nodes/errors";
import type { EventWait, NodeDefinition, NodeResult, SleepNodeDefinition, StepNodeDefinition, WaitNodeDefinition } from "@/lib/nodes/types";
import { findStepRun, recordStepFailed, recordStepStarted } from "@/lib/runs/history";
import { mayHoldResult } from "@/lib/db/deferred-writes";
import { ExpressionError, pathMatcher, resolveTemplates, type ExpressionScope } from "@/lib/document/expressions";
import { DEFAULT_STEP_TIMEOUT_MS, type WorkflowNode } from "@/lib/document/schema";
import { isCodePath } from "@/lib/document/code-fields";
import { isSecretPath, mapSecrets, REDACTED } from "@/lib/document/secret-fields";
import { revealSecrets } from "@/lib/workflow-store/secrets";
import { beginAttempt, type AttemptHistory } from "./attempt-history";
import { RunTimeoutError, StepTimeoutError } from "./errors";
import { backoffDelayMs, retryPolicyOf } from "./retry";
import { createNodeServices } from "./services";

export interface NodeAttempt {
  runId: string;
  workspaceId: string;
  node: WorkflowNode;
  definition: NodeDefinition;
  scope: ExpressionScope;
  parents: Record<string, unknown>;
  /** Zero-based attempt number Inngest gives this execution of the step. */
  attempt: number;
  /** When the run's time budget ends (epoch ms), if it has one. */
  deadline?: number;
  /** The workflow's nodes by id (an agent looks its tools up here). */
  nodes?: ReadonlyMap<string, WorkflowNode>;
  /** Config fields set over the node's own after its expressions are evaluated (an agent's tool call: the model's arguments). Not evaluated. */
  overrides?: Record<string, unknown>;
  /**
   * Which nodes of the run have a row in run history, read once for the request that runs this
   * attempt (the walker's): a node without one is not looked up again. Without it, each looks.
   */
  historyStatuses?: () => Promise<ReadonlyMap<string, string>>;
}

/** The node's row in run history from an earlier attempt or run, if it has one. */
async function priorStepRun(attempt: NodeAttempt) {
  if (attempt.historyStatuses && !(await attempt.historyStatuses()).has(attempt.node.id)) return null;
  return findStepRun(attempt.runId, attempt.node.id);
}

/**
 * One attempt of a step node, run inside `step.run`. Writes the attempt to run history, then
 * tells Inngest what to do next: throwing RetryAfterError schedules the next attempt after the
 * node's backoff, NonRetriableError ends the step for good.
 */
export async function executeNodeAttempt(attempt: NodeAttempt): Promise<NodeResult> {
  const { runId, node, definition, scope, parents, deadline } = attempt;
  const attemptNumber = attempt.attempt + 1;
  // Steps of a run follow each other as promise callbacks, without ever waiting on a socket; give
  // requests that arrived meanwhile (webhook callers on the line) their turn before each one.
  await new Promise((resolve) => setImmediate(resolve));
  // A result already in run history was produced by an attempt whose result Inngest never
  // received (the process died in between): hand it over instead of repeating the side effect.
  const prior = await priorStepRun(attempt);
  if (prior?.status === "completed") return { output: prior.output ?? null, ...(prior.branch ? { branch: parseBranch(prior.branch) } : {}) };
  // Per attempt: values taken from connections are masked in what is stored and returned.
  const services = createNodeServices(attempt.workspaceId);
  let history: AttemptHistory | undefined;
  try {
    const remaining = deadline === undefined ? Infinity : deadline - Date.now();
    if (remaining <= 0) throw new RunTimeoutError();
    const { config, display } = await resolveConfig(node, definition, scope, attempt.overrides);
    history = beginAttempt(runId, { node, attempt: attemptNumber, input: display, startedAt: new Date() });
    const budget = Math.min(node.settings?.timeoutMs ?? DEFAULT_STEP_TIMEOUT_MS, remaining);
    const result = await withTimeout(budget, budget === remaining ? () => new RunTimeoutError() : () => new StepTimeoutError(budget), (signal) =>
      (definition as StepNodeDefinition).execute({ nodeId: node.id, config, scope, parents, signal, services }),
    );
    const output = services.redactor.value(storableOutput(result.output ?? null));
    await history.completed(output, result.branch);
    if ((definition as StepNodeDefinition).pure) mayHoldResult();
    return { output, ...(result.branch ? { branch: result.branch } : {}), ...(result.awaitRun ? { awaitRun: result.awaitRun } : {}) };
  } catch (error) {
    throw await failAttempt(attempt, attemptNumber, services.redactor.error(error), false, history);
  }
}

/** A sleep or wait node already completed in run history (a replay took it over from the original run): its result, not slept or waited again. */
export interface ReusedStep {
  reused: NodeResult;
}

/** First half of a sleep node: resolves its config, records it as sleeping, returns the wake time. */
export async function scheduleSleep(attempt: NodeAttempt): Promise<{ wakeAt: string } | ReusedStep> {
  const prior = await priorStepRun(attempt);
  if (prior?.status === "completed") return { reused: { output: prior.output ?? null } };
  const planned = (prior?.output as { wakeAt?: string } | null)?.wakeAt;
  if (planned) return { wakeAt: planned };
  try {
    const { config, display } = await resolveConfig(attempt.node, attempt.definition, attempt.scope);
    const now = new Date();
    const wakeAt = (attempt.definition as SleepNodeDefinition).wakeAt(config, now).toISOString();
    await recordStepStarted(attempt.runId, attempt.node, 1, display, "sleeping", { wakeAt }, now);
    return { wakeAt };
  } catch (error) {
    throw await failAttempt(attempt, 1, error, true);
  }
}

/** First half of a wait node: resolves its config, records it as waiting, returns what to wait for. */
export async function scheduleWait(attempt: NodeAttempt): Promise<EventWait | ReusedStep> {
  const prior = await priorStepRun(attempt);
  if (prior?.status === "completed") return { reused: { output: prior.output ?? null, branch: prior.branch ? parseBranch(prior.branch) : "main" } };
  try {
    const { config, display } = await resolveConfig(attempt.node, attempt.definition, attempt.scope);
    const wait = (attempt.definition as WaitNodeDefinition).waitFor(config);
    await recordStepStarted(attempt.runId, attempt.node, 1, display, "waiting");
    return wait;
  } catch (error) {
    throw await failAttempt(attempt, 1, error, true);
  }
}

/**
 * The config the node executes with (expressions evaluated, secrets decrypted), and what run
 * history shows of it (secrets redacted). Secret fields are never interpolated.
 */
export async function resolveConfig(node: WorkflowNode, definition: NodeDefinition, scope: ExpressionScope, overrides?: Record<string, unknown>) {
  const isJsonata = pathMatcher(definition.jsonataFields);
  const resolved = await resolveTemplates(node.config, scope, (path) => isJsonata(path) || isSecretPath(node.type, path) || isCodePath(node.type, path));
  const config = definition.config.parse({ ...(revealSecrets(node.type, resolved) as Record<string, unknown>), ...overrides });
  const display = mapSecrets(node.type, config, () => REDACTED);
  return { config, display };
}

/** Records a failed attempt (through its history once it started) and tells Inngest whether to retry. */
export async function failAttempt({ runId, node, deadline }: NodeAttempt, attemptNumber: number, error: unknown, forceFinal = false, history?: AttemptHistory): Promise<Error> {
  const policy = retryPolicyOf(node);
  const final = forceFinal || attemptNumber >= policy.maxAttempts || !isRetriable(error);
  const message = describe(error);
  const serialized = serializeError(error, { message, attempt: attemptNumber });
  if (history) await history.failed(serialized, final);
  else await recordStepFailed(runId, node, attemptNumber, serialized, final);
  if (final) return new NonRetriableError(message, { cause: error });
  const retryAfter = error instanceof NodeError ? (error.retryAfterMs ?? 0) : 0;
  let at = Date.now() + Math.max(backoffDelayMs(policy, attemptNumber), retryAfter);
  if (deadline !== undefined) at = Math.min(at, deadline);
  return new RetryAfterError(message, new Date(at), { cause: error });
}

function isRetriable(error: unknown): boolean {
  if (error instanceof NodeError) return error.retriable;
  return !(error instanceof ExpressionError || error instanceof ZodError || error instanceof RunTimeoutError);
}

function describe(error: unknown): string {
  if (error instanceof ZodError) return `Invalid config: ${error.issues.map((i) => `${i.path.join(".") || "config"}: ${i.message}`).join("; ")}`;
  return error instanceof Error ? error.message : String(error);
}

/** Branches are stored comma-separated (output names cannot contain commas). */
export function parseBranch(stored: string): string | string[] {
  return stored.includes(",") ? stored.split(",") : stored;
}

export async function withTimeout<T>(ms: number, timeoutError: () => Error, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(timeoutError());
    }, ms);
  });
  try {
    return await Promise.race([work(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A step's output as run history and the next steps can hold it: nesting within the limit (else the step fails), lone surrogates replaced. */
function storableOutput(output: unknown): unknown {
  const problem = jsonShapeProblem(output);
  if (problem?.kind === "depth") throw new NodeError(`The step's output is nested deeper than ${MAX_JSON_DEPTH} levels${problem.path ? ` (at ${problem.path})` : ""}, the most a step may produce`, { retriable: false });
  return storableStrings(output);
}


import type { LucideIcon } from "lucide-react";
import type { z } from "zod";
import type { AgentMessage, ToolCall, ToolSpec } from "@/lib/ai/chat";
import type { ConnectionType } from "@/lib/connections/types";
import type { SqlDialect, SqlStatement } from "@/lib/database/statements";
import type { ExpressionScope } from "@/lib/document/expressions";
import type { ApiAuth, ApiOperation } from "@/lib/openapi/model";
import type { TransformServices } from "./transform-contract";

export type NodeCategory = "trigger" | "action" | "transform" | "flow";

export interface OutputHandle {
  id: string;
  label: string;
}

/** The default single output of a node. Edges without a sourceHandle leave from it. */
export const MAIN_OUTPUT: OutputHandle = { id: "main", label: "" };

/**
 * Server capabilities a node uses through its context rather than importing them, so node files
 * stay importable by the browser (for forms and validation). Implemented in lib/execution/services.ts.
 */
export interface NodeServices {
  /**
   * Outbound HTTP through the platform's guards: SSRF guard (checked per hop, after DNS), time
   * limits, the circuit breaker of the connection (or host) and the connection's rate limit. With
   * `connectionId` the connection's credentials are applied server-side, and every value taken
   * from it is masked in run history.
   */
  fetch(url: URL, init: RequestInit & { connectionId?: string }): Promise<Response>;
  /**
   * A connection's name, type and non-secret settings (never its secrets), for nodes whose
   * request depends on them (the AI model node reads the API, base URL, model and prices).
   * Refuses connections of other types than `types`.
   */
  connectionSettings(connectionId: string, types: ConnectionType[]): Promise<{ name: string; type: ConnectionType; config: Record<string, unknown> }>;
  /**
   * Runs statements in one transaction on a PostgreSQL or MySQL/MariaDB connection (pooled per
   * connection, host checked by the SSRF guard), each limited to `timeoutMs` on the server.
   */
  runSql(request: SqlRequest): Promise<{ rows: Record<string, unknown>[]; rowCount: number; fields: string[] }[]>;
  /** Sends an e-mail through an SMTP connection. */
  sendEmail(request: EmailRequest): Promise<{ messageId: string; accepted: string[]; rejected: string[] }>;
  /** Publishes to RabbitMQ (queue or exchange), a NATS JetStream subject or a Redis stream. */
  publishMessage(request: PublishRequest): Promise<{ messageId: string; stream?: string; sequence?: number; entryId?: string }>;
  /** The workspace key-value store. */
  store: KeyValueStore;
  /** Starts a run of another workflow (once per key) with `input` as its trigger output. */
  startWorkflowRun(request: { workflowId: string; input: unknown; key: string }): Promise<{ runId: string; workflowName: string; duplicate: boolean }>;
  /** Code sandbox, JSON Schema, XML, CSV and date libraries for the transform nodes. */
  transforms: TransformServices;
  /** Publishes an event to POST /api/events' pipeline (fan-out to subscribed workflows, waiting runs). */
  publishEvent(event: { id?: string; name: string; data: Record<string, unknown>; source?: string }): Promise<{ id: string; duplicate: boolean; runs: number }>;
  /** An operation of an API imported into the workspace (lib/openapi), with the API's name, base URL and auth; undefined when the API is gone, `operation` undefined when its document no longer has it. */
  importedOperation(apiId: string, key: string): Promise<ImportedOperation | undefined>;
  /** Sets the response of the webhook request that started the run, if it is still waiting for one. */
  respondToWebhook(runId: string, response: { status: number; headers: Record<string, string>; body: unknown }): Promise<{ responded: boolean; reason?: string }>;
}

export interface ImportedOperation {
  api: { id: string; name: string; baseUrl: string; auth: ApiAuth[]; updatedAt: string };
  operation: ApiOperation | undefined;
}

export interface EmailRequest {
  connectionId: string;
  from?: string;
  to: string | string[];
  cc?: string | string[];
  bcc?: string | string[];
  replyTo?: string;
  subject: string;
  text?: string;
  html?: string;
  signal?: AbortSignal;
}

export interface SqlRequest {
  connectionId: string;
  /** The connection type the node's SQL is written for. */
  dialect: SqlDialect;
  statements: SqlStatement[];
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface PublishRequest {
  connectionId: string;
  destination: string;
  exchange?: string;
  message: unknown;
  headers?: Record<string, string>;
  messageId?: string;
  signal?: AbortSignal;
}

export interface KeyValueStore {
  get(namespace: string, key: string): Promise<{ found: boolean; value: unknown; updatedAt: string | null }>;
  set(namespace: string, key: string, value: unknown): Promise<{ value: unknown }>;
  /** Atomic: adds `by` to a number (a missing key counts as 0). */
  increment(namespace: string, key: string, by: number): Promise<{ value: number }>;
  delete(namespace: string, key: string): Promise<{ deleted: boolean }>;
}

export interface NodeExecuteContext<Config> {
  nodeId: string;
  /** The node's config with every `{{ }}` expression already evaluated. */
  config: Config;
  /** The data expressions see; nodes with JSONata fields evaluate them against it. */
  scope: ExpressionScope;
  /** Outputs of the parents this node runs after, keyed by parent node id. */
  parents: Record<string, unknown>;
  /** Aborted when the step's time budget runs out. */
  signal: AbortSignal;
  services: NodeServices;
}

export interface NodeResult {
  output: unknown;
  /** The output handle(s) the run follows; defaults to the node's first output. */
  branch?: string | string[];
  /** The node's real output is another run's: the walker waits durably for that run to end (action.sub-workflow). */
  awaitRun?: { runId: string; timeoutAt: string };
}

interface NodeDefinitionBase<Schema extends z.ZodType> {
  /** Stable id stored in workflow documents, e.g. "action.http". */
  type: string;
  /**
   * The version of the type this definition implements (default 1). A change that would alter
   * what stored workflows do makes a new version; the old definition stays registered
   * (lib/nodes/index.ts), stored nodes keep the version they name (`typeVersion`, 1 when absent)
   * and new nodes get the latest.
   */
  typeVersion?: number;
  category: NodeCategory;
  label: string;
  description: string;
  icon: LucideIcon;
  /** Set on app connector actions (lib/connectors/): the app, for the palette's per-app sections, and the action's own label. */
  app?: { id: string; name: string; action: string };
  /** The node's config; drives the inspector form and client and server validation. */
  config: Schema;
  /** Config of a node freshly dropped on the canvas. */
  defaults: z.input<Schema>;
  /**
   * An example of what the node outputs with this config (an app's documented answer, the shape of
   * an HTTP response): autocomplete offers its fields for `steps.<id>.` before the node has run.
   * Must not throw for any valid config.
   */
  outputExample?: (config: z.output<Schema>) => unknown;
  /** Output handles (fixed, or derived from the config); when omitted the node has one output, "main". */
  outputs?: OutputHandle[] | ((config: z.output<Schema>) => OutputHandle[]);
  /** Config paths (e.g. "expression", "cases.*.condition") that hold raw JSONata rather than text with `{{ }}` expressions. */
  jsonataFields?: string[];
  /**
   * Loops: a `splits` node outputs a list, and the nodes after it run once per element (each its
   * own step) up to a `joins` node, which collects their outputs. See lib/document/loops.ts.
   */
  loop?: "splits" | "joins";
}

/** A node that does its work in one durable step (retried by its retry policy). */
export interface StepNodeDefinition<Schema extends z.ZodType = z.ZodType> extends NodeDefinitionBase<Schema> {
  kind: "step";
  /**
   * The node only computes its output from its config and input and changes nothing outside the
   * run (a transform, a condition): run again, it does nothing anyone can see. The embedded engine
   * then stores its result with the next step's instead of in a commit of its own
   * (lib/db/deferred-writes.ts).
   */
  pure?: boolean;
  execute(ctx: NodeExecuteContext<z.output<Schema>>): Promise<NodeResult>;
}

/** A node that pauses the run durably until a point in time. */
export interface SleepNodeDefinition<Schema extends z.ZodType = z.ZodType> extends NodeDefinitionBase<Schema> {
  kind: "sleep";
  /** When the run continues, given the resolved config. */
  wakeAt(config: z.output<Schema>, now: Date): Date;
}

/** What a wait node waits for: an event by name, an Inngest `if` condition over it, and a timeout. */
export interface EventWait {
  event: string;
  if?: string;
  /** A duration such as "1h" or an ISO timestamp. */
  timeout: string;
}

/** A node that pauses the run until an event arrives or a timeout passes (its second output). */
export interface WaitNodeDefinition<Schema extends z.ZodType = z.ZodType> extends NodeDefinitionBase<Schema> {
  kind: "wait";
  waitFor(config: z.output<Schema>): EventWait;
}

/** What an agent's turn is given: the conversation so far and the tools it may call. */
export interface AgentTurnContext<Config> extends Omit<NodeExecuteContext<Config>, "parents" | "scope"> {
  messages: AgentMessage[];
  tools: ToolSpec[];
  /** 1-based. */
  turn: number;
  /** The last turn the node allows: the model must answer without calling tools. */
  final: boolean;
}

/** One model turn of an agent: its answer (text and/or tool calls), tokens and cost. */
export interface AgentTurn {
  message: { role: "assistant"; content: string; toolCalls?: ToolCall[] };
  model: string;
  usage: { inputTokens: number; outputTokens: number };
  costUsd?: number;
  finishReason: string | null;
}

/**
 * A node that converses with a model in turns, calling tools (other nodes of the workflow) in
 * between: each turn and each tool call is its own durable step (lib/execution/agent.ts).
 */
export interface AgentNodeDefinition<Schema extends z.ZodType = z.ZodType> extends NodeDefinitionBase<Schema> {
  kind: "agent";
  /** The first user message, the most turns, and the tools (node ids) of the resolved config. */
  plan(config: z.output<Schema>): { prompt: string; maxTurns: number; tools: { nodeId: string; description?: string; fields?: string[] }[] };
  turn(ctx: AgentTurnContext<z.output<Schema>>): Promise<AgentTurn>;
}

export type NodeDefinition<Schema extends z.ZodType = z.ZodType> = StepNodeDefinition<Schema> | SleepNodeDefinition<Schema> | WaitNodeDefinition<Schema> | AgentNodeDefinition<Schema>;

export function defineNode<Schema extends z.ZodType>(definition: NodeDefinition<Schema>): NodeDefinition<Schema> {
  return definition;
}

/** A node type's outputs; types whose outputs depend on the config need the node's config. */
export function outputsOf(definition: NodeDefinition, config?: unknown): OutputHandle[] {
  if (typeof definition.outputs === "function") {
    const parsed = definition.config.safeParse(config ?? definition.defaults);
    return parsed.success ? definition.outputs(parsed.data) : [];
  }
  return definition.outputs ?? [MAIN_OUTPUT];
}

/** Field hints for the generated inspector form, attached with `.meta()`. */
export type FieldWidget = "text" | "textarea" | "jsonata" | "json" | "keyvalue" | "duration" | "secret" | "code" | "cron" | "multiselect" | "connection";

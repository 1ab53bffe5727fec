import { z } from "zod";
import { getNodeDefinition, nodeDefinitionOf } from "@/lib/nodes";
import { isCodePath } from "./code-fields";
import { expressionSyntaxError, pathMatcher, templateSyntaxError } from "./expressions";
import { invalidJsonError } from "./json-expressions";
import { agentToolIssues } from "./agent-tools";
import { compensationIssues } from "./compensation";
import { findCycle } from "./graph";
import { loopBodies } from "./loops";
import { nodeOutputs } from "./outputs";

/**
 * The workflow document, version 1: the one format used by the API, the database, import/export
 * and templates. Documented in docs/workflow-format.md.
 */
export const WORKFLOW_FORMAT_VERSION = 1;

export const NODE_ID_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

const HOUR_MS = 3_600_000;

const retryFields = {
  maxAttempts: z.number().int().min(1).max(20),
  backoff: z.enum(["exponential", "fixed"]),
  initialDelayMs: z.number().int().min(0).max(HOUR_MS),
  maxDelayMs: z.number().int().min(0).max(24 * HOUR_MS),
  /** Randomise each delay between half and all of it, so retries of many runs spread out. */
  jitter: z.boolean(),
};

/** The retry policy a node runs with: its settings over these defaults (applied at run time, never stored). */
export const retryPolicySchema = z.object({
  maxAttempts: retryFields.maxAttempts.default(3),
  backoff: retryFields.backoff.default("exponential"),
  initialDelayMs: retryFields.initialDelayMs.default(1000),
  maxDelayMs: retryFields.maxDelayMs.default(HOUR_MS),
  jitter: retryFields.jitter.default(false),
});

/** Time budget of one attempt of a node that sets none. */
export const DEFAULT_STEP_TIMEOUT_MS = 5 * 60 * 1000;

export const ON_ERROR_MODES = ["fail", "continue", "branch"] as const;
export type OnErrorMode = (typeof ON_ERROR_MODES)[number];

export const nodeSettingsSchema = z
  .object({
    retry: z.object(retryFields).partial().strict().optional(),
    /** Time budget of one attempt; a slower attempt fails with a timeout error (and is retried). */
    timeoutMs: z.number().int().min(100).max(24 * HOUR_MS).optional(),
    /** fail: the run fails; continue: the output becomes `{ error }` and the run goes on; branch: the run follows the `error` output. */
    onError: z.enum(ON_ERROR_MODES).optional(),
    /** Saga: the node run to undo this one's work when a later step fails the run (lib/document/compensation.ts). */
    compensation: z.string().regex(NODE_ID_PATTERN, "Enter the id of the node that undoes this one").optional(),
  })
  .strict();

export const workflowNodeSchema = z.object({
  id: z.string().regex(NODE_ID_PATTERN, "Use letters, digits and _ (not starting with a digit)"),
  type: z.string().min(1),
  /** The version of the node type the node was built with (1 when absent); see lib/nodes/index.ts. */
  typeVersion: z.number().int().min(1).max(1000).optional(),
  name: z.string().max(120).optional(),
  position: z.object({ x: z.number().finite(), y: z.number().finite() }),
  config: z.record(z.string(), z.unknown()).default({}),
  settings: nodeSettingsSchema.optional(),
  /** A disabled node does not run: it passes its input through unchanged and is recorded as skipped. */
  disabled: z.boolean().optional(),
});

export const workflowEdgeSchema = z.object({
  id: z.string().min(1),
  source: z.string().min(1),
  target: z.string().min(1),
  sourceHandle: z.string().nullish(),
});

/** Default of `alerts.everyMinutes`: at most one failure alert per workflow in this many minutes. */
export const DEFAULT_ALERT_EVERY_MINUTES = 15;

export const alertSettingsSchema = z
  .object({
    /** Receives a POST with the failed run's details (JSON; Slack-compatible `text`). */
    webhookUrl: z
      .string()
      .trim()
      .min(1, "Enter the URL to notify")
      .max(2000)
      .refine((url) => /^https?:\/\/[^\s]+$/i.test(url) && URL.canParse(url), "Use an http:// or https:// URL")
      .optional(),
    /** An e-mail with the failed run's details, sent through an SMTP connection. */
    email: z
      .object({
        connectionId: z.string().trim().min(1, "Choose the SMTP connection that sends alerts"),
        to: z
          .string()
          .trim()
          .min(1, "Enter who receives alerts")
          .max(2000)
          .refine((to) => to.split(",").every((address) => /^[^\s@]+@[^\s@]+$/.test(address.trim())), "Enter e-mail addresses separated by commas"),
      })
      .strict()
      .optional(),
    /** At most one alert per workflow in this many minutes; failures in between are counted in the next alert. */
    everyMinutes: z.number().int().min(1).max(24 * 60).optional(),
  })
  .strict()
  .refine((alerts) => alerts.webhookUrl || alerts.email, { message: "Give a webhook URL or an e-mail address to alert", path: ["webhookUrl"] });

export const workflowSettingsSchema = z
  .object({
    /** At most this many runs of the workflow at once; the rest wait in the queue. */
    concurrency: z.number().int().min(1).max(1000).optional(),
    /** A workflow started with the failed run's details when a run fails. */
    failureWorkflowId: z.string().min(1).optional(),
    /** A run still going after this long fails with a timeout. */
    timeoutMs: z.number().int().min(1000).max(30 * 24 * HOUR_MS).optional(),
    /** Notify when a run fails: POST to a webhook URL and/or an e-mail, at most once per `everyMinutes` per workflow. */
    alerts: alertSettingsSchema.optional(),
  })
  .strict();

export const STICKY_NOTE_COLORS = ["yellow", "blue", "green", "pink", "gray"] as const;

/** A sticky note on the canvas: Markdown text for people; validation and runs ignore it. */
export const stickyNoteSchema = z.object({
  id: z.string().regex(NODE_ID_PATTERN, "Use letters, digits and _ (not starting with a digit)"),
  position: z.object({ x: z.number().finite(), y: z.number().finite() }),
  width: z.number().int().min(80).max(4000),
  height: z.number().int().min(40).max(4000),
  text: z.string().max(20_000),
  color: z.enum(STICKY_NOTE_COLORS),
});

const baseDocumentSchema = z.object({
  version: z.literal(WORKFLOW_FORMAT_VERSION),
  name: z.string().trim().min(1, "Give the workflow a name").max(200),
  nodes: z.array(workflowNodeSchema).max(2000),
  edges: z.array(workflowEdgeSchema).max(4000),
  settings: workflowSettingsSchema.optional(),
  notes: z.array(stickyNoteSchema).max(500).optional(),
  /**
   * Editor test data: a node's output kept fixed ("pinned") by node id, used for expression
   * previews and "Test this node" of later nodes. Runs never read it.
   */
  pinData: z.record(z.string(), z.unknown()).optional(),
});

/**
 * A draft: the document's shape without the graph checks, so the editor can save a half-built
 * workflow. Publishing checks it against `workflowDocumentSchema`.
 */
export const draftDocumentSchema = baseDocumentSchema;

export const workflowDocumentSchema = baseDocumentSchema.superRefine((doc, ctx) => {
  for (const issue of graphIssues(doc)) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
});

export type WorkflowDocument = z.output<typeof baseDocumentSchema>;
export type WorkflowNode = z.output<typeof workflowNodeSchema>;
export type WorkflowEdge = z.output<typeof workflowEdgeSchema>;
export type StickyNote = z.output<typeof stickyNoteSchema>;
export type RetryPolicy = z.output<typeof retryPolicySchema>;
export type WorkflowSettings = z.output<typeof workflowSettingsSchema>;
export type AlertSettings = z.output<typeof alertSettingsSchema>;

export interface GraphIssue {
  path: (string | number)[];
  message: string;
}

/** Everything wrong with a structurally valid document: types, config, triggers, edges, cycles. */
export function graphIssues(doc: WorkflowDocument): GraphIssue[] {
  const issues: GraphIssue[] = [];
  const index = new Map<string, number>();
  doc.nodes.forEach((node, i) => {
    if (index.has(node.id)) issues.push({ path: ["nodes", i, "id"], message: `Node id "${node.id}" is used twice` });
    else index.set(node.id, i);
  });

  let triggerSeen = false;
  doc.nodes.forEach((node, i) => {
    const definition = nodeDefinitionOf(node);
    if (!definition) {
      issues.push(unknownType(node.type, node.typeVersion, ["nodes", i]));
      return;
    }
    if (definition.category === "trigger") {
      if (node.disabled) issues.push({ path: ["nodes", i, "disabled"], message: "A trigger cannot be disabled; switch the workflow off instead" });
      if (triggerSeen) issues.push({ path: ["nodes", i, "type"], message: "A workflow has exactly one trigger; remove this one" });
      triggerSeen = true;
    }
    for (const issue of configIssues(node.type, node.config, node.typeVersion)) issues.push({ path: ["nodes", i, "config", ...issue.path], message: issue.message });
  });

  const targetsOfTriggers = new Set(doc.nodes.filter((n) => nodeDefinitionOf(n)?.category === "trigger").map((n) => n.id));
  const seenEdges = new Set<string>();
  doc.edges.forEach((edge, i) => {
    const source = index.has(edge.source) ? doc.nodes[index.get(edge.source)!] : undefined;
    if (!source) issues.push({ path: ["edges", i, "source"], message: `Edge starts at missing node "${edge.source}"` });
    if (!index.has(edge.target)) issues.push({ path: ["edges", i, "target"], message: `Edge ends at missing node "${edge.target}"` });
    if (edge.source === edge.target) issues.push({ path: ["edges", i, "target"], message: "A node cannot connect to itself" });
    if (targetsOfTriggers.has(edge.target)) issues.push({ path: ["edges", i, "target"], message: "A trigger cannot have incoming connections" });
    if (source && nodeDefinitionOf(source)) {
      const handles = nodeOutputs(source).map((o) => o.id);
      const handle = edge.sourceHandle ?? handles[0];
      if (!handles.includes(handle)) {
        issues.push({ path: ["edges", i, "sourceHandle"], message: `"${source.id}" has no output "${handle}" (it has ${handles.join(", ")})` });
      }
    }
    const key = `${edge.source}|${edge.sourceHandle ?? ""}|${edge.target}`;
    if (seenEdges.has(key)) issues.push({ path: ["edges", i], message: "Duplicate connection" });
    seenEdges.add(key);
  });

  for (const pinned of Object.keys(doc.pinData ?? {})) {
    if (!index.has(pinned)) issues.push({ path: ["pinData", pinned], message: `Data is pinned for "${pinned}", which is not a node of this workflow` });
  }
  for (const issue of loopBodies(doc).issues) issues.push({ path: ["nodes", index.get(issue.nodeId) ?? 0, "type"], message: issue.message });
  for (const issue of agentToolIssues(doc)) issues.push({ path: ["nodes", index.get(issue.nodeId) ?? 0, "config", "tools", issue.index, "nodeId"], message: issue.message });
  for (const issue of compensationIssues(doc)) issues.push({ path: ["nodes", index.get(issue.nodeId) ?? 0, "settings", "compensation"], message: issue.message });

  const cycle = findCycle(doc);
  if (cycle) {
    const edgeIndex = doc.edges.findIndex((e) => e.source === cycle[cycle.length - 2] && e.target === cycle[cycle.length - 1]);
    issues.push({ path: ["edges", Math.max(edgeIndex, 0)], message: `Connections form a loop: ${cycle.join(" → ")}` });
  }
  return issues;
}

/**
 * Validates one node's config against its type's schema, plus the syntax of its expressions and
 * of JSON fields' text that does not parse (kept as an invalid-JSON marker; that error comes
 * first and stands for the field, rather than the schema's complaint about the marker).
 */
export function configIssues(type: string, config: unknown, typeVersion?: number): GraphIssue[] {
  const definition = getNodeDefinition(type, typeVersion ?? 1);
  if (!definition) return [unknownType(type, typeVersion, [])];
  const invalidJson: GraphIssue[] = [];
  const strings: { value: string; path: (string | number)[] }[] = [];
  walkConfig(config, [], (value, path) => strings.push({ value, path }), (message, path) => invalidJson.push({ path, message }));
  const result = definition.config.safeParse(config);
  const issues: GraphIssue[] = [
    ...invalidJson,
    ...(result.success ? [] : result.error.issues.map((issue) => ({ path: issue.path.map((p) => (typeof p === "symbol" ? String(p) : p)), message: issue.message }))).filter(
      (issue) => !invalidJson.some((i) => samePath(i.path, issue.path.slice(0, i.path.length))),
    ),
  ];
  const isJsonata = pathMatcher(definition.jsonataFields);
  for (const { value, path } of strings) {
    if (issues.some((i) => samePath(i.path, path)) || isCodePath(type, path)) continue;
    const error = isJsonata(path) ? (value.trim() ? expressionSyntaxError(value) : null) : templateSyntaxError(value);
    if (error) issues.push({ path, message: error });
  }
  return issues;
}

/** A node type this instance does not have, or a version of it that it does not have. */
function unknownType(type: string, typeVersion: number | undefined, at: (string | number)[]): GraphIssue {
  const latest = getNodeDefinition(type);
  if (!latest) return { path: [...at, "type"], message: `Unknown node type "${type}"` };
  return { path: [...at, "typeVersion"], message: `"${type}" has no version ${typeVersion ?? 1} here (the latest is ${latest.typeVersion ?? 1})` };
}

/** Visits every string of a config and every invalid-JSON marker (not the text inside it). */
function walkConfig(value: unknown, path: (string | number)[], visit: (value: string, path: (string | number)[]) => void, invalid: (message: string, path: (string | number)[]) => void) {
  if (typeof value === "string") return visit(value, path);
  const jsonError = invalidJsonError(value);
  if (jsonError) invalid(jsonError, path);
  else if (Array.isArray(value)) value.forEach((v, i) => walkConfig(v, [...path, i], visit, invalid));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) walkConfig(v, [...path, k], visit, invalid);
}

function samePath(a: (string | number)[], b: (string | number)[]) {
  return a.length === b.length && a.every((p, i) => String(p) === String(b[i]));
}

/** Flattens zod issues into the API's `{ path, message }` form, with dotted paths. */
export function formatIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]) {
  return issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
}

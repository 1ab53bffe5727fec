import { z } from "zod";
import { formatIssues, workflowDocumentSchema, type WorkflowDocument } from "@/lib/document/schema";
import { listConnections } from "@/lib/connections/store";
import { layeredPositions } from "@/lib/editor/placement";
import { latestTypeVersion, nodeDefinitions } from "@/lib/nodes";
import { outputsOf } from "@/lib/nodes/types";
import { askAssistant } from "./assistant";

/** Answers that do not make a valid workflow are sent back with their problems this many times in all. */
const ATTEMPTS = 3;

const answerSchema = {
  type: "object",
  required: ["name", "nodes", "edges"],
  properties: {
    name: { type: "string" },
    nodes: {
      type: "array",
      items: { type: "object", required: ["id", "type", "name", "config"], properties: { id: { type: "string" }, type: { type: "string" }, name: { type: "string" }, config: { type: "object" } } },
    },
    edges: {
      type: "array",
      items: { type: "object", required: ["source", "target"], properties: { source: { type: "string" }, target: { type: "string" }, sourceHandle: { type: "string" } } },
    },
  },
};

interface Answer {
  name: string;
  nodes: { id: string; type: string; name: string; config: Record<string, unknown> }[];
  edges: { source: string; target: string; sourceHandle?: string }[];
}

export interface DescribedWorkflow {
  /** The workflow, laid out left to right; valid unless `problems` lists what is still wrong. */
  document: WorkflowDocument;
  problems: { path: string; message: string }[];
  attempts: number;
}

/**
 * "Describe it": a workflow from a plain-language description, built by the workspace's model
 * from the palette's node types and their config schemas, validated against the workflow schema
 * and sent back with its problems until it is valid (or the attempts run out). Nothing is saved.
 */
export async function describeWorkflow(workspaceId: string, description: string, current?: WorkflowDocument): Promise<DescribedWorkflow> {
  const system = [
    "You design workflows for Switchboard, a workflow-automation platform. A workflow is a directed graph: exactly one trigger node first, then steps connected by edges.",
    "Use only these node types. Each config must match its JSON Schema; use {{ }} expressions (JSONata over trigger, steps.<nodeId>, input) to pass data, e.g. {{ trigger.body.email }} or {{ steps.lookup.body.id }}.",
    "Node ids are short snake_case words. Nodes with several outputs (if: true/false; switch: its cases) need sourceHandle on their outgoing edges.",
    "Connection fields (connectionId) take the id of one of the workspace's connections below, of a type the field accepts.",
    "",
    "Node types:",
    catalog(),
    "",
    "The workspace's connections (id, name, type):",
    (await listConnections(workspaceId)).map((c) => `- ${c.id}: ${c.name} (${c.type})`).join("\n") || "(none)",
  ].join("\n");
  // In the editor: the workflow on the canvas is changed as described rather than built anew.
  const request = current
    ? `Change this workflow as described. Keep the ids, names and configs of the nodes that stay as they are.\nThe workflow now:\n${JSON.stringify({
        name: current.name,
        nodes: current.nodes.map(({ id, type, name, config }) => ({ id, type, name, config })),
        edges: current.edges.map(({ source, target, sourceHandle }) => ({ source, target, ...(sourceHandle ? { sourceHandle } : {}) })),
      })}\n\nThe change:\n${description}`
    : `Build this workflow:\n${description}`;
  let prompt = request;
  let last: DescribedWorkflow | null = null;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const answer = await askAssistant<Answer>(workspaceId, { system, prompt, schema: answerSchema, maxTokens: 8192 });
    const document = withTypeVersions(keepPlaces(layOut(answer), current), current);
    const parsed = workflowDocumentSchema.safeParse(document);
    const problems = parsed.success ? [] : formatIssues(parsed.error.issues);
    last = { document: parsed.success ? parsed.data : document, problems, attempts: attempt };
    if (!problems.length) return last;
    prompt = `${request}\n\nYour previous answer:\n${JSON.stringify(answer)}\n\nIt is not a valid workflow:\n${problems.map((p) => `- ${p.path}: ${p.message}`).join("\n")}\nAnswer again with the whole corrected workflow.`;
  }
  return last!;
}

/** Every node type the palette offers, with its config schema and outputs, compactly. */
function catalog(): string {
  return nodeDefinitions
    .map((definition) => {
      const schema = z.toJSONSchema(definition.config, { io: "input", unrepresentable: "any" });
      const outputs = typeof definition.outputs === "function" ? "depends on config" : outputsOf(definition, {}).map((o) => o.id).join(", ");
      // App connector nodes (a hundred and growing) are listed by their fields alone, so the catalog stays within a model's system message.
      const config = definition.app ? `Config fields (* required): ${fieldList(schema as JsonObject)}` : `Config schema: ${JSON.stringify(schema)}`;
      return `- ${definition.type} (${definition.category}): ${definition.description} Outputs: ${outputs}. ${config}`;
    })
    .join("\n");
}

type JsonObject = { type?: string | string[]; enum?: unknown[]; items?: JsonObject; anyOf?: JsonObject[]; properties?: Record<string, JsonObject>; required?: string[] };

/** `channel*: string, blocks: any, status: open|won|lost` from a config's JSON schema. */
function fieldList(schema: JsonObject): string {
  const typeOf = (field: JsonObject): string => {
    if (field.enum) return field.enum.join("|");
    if (field.anyOf) return field.anyOf.map(typeOf).join(" or ");
    if (field.type === "array") return `list of ${field.items ? typeOf(field.items) : "any"}`;
    return Array.isArray(field.type) ? field.type.join(" or ") : (field.type ?? "any");
  };
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {})
    .map(([key, field]) => `${key}${required.has(key) ? "*" : ""}: ${typeOf(field)}`)
    .join(", ");
}

/** Nodes that were on the canvas before stay where the user put them; new ones take the laid-out places. */
function keepPlaces(document: WorkflowDocument, current: WorkflowDocument | undefined): WorkflowDocument {
  if (!current) return document;
  const places = new Map(current.nodes.map((n) => [n.id, n.position]));
  return { ...document, nodes: document.nodes.map((n) => ({ ...n, position: places.get(n.id) ?? n.position })) };
}

/**
 * The version of each node's type: a node that was on the canvas with the same type keeps its
 * own; a new one is built with the latest (the catalog shows the latest schemas).
 */
function withTypeVersions(document: WorkflowDocument, current: WorkflowDocument | undefined): WorkflowDocument {
  const before = new Map(current?.nodes.map((n) => [n.id, n]));
  return {
    ...document,
    nodes: document.nodes.map((node) => {
      const kept = before.get(node.id);
      const typeVersion = kept?.type === node.type ? kept.typeVersion : latestTypeVersion(node.type);
      return typeVersion && typeVersion > 1 ? { ...node, typeVersion } : node;
    }),
  };
}

/** Positions by depth from the trigger, left to right, so the canvas opens readable. */
function layOut(answer: Answer): WorkflowDocument {
  const positions = layeredPositions(answer.nodes.map((n) => n.id), answer.edges, answer.nodes[0]?.id);
  return {
    version: 1,
    name: answer.name,
    nodes: answer.nodes.map((node) => ({ id: node.id, type: node.type, name: node.name, config: node.config ?? {}, position: positions.get(node.id)! })),
    edges: answer.edges.map((edge, i) => ({ id: `e${i + 1}`, source: edge.source, target: edge.target, ...(edge.sourceHandle ? { sourceHandle: edge.sourceHandle } : {}) })),
  };
}

import { ApiError, type ApiIssue } from "@/lib/api/http";
import { db } from "@/lib/db/client";
import { widgetPaths } from "@/lib/document/widget-paths";
import type { WorkflowDocument } from "@/lib/document/schema";
import { nodeDefinitionOf } from "@/lib/nodes";
import { createWorkflow, getWorkflow, patchWorkflow, replaceWorkflow } from "./repository";
import { maskSecrets } from "./secrets";

/**
 * A workflow as a file that moves between instances and lives in git: the document with its
 * secrets masked (never exported; an import keeps the secrets the target already stores for the
 * same workflow), connections named by type and name instead of their instance's ids, and keys
 * sorted so the same workflow always gives the same bytes.
 */
export interface PortableWorkflow {
  format: "switchboard.workflow";
  id: string;
  active: boolean;
  /** Connection references used in the document (`<type>:<name>`) and what they stand for. */
  connections: Record<string, { type: string; name: string }>;
  document: WorkflowDocument;
}

export type ImportOutcome = "created" | "updated" | "unchanged";

export async function exportWorkflow(workspaceId: string, id: string): Promise<PortableWorkflow> {
  const workflow = await getWorkflow(workspaceId, id);
  const byId = new Map((await db().connection.findMany({ where: { workspaceId }, select: { id: true, name: true, type: true } })).map((c) => [c.id, c]));
  const connections: PortableWorkflow["connections"] = {};
  const document = mapConnections(maskSecrets(workflow.document), (connectionId) => {
    const connection = byId.get(connectionId);
    if (!connection) return connectionId;
    const ref = `${connection.type}:${connection.name}`;
    connections[ref] = { type: connection.type, name: connection.name };
    return ref;
  });
  return { format: "switchboard.workflow", id: workflow.id, active: workflow.active, connections, document };
}

/** The file's text: keys sorted at every level, two-space indentation, a final newline. */
export function portableText(workflow: PortableWorkflow): string {
  return `${canonicalJson(workflow, 2)}\n`;
}

function canonicalJson(value: unknown, indent?: number): string {
  return JSON.stringify(sortKeys(value), null, indent);
}

/**
 * Creates the workflow under its own id, or saves a new version when its document (or switch)
 * differs; the same file imported twice changes nothing. (An id another workspace of this
 * instance holds gives a copy under a new id.) Connection references map to the connections
 * chosen in `connectionMap` (reference → connection id of this workspace, of the same type), else
 * to the workspace's connection of the same type and name; one that maps to nothing is refused
 * with an issue per reference at `connections.<reference>`.
 */
export async function importWorkflow(workspaceId: string, input: PortableWorkflow, connectionMap: Record<string, string> = {}): Promise<{ id: string; outcome: ImportOutcome }> {
  if (input?.format !== "switchboard.workflow" || typeof input.id !== "string" || !input.document) throw new ApiError(400, "Not a Switchboard workflow file", [{ path: "format", message: 'Expected "switchboard.workflow"' }]);
  const targets = await db().connection.findMany({ where: { workspaceId }, select: { id: true, name: true, type: true } });
  const issues: ApiIssue[] = [];
  for (const [ref, connectionId] of Object.entries(connectionMap)) {
    const wanted = input.connections?.[ref];
    const chosen = targets.find((c) => c.id === connectionId);
    if (!wanted) issues.push({ path: `connectionMap.${ref}`, message: "The file uses no connection by this reference" });
    else if (!chosen) issues.push({ path: `connectionMap.${ref}`, message: "No such connection in this workspace" });
    else if (chosen.type !== wanted.type) issues.push({ path: `connectionMap.${ref}`, message: `Choose a ${wanted.type} connection (“${chosen.name}” is ${chosen.type})` });
  }
  if (issues.length) throw new ApiError(400, "Invalid connection mapping", issues);
  const missing = new Map<string, string>();
  const document = mapConnections(input.document, (ref) => {
    const wanted = input.connections?.[ref];
    if (!wanted) return ref;
    if (connectionMap[ref]) return connectionMap[ref];
    const found = targets.find((c) => c.type === wanted.type && c.name === wanted.name);
    if (!found) missing.set(ref, `Missing in this workspace: ${wanted.name} (${wanted.type}); choose a connection or create it`);
    return found?.id ?? ref;
  });
  if (missing.size) {
    const names = [...missing.keys()].map((ref) => `${input.connections[ref].name} (${input.connections[ref].type})`);
    throw new ApiError(400, `Choose or create these connections: ${names.join(", ")}`, [...missing].map(([ref, message]) => ({ path: `connections.${ref}`, message })));
  }

  const existing = await db().workflow.findUnique({ where: { id: input.id }, select: { workspaceId: true } });
  // The same id in another workspace of this instance: the import is a copy with an id of its own.
  if (existing && existing.workspaceId !== workspaceId) return { id: (await createWorkflow(workspaceId, document, { active: input.active })).id, outcome: "created" };
  if (!existing) {
    await createWorkflow(workspaceId, document, { id: input.id, active: input.active });
    return { id: input.id, outcome: "created" };
  }
  const current = await exportWorkflow(workspaceId, input.id);
  const changed = canonicalJson(current.document) !== canonicalJson(input.document);
  if (!changed && current.active === input.active) return { id: input.id, outcome: "unchanged" };
  // Masked secrets in the file keep what this instance stores for the same node and field.
  if (changed) await replaceWorkflow(workspaceId, input.id, document);
  if (current.active !== input.active) await patchWorkflow(workspaceId, input.id, { active: input.active });
  return { id: input.id, outcome: "updated" };
}

/** The document with every connection field (node configs and alert settings) passed through `map`. */
function mapConnections(document: WorkflowDocument, map: (value: string) => string): WorkflowDocument {
  const nodes = document.nodes.map((node) => {
    const definition = nodeDefinitionOf(node);
    if (!definition) return node;
    let config = node.config;
    for (const path of widgetPaths(definition, "connection")) {
      if (path.length !== 1 || typeof config[path[0]] !== "string" || !config[path[0]]) continue;
      config = { ...config, [path[0]]: map(config[path[0]] as string) };
    }
    return config === node.config ? node : { ...node, config };
  });
  const email = document.settings?.alerts?.email;
  const settings = email?.connectionId ? { ...document.settings, alerts: { ...document.settings!.alerts!, email: { ...email, connectionId: map(email.connectionId) } } } : document.settings;
  return { ...document, nodes, ...(settings ? { settings } : {}) };
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]));
  return value;
}

import { getNodeDefinition, nodeDefinitionOf } from "@/lib/nodes";
import { configFields, humanize, singularLabel, type ConfigField } from "./field-model";
import type { WorkflowDocument } from "@/lib/document/schema";
import type { IssuePath, NodeIssue } from "./issues";

const NODE_SETTING_LABELS: Record<string, string> = { retry: "Retries", timeoutMs: "Time limit", onError: "On error" };

export const WORKFLOW_SETTING_LABELS: Record<string, string> = {
  concurrency: "Concurrency limit",
  failureWorkflowId: "Failure workflow",
  timeoutMs: "Run time limit",
};

/** An issue as a sentence that says where it is, e.g. "URL: Use an http:// or https:// URL". */
export function describeNodeIssue(issue: NodeIssue, nodeType: string): string {
  switch (issue.section) {
    case "config": {
      if (!issue.path.length) return issue.message;
      const definition = getNodeDefinition(nodeType);
      return `${fieldPathLabel(definition ? configFields(definition.config) : [], issue.path)}: ${issue.message}`;
    }
    case "settings":
      return `${NODE_SETTING_LABELS[String(issue.path[0])] ?? "Settings"}: ${issue.message}`;
    case "connection":
      return `Incoming connection: ${issue.message}`;
    case "node":
      return issue.message;
  }
}

/** "Failure workflow: No workflow "wf_x"". */
export function describeWorkflowSettingIssue(key: string, message: string): string {
  return `${WORKFLOW_SETTING_LABELS[key] ?? "Workflow settings"}: ${message}`;
}

/** Where in a form a config path points: "URL", "Case 2 › Condition". */
function fieldPathLabel(fields: ConfigField[], path: IssuePath): string {
  const [key, index, ...rest] = path;
  const field = fields.find((f) => f.key === String(key));
  const label = field?.label ?? humanize(String(key));
  if (!field || typeof index !== "number" || field.kind !== "list") return label;
  const item = `${singularLabel(label)} ${index + 1}`;
  return field.itemFields && rest.length ? `${item} › ${fieldPathLabel(field.itemFields, rest)}` : item;
}

/** How a node is named in problem lists: "HTTP request (http_1)", or its own name when it has one. */
export function nodeLabel(node: { id: string; type: string; name?: string }): string {
  return `${node.name?.trim() || nodeDefinitionOf(node)?.label || node.type} (${node.id})`;
}

/**
 * An issue of a whole document as a sentence naming what it is about, never an array index:
 * "HTTP request (http_1): URL: Use an http:// or https:// URL".
 */
export function describeDocumentIssue(document: WorkflowDocument, issue: { path: IssuePath; message: string }): string {
  const [collection, position, section, ...rest] = issue.path;
  const node = collection === "nodes" && typeof position === "number" ? document.nodes[position] : undefined;
  if (node) {
    const nodeIssue: NodeIssue =
      section === "config" || section === "settings" ? { section, path: rest, message: issue.message } : { section: "node", path: [], message: issue.message };
    return `${nodeLabel(node)}: ${describeNodeIssue(nodeIssue, node.type)}`;
  }
  const edge = collection === "edges" && typeof position === "number" ? document.edges[position] : undefined;
  if (edge) return `Connection ${edge.source} → ${edge.target}: ${issue.message}`;
  if (collection === "settings") return describeWorkflowSettingIssue(position === undefined ? "" : String(position), issue.message);
  return issue.message;
}

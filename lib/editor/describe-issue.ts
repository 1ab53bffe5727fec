import { getNodeDefinition } from "@/lib/nodes";
import { configFields, humanize, singularLabel, type ConfigField } from "./field-model";
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

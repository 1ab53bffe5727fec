import { workflowDocumentSchema, type WorkflowDocument } from "@/lib/document/schema";
import { describeNodeIssue, describeWorkflowSettingIssue } from "./describe-issue";

export type IssuePath = (string | number)[];

/** Where on a node an issue belongs: a config field, the retry settings, an incoming connection or the node itself. */
export type NodeIssueSection = "config" | "settings" | "connection" | "node";

export interface NodeIssue {
  section: NodeIssueSection;
  /** Path inside the section, e.g. ["url"] for config, ["retry", "maxAttempts"] for settings. */
  path: IssuePath;
  message: string;
}

/** One entry of the problems list; `nodeId`/`edgeId` say what to select when it is clicked, `workflowSettings` to open them. */
export interface Problem {
  key: string;
  message: string;
  nodeId?: string;
  edgeId?: string;
  workflowSettings?: true;
}

export interface EditorIssues {
  byNode: ReadonlyMap<string, NodeIssue[]>;
  byEdge: ReadonlyMap<string, string[]>;
  /** Issues of the document itself, such as a missing name. */
  workflow: string[];
  /** Issues of the workflow settings by setting (e.g. "concurrency"). */
  settings: ReadonlyMap<string, string[]>;
  problems: Problem[];
}

export const NO_ISSUES: EditorIssues = { byNode: new Map(), byEdge: new Map(), workflow: [], settings: new Map(), problems: [] };

/** Issue paths as zod reports them, or dotted as the API does ("nodes.2.config.url"). */
export function toIssuePath(path: string | readonly PropertyKey[]): IssuePath {
  const parts = typeof path === "string" ? (path ? path.split(".") : []) : path.map((p) => (typeof p === "symbol" ? String(p) : p));
  return parts.map((p) => (typeof p === "string" && /^\d+$/.test(p) ? Number(p) : p));
}

export function validateDocument(document: WorkflowDocument): EditorIssues {
  const result = workflowDocumentSchema.safeParse(document);
  return result.success ? NO_ISSUES : mapIssues(document, result.error.issues);
}

/**
 * Attaches issues to what they are about, by the ids in `document` (the document the issue
 * paths were computed for). Edge issues are also shown on the edge's target node, so a broken
 * connection is visible on the canvas even where the edge itself is hard to spot. A node with an
 * invalid config has no known outputs, so "no output X" on its connections is left out: fixing
 * the config is what to do (and the connections are checked again then).
 */
export function mapIssues(document: WorkflowDocument, issues: readonly { path: string | readonly PropertyKey[]; message: string }[]): EditorIssues {
  const byNode = new Map<string, NodeIssue[]>();
  const byEdge = new Map<string, string[]>();
  const workflow: string[] = [];
  const settings = new Map<string, string[]>();
  const problems: Problem[] = [];
  const paths = issues.map((raw) => toIssuePath(raw.path));
  const invalidConfigs = new Set(
    paths.filter(([collection, position, section]) => collection === "nodes" && typeof position === "number" && section === "config").map(([, position]) => document.nodes[position as number]?.id),
  );
  /** One issue per spot: an empty URL is "Enter a URL", not also "Use an http:// URL". */
  const addNodeIssue = (nodeId: string, issue: NodeIssue): boolean => {
    const list = byNode.get(nodeId) ?? [];
    const taken = list.some((i) => i.section === issue.section && samePath(i.path, issue.path) && (issue.section !== "connection" || i.message === issue.message));
    if (!taken) byNode.set(nodeId, [...list, issue]);
    return !taken;
  };

  issues.forEach((raw, index) => {
    const [collection, position, ...rest] = paths[index];
    const node = collection === "nodes" && typeof position === "number" ? document.nodes[position] : undefined;
    const edge = collection === "edges" && typeof position === "number" ? document.edges[position] : undefined;
    if (edge && rest[0] === "sourceHandle" && invalidConfigs.has(edge.source)) return;
    if (collection === "settings") {
      const key = position === undefined ? "" : String(position);
      settings.set(key, [...(settings.get(key) ?? []), raw.message]);
      problems.push(withKey({ message: describeWorkflowSettingIssue(key, raw.message), workflowSettings: true }, index));
    } else if (node) {
      const [section, ...inner] = rest;
      const issue: NodeIssue =
        section === "config" || section === "settings" ? { section, path: inner, message: raw.message } : { section: "node", path: rest, message: raw.message };
      if (addNodeIssue(node.id, issue)) problems.push(withKey({ message: describeNodeIssue(issue, node.type), nodeId: node.id }, index));
    } else if (edge) {
      byEdge.set(edge.id, [...(byEdge.get(edge.id) ?? []), raw.message]);
      if (document.nodes.some((n) => n.id === edge.target)) addNodeIssue(edge.target, { section: "connection", path: [], message: raw.message });
      problems.push(withKey({ message: raw.message, edgeId: edge.id, nodeId: document.nodes.some((n) => n.id === edge.target) ? edge.target : undefined }, index));
    } else {
      workflow.push(raw.message);
      problems.push(withKey({ message: raw.message }, index));
    }
  });
  return { byNode, byEdge, workflow, settings, problems };
}

/**
 * Config issues grouped by top-level field (issues without a field under ""), keeping the
 * first issue for each exact path, as the canvas does.
 */
export function issuesByField(issues: readonly { path: IssuePath; message: string }[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const issue of issues) {
    const spot = issue.path.join(".");
    if (seen.has(spot)) continue;
    seen.add(spot);
    const field = issue.path.length ? String(issue.path[0]) : "";
    map.set(field, [...(map.get(field) ?? []), issue.message]);
  }
  return map;
}

/** The issues about one field, with paths relative to it (["cases", 1, "condition"] → [1, "condition"]). */
export function issuesInside(issues: readonly { path: IssuePath; message: string }[], key: string): { path: IssuePath; message: string }[] {
  return issues.filter((i) => i.path.length > 0 && String(i.path[0]) === key).map((i) => ({ path: i.path.slice(1), message: i.message }));
}

/** Issues from two sources (the server's answer and the live check) without repeats. */
export function mergeIssues(a: EditorIssues, b: EditorIssues): EditorIssues {
  if (a === NO_ISSUES) return b;
  if (b === NO_ISSUES) return a;
  const byNode = new Map(a.byNode);
  for (const [id, list] of b.byNode) {
    const merged = [...(byNode.get(id) ?? [])];
    for (const issue of list) if (!merged.some((i) => i.message === issue.message && i.section === issue.section && samePath(i.path, issue.path))) merged.push(issue);
    byNode.set(id, merged);
  }
  const byEdge = new Map(a.byEdge);
  for (const [id, list] of b.byEdge) byEdge.set(id, [...new Set([...(byEdge.get(id) ?? []), ...list])]);
  const settings = new Map(a.settings);
  for (const [key, list] of b.settings) settings.set(key, [...new Set([...(settings.get(key) ?? []), ...list])]);
  const seen = new Set(a.problems.map(problemIdentity));
  return {
    byNode,
    byEdge,
    workflow: [...new Set([...a.workflow, ...b.workflow])],
    settings,
    problems: [...a.problems, ...b.problems.filter((p) => !seen.has(problemIdentity(p)))],
  };
}

function withKey(problem: Omit<Problem, "key">, index: number): Problem {
  return { ...problem, key: `${problemIdentity(problem)}#${index}` };
}

function problemIdentity(p: Omit<Problem, "key">): string {
  return `${p.nodeId ?? ""}|${p.edgeId ?? ""}|${p.workflowSettings ? "settings" : ""}|${p.message}`;
}

function samePath(a: IssuePath, b: IssuePath): boolean {
  return a.length === b.length && a.every((p, i) => String(p) === String(b[i]));
}

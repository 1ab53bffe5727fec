import { jsonataLiteral } from "@/lib/document/expressions";
import { WORKFLOW_FORMAT_VERSION, type WorkflowEdge, type WorkflowNode } from "@/lib/document/schema";
import { layeredPositions } from "@/lib/editor/placement";
import { getNodeDefinition } from "@/lib/nodes";
import { idMaker, reportNote, type ForeignImport, type ImportReport } from "./report";

/**
 * An Inngest workflow-kit workflow (`{ actions, edges }`, started by the event the app's loader
 * received) as a Switchboard document. Actions whose `kind` is a Switchboard node type keep their
 * inputs as config; `builtin:if` becomes an If node (its json-logic condition as JSONata) and any
 * other conditional edge gets an If node of its own in front of the target. `!ref($.event…)`,
 * `!ref($.state.<id>…)` and `!ref($.output…)` become `{{ trigger… }}`, `{{ steps.<id>… }}` and
 * the edge source's output. Other kinds are app-defined: they are left out and named in the report.
 */

interface KitAction {
  id: string;
  kind: string;
  name?: string;
  inputs?: Record<string, unknown>;
}

interface KitEdge {
  from: string;
  to: string;
  name?: string;
  conditional?: { type: "if" | "else" | "match"; ref: string; value?: unknown };
}

export interface KitWorkflow {
  name?: string;
  description?: string;
  metadata?: Record<string, unknown>;
  actions: KitAction[];
  edges: KitEdge[];
}

const SOURCE = "$source";

export function isWorkflowKitWorkflow(value: unknown): value is KitWorkflow {
  const candidate = value as Partial<KitWorkflow> | null;
  return Boolean(
    candidate &&
      Array.isArray(candidate.actions) &&
      Array.isArray(candidate.edges) &&
      candidate.actions.every((a) => a && typeof a.id === "string" && typeof a.kind === "string") &&
      candidate.edges.every((e) => e && typeof e.from === "string" && typeof e.to === "string"),
  );
}

/** A `!ref($.…)` path as a JSONata path; `$.output` is the output of `outputOf`. */
function refPath(path: string, ids: Map<string, string>, outputOf?: string): string | undefined {
  const parts = path.replace(/^\$\.?/, "").split(".").filter(Boolean);
  const quote = (segments: string[]) => segments.map((s) => (/^[A-Za-z_]\w*$/.test(s) ? s : `\`${s}\``)).join(".");
  if (parts[0] === "event") return ["trigger", quote(parts.slice(1))].filter(Boolean).join(".");
  if (parts[0] === "state" && parts[1] && ids.has(parts[1])) return ["steps", ids.get(parts[1])!, quote(parts.slice(2))].filter(Boolean).join(".");
  if (parts[0] === "output" && outputOf && ids.has(outputOf)) return ["steps", ids.get(outputOf)!, quote(parts.slice(1))].filter(Boolean).join(".");
  return undefined;
}

const REF = /!ref\((\$[\w.]*)\)/g;

/** Refs inside an input value as `{{ }}` expressions (a whole-ref string keeps the value's type). */
function translateRefs(value: unknown, ids: Map<string, string>, reviews: string[]): unknown {
  if (typeof value === "string") {
    return value.replace(REF, (whole, path: string) => {
      const translated = refPath(path, ids);
      if (!translated) reviews.push(`the reference ${whole} names nothing in this workflow`);
      return translated ? `{{ ${translated} }}` : whole;
    });
  }
  if (Array.isArray(value)) return value.map((v) => translateRefs(v, ids, reviews));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, translateRefs(v, ids, reviews)]));
  return value;
}

const LOGIC_OPERATORS: Record<string, string> = { "==": "=", "===": "=", "!=": "!=", "!==": "!=", "<": "<", "<=": "<=", ">": ">", ">=": ">=" };

/** A json-logic rule (as builtin:if takes, with refs as operands) as JSONata. */
function jsonLogic(rule: unknown, ids: Map<string, string>, reviews: string[]): string {
  if (typeof rule === "string") {
    const ref = /^!ref\((\$[\w.]*)\)$/.exec(rule);
    const path = ref ? refPath(ref[1], ids) : undefined;
    if (ref && !path) reviews.push(`the reference ${rule} names nothing in this workflow`);
    return path ?? jsonataLiteral(rule);
  }
  if (!rule || typeof rule !== "object" || Array.isArray(rule)) return jsonataLiteral(rule);
  const [operator, raw]: [string | undefined, unknown] = Object.entries(rule as Record<string, unknown>)[0] ?? [undefined, undefined];
  const args = (Array.isArray(raw) ? raw : [raw]).map((a) => jsonLogic(a, ids, reviews));
  if (operator && LOGIC_OPERATORS[operator] && args.length === 2) return `${args[0]} ${LOGIC_OPERATORS[operator]} ${args[1]}`;
  if (operator === "and" || operator === "or") return args.map((a) => `(${a})`).join(` ${operator} `) || "true";
  if (operator === "!" || operator === "not") return `$not(${args[0]})`;
  if (operator === "!!") return `$boolean(${args[0]})`;
  if (operator === "in" && args.length === 2) return `$contains(${args[1]}, ${args[0]})`;
  reviews.push(`the json-logic operator "${operator}" has no equivalent and stands as false`);
  return "false";
}

/** A conditional edge's ref (`!ref($.output.x)`, relative to the edge's source) as JSONata. */
function edgeCondition(edge: KitEdge, ids: Map<string, string>, reviews: string[]): string {
  const conditional = edge.conditional!;
  const ref = /^!ref\((\$[\w.]*)\)$/.exec(conditional.ref);
  const path = ref ? refPath(ref[1], ids, edge.from) : undefined;
  if (!path) {
    reviews.push(`its condition ${conditional.ref} names nothing in this workflow and stands as false`);
    return "false";
  }
  if (conditional.type === "match") return `${path} = ${jsonataLiteral(conditional.value)}`;
  return conditional.type === "else" ? `$not($boolean(${path}))` : `$boolean(${path})`;
}

export function convertWorkflowKit(input: KitWorkflow): ForeignImport {
  const report: ImportReport = { source: "workflow-kit", converted: [], unsupported: [], review: [] };
  const makeId = idMaker();
  const ids = new Map<string, string>();
  makeId("trigger");
  for (const action of input.actions) ids.set(action.id, makeId(action.id));
  const eventName = typeof input.metadata?.event === "string" ? input.metadata.event : undefined;

  const nodes: WorkflowNode[] = [
    eventName
      ? { id: "trigger", type: "trigger.event", name: `Event ${eventName}`, position: { x: 0, y: 0 }, config: { events: [eventName] } }
      : { id: "trigger", type: "trigger.manual", name: "Start", position: { x: 0, y: 0 }, config: { samplePayload: { data: {} } } },
  ];
  if (!eventName) report.review.push({ node: "Start", message: "the event that started the workflow is not in the document (metadata.event); the trigger is manual, change it to an Event trigger" });
  const kept = new Set<string>();
  for (const action of input.actions) {
    const name = action.name ?? action.id;
    const id = ids.get(action.id)!;
    const reviews: string[] = [];
    if (action.kind === "builtin:if") {
      const condition = action.inputs?.condition ? jsonLogic(action.inputs.condition, ids, reviews) : "true";
      nodes.push({ id, type: "flow.if", name, position: { x: 0, y: 0 }, config: { condition } });
      report.converted.push({ name, from: action.kind, id, type: "flow.if" });
    } else {
      const definition = getNodeDefinition(action.kind);
      if (!definition || definition.category === "trigger") {
        report.unsupported.push({ name, type: action.kind, reason: definition ? "a workflow-kit workflow starts from its event; the trigger is added for it" : "an action of the app that defined it, with no Switchboard node of that type" });
        continue;
      }
      const config = { ...(structuredClone(definition.defaults) as Record<string, unknown>), ...(translateRefs(action.inputs ?? {}, ids, reviews) as Record<string, unknown>) };
      nodes.push({ id, type: action.kind, name, position: { x: 0, y: 0 }, config });
      report.converted.push({ name, from: action.kind, id, type: action.kind });
    }
    kept.add(action.id);
    for (const message of new Set(reviews)) report.review.push({ node: name, message });
  }

  const edges: WorkflowEdge[] = [];
  const idOf = (ref: string) => (ref === SOURCE ? "trigger" : kept.has(ref) ? ids.get(ref) : undefined);
  const ifActions = new Set(input.actions.filter((a) => a.kind === "builtin:if").map((a) => a.id));
  for (const edge of input.edges) {
    const source = idOf(edge.from);
    const target = idOf(edge.to);
    if (!source || !target) continue;
    if (!edge.conditional) {
      edges.push({ id: `e_${edges.length + 1}`, source, target });
    } else if (ifActions.has(edge.from) && edge.conditional.type !== "match") {
      edges.push({ id: `e_${edges.length + 1}`, source, target, sourceHandle: edge.conditional.type === "else" ? "false" : "true" });
    } else {
      // A condition on an ordinary edge: an If node of its own in front of the target.
      const reviews: string[] = [];
      const id = makeId(`${target}_if`);
      const name = edge.name ?? `If (${edge.from} → ${edge.to})`;
      nodes.push({ id, type: "flow.if", name: name.slice(0, 120), position: { x: 0, y: 0 }, config: { condition: edgeCondition(edge, ids, reviews) } });
      edges.push({ id: `e_${edges.length + 1}`, source, target: id }, { id: `e_${edges.length + 2}`, source: id, target, sourceHandle: "true" });
      for (const message of reviews) report.review.push({ node: name, message });
    }
  }
  layOut(nodes, edges);
  const note = reportNote(report, nodes);
  const document: ForeignImport["document"] = { version: WORKFLOW_FORMAT_VERSION, name: (input.name?.trim() || "Imported from workflow-kit").slice(0, 200), nodes, edges, ...(note ? { notes: [note] } : {}) };
  return { document, report };
}

/** Left to right by depth from the trigger, nodes of one depth stacked (workflow-kit documents carry no positions). */
function layOut(nodes: WorkflowNode[], edges: WorkflowEdge[]) {
  const positions = layeredPositions(nodes.map((n) => n.id), edges, "trigger", 160);
  for (const node of nodes) node.position = positions.get(node.id)!;
}

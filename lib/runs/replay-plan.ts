import canonicalize from "canonicalize";
import { topologicalOrder } from "@/lib/document/graph";
import { isTriggerType } from "@/lib/nodes";
import { compensatedStepKey, nodeOfStepKey } from "./step-keys";
import type { WorkflowDocument } from "@/lib/document/schema";

export interface RecordedStep {
  nodeId: string;
  status: string;
}

export interface ReplayPlan {
  /** The first step that runs again (the failed one), or null when every recorded step completed. */
  fromNode: string | null;
  /** Steps whose recorded results the replay reuses: completed, and not downstream of a step that did not complete. */
  reuse: string[];
  /** Steps that run again: the failed step and everything after it. */
  rerun: string[];
}

const SETTLED = new Set(["completed", "skipped"]);

/**
 * Which steps a replay reuses. A step that did not complete (failed, cancelled, still running when
 * the run ended), the run's failed node, and everything downstream of them run again; the other
 * completed steps hand over their recorded output. Skipped steps are not reused: they are skipped
 * again when their branch is not taken. Loop iterations and compensated steps make their node run again.
 */
export function planReplay(document: WorkflowDocument, steps: RecordedStep[], failedNodeId?: string | null): ReplayPlan {
  const status = new Map(steps.map((s) => [s.nodeId, s.status]));
  const order = topologicalOrder(document);
  const children = new Map<string, string[]>();
  for (const edge of document.edges) children.set(edge.source, [...(children.get(edge.source) ?? []), edge.target]);

  const dirty = new Set<string>();
  const visit = (id: string) => {
    if (dirty.has(id)) return;
    dirty.add(id);
    for (const child of children.get(id) ?? []) visit(child);
  };
  for (const [key, s] of status) {
    // A loop iteration's step (`id#n`) stands for its node; a compensation (`comp@key`) undid its step's work, so that runs again.
    const undone = compensatedStepKey(key);
    if (undone !== null) visit(nodeOfStepKey(undone));
    else if (!SETTLED.has(s)) visit(nodeOfStepKey(key));
  }
  if (failedNodeId && order.includes(failedNodeId)) visit(failedNodeId);

  const reuse = order.filter((id) => status.get(id) === "completed" && !dirty.has(id));
  const reused = new Set(reuse);
  const fromNode = failedNodeId && order.includes(failedNodeId) ? failedNodeId : (order.find((id) => dirty.has(id) && status.has(id)) ?? null);
  return { fromNode, reuse, rerun: order.filter((id) => !reused.has(id)) };
}


/**
 * A replay on another version of the workflow (the published one, after a fix): of the steps the
 * plan on the run's own version would reuse, only those whose node still exists in `target` with
 * the same type and settings, and whose every parent in `target` is reused too, are reused; the
 * rest run again on the new version. So a changed or new step, and everything after it, runs.
 */
export function planReplayOn(target: WorkflowDocument, source: WorkflowDocument, plan: ReplayPlan): ReplayPlan {
  const before = new Map(source.nodes.map((n) => [n.id, n]));
  const parents = new Map<string, string[]>();
  for (const edge of target.edges) parents.set(edge.target, [...(parents.get(edge.target) ?? []), edge.source]);
  const candidates = new Set(plan.reuse);
  const reused = new Set<string>();
  const order = topologicalOrder(target);
  for (const id of order) {
    const node = target.nodes.find((n) => n.id === id)!;
    const old = before.get(id);
    const same = old && old.type === node.type && sameSettings(old, node);
    if (candidates.has(id) && same && (parents.get(id) ?? []).every((p) => reused.has(p))) reused.add(id);
  }
  const reuse = order.filter((id) => reused.has(id));
  // The first step that runs again: the fixed step, or an earlier one that changed.
  const fromNode = order.find((id) => !reused.has(id) && !isTriggerType(target.nodes.find((n) => n.id === id)!.type)) ?? null;
  return { fromNode, reuse, rerun: order.filter((id) => !reused.has(id)) };
}

function sameSettings(a: WorkflowDocument["nodes"][number], b: WorkflowDocument["nodes"][number]): boolean {
  const settingsOf = (n: typeof a) => canonicalize({ config: n.config ?? {}, settings: n.settings ?? {}, disabled: n.disabled ?? false });
  return settingsOf(a) === settingsOf(b);
}

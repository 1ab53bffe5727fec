import { db } from "@/lib/db/client";
import { nodeDefinitionOf } from "@/lib/nodes";
import type { NodeDefinition } from "@/lib/nodes/types";
import { compensatedStepKey, nodeOfStepKey } from "@/lib/runs/step-keys";
import type { ExpressionScope } from "@/lib/document/expressions";
import type { WorkflowDocument } from "@/lib/document/schema";
import { executeNode } from "./execute-node";
import type { WorkflowStepTools } from "./step-tools";

/** One completed step to undo: its history key (`<id>` or `<id>#<iteration>`), its node, output and compensation node. */
export interface CompensationTask {
  key: string;
  nodeId: string;
  output: unknown;
  compensation: string;
}

export interface CompensationResult {
  nodeId: string;
  for: string;
  status: "completed" | "failed";
  message?: string;
}

/**
 * Saga compensation after a step failed the run: every completed step whose node names a
 * compensation node gets it run, newest completion first, one after another. Each runs as its own
 * durable step keyed `<compensation>@<step key>` (retried by the compensation node's policy) and
 * appears in run history. The order is read once from run history in a step, so replays keep it.
 * A compensation that fails is reported and the rest still run.
 */
export async function compensate(
  step: WorkflowStepTools,
  { runId, workspaceId, document, attempt, scope }: { runId: string; workspaceId: string; document: WorkflowDocument; attempt: number; scope: ExpressionScope },
): Promise<CompensationResult[]> {
  if (!document.nodes.some((n) => n.settings?.compensation)) return [];
  const tasks = (await step.run("run:compensation-plan", () => compensationPlan(runId, document))) as CompensationTask[];
  const results: CompensationResult[] = [];
  for (const task of tasks) {
    const node = document.nodes.find((n) => n.id === task.compensation)!;
    const instance = { ...node, id: `${node.id}@${task.key}` };
    try {
      await executeNode(
        step,
        {
          runId,
          workspaceId,
          node: instance,
          definition: nodeDefinitionOf(node) as NodeDefinition,
          scope: { ...scope, input: task.output },
          parents: { [task.nodeId]: task.output },
          attempt,
        },
        undefined,
      );
      results.push({ nodeId: node.id, for: task.key, status: "completed" });
    } catch (error) {
      results.push({ nodeId: node.id, for: task.key, status: "failed", message: (error as Error).message });
    }
  }
  return results;
}

/** The completed steps to compensate, newest completion first (ties broken by key, so the order is total). */
export async function compensationPlan(runId: string, document: WorkflowDocument): Promise<CompensationTask[]> {
  const byId = new Map(document.nodes.map((n) => [n.id, n]));
  const rows = await db().stepRun.findMany({
    where: { runId, status: "completed" },
    select: { nodeId: true, output: true, endedAt: true },
  });
  return orderForCompensation(rows).flatMap((row) => {
    const nodeId = nodeOfStepKey(row.nodeId);
    const compensation = compensatedStepKey(row.nodeId) === null ? byId.get(nodeId)?.settings?.compensation : undefined;
    return compensation ? [{ key: row.nodeId, nodeId, output: row.output ?? null, compensation }] : [];
  });
}

/** Reverse completion order: latest `endedAt` first; equal times by key, descending. */
export function orderForCompensation<T extends { nodeId: string; endedAt: Date | null }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => (b.endedAt?.getTime() ?? 0) - (a.endedAt?.getTime() ?? 0) || (a.nodeId < b.nodeId ? 1 : a.nodeId > b.nodeId ? -1 : 0));
}

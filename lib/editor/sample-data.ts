import { nodeDefinitionOf } from "@/lib/nodes";
import type { ExpressionScope } from "@/lib/document/expressions";
import { loopBodies } from "@/lib/document/loops";
import type { WorkflowDocument } from "@/lib/document/schema";

/** What the editor knows of a run of the workflow: the trigger output and each completed node's output. */
export interface RunData {
  trigger: unknown;
  outputs: Record<string, unknown>;
}

/** The parts of a run's detail (GET /api/runs/:id) the editor reads. */
export interface RunDetailLike {
  id: string;
  trigger: unknown;
  steps: { nodeId: string; status: string; output: unknown }[];
}

export function runData(run: RunDetailLike): RunData {
  const outputs: Record<string, unknown> = {};
  const firstIteration = new Map<string, { index: number; output: unknown }>();
  for (const step of run.steps) {
    if (step.status !== "completed") continue;
    // A node in a loop shows its first iteration's output; compensations (`id@key`) are not a node's output.
    const iteration = /^([A-Za-z_]\w*)#(\d+)$/.exec(step.nodeId);
    if (iteration) {
      const [, id, index] = iteration;
      const known = firstIteration.get(id);
      if (!known || Number(index) < known.index) firstIteration.set(id, { index: Number(index), output: step.output });
    } else if (/^[A-Za-z_]\w*$/.test(step.nodeId)) outputs[step.nodeId] = step.output;
  }
  for (const [id, { output }] of firstIteration) if (!(id in outputs)) outputs[id] = output;
  return { trigger: run.trigger, outputs };
}

export interface NodeSample {
  /** What the node's expressions see; trigger and steps from pinned data first, then the last run. */
  scope: ExpressionScope;
  /** The node's input (its parents' outputs), or undefined when nothing is known. */
  input: unknown;
  /** The node's own output: pinned, else from the last run. */
  output: unknown;
  outputSource: "pinned" | "last run" | null;
  /** The input is the trigger's output (the node's only parent is the trigger): panels show it once. */
  inputIsTrigger: boolean;
}

/** The data around one node for previews, autocomplete, the input/output panels and "Test this node". */
export function nodeSample(document: Pick<WorkflowDocument, "nodes" | "edges" | "pinData">, nodeId: string, run: RunData | null, workflowId: string): NodeSample {
  const pins = document.pinData ?? {};
  const triggerNode = document.nodes.find((n) => nodeDefinitionOf(n)?.category === "trigger");
  const steps: Record<string, unknown> = {};
  for (const node of document.nodes) {
    if (node.id in pins) steps[node.id] = pins[node.id];
    else if (run && node.id in run.outputs) steps[node.id] = run.outputs[node.id];
  }
  const trigger = triggerNode && triggerNode.id in pins ? pins[triggerNode.id] : (run?.trigger ?? (triggerNode ? steps[triggerNode.id] : undefined));
  // Inside a loop the split's output is the current item: the examples use the first one.
  const split = loopBodies(document).owner.get(nodeId);
  if (split && Array.isArray(steps[split])) steps[split] = (steps[split] as unknown[])[0];
  const parents = document.edges.filter((e) => e.target === nodeId).map((e) => e.source);
  const known = [...new Set(parents)].filter((id) => id in steps);
  const input = known.length === 0 ? undefined : known.length === 1 && parents.length === 1 ? steps[known[0]] : Object.fromEntries(known.map((id) => [id, steps[id]]));
  const outputSource = nodeId in pins ? "pinned" : run && nodeId in run.outputs ? "last run" : null;
  return {
    scope: { trigger: trigger ?? null, steps, run: { id: "preview", workflowId, attempt: 0 }, input: input ?? null },
    input,
    output: outputSource ? steps[nodeId] : undefined,
    outputSource,
    inputIsTrigger: Boolean(triggerNode) && parents.length === 1 && parents[0] === triggerNode!.id,
  };
}

/** A JSONata reference to `key` under `base`: `base.key`, or `base.\`odd key\`` when the key is not a plain name. */
export function childPath(base: string, key: string | number): string {
  if (typeof key === "number") return `${base}[${key}]`;
  const name = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `\`${key.replace(/`/g, "")}\``;
  return base ? `${base}.${name}` : name;
}

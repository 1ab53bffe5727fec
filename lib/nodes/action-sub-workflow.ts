import { Workflow } from "lucide-react";
import { z } from "zod";
import { parseDuration } from "@/lib/document/duration";
import { hasExpression } from "@/lib/document/expressions";
import { NodeError } from "./errors";
import { defineNode } from "./types";

/**
 * Runs another workflow with an input (its trigger output) and, by default, waits durably for it
 * to end: the output is the child run's output, and a failed child fails this node. Without
 * waiting the output is `{ runId }` at once.
 */
export const subWorkflowAction = defineNode({
  type: "action.sub-workflow",
  kind: "step",
  category: "action",
  label: "Run workflow",
  description: "Run another workflow with an input and wait for its output.",
  icon: Workflow,
  config: z.object({
    workflowId: z.string().trim().min(1, "Enter the workflow's id").meta({ title: "Workflow id", description: "The id of the workflow to run (in its editor's URL)." }),
    input: z.unknown().optional().meta({ title: "Input", description: "What the child's trigger outputs, e.g. {{ steps.shape }}.", widget: "json" }),
    wait: z.boolean().default(true).meta({ title: "Wait for it to finish", description: "Off: continue at once with { runId }." }),
    timeout: z
      .string()
      .trim()
      .default("1h")
      .refine((s) => hasExpression(s) || parseDuration(s) !== null, 'Use a duration such as "30m" or "2h"')
      .meta({ title: "Timeout", description: "Fail if the child has not finished after this long.", widget: "duration" }),
  }),
  defaults: { workflowId: "", input: "{{ input }}", wait: true, timeout: "1h" },
  async execute({ config, services, scope, nodeId }) {
    if (config.workflowId === scope.run.workflowId) throw new NodeError("A workflow cannot run itself", { retriable: false });
    const ms = parseDuration(config.timeout);
    if (ms === null) throw new NodeError(`"${config.timeout}" is not a duration`, { retriable: false });
    const { runId, workflowName } = await services.startWorkflowRun({ workflowId: config.workflowId, input: config.input ?? null, key: `parent:${scope.run.id}:${nodeId}` });
    const output = { runId, workflowId: config.workflowId, workflowName };
    if (!config.wait) return { output };
    return { output, awaitRun: { runId, timeoutAt: new Date(Date.now() + ms).toISOString() } };
  },
});

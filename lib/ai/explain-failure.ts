import { z } from "zod";
import { ApiError } from "@/lib/api/http";
import { db } from "@/lib/db/client";
import { formatIssues, type WorkflowDocument } from "@/lib/document/schema";
import { getNodeDefinition } from "@/lib/nodes";
import { getRun } from "@/lib/runs/queries";
import { maskSecrets } from "@/lib/workflow-store/secrets";
import { askAssistant } from "./assistant";

/** Step data sent to the model is cut at this many characters of JSON (the run history keeps it all). */
const MAX_VALUE_CHARS = 8000;

export interface FailureExplanation {
  nodeId: string;
  explanation: string;
  likelyCause: string;
  /** A changed config for the failed node, when the model proposes one; `problems` when it does not fit the node's schema. */
  fix: { summary: string; nodeId: string; config: Record<string, unknown>; problems: { path: string; message: string }[] } | null;
}

const answerSchema = {
  type: "object",
  required: ["explanation", "likelyCause", "fix"],
  properties: {
    explanation: { type: "string", description: "What happened, in two or three sentences for an operator." },
    likelyCause: { type: "string", description: "The most likely cause, in one sentence." },
    fix: {
      anyOf: [
        { type: "null" },
        { type: "object", required: ["summary", "config"], properties: { summary: { type: "string" }, config: { type: "object", description: "The failed node's whole config with the fix applied." } } },
      ],
    },
  },
};

/**
 * "Explain this failure": the failed step's error, input and config (secrets masked: stored
 * secrets are shown as `$secret:••••` hints and connection credentials never enter run history)
 * sent to the workspace's model, which answers what happened and may propose the node's config
 * with a fix. The fix is checked against the node's schema; nothing is changed here.
 */
export async function explainFailure(workspaceId: string, runId: string): Promise<FailureExplanation> {
  const run = await getRun(workspaceId, runId);
  if (run.status !== "failed") throw new ApiError(409, "Only a failed run can be explained");
  const failed = run.steps.find((s) => s.status === "failed") ?? run.steps.find((s) => s.nodeId === (run.error as { nodeId?: string } | null)?.nodeId);
  if (!failed) throw new ApiError(409, "The run failed outside a step: there is no failed step to explain");
  const version = await db().workflowVersion.findUnique({ where: { workflowId_version: { workflowId: run.workflowId, version: run.workflowVersion } }, select: { document: true } });
  const document = version ? maskSecrets(version.document as WorkflowDocument) : null;
  const node = document?.nodes.find((n) => n.id === failed.nodeId);
  const definition = getNodeDefinition(failed.nodeType);

  const prompt = [
    `Workflow "${run.workflowName}", run ${run.id}, failed at step "${failed.nodeId}"${node?.name ? ` (${node.name})` : ""}, a ${failed.nodeType} node${definition ? ` (${definition.description})` : ""}.`,
    `Attempts: ${failed.attempts}.`,
    `Error: ${cut(failed.error)}`,
    `Node config (stored secrets masked): ${cut(node?.config ?? null)}`,
    definition ? `The node's config schema: ${JSON.stringify(z.toJSONSchema(definition.config, { io: "input", unrepresentable: "any" }))}` : "",
    `Step input: ${cut(failed.input)}`,
    `The run's trigger data: ${cut(run.trigger)}`,
    "Explain the failure to the operator. If changing this node's config would fix it, give the whole corrected config; keep masked secrets ($secret:…) as they are. If the cause is outside the workflow (a service down, wrong credentials), say so and give no fix.",
  ]
    .filter(Boolean)
    .join("\n\n");
  const answer = await askAssistant<{ explanation: string; likelyCause: string; fix: { summary: string; config: Record<string, unknown> } | null }>(workspaceId, {
    system: "You are Switchboard's operations assistant. You explain why a workflow step failed and how to fix it, precisely and briefly.",
    prompt,
    schema: answerSchema,
  });
  let fix: FailureExplanation["fix"] = null;
  if (answer.fix) {
    const parsed = definition?.config.safeParse(answer.fix.config);
    fix = { summary: answer.fix.summary, nodeId: failed.nodeId, config: answer.fix.config, problems: parsed && !parsed.success ? formatIssues(parsed.error.issues) : [] };
  }
  return { nodeId: failed.nodeId, explanation: answer.explanation, likelyCause: answer.likelyCause, fix };
}

function cut(value: unknown): string {
  const text = JSON.stringify(value) ?? "null";
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}… (cut at ${MAX_VALUE_CHARS} of ${text.length} characters)` : text;
}

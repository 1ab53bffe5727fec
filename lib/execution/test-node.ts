import { z } from "zod";
import { ApiError, invalid } from "@/lib/api/http";
import { newId } from "@/lib/ids";
import { serializeError, type SerializedError } from "@/lib/json";
import { nodeDefinitionOf } from "@/lib/nodes";
import { mapSecrets } from "@/lib/document/secret-fields";
import { configIssues, DEFAULT_STEP_TIMEOUT_MS, workflowNodeSchema, type WorkflowDocument, type WorkflowNode } from "@/lib/document/schema";
import { protectSecrets, revealSecrets } from "@/lib/workflow-store/secrets";
import { StepTimeoutError } from "./errors";
import { resolveConfig, withTimeout } from "./node-step";
import { createNodeServices } from "./services";

/** What the editor sends to test one node: the node as edited (maybe unsaved) and the data it sees. */
export const testNodeRequestSchema = z.object({
  node: workflowNodeSchema,
  input: z.unknown().optional(),
  trigger: z.unknown().optional(),
  steps: z.record(z.string(), z.unknown()).optional(),
});

export type TestNodeResult =
  | { status: "completed"; output: unknown; branch: string | string[] | null; durationMs: number }
  | { status: "failed"; error: SerializedError; durationMs: number };

/**
 * "Test this node": executes one node's step once with the given data, outside any run (no run,
 * history or retries), through the same services as a run (guarded fetch, connections, breaker,
 * rate limit). Secrets stay on the server: masked values sent back are replaced by the stored
 * ones, and every secret used is masked in the answer. A failing node is a result, not an error;
 * a malformed request is a 400 naming the field.
 */
export async function testNode(stored: WorkflowDocument, workspaceId: string, workflowId: string, body: unknown): Promise<TestNodeResult> {
  const parsed = testNodeRequestSchema.safeParse(body);
  if (!parsed.success) throw invalid(parsed.error, "Invalid test request");
  const { node: submitted, input = null, trigger = null, steps = {} } = parsed.data;
  const definition = nodeDefinitionOf(submitted);
  if (!definition) throw new ApiError(400, "Invalid test request", [{ path: "node.type", message: `Unknown node type "${submitted.type}"` }]);
  if (definition.kind !== "step") {
    throw new ApiError(400, "Invalid test request", [{ path: "node.type", message: `${definition.label} ${definition.kind === "agent" ? "runs as several steps" : "pauses the run"}; only nodes that do their work in one step can be tested` }]);
  }
  const issues = configIssues(submitted.type, submitted.config, submitted.typeVersion);
  if (issues.length) throw new ApiError(400, "Invalid node config", issues.map((i) => ({ path: ["node", "config", ...i.path].join("."), message: i.message })));
  const node = keepStoredSecrets(submitted, stored);

  const services = createNodeServices(workspaceId);
  mapSecrets(node.type, revealSecrets(node.type, node.config), (value) => services.redactor.add([value]));
  const scope = { trigger, steps, input, run: { id: newId("test"), workflowId, attempt: 0 } };
  const started = Date.now();
  try {
    const { config } = await resolveConfig(node, definition, scope);
    const budget = node.settings?.timeoutMs ?? DEFAULT_STEP_TIMEOUT_MS;
    const result = await withTimeout(budget, () => new StepTimeoutError(budget), (signal) =>
      definition.execute({ nodeId: node.id, config, scope, parents: {}, signal, services }),
    );
    return { status: "completed", output: services.redactor.value(result.output ?? null), branch: result.branch ?? null, durationMs: Date.now() - started };
  } catch (error) {
    return { status: "failed", error: serializeError(services.redactor.error(error)), durationMs: Date.now() - started };
  }
}

/** The node with masked secrets sent back replaced by the stored ones (a masked value without one is a 400 naming the field). */
function keepStoredSecrets(node: WorkflowNode, stored: WorkflowDocument): WorkflowNode {
  try {
    return protectSecrets({ ...stored, nodes: [node] }, stored).nodes[0];
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    throw new ApiError(error.status, "Invalid test request", error.issues?.map((i) => ({ ...i, path: i.path.replace(/^nodes\.0\./, "node.") })));
  }
}

import { circuitKeyOf, loadConnection } from "@/lib/connections/store";
import { rateLimitSchema } from "@/lib/connections/types";
import { durableWaitUntil } from "@/lib/outbound/rate-limit";
import type { WorkflowNode } from "@/lib/document/schema";
import type { WorkflowStepTools } from "./step-tools";

/** At most this many durable rate-limit sleeps before a node; after them it waits in-process. */
const MAX_WAITS = 20;

/**
 * Before a node that uses a rate-limited connection: while the queue of calls ahead is longer
 * than a second, the run sleeps durably (a step that looks at the bucket, then a sleep until the
 * queue is short). This is not an attempt: the node's retries are untouched. The attempt itself
 * then takes its slot (lib/outbound/rate-limit.ts).
 */
export async function rateLimitWait(step: WorkflowStepTools, workspaceId: string, node: WorkflowNode): Promise<void> {
  const connectionId = node.config?.connectionId;
  if (typeof connectionId !== "string" || !connectionId || connectionId.includes("{{")) return;
  for (let i = 0; i < MAX_WAITS; i++) {
    const suffix = i ? `:${i}` : "";
    const until = (await step.run(`node:${node.id}:rate${suffix}`, () => waitUntil(workspaceId, connectionId))) as string | null;
    if (!until) return;
    await step.sleepUntil(`node:${node.id}:rate-wait${suffix}`, until);
  }
}

async function waitUntil(workspaceId: string, connectionId: string): Promise<string | null> {
  try {
    const connection = await loadConnection(workspaceId, connectionId);
    const limit = rateLimitSchema.safeParse(connection.config.rateLimit);
    return durableWaitUntil(circuitKeyOf(connection.id), limit.success);
  } catch {
    return null; // a missing connection fails the node's attempt with a clear error
  }
}

import { retryPolicySchema, type RetryPolicy, type WorkflowNode } from "@/lib/document/schema";

export function retryPolicyOf(node: Pick<WorkflowNode, "settings">): RetryPolicy {
  return retryPolicySchema.parse(node.settings?.retry ?? {});
}

/**
 * Delay before the attempt after `failedAttempt` (1-based): initialDelay, doubling when
 * exponential, capped at maxDelay; with jitter a random point between half and all of it.
 */
export function backoffDelayMs(policy: RetryPolicy, failedAttempt: number, random: () => number = Math.random): number {
  const factor = policy.backoff === "exponential" ? 2 ** Math.max(0, failedAttempt - 1) : 1;
  const delay = Math.min(policy.initialDelayMs * factor, policy.maxDelayMs);
  return policy.jitter ? Math.round(delay * (0.5 + random() * 0.5)) : delay;
}

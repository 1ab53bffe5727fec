import { backoffDelayMs } from "@/lib/execution/retry";
import { formatDuration } from "@/lib/document/duration";
import { retryPolicySchema, type RetryPolicy } from "@/lib/document/schema";

const LISTED_DELAYS = 4;

/** The retry policy a node runs with: its own settings over the engine's defaults. */
export function effectiveRetry(retry: Partial<RetryPolicy> | undefined): RetryPolicy | null {
  const result = retryPolicySchema.safeParse(retry ?? {});
  return result.success ? result.data : null;
}

/** What happens when the step fails, in a few sentences; null while the policy is invalid. */
export function describeRetry(retry: Partial<RetryPolicy> | undefined): string | null {
  const policy = effectiveRetry(retry);
  if (!policy) return null;
  const retries = policy.maxAttempts - 1;
  if (retries === 0) return "If this step fails, it is not retried.";
  // The longest each wait can be; jitter only ever shortens it.
  const delaysMs = Array.from({ length: Math.min(retries, LISTED_DELAYS) }, (_, i) => backoffDelayMs(policy, i + 1, () => 1));
  const delays = delaysMs.map(formatDuration);
  const capped = policy.initialDelayMs * 2 ** (retries - 1) > policy.maxDelayMs;
  const waits =
    policy.backoff === "fixed" || new Set(delays).size === 1
      ? `waiting ${delays[0]} before each retry`
      : retries > LISTED_DELAYS
        ? `waiting ${delays.join(", ")}, … (doubling each time${capped ? `, at most ${formatDuration(policy.maxDelayMs)}` : ""})`
        : `waiting ${delays.length === 1 ? delays[0] : `${delays.slice(0, -1).join(", ")}, then ${delays[delays.length - 1]}`}`;
  const sentences = [
    `If this step fails, it is retried up to ${retries} more ${retries === 1 ? "time" : "times"}, ${waits}.`,
    policy.jitter && delaysMs.some((ms) => ms > 0) ? "Each wait is shortened at random by up to half, so many runs failing at once do not all retry together." : null,
    "Errors a retry cannot fix (such as a 400 answer) are not retried.",
  ];
  return sentences.filter(Boolean).join(" ");
}

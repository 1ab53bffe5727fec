/** Tokens and cost of the AI model steps of a run or a period (from their outputs). */
export interface ModelUsage {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  /** Null when no connection involved has prices. */
  costUsd: number | null;
}

/** The node types whose outputs carry `usage` and `costUsd` (an agent's: summed over its `turns`, each a model call). */
export const MODEL_NODE_TYPES = ["ai.model", "ai.agent"];

interface UsageOutput {
  usage?: { inputTokens?: unknown; outputTokens?: unknown };
  costUsd?: unknown;
  turns?: unknown;
}

/** Sums the completed model steps' usage; a cut-down output is read from its preview, which keeps these small fields. */
export function sumModelUsage(steps: { nodeType: string; status: string; output: unknown }[]): ModelUsage | null {
  let usage: ModelUsage | null = null;
  for (const step of steps) {
    if (!MODEL_NODE_TYPES.includes(step.nodeType) || step.status !== "completed") continue;
    const raw = step.output as (UsageOutput & { $truncated?: boolean; preview?: UsageOutput }) | null;
    const output = raw?.$truncated ? raw.preview : raw;
    usage ??= { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: null };
    usage.calls += typeof output?.turns === "number" && output.turns > 0 ? output.turns : 1;
    usage.inputTokens += numberOr0(output?.usage?.inputTokens);
    usage.outputTokens += numberOr0(output?.usage?.outputTokens);
    if (typeof output?.costUsd === "number") usage.costUsd = (usage.costUsd ?? 0) + output.costUsd;
  }
  return usage;
}

function numberOr0(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) ? value : 0;
}

/** "1,234 tokens · $0.0021" */
export function formatModelUsage(usage: ModelUsage): string {
  const tokens = `${(usage.inputTokens + usage.outputTokens).toLocaleString()} tokens`;
  return usage.costUsd === null ? tokens : `${tokens} · ${formatUsd(usage.costUsd)}`;
}

/** Dollars with the digits a small amount needs: $12.40, $0.042, $0.00048. */
export function formatUsd(amount: number): string {
  return `$${amount.toFixed(amount >= 1 ? 2 : amount >= 0.01 ? 3 : 5)}`;
}

import { nodeDefinitionOf, outputsOf, type OutputHandle } from "@/lib/nodes";

export const ERROR_OUTPUT: OutputHandle = { id: "error", label: "error" };
/** Followed instead of failing while the node's circuit breaker refuses calls (config `circuitFallback: true`). */
export const FALLBACK_OUTPUT: OutputHandle = { id: "fallback", label: "fallback" };

/** A node's output handles: its type's outputs, `fallback` when it has a circuit fallback, `error` when its failures branch. */
export function nodeOutputs(node: { type: string; typeVersion?: number; config?: unknown; settings?: { onError?: string } }): OutputHandle[] {
  const definition = nodeDefinitionOf(node);
  const outputs = definition ? [...outputsOf(definition, node.config)] : [];
  if (hasCircuitFallback(node)) outputs.push(FALLBACK_OUTPUT);
  return node.settings?.onError === "branch" ? [...outputs, ERROR_OUTPUT] : outputs;
}

export function hasCircuitFallback(node: { type: string; typeVersion?: number; config?: unknown }): boolean {
  const definition = nodeDefinitionOf(node);
  const config = node.config as { circuitFallback?: unknown } | undefined;
  const shape = (definition?.config as unknown as { shape?: Record<string, unknown> } | undefined)?.shape;
  return config?.circuitFallback === true && !!shape && "circuitFallback" in shape;
}

import { NodeError } from "./errors";
import type { NodeServices } from "./types";

/** Time one model call may take before it is aborted (and retried by the node's policy). */
const MODEL_CALL_TIMEOUT_MS = 120_000;

/**
 * POSTs one request to a model API through the platform's guarded fetch, with the connection's key
 * applied on the server. Answers 429, 408 and 5xx are retriable failures, other non-2xx answers not.
 */
export async function callModelApi(services: NodeServices, request: { url: URL; headers: Record<string, string>; body: unknown; connectionId: string; signal: AbortSignal }): Promise<unknown> {
  let response: Response;
  try {
    response = await services.fetch(request.url, {
      method: "POST",
      headers: request.headers,
      body: JSON.stringify(request.body),
      connectionId: request.connectionId,
      signal: AbortSignal.any([request.signal, AbortSignal.timeout(MODEL_CALL_TIMEOUT_MS)]),
    });
  } catch (error) {
    if (error instanceof NodeError) throw error;
    throw new NodeError(`Calling the model API failed: ${(error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message}`);
  }
  const text = await response.text();
  if (!response.ok) {
    const retriable = response.status >= 500 || response.status === 429 || response.status === 408;
    throw new NodeError(`The model API answered ${response.status}${text ? `: ${text.slice(0, 300)}` : ""}`, { retriable });
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new NodeError(`The model API's answer is not JSON: ${text.slice(0, 200)}`);
  }
}

/** Cost from the connection's prices per million tokens, when it has them. */
export function modelCost(settings: Record<string, unknown>, usage: { inputTokens: number; outputTokens: number }): { costUsd?: number } {
  const input = typeof settings.inputPrice === "number" ? settings.inputPrice : null;
  const output = typeof settings.outputPrice === "number" ? settings.outputPrice : null;
  if (input === null && output === null) return {};
  const usd = (usage.inputTokens * (input ?? 0) + usage.outputTokens * (output ?? 0)) / 1_000_000;
  return { costUsd: Math.round(usd * 1e8) / 1e8 };
}

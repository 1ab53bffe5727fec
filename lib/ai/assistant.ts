import { ApiError } from "@/lib/api/http";
import { createNodeServices } from "@/lib/execution/services";
import { NodeError } from "@/lib/nodes/errors";
import { aiModelAction } from "@/lib/nodes/ai-model";
import { getSettings } from "@/lib/settings";

/**
 * The workspace's assistant: one question to the model connection chosen in Settings, answered as
 * JSON matching `schema`. It is the AI model node's own call (the same outbound path, key applied
 * on the server, structured output with the validation errors sent back), made outside a run.
 * Off (409) while no model connection is chosen.
 */
export async function askAssistant<T>(workspaceId: string, question: { system: string; prompt: string; schema: Record<string, unknown>; maxTokens?: number }): Promise<T> {
  const { aiConnectionId } = await getSettings(workspaceId);
  if (!aiConnectionId) throw new ApiError(409, "AI assistance is off: choose an AI model connection in Settings");
  if (aiModelAction.kind !== "step") throw new Error("ai.model is a step node");
  const services = createNodeServices(workspaceId);
  const config = aiModelAction.config.parse({ connectionId: aiConnectionId, system: question.system, prompt: question.prompt, outputSchema: question.schema, temperature: 0, maxTokens: question.maxTokens ?? 4096 });
  try {
    const { output } = await aiModelAction.execute({
      nodeId: "assistant",
      config,
      scope: { trigger: null, steps: {}, run: { id: "assistant", workflowId: "assistant", attempt: 1 } },
      parents: {},
      signal: AbortSignal.timeout(180_000),
      services,
    });
    return (output as { json: T }).json;
  } catch (error) {
    const message = services.redactor.text(error instanceof Error ? error.message : String(error));
    throw new ApiError(error instanceof NodeError && !error.retriable ? 422 : 502, `The model could not answer: ${message}`);
  }
}

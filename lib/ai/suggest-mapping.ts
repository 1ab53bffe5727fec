import { askAssistant } from "./assistant";

const MAX_EXAMPLE_CHARS = 8000;

export interface MappingSuggestion {
  /** The target field. */
  field: string;
  /** A Switchboard expression that fills it from the input, e.g. {{ input.customer.email }}. */
  value: string;
  reason: string;
}

const answerSchema = {
  type: "object",
  required: ["mappings"],
  properties: {
    mappings: {
      type: "array",
      items: { type: "object", required: ["field", "value", "reason"], properties: { field: { type: "string" }, value: { type: "string" }, reason: { type: "string" } } },
    },
  },
};

/**
 * "Suggest mapping": given the input's example data and the target's fields (names with optional
 * descriptions or a JSON Schema), the workspace's model proposes an expression per target field;
 * the editor shows them for the user to accept one by one. Fields the model cannot fill are left out.
 */
export async function suggestMapping(workspaceId: string, request: { example: unknown; target: { field: string; description?: string }[] | Record<string, unknown> }): Promise<MappingSuggestion[]> {
  const example = JSON.stringify(request.example) ?? "null";
  const answer = await askAssistant<{ mappings: MappingSuggestion[] }>(workspaceId, {
    system:
      "You map fields between APIs for Switchboard workflows. Values are Switchboard expressions: {{ }} around JSONata over `input` (the example data below), e.g. {{ input.customer.email }}, {{ $uppercase(input.country) }} or {{ input.amount / 100 }}. Give one mapping per target field you can fill from the input, with a short reason; leave out fields you cannot fill.",
    prompt: `Input example:\n${example.length > MAX_EXAMPLE_CHARS ? `${example.slice(0, MAX_EXAMPLE_CHARS)}…` : example}\n\nTarget fields:\n${JSON.stringify(request.target)}`,
    schema: answerSchema,
  });
  const allowed = Array.isArray(request.target) ? new Set(request.target.map((t) => t.field)) : null;
  return answer.mappings.filter((m) => !allowed || allowed.has(m.field));
}

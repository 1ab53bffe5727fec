import { transformServices } from "@/lib/transforms/services";
import { unavailableServices } from "./node-services";
import { getNodeDefinition } from "@/lib/nodes";
import type { NodeResult, NodeServices, StepNodeDefinition } from "@/lib/nodes/types";
import { isCodePath } from "@/lib/document/code-fields";
import { pathMatcher, resolveTemplates, type ExpressionScope } from "@/lib/document/expressions";
import { configIssues } from "@/lib/document/schema";

export const services: NodeServices = unavailableServices({ transforms: transformServices });

export function scopeWith(input: unknown, extra: Partial<ExpressionScope> = {}): ExpressionScope {
  return { trigger: extra.trigger ?? {}, steps: extra.steps ?? {}, run: { id: "run_1", workflowId: "wf_1", attempt: 0 }, input };
}

/**
 * Executes a node type the way a run does: `{{ }}` templates evaluated (JSONata and code fields
 * left raw), the config parsed by the type's schema, then `execute` with the real services.
 */
export async function runNode(type: string, config: Record<string, unknown>, scope: ExpressionScope, signal = new AbortController().signal): Promise<NodeResult> {
  const definition = getNodeDefinition(type) as StepNodeDefinition | undefined;
  if (!definition) throw new Error(`unknown node type ${type}`);
  const isJsonata = pathMatcher(definition.jsonataFields);
  const resolved = await resolveTemplates(config, scope, (path) => isJsonata(path) || isCodePath(type, path));
  const parsed = definition.config.parse(resolved);
  return definition.execute({ nodeId: "node", config: parsed, scope, parents: {}, signal, services });
}

/** The output of a node run on `input`. */
export async function outputOf(type: string, config: Record<string, unknown>, input: unknown, extra: Partial<ExpressionScope> = {}): Promise<unknown> {
  return (await runNode(type, config, scopeWith(input, extra))).output;
}

/** Config issues as `path: message` strings. */
export function issuesOf(type: string, config: Record<string, unknown>): string[] {
  return configIssues(type, config).map((i) => `${i.path.join(".")}: ${i.message}`);
}

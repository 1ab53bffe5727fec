"use client";

import { useQueries } from "@tanstack/react-query";
import { useMemo } from "react";
import { operationQuery } from "@/components/apis/api-queries";
import type { WorkflowNode } from "@/lib/document/schema";
import type { OutputShapes } from "@/lib/editor/completions";
import { nodeDefinitionOf } from "@/lib/nodes";
import { exampleOf } from "@/lib/openapi/example";
import { API_OPERATION_TYPE } from "@/lib/openapi/model";
import { pageItems } from "@/lib/openapi/paging";

type ShapedNode = Pick<WorkflowNode, "id" | "type" | "typeVersion" | "config">;

/**
 * Example outputs by node id, what autocomplete offers for `steps.<id>.` (and `trigger.`) before a
 * run: a node type's declared example (an app action's documented answer, through the node's
 * config) and an imported API operation's response schema. The result keeps its identity while the
 * examples do not change, so canvas edits do not re-render what reads it.
 */
export function useOutputShapes(nodes: readonly ShapedNode[]): OutputShapes {
  const operations = nodes.flatMap((node) => {
    const { api, operation, allPages } = node.config as { api?: unknown; operation?: unknown; allPages?: unknown };
    return node.type === API_OPERATION_TYPE && typeof api === "string" && api && typeof operation === "string" && operation ? [{ id: node.id, api, operation, allPages: allPages === true }] : [];
  });
  const results = useQueries({ queries: operations.map(({ api, operation }) => operationQuery(api, operation)) });
  const imported = operations.flatMap((o, i) => {
    const operation = results[i].data?.operation;
    if (!operation?.output) return [];
    const example = exampleOf(operation.output);
    // "All pages" outputs the items of every page as one list.
    return [[o.id, o.allPages && operation.paging ? pageItems(operation.paging, example) : example] as const];
  });
  const declared = useMemo(() => declaredExamples(nodes), [nodes]);
  const shapes: OutputShapes = { ...declared, steps: { ...declared.steps, ...Object.fromEntries(imported) } };
  const key = JSON.stringify(shapes);
  // Recomputed only when an example changes, not on every canvas edit.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => shapes, [key]);
}

function declaredExamples(nodes: readonly ShapedNode[]): OutputShapes {
  const shapes: OutputShapes = { steps: {} };
  for (const node of nodes) {
    const definition = nodeDefinitionOf(node);
    if (!definition?.outputExample) continue;
    const config = definition.config.safeParse(node.config);
    // A half-filled form still gets an example, from its values over the defaults.
    const example = definition.outputExample(config.success ? config.data : { ...(definition.defaults as object), ...(node.config as object) });
    if (definition.category === "trigger") shapes.trigger = example;
    else shapes.steps[node.id] = example;
  }
  return shapes;
}

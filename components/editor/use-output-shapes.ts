"use client";

import { useQueries } from "@tanstack/react-query";
import { useMemo } from "react";
import { operationQuery } from "@/components/apis/api-queries";
import type { WorkflowNode } from "@/lib/document/schema";
import { exampleOf } from "@/lib/openapi/example";
import { API_OPERATION_TYPE } from "@/lib/openapi/model";

/** Example outputs of the workflow's imported-API nodes, from their operations' response schemas: what autocomplete offers for `steps.<id>.` before a run. */
export function useOutputShapes(nodes: readonly Pick<WorkflowNode, "id" | "type" | "config">[]): Record<string, unknown> {
  const operations = nodes.flatMap((node) => {
    const { api, operation } = node.config as { api?: unknown; operation?: unknown };
    return node.type === API_OPERATION_TYPE && typeof api === "string" && api && typeof operation === "string" && operation ? [{ id: node.id, api, operation }] : [];
  });
  const results = useQueries({ queries: operations.map(({ api, operation }) => operationQuery(api, operation)) });
  const schemas = results.map((result) => result.data?.operation.output);
  const key = JSON.stringify(operations.map((o, i) => [o.id, schemas[i] ? 1 : 0]));
  // Recomputed only when a node's operation or a loaded schema changes, not on every canvas edit.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => Object.fromEntries(operations.flatMap((o, i) => (schemas[i] ? [[o.id, exampleOf(schemas[i])]] : []))), [key]);
}

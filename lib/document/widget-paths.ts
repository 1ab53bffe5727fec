import { z } from "zod";
import { getNodeDefinition, type NodeDefinition } from "@/lib/nodes";
import type { FieldWidget } from "@/lib/nodes/types";
import type { ConfigPath } from "./expressions";

type JsonSchema = { widget?: string; properties?: Record<string, JsonSchema>; items?: JsonSchema; anyOf?: JsonSchema[] };

const cache = new WeakMap<NodeDefinition, Map<FieldWidget, string[][]>>();

/** Paths of the config fields of a node type marked `.meta({ widget })`; `*` stands for an array index. */
export function widgetPaths(definition: NodeDefinition, widget: FieldWidget): string[][] {
  let byWidget = cache.get(definition);
  if (!byWidget) cache.set(definition, (byWidget = new Map<FieldWidget, string[][]>()));
  let paths = byWidget.get(widget);
  if (!paths) {
    paths = [];
    collect(z.toJSONSchema(definition.config, { io: "input", unrepresentable: "any" }) as JsonSchema, widget, [], paths);
    byWidget.set(widget, paths);
  }
  return paths;
}

function collect(schema: JsonSchema, widget: FieldWidget, at: string[], out: string[][]) {
  if (schema.widget === widget) out.push(at);
  for (const [key, child] of Object.entries(schema.properties ?? {})) collect(child, widget, [...at, key], out);
  if (schema.items) collect(schema.items, widget, [...at, "*"], out);
  for (const option of schema.anyOf ?? []) collect(option, widget, at, out);
}

/** Whether `path` in a config of node `type` is a field marked with `widget`. */
export function isWidgetPath(type: string, widget: FieldWidget, path: ConfigPath): boolean {
  const definition = getNodeDefinition(type);
  return !!definition && widgetPaths(definition, widget).some((p) => p.length === path.length && p.every((part, i) => part === "*" || part === String(path[i])));
}

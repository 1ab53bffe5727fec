import type { ApiSchema } from "./model";

/**
 * A value of the shape a response schema describes (empty text, 0, false, one list item), so the
 * editor can offer an imported operation's output fields in autocomplete before it has run.
 * Bounded by the stored schema's own depth.
 */
export function exampleOf(schema: ApiSchema): unknown {
  if (schema.properties) return Object.fromEntries(Object.entries(schema.properties).map(([key, property]) => [key, exampleOf(property)]));
  switch (schema.type) {
    case "array":
      return schema.items ? [exampleOf(schema.items)] : [];
    case "object":
      return {};
    case "integer":
    case "number":
      return 0;
    case "boolean":
      return false;
    case "string":
      return schema.enum?.find((v) => typeof v === "string") ?? "";
    default:
      return null;
  }
}

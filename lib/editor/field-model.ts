import { z } from "zod";
import type { FieldWidget } from "@/lib/nodes/types";

/** How a config field is edited; derived from the node type's zod schema, never written per node type. */
export type FieldKind = "text" | "textarea" | "jsonata" | "json" | "keyvalue" | "duration" | "code" | "enum" | "boolean" | "number" | "list" | "secret" | "cron" | "multiselect" | "group" | "connection";

export interface ConfigField {
  key: string;
  label: string;
  description?: string;
  required: boolean;
  kind: FieldKind;
  /** Choices of an enum field. */
  options?: string[];
  /** What the form shows for a choice, when it is not the value itself (e.g. "is greater than" for "greaterThan"). */
  optionLabels?: Record<string, string>;
  integer?: boolean;
  minimum?: number;
  maximum?: number;
  defaultValue?: unknown;
  /** Shown in an empty input instead of the default value, e.g. "Unlimited". */
  placeholder?: string;
  /** Whether the text may hold `{{ expression }}` templates; false when its pattern refuses them. */
  expressions?: boolean;
  /** A list of objects: the fields of each item. */
  itemFields?: ConfigField[];
  /** A list of values: the control of each item. */
  item?: ConfigField;
  minItems?: number;
  maxItems?: number;
  /** An object with known fields: its fields, edited together under the field's title. */
  fields?: ConfigField[];
  /** Shown only while sibling fields hold one of these values, e.g. `{ scheme: ["hmac"] }`. */
  showWhen?: Record<string, string[]>;
  /** A connection picker: the connection types it offers. */
  connectionTypes?: string[];
  /** A connection picker of an app connector's node: the connector's id, for "New connection". */
  app?: string;
}

export type JsonSchema = {
  type?: string | string[];
  title?: string;
  description?: string;
  widget?: FieldWidget;
  enum?: unknown[];
  optionLabels?: Record<string, string>;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  placeholder?: string;
  showWhen?: Record<string, string[]>;
  connectionTypes?: string[];
  app?: string;
};

const WIDGET_KINDS: Partial<Record<FieldWidget, FieldKind>> = {
  textarea: "textarea",
  jsonata: "jsonata",
  json: "json",
  keyvalue: "keyvalue",
  duration: "duration",
  code: "code",
  text: "text",
  secret: "secret",
  cron: "cron",
  multiselect: "multiselect",
  connection: "connection",
};

const cache = new WeakMap<z.ZodType, ConfigField[]>();

/**
 * The fields of a config schema, in declaration order. Titles, descriptions and widgets come
 * from `.meta()`; fields with a default are optional on input, so they are not marked required.
 */
export function configFields(schema: z.ZodType): ConfigField[] {
  const cached = cache.get(schema);
  if (cached) return cached;
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  const fields = objectFields(json);
  cache.set(schema, fields);
  return fields;
}

/** The fields of an object JSON Schema built at run time (an imported API operation's parameters and body, lib/openapi/form.ts). */
export function jsonSchemaFields(schema: JsonSchema): ConfigField[] {
  return objectFields(schema);
}

function objectFields(schema: JsonSchema): ConfigField[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([key, property]) => toField(key, property, required.has(key)));
}

function toField(key: string, raw: JsonSchema, required: boolean): ConfigField {
  const property = withoutNull(raw);
  const field: ConfigField = {
    key,
    label: property.title ?? raw.title ?? humanize(key),
    required,
    kind: kindOf(property),
  };
  const description = property.description ?? raw.description;
  if (description) field.description = description;
  if (property.enum) field.options = property.enum.map(String);
  const optionLabels = property.optionLabels ?? raw.optionLabels;
  if (optionLabels) field.optionLabels = optionLabels;
  if (property.type === "integer") field.integer = true;
  if (property.minimum !== undefined) field.minimum = property.minimum;
  if (property.maximum !== undefined) field.maximum = property.maximum;
  if (property.default !== undefined) field.defaultValue = property.default;
  if (property.type === "string" && property.pattern && !allowsTemplates(property.pattern)) field.expressions = false;
  const placeholder = property.placeholder ?? raw.placeholder;
  if (placeholder) field.placeholder = placeholder;
  const showWhen = property.showWhen ?? raw.showWhen;
  if (showWhen) field.showWhen = showWhen;
  if (field.kind === "group") field.fields = objectFields(property);
  if (field.kind === "multiselect") field.options = (withoutNull(property.items ?? {}).enum ?? []).map(String);
  if (field.kind === "connection") {
    field.connectionTypes = property.connectionTypes ?? raw.connectionTypes ?? [];
    const app = property.app ?? raw.app;
    if (app) field.app = app;
  }
  if (field.kind === "list") {
    const items = withoutNull(property.items ?? {});
    if (isObjectWithFields(items)) field.itemFields = objectFields(items);
    else field.item = toField(key, { ...items, title: items.title ?? singularLabel(field.label) }, true);
    if (property.minItems !== undefined) field.minItems = property.minItems;
    if (property.maxItems !== undefined) field.maxItems = property.maxItems;
  }
  return field;
}

function allowsTemplates(pattern: string): boolean {
  try {
    return new RegExp(pattern, "u").test("{{x}}");
  } catch {
    return true;
  }
}

/** A nullable field is `anyOf: [X, null]`; the form edits X. */
function withoutNull(schema: JsonSchema): JsonSchema {
  const options = (schema.anyOf ?? schema.oneOf)?.filter((s) => s.type !== "null");
  return options?.length === 1
    ? { ...options[0], title: schema.title ?? options[0].title, description: schema.description ?? options[0].description, widget: schema.widget ?? options[0].widget, showWhen: schema.showWhen ?? options[0].showWhen, placeholder: schema.placeholder ?? options[0].placeholder }
    : schema;
}

function kindOf(schema: JsonSchema): FieldKind {
  const byWidget = schema.widget && WIDGET_KINDS[schema.widget];
  if (byWidget) return byWidget;
  if (schema.enum) return "enum";
  switch (schema.type) {
    case "boolean":
      return "boolean";
    case "number":
    case "integer":
      return "number";
    case "string":
      return "text";
    case "object":
      return isStringRecord(schema) ? "keyvalue" : isObjectWithFields(schema) ? "group" : "json";
    case "array":
      return isListItem(withoutNull(schema.items ?? {})) ? "list" : "json";
    default:
      return "json";
  }
}

/** Lists are edited item by item when each item is an object with known fields or a single value. */
function isListItem(items: JsonSchema): boolean {
  if (isObjectWithFields(items)) return true;
  const kind = kindOf(items);
  return kind !== "json" && kind !== "keyvalue" && kind !== "list" && kind !== "group";
}

function isObjectWithFields(schema: JsonSchema): boolean {
  return schema.type === "object" && !!schema.properties && Object.keys(schema.properties).length > 0;
}

function isStringRecord(schema: JsonSchema): boolean {
  const values = schema.additionalProperties;
  return !schema.properties && typeof values === "object" && values.type === "string";
}

/** Whether a field applies given the values of its siblings (its `showWhen`, defaults included). */
export function isFieldShown(field: ConfigField, siblings: readonly ConfigField[], values: Record<string, unknown> | undefined): boolean {
  if (!field.showWhen) return true;
  return Object.entries(field.showWhen).every(([key, allowed]) => {
    const value = values?.[key] ?? siblings.find((f) => f.key === key)?.defaultValue;
    return allowed.includes(String(value));
  });
}

/** The value a list's "Add" button appends: defaults where the schema has them, else an empty value. */
export function newListItem(field: ConfigField): unknown {
  if (field.itemFields) {
    const entries = field.itemFields.map((f) => [f.key, emptyValue(f)] as const).filter(([, value]) => value !== undefined);
    return Object.fromEntries(entries);
  }
  return field.item ? (emptyValue(field.item) ?? "") : "";
}

function emptyValue(field: ConfigField): unknown {
  if (field.defaultValue !== undefined) return structuredClone(field.defaultValue);
  if (!field.required) return undefined;
  switch (field.kind) {
    case "number":
      return field.minimum ?? 0;
    case "boolean":
      return false;
    case "enum":
      return field.options?.[0];
    case "list":
      return [];
    case "json":
    case "keyvalue":
      return undefined;
    default:
      return "";
  }
}

/** "Cases" → "Case", "Query parameters" → "Query parameter", "Entries" → "Entry". */
export function singularLabel(label: string): string {
  if (/ies$/i.test(label)) return `${label.slice(0, -3)}y`;
  if (/[^s]s$/i.test(label)) return label.slice(0, -1);
  return label;
}

/** "timeoutMs" → "Timeout ms", "retry_count" → "Retry count". */
export function humanize(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

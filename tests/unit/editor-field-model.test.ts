import { describe, expect, it } from "vitest";
import { z } from "zod";
import { configFields, humanize, newListItem, singularLabel } from "@/lib/editor/field-model";
import { getNodeDefinition, nodeDefinitions } from "@/lib/nodes";

describe("configFields", () => {
  it("derives the HTTP request form from its schema", () => {
    const fields = configFields(getNodeDefinition("action.http")!.config);
    expect(fields.map((f) => [f.key, f.kind])).toEqual([
      ["method", "enum"],
      ["url", "text"],
      ["connectionId", "connection"],
      ["headers", "keyvalue"],
      ["query", "keyvalue"],
      ["bodyType", "enum"],
      ["body", "json"],
      ["contentType", "text"],
      ["responseType", "enum"],
      ["pagination", "group"],
      ["idempotencyKey", "boolean"],
      ["failOnErrorStatus", "boolean"],
      ["timeoutMs", "number"],
      ["circuitFallback", "boolean"],
    ]);
    const byKey = Object.fromEntries(fields.map((f) => [f.key, f]));
    expect(byKey.method).toMatchObject({ label: "Method", options: ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"], required: false, defaultValue: "GET" });
    expect(byKey.url).toMatchObject({ label: "URL", required: true });
    expect(byKey.body.description).toMatch(/^Sent as JSON; \{\{ expressions \}\} may stand for values.*For form bodies an object of fields, for raw bodies a text\.$/);
    expect(byKey.connectionId).toMatchObject({ required: false, connectionTypes: ["apiKey", "bearer", "basic", "oauth2", "hmac"] });
    expect(byKey.timeoutMs).toMatchObject({ integer: true, minimum: 100, maximum: 300_000 });
  });

  it("reads widgets through refinements", () => {
    expect(configFields(getNodeDefinition("flow.delay")!.config).map((f) => [f.key, f.kind])).toEqual([
      ["duration", "duration"],
      ["until", "text"],
    ]);
    expect(configFields(getNodeDefinition("transform.map")!.config)[0]).toMatchObject({ kind: "jsonata", required: true });
  });

  it("builds a form for any schema, with humanised labels and JSON as the fallback", () => {
    const fields = configFields(
      z.object({
        retryCount: z.number(),
        tags: z.array(z.string()).optional(),
        mode: z.enum(["a", "b"]).nullable(),
        labels: z.record(z.string(), z.string()),
      }),
    );
    expect(fields.map((f) => [f.label, f.kind, f.required])).toEqual([
      ["Retry count", "number", true],
      ["Tags", "list", false],
      ["Mode", "enum", true],
      ["Labels", "keyvalue", true],
    ]);
    expect(fields[1].item).toMatchObject({ label: "Tag", kind: "text", required: true });
  });

  it("edits lists of objects item by item: the switch's cases", () => {
    const [cases, mode] = configFields(getNodeDefinition("flow.switch")!.config);
    expect(cases).toMatchObject({ key: "cases", label: "Cases", kind: "list", required: true, minItems: 1, maxItems: 20, description: "Checked in order; conditions are JSONata." });
    expect(cases.itemFields?.map((f) => [f.key, f.label, f.kind, f.required])).toEqual([
      ["output", "Output", "text", true],
      ["condition", "Condition", "jsonata", true],
    ]);
    // An output name's pattern refuses {{ }}, so its input does not offer expressions.
    expect(cases.itemFields?.[0].expressions).toBe(false);
    expect(cases.itemFields?.[1].expressions).toBeUndefined();
    expect(mode).toMatchObject({ key: "mode", kind: "enum", options: ["first", "all"], defaultValue: "first" });
    expect(newListItem(cases)).toEqual({ output: "", condition: "" });
  });

  it("keeps JSON for lists it cannot edit item by item", () => {
    const fields = configFields(z.object({ matrix: z.array(z.array(z.number())), anything: z.array(z.unknown()) }));
    expect(fields.map((f) => f.kind)).toEqual(["json", "json"]);
  });

  it("starts new items from the item schema's defaults", () => {
    const [list, numbers] = configFields(
      z.object({
        rules: z.array(z.object({ name: z.string(), weight: z.number().min(1), on: z.boolean(), kind: z.enum(["a", "b"]).default("b"), note: z.string().optional() })),
        numbers: z.array(z.number()),
      }),
    );
    expect(newListItem(list)).toEqual({ name: "", weight: 1, on: false, kind: "b" });
    expect(newListItem(numbers)).toBe(0);
  });

  it("handles every registered node type", () => {
    for (const definition of nodeDefinitions) expect(() => configFields(definition.config)).not.toThrow();
  });
});

describe("singularLabel", () => {
  it("names one item of a list", () => {
    expect(singularLabel("Cases")).toBe("Case");
    expect(singularLabel("Query parameters")).toBe("Query parameter");
    expect(singularLabel("Entries")).toBe("Entry");
    expect(singularLabel("Address")).toBe("Address");
  });
});

describe("humanize", () => {
  it("turns keys into labels", () => {
    expect(humanize("timeoutMs")).toBe("Timeout ms");
    expect(humanize("retry_count")).toBe("Retry count");
    expect(humanize("url")).toBe("Url");
  });
});

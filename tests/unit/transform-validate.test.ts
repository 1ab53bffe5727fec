import { describe, expect, it } from "vitest";
import { getNodeDefinition, outputsOf } from "@/lib/nodes";
import { NodeError } from "@/lib/nodes/errors";
import { issuesOf, runNode, scopeWith } from "../support/transforms";

const schema = {
  type: "object",
  required: ["email", "items"],
  additionalProperties: false,
  properties: {
    email: { type: "string", format: "email" },
    plan: { enum: ["free", "pro"] },
    items: { type: "array", items: { type: "object", required: ["sku"], properties: { sku: { type: "string" }, qty: { type: "integer", minimum: 1 } } } },
    at: { type: "string", format: "date-time" },
  },
};

const validate = (data: unknown, s: unknown = schema) => runNode("transform.validate", { schema: s }, scopeWith(data));

describe("transform.validate", () => {
  it("has a valid (first) and an invalid output", () => {
    expect(outputsOf(getNodeDefinition("transform.validate")!).map((o) => o.id)).toEqual(["valid", "invalid"]);
  });

  it("passes valid data on unchanged along valid", async () => {
    const data = { email: "ada@example.com", plan: "pro", items: [{ sku: "A", qty: 2 }], at: "2024-05-01T10:00:00Z" };
    expect(await validate(data)).toEqual({ output: data, branch: "valid" });
  });

  it("sends invalid data along invalid with every error as a dotted path and a readable message", async () => {
    const data = { email: "nope", plan: "gold", items: [{ qty: 0 }], at: "yesterday", extra: 1 };
    const result = await validate(data);
    expect(result.branch).toBe("invalid");
    expect(result.output).toEqual({
      data,
      errors: expect.arrayContaining([
        { path: "extra", message: "is not allowed" },
        { path: "email", message: 'must match format "email"' },
        { path: "plan", message: 'must be one of "free", "pro"' },
        { path: "items.0.sku", message: "is required" },
        { path: "items.0.qty", message: "must be >= 1" },
        { path: "at", message: 'must match format "date-time"' },
      ]),
    });
    expect((result.output as { errors: unknown[] }).errors).toHaveLength(6);
  });

  it("reports a missing top-level field and a wrong type of the whole data", async () => {
    expect((await validate({ items: [] })).output).toMatchObject({ errors: [{ path: "email", message: "is required" }] });
    expect((await validate([1])).output).toMatchObject({ errors: [{ path: "", message: "must be object" }] });
  });

  it("follows the 2020-12 dialect when $schema names it", async () => {
    const tuple = { $schema: "https://json-schema.org/draft/2020-12/schema", type: "array", prefixItems: [{ type: "string" }, { type: "number" }], items: false };
    expect((await validate(["a", 1], tuple)).branch).toBe("valid");
    expect((await validate(["a", 1, true], tuple)).branch).toBe("invalid");
  });

  it("checks the data JSONata picks", async () => {
    const result = await runNode("transform.validate", { data: "trigger.body", schema: { type: "object", required: ["id"] } }, scopeWith(null, { trigger: { body: { id: 1 } } }));
    expect(result).toEqual({ output: { id: 1 }, branch: "valid" });
  });

  it("fails without retrying when the schema itself is broken", async () => {
    const error = await validate({}, { type: "no-such-type" }).catch((e) => e);
    expect(error).toBeInstanceOf(NodeError);
    expect((error as NodeError).retriable).toBe(false);
    expect((error as Error).message).toMatch(/^The JSON Schema is not valid: /);
  });

  it("needs a schema object", () => {
    expect(issuesOf("transform.validate", { data: "input" })).toEqual(["schema: Enter a JSON Schema (a JSON object)"]);
    expect(issuesOf("transform.validate", { schema: { type: "object" } })).toEqual([]);
  });
});

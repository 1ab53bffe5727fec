import { describe, expect, it } from "vitest";
import { NodeError } from "@/lib/nodes/errors";
import { issuesOf, outputOf } from "../support/transforms";

const customer = { name: "Ada", email: "ada@example.com", address: { city: "Paris", zip: "75001" }, tags: ["a", "b", "c"], internal: { score: 7 } };

describe("transform.set", () => {
  it("sets, renames and removes fields in order, on a copy of the input", async () => {
    const input = structuredClone(customer);
    const output = await outputOf(
      "transform.set",
      {
        changes: [
          { op: "set", field: "status", value: "active" },
          { op: "set", field: "address.country", value: "FR" },
          { op: "rename", field: "email", to: "contact.email" },
          { op: "remove", field: "internal" },
          { op: "remove", field: "tags.1" },
          { op: "set", field: "tags[0]", value: "first" },
        ],
      },
      input,
    );
    expect(output).toEqual({ name: "Ada", address: { city: "Paris", zip: "75001", country: "FR" }, tags: ["first", "c"], status: "active", contact: { email: "ada@example.com" } });
    expect(input).toEqual(customer);
  });

  it("keeps the type of a value that is exactly one expression, and splices expressions into text", async () => {
    const output = await outputOf(
      "transform.set",
      {
        from: "{}",
        changes: [
          { op: "set", field: "count", value: "{{ $count(input.tags) }}" },
          { op: "set", field: "tags", value: "{{ input.tags }}" },
          { op: "set", field: "greeting", value: "Hello {{ input.name }} from {{ trigger.source }}" },
          { op: "set", field: "empty" },
        ],
      },
      customer,
      { trigger: { source: "web" } },
    );
    expect(output).toEqual({ count: 3, tags: ["a", "b", "c"], greeting: "Hello Ada from web", empty: "" });
  });

  it("starts from any object given by JSONata, or an empty object when it gives nothing", async () => {
    expect(await outputOf("transform.set", { from: "trigger.body", changes: [{ op: "set", field: "seen", value: "{{ true }}" }] }, null, { trigger: { body: { id: 1 } } })).toEqual({ id: 1, seen: true });
    expect(await outputOf("transform.set", { from: "input.missing", changes: [{ op: "set", field: "a.b", value: "x" }] }, {})).toEqual({ a: { b: "x" } });
  });

  it("leaves data alone when renaming or removing a field that is not there", async () => {
    expect(await outputOf("transform.set", { changes: [{ op: "rename", field: "nope", to: "other" }, { op: "remove", field: "also.not" }] }, { a: 1 })).toEqual({ a: 1 });
  });

  it("renames across levels and replaces a non-object in the way", async () => {
    expect(await outputOf("transform.set", { changes: [{ op: "rename", field: "address.city", to: "city" }, { op: "set", field: "name.first", value: "Ada" }] }, customer)).toMatchObject({
      city: "Paris",
      address: { zip: "75001" },
      name: { first: "Ada" },
    });
  });

  it("refuses data that is not an object or list, and prototype keys", async () => {
    await expect(outputOf("transform.set", { from: "'text'", changes: [{ op: "set", field: "a", value: "b" }] }, {})).rejects.toThrow(/gave text/);
    const error = await outputOf("transform.set", { changes: [{ op: "set", field: "__proto__.polluted", value: "yes" }] }, {}).catch((e) => e);
    expect(error).toBeInstanceOf(NodeError);
    expect((error as NodeError).retriable).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("reports config problems on the field they are about", () => {
    expect(issuesOf("transform.set", { changes: [{ op: "rename", field: "a" }] })).toEqual(["changes.0.to: Enter the new name"]);
    expect(issuesOf("transform.set", { changes: [{ op: "set", field: "a..b" }] })).toEqual(["changes.0.field: Use a field name or a dotted path such as customer.email"]);
    expect(issuesOf("transform.set", { changes: [] })).toEqual(["changes: Add at least one change"]);
    expect(issuesOf("transform.set", { from: "input.(", changes: [{ op: "remove", field: "a" }] })[0]).toMatch(/^from: /);
  });
});

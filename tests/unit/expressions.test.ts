import { describe, expect, it } from "vitest";
import { expressionSyntaxError, parseTemplate, pathMatcher, renderTemplate, resolveTemplates, templateSyntaxError, type ExpressionScope } from "@/lib/document/expressions";

const scope: ExpressionScope = {
  trigger: { body: { order: { id: 42, items: [{ sku: "a", qty: 2 }, { sku: "b", qty: 1 }] } } },
  steps: { shape: { total: 99.5, tags: ["vip"] } },
  run: { id: "run_1", workflowId: "wf_1", attempt: 0 },
  input: { ok: true },
};

describe("expressions", () => {
  it("keeps the type of a value when the whole string is one expression", async () => {
    expect(await renderTemplate("{{ trigger.body.order.id }}", scope)).toBe(42);
    expect(await renderTemplate("{{ steps.shape.tags }}", scope)).toEqual(["vip"]);
    expect(await renderTemplate("{{ $sum(trigger.body.order.items.qty) }}", scope)).toBe(3);
    expect(await renderTemplate("{{ missing.field }}", scope)).toBeNull();
  });

  it("splices values into text", async () => {
    expect(await renderTemplate("Order {{ trigger.body.order.id }} for run {{ run.id }}", scope)).toBe("Order 42 for run run_1");
    expect(await renderTemplate("tags={{ steps.shape.tags }} none={{ nothing }}", scope)).toBe('tags=["vip"] none=');
    expect(await renderTemplate("plain text", scope)).toBe("plain text");
  });

  it("handles braces inside expressions (object constructors, strings)", () => {
    expect(parseTemplate('{{ {"a": {"b": 1}} }}')).toEqual([{ kind: "expression", source: '{"a": {"b": 1}}', start: 0 }]);
    expect(parseTemplate('x {{ "}}" & "y" }} z').map((p) => p.kind)).toEqual(["text", "expression", "text"]);
  });

  it("walks objects and arrays, leaving raw JSONata fields alone", async () => {
    const config = { url: "https://x.test/{{ trigger.body.order.id }}", body: { id: "{{ trigger.body.order.id }}", list: ["{{ input.ok }}"] }, expression: "{{ not evaluated }}" };
    expect(await resolveTemplates(config, scope, pathMatcher(["expression"]))).toEqual({
      url: "https://x.test/42",
      body: { id: 42, list: [true] },
      expression: "{{ not evaluated }}",
    });
  });

  it("matches config paths with wildcards", () => {
    const isRaw = pathMatcher(["expression", "cases.*.condition"]);
    expect(isRaw(["expression"])).toBe(true);
    expect(isRaw(["cases", 3, "condition"])).toBe(true);
    expect(isRaw(["cases", 3, "output"])).toBe(false);
    expect(isRaw(["cases"])).toBe(false);
  });

  it("reports syntax errors with the expression", () => {
    expect(templateSyntaxError("ok {{ trigger.x }}")).toBeNull();
    expect(templateSyntaxError("bad {{ trigger.( }}")).toMatch(/^\{\{ trigger\.\( \}\}: /);
  });

  it("reports evaluation errors naming the expression", async () => {
    await expect(renderTemplate("{{ $number('abc') }}", scope)).rejects.toThrow(/\$number\('abc'\)/);
  });

  it("gives the same syntax verdicts when checking more expressions than the compile cache holds, again", () => {
    const sources = Array.from({ length: 1500 }, (_, i) => (i % 3 === 0 ? `steps.n${i}.(` : `steps.n${i}.value + ${i}`));
    const first = sources.map(expressionSyntaxError);
    expect(first.filter((e) => e === null)).toHaveLength(1000);
    expect(first[0]).toMatch(/\S/);
    expect(sources.map(expressionSyntaxError)).toEqual(first);
    expect(expressionSyntaxError("  ")).toBe("Expression is empty");
  });
});

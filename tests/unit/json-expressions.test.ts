import { describe, expect, it } from "vitest";
import { resolveTemplates, type ExpressionScope } from "@/lib/document/expressions";
import { formatJsonWithExpressions, INVALID_JSON_KEY, invalidJsonText, jsonFieldValue, parseJsonWithExpressions } from "@/lib/document/json-expressions";
import { configIssues } from "@/lib/document/schema";
import { getNodeDefinition } from "@/lib/nodes";
import type { NodeServices, StepNodeDefinition } from "@/lib/nodes/types";
import { unavailableServices } from "../support/node-services";

const scope: ExpressionScope = {
  trigger: { body: { count: 3, name: "Ada" } },
  steps: { set_1: { id: "ord_7", total: 12.5, tags: ["a"] } },
  run: { id: "run_1", workflowId: "wf_1", attempt: 0 },
  input: {},
};

const ok = (text: string) => {
  const parsed = parseJsonWithExpressions(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
};

describe("JSON with expressions: parsing", () => {
  it("parses plain JSON exactly as JSON.parse does", () => {
    for (const text of ['{"a": [1, 2.5e3, -0, true, false, null], "b": "x\\n\\u00e9"}', "[]", '"text"', "42", "null", '{"__proto__": 1}']) {
      expect(ok(text)).toEqual(JSON.parse(text));
    }
  });

  it("takes a whole-value expression as the string that evaluates to it", () => {
    expect(ok("{{ steps.set_1 }}")).toBe("{{ steps.set_1 }}");
    expect(ok("  {{ steps.set_1 }}\n")).toBe("{{ steps.set_1 }}");
    expect(ok('{{ {"a": {"b": 1}} }}')).toBe('{{ {"a": {"b": 1}} }}');
  });

  it("takes bare expressions where values go, and keeps expressions inside strings", () => {
    expect(ok('{"id": "{{ steps.set_1.id }}", "n": {{ trigger.body.count }} }')).toEqual({ id: "{{ steps.set_1.id }}", n: "{{ trigger.body.count }}" });
    expect(ok('[{{ a }}, {"deep": [{{ $join(["x", "}}"], ",") }}]}, "Hi {{ trigger.body.name }}"]')).toEqual([
      "{{ a }}",
      { deep: ['{{ $join(["x", "}}"], ",") }}'] },
      "Hi {{ trigger.body.name }}",
    ]);
  });

  it("reports real JSON errors with the line and column", () => {
    expect(parseJsonWithExpressions('{\n  "a": 1\n  "b": 2\n}')).toEqual({ ok: false, error: 'Not valid JSON: expected "," or "}" after a property, found “"” (line 3, column 3)' });
    expect(parseJsonWithExpressions('{"a": {{ x }')).toEqual({ ok: false, error: "Not valid JSON: the expression opened here has no closing }} (line 1, column 7)" });
    expect(parseJsonWithExpressions("{{ a }} tail")).toEqual({ ok: false, error: "Not valid JSON: unexpected “tail” after the value (line 1, column 9)" });
    expect(parseJsonWithExpressions("{ key: 1 }")).toEqual({ ok: false, error: "Not valid JSON: expected a property name in double quotes, found “key” (line 1, column 3)" });
    expect(parseJsonWithExpressions("[1, 2,]").ok).toBe(false);
    expect(parseJsonWithExpressions('{"a": "open').ok).toBe(false);
    expect(parseJsonWithExpressions('{"a": 01}').ok).toBe(false);
    expect(parseJsonWithExpressions("{{ x }} {{ y }}").ok).toBe(false);
  });

  it("keeps text that does not parse in a marker, and nothing else", () => {
    expect(jsonFieldValue('{"a": 1')).toEqual({ [INVALID_JSON_KEY]: '{"a": 1' });
    expect(invalidJsonText(jsonFieldValue('{"a": 1'))).toBe('{"a": 1');
    expect(jsonFieldValue('{"a": {{ x }} }')).toEqual({ a: "{{ x }}" });
    expect(invalidJsonText({ [INVALID_JSON_KEY]: "x", other: 1 })).toBeNull();
  });
});

describe("JSON with expressions: formatting", () => {
  it("indents like JSON.stringify and writes whole-value expressions bare", () => {
    const value = { id: "{{ steps.set_1.id }}", n: "{{ trigger.body.count }}", text: "Hi {{ trigger.body.name }}", list: [1, {}, []], none: null };
    const text = formatJsonWithExpressions(value);
    expect(text).toBe(
      '{\n  "id": {{ steps.set_1.id }},\n  "n": {{ trigger.body.count }},\n  "text": "Hi {{ trigger.body.name }}",\n  "list": [\n    1,\n    {},\n    []\n  ],\n  "none": null\n}',
    );
    expect(ok(text)).toEqual(value);
    expect(formatJsonWithExpressions("{{ steps.set_1 }}")).toBe("{{ steps.set_1 }}");
    expect(formatJsonWithExpressions({ plain: [1, "a"] })).toBe(JSON.stringify({ plain: [1, "a"] }, null, 2));
    expect(formatJsonWithExpressions(undefined)).toBe("");
  });

  it("gives back the text of an invalid-JSON marker", () => {
    expect(formatJsonWithExpressions(jsonFieldValue('{"a": '))).toBe('{"a": ');
  });
});

describe("JSON with expressions: validation", () => {
  it("counts text that is not JSON as a problem of the field, and checks the expressions' syntax", () => {
    const base = { method: "POST", url: "https://api.test/x" };
    expect(configIssues("action.http", { ...base, body: jsonFieldValue("{{ steps.set_1 }}") })).toEqual([]);
    expect(configIssues("action.http", { ...base, body: jsonFieldValue('{"id": {{ steps.set_1.id }} }') })).toEqual([]);
    expect(configIssues("action.http", { ...base, body: jsonFieldValue('{"id": {{ steps.set_1.id ') })).toEqual([
      { path: ["body"], message: "Not valid JSON: the expression opened here has no closing }} (line 1, column 8)" },
    ]);
    expect(configIssues("action.http", { ...base, body: jsonFieldValue('{"id": {{ steps.( }} }') })).toEqual([{ path: ["body", "id"], message: expect.stringMatching(/^\{\{ steps\.\( \}\}: /) as string }]);
    // A field whose schema wants a list reports the JSON error, not that the marker is no list.
    expect(configIssues("action.postgres", { connectionId: "c", operation: "query", query: "select 1", parameters: jsonFieldValue("[1,") })).toContainEqual({
      path: ["parameters"],
      message: expect.stringMatching(/^Not valid JSON: /) as string,
    });
    expect(configIssues("action.postgres", { connectionId: "c", operation: "query", query: "select 1", parameters: jsonFieldValue("[1,") }).filter((i) => i.path[0] === "parameters")).toHaveLength(1);
    // A marker written around valid text is still a problem (it would be sent as it is).
    expect(configIssues("action.http", { ...base, body: { [INVALID_JSON_KEY]: "{}" } })).toHaveLength(1);
  });
});

describe("JSON with expressions: evaluation", () => {
  it("evaluates to the JSON the expressions stand for", async () => {
    expect(await resolveTemplates(ok('{"id": "{{ steps.set_1.id }}", "n": {{ trigger.body.count }}, "who": "Hi {{ trigger.body.name }}" }'), scope)).toEqual({
      id: "ord_7",
      n: 3,
      who: "Hi Ada",
    });
    expect(await resolveTemplates(ok("{{ steps.set_1 }}"), scope)).toEqual({ id: "ord_7", total: 12.5, tags: ["a"] });
  });

  it("sends the evaluated JSON as an HTTP request body; stored bodies without expressions are sent as before", async () => {
    const bodies: unknown[] = [];
    const services: NodeServices = unavailableServices({
      async fetch(_url, init) {
        bodies.push(init.body);
        return Response.json({ ok: true });
      },
    });
    const definition = getNodeDefinition("action.http") as StepNodeDefinition;
    const send = async (body: unknown) => {
      const config = definition.config.parse(await resolveTemplates({ method: "POST", url: "https://api.test/x", body }, scope));
      await definition.execute({ nodeId: "n1", config, scope, parents: {}, signal: new AbortController().signal, services });
    };
    await send(ok("{{ steps.set_1 }}"));
    await send(ok('{"id": "{{ steps.set_1.id }}", "n": {{ trigger.body.count }} }'));
    await send({ plain: true, list: [1] });
    await send('{"already":"encoded"}');
    expect(bodies).toEqual(['{"id":"ord_7","total":12.5,"tags":["a"]}', '{"id":"ord_7","n":3}', '{"plain":true,"list":[1]}', '{"already":"encoded"}']);
  });
});

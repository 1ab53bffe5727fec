import { describe, expect, it } from "vitest";
import { workflowDocumentSchema } from "@/lib/document/schema";
import { convertForeignWorkflow } from "@/lib/workflow-store/foreign";
import { translateExpression } from "@/lib/workflow-store/foreign/n8n-expressions";

/** An n8n export as n8n writes it (1.x): webhook → Edit Fields → If → HTTP Request / No Operation → Respond, a sticky note and a Slack node we have no equivalent for. */
const n8nOrderFlow = {
  name: "Order intake",
  nodes: [
    { parameters: { httpMethod: "POST", path: "orders", responseMode: "responseNode", options: {} }, id: "a1", name: "Webhook", type: "n8n-nodes-base.webhook", typeVersion: 2, position: [0, 0], webhookId: "x" },
    {
      parameters: {
        assignments: {
          assignments: [
            { id: "1", name: "orderId", value: "={{ $json.body.id }}", type: "string" },
            { id: "2", name: "total", value: "={{ $json.body.amount }}", type: "number" },
            { id: "3", name: "priority", value: 3, type: "number" },
            { id: "4", name: "source", value: "webshop", type: "string" },
          ],
        },
        options: {},
      },
      id: "a2",
      name: "Edit Fields",
      type: "n8n-nodes-base.set",
      typeVersion: 3.4,
      position: [220, 0],
    },
    {
      parameters: {
        conditions: {
          options: { caseSensitive: true, leftValue: "", typeValidation: "strict" },
          conditions: [
            { id: "c1", leftValue: "={{ $json.total }}", rightValue: 1000, operator: { type: "number", operation: "gte" } },
            { id: "c2", leftValue: "={{ $('Webhook').item.json.body.country }}", rightValue: "DE", operator: { type: "string", operation: "equals" } },
          ],
          combinator: "and",
        },
        options: {},
      },
      id: "a3",
      name: "Big order?",
      type: "n8n-nodes-base.if",
      typeVersion: 2,
      position: [440, 0],
    },
    {
      parameters: {
        method: "POST",
        url: "https://erp.example.com/orders",
        sendHeaders: true,
        headerParameters: { parameters: [{ name: "X-Order", value: "={{ $json.orderId }}" }] },
        sendBody: true,
        specifyBody: "json",
        jsonBody: '={ "id": "{{ $json.orderId }}", "total": {{ $json.total }} }',
        options: {},
      },
      id: "a4",
      name: "Send to ERP",
      type: "n8n-nodes-base.httpRequest",
      typeVersion: 4.2,
      position: [660, -100],
      onError: "continueErrorOutput",
    },
    { parameters: {}, id: "a5", name: "Nothing", type: "n8n-nodes-base.noOp", typeVersion: 1, position: [660, 100] },
    { parameters: { respondWith: "json", responseBody: '={ "ok": true, "order": "{{ $json.orderId }}" }', options: { responseCode: 201 } }, id: "a6", name: "Respond", type: "n8n-nodes-base.respondToWebhook", typeVersion: 1.1, position: [880, 0] },
    { parameters: { channel: "#sales", text: "big order" }, id: "a7", name: "Tell sales", type: "n8n-nodes-base.slack", typeVersion: 2.2, position: [880, -200], credentials: { slackApi: { id: "9", name: "Slack account" } } },
    { parameters: { content: "## Orders\nBig ones go to the ERP", height: 200, width: 300, color: 5 }, id: "a8", name: "Sticky Note", type: "n8n-nodes-base.stickyNote", typeVersion: 1, position: [0, -300] },
  ],
  connections: {
    Webhook: { main: [[{ node: "Edit Fields", type: "main", index: 0 }]] },
    "Edit Fields": { main: [[{ node: "Big order?", type: "main", index: 0 }]] },
    "Big order?": { main: [[{ node: "Send to ERP", type: "main", index: 0 }], [{ node: "Nothing", type: "main", index: 0 }]] },
    "Send to ERP": { main: [[{ node: "Respond", type: "main", index: 0 }, { node: "Tell sales", type: "main", index: 0 }], [{ node: "Respond", type: "main", index: 0 }]] },
    Nothing: { main: [[{ node: "Respond", type: "main", index: 0 }]] },
  },
  settings: { executionOrder: "v1" },
  pinData: {},
};

describe("n8n import", () => {
  const { document, report } = convertForeignWorkflow(n8nOrderFlow)!;
  const byName = (name: string) => document.nodes.find((n) => n.name === name)!;

  it("converts the nodes that map onto ours, with their settings and expressions", () => {
    expect(report.source).toBe("n8n");
    expect(byName("Webhook")).toMatchObject({ id: "webhook", type: "trigger.webhook", position: { x: 0, y: 0 }, config: { methods: ["POST"], response: { mode: "respond" } } });
    expect(byName("Edit Fields")).toMatchObject({
      type: "transform.set",
      config: {
        from: "{}",
        changes: [
          { op: "set", field: "orderId", value: "{{ input.body.id }}" },
          { op: "set", field: "total", value: "{{ input.body.amount }}" },
          { op: "set", field: "priority", value: "{{ 3 }}" },
          { op: "set", field: "source", value: "webshop" },
        ],
      },
    });
    expect(byName("Big order?")).toMatchObject({ type: "flow.if", config: { condition: '((input.total) >= 1000) and ((steps.webhook.body.country) = "DE")' } });
    expect(byName("Send to ERP")).toMatchObject({
      type: "action.http",
      settings: { onError: "branch" },
      config: { method: "POST", url: "https://erp.example.com/orders", headers: { "X-Order": "{{ input.orderId }}" }, bodyType: "json", body: { id: "{{ input.orderId }}", total: "{{ input.total }}" } },
    });
    expect(byName("Respond")).toMatchObject({ type: "action.respond", config: { status: 201, body: { ok: true, order: "{{ input.orderId }}" } } });
    expect(document.nodes.map((n) => n.name)).not.toContain("Nothing");
  });

  it("keeps n8n's outputs: If true/false, the error output, and joins through No Operation", () => {
    const edges = document.edges.map((e) => `${e.source}:${e.sourceHandle ?? ""}->${e.target}`);
    expect(edges.sort()).toEqual(["big_order:false->respond", "big_order:true->send_to_erp", "edit_fields:->big_order", "send_to_erp:->respond", "send_to_erp:error->respond", "webhook:->edit_fields"].sort());
  });

  it("names every node it leaves out and what to check, in the report and on the canvas", () => {
    expect(report.unsupported).toEqual([{ name: "Tell sales", type: "n8n-nodes-base.slack", reason: expect.stringContaining("no Switchboard node") }]);
    expect(report.review).toEqual(expect.arrayContaining([{ node: "Webhook", message: expect.stringContaining('path "orders" is not kept') }]));
    expect(report.converted.map((c) => c.name)).toEqual(["Webhook", "Edit Fields", "Big order?", "Send to ERP", "Respond"]);
    const [reportNote, sticky] = document.notes!;
    expect(reportNote.text).toContain("Not imported: **Tell sales** (n8n-nodes-base.slack)");
    expect(sticky).toMatchObject({ text: "## Orders\nBig ones go to the ERP", width: 300, height: 200, color: "blue" });
  });

  it("gives a document that publishes as it is", () => {
    const parsed = workflowDocumentSchema.safeParse(document);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  });

  it("translates schedules, switches, code and waits", () => {
    const { document: converted, report: notes } = convertForeignWorkflow({
      name: "Nightly",
      nodes: [
        { name: "Schedule", type: "n8n-nodes-base.scheduleTrigger", typeVersion: 1.2, position: [0, 0], parameters: { rule: { interval: [{ field: "weeks", triggerAtDay: [1, 5], triggerAtHour: 7, triggerAtMinute: 30 }] } } },
        {
          name: "Route",
          type: "n8n-nodes-base.switch",
          typeVersion: 3.2,
          position: [200, 0],
          parameters: {
            rules: {
              values: [
                { conditions: { conditions: [{ leftValue: "={{ $json.kind }}", rightValue: "a", operator: { type: "string", operation: "equals" } }], combinator: "and" }, renameOutput: true, outputKey: "Kind A" },
                { conditions: { conditions: [{ leftValue: "={{ $json.tags }}", rightValue: "vip", operator: { type: "array", operation: "contains" } }], combinator: "and" } },
              ],
            },
            options: { fallbackOutput: "extra" },
          },
        },
        { name: "Count", type: "n8n-nodes-base.code", typeVersion: 2, position: [400, 0], parameters: { jsCode: "return [{ json: { n: $input.all().length } }];" } },
        { name: "Pause", type: "n8n-nodes-base.wait", typeVersion: 1.1, position: [400, 200], parameters: { amount: 90, unit: "minutes" } },
        { name: "Later", type: "n8n-nodes-base.wait", typeVersion: 1.1, position: [400, 400], parameters: { resume: "webhook" } },
      ],
      connections: {
        Schedule: { main: [[{ node: "Route", type: "main", index: 0 }]] },
        Route: { main: [[{ node: "Count", type: "main", index: 0 }], [{ node: "Pause", type: "main", index: 0 }], [{ node: "Later", type: "main", index: 0 }]] },
      },
    })!;
    const node = (name: string) => converted.nodes.find((n) => n.name === name);
    expect(node("Schedule")).toMatchObject({ type: "trigger.schedule", config: { mode: "cron", cron: "30 7 * * 1,5", timezone: "UTC" } });
    expect(node("Route")).toMatchObject({ type: "flow.switch", config: { cases: [{ output: "Kind_A_0", condition: '(input.kind) = "a"' }, { output: "output_1", condition: '"vip" in (input.tags)' }], mode: "first" } });
    expect(node("Count")?.config.code).toContain("return [{ json: { n: $input.all().length } }];");
    expect(node("Pause")).toMatchObject({ type: "flow.delay", config: { duration: "90m" } });
    expect(node("Later")).toBeUndefined();
    expect(notes.unsupported).toEqual([{ name: "Later", type: "n8n-nodes-base.wait", reason: expect.stringContaining("Wait for event") }]);
    expect(converted.edges.map((e) => `${e.source}:${e.sourceHandle}->${e.target}`)).toEqual(["schedule:undefined->route", "route:Kind_A_0->count", "route:output_1->pause"]);
    const parsed = workflowDocumentSchema.safeParse(converted);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  });

  it("keeps JavaScript it cannot translate as written and reports it", () => {
    const ids = (name: string) => (name === "Get user" ? "get_user" : undefined);
    expect(translateExpression("$json.items.length > 0 && $json.ok === true", ids)).toEqual({ value: "input.items.length > 0 and input.ok = true" });
    expect(translateExpression('$node["Get user"].json["first name"]', ids)).toEqual({ value: "steps.get_user.`first name`" });
    expect(translateExpression("$json.name.toUpperCase()", ids).review).toMatch(/needs rewriting as JSONata/);
    expect(translateExpression("$('Nobody').item.json.x", ids).review).toMatch(/not in the workflow \("Nobody"\)/);
  });
});

describe("workflow-kit import", () => {
  it("converts actions of our node types, builtin:if and conditional edges, and names app-defined actions it leaves out", () => {
    const { document, report } = convertForeignWorkflow({
      name: "Review post",
      metadata: { event: "blog.updated" },
      actions: [
        { id: "check", kind: "builtin:if", name: "Is a draft?", inputs: { condition: { and: [{ "==": ["!ref($.event.data.status)", "draft"] }, { ">": ["!ref($.event.data.words)", 100] }] } } },
        { id: "notify", kind: "action.http", name: "Notify", inputs: { method: "POST", url: "https://hooks.example.com/post", body: { title: "!ref($.event.data.title)", words: "Words: !ref($.event.data.words)" } } },
        { id: "toc", kind: "add_toc", name: "Add table of contents" },
        { id: "log", kind: "transform.set", inputs: { from: "input", changes: [{ op: "set", field: "checked", value: "!ref($.state.notify.status)" }] } },
      ],
      edges: [
        { from: "$source", to: "check" },
        { from: "check", to: "notify", conditional: { type: "if", ref: "!ref($.output.result)" } },
        { from: "check", to: "toc", conditional: { type: "else", ref: "!ref($.output.result)" } },
        { from: "notify", to: "log", conditional: { type: "match", ref: "!ref($.output.status)", value: 200 } },
      ],
    })!;
    expect(report.source).toBe("workflow-kit");
    expect(document.nodes.find((n) => n.id === "trigger")).toMatchObject({ type: "trigger.event", config: { events: ["blog.updated"] } });
    expect(document.nodes.find((n) => n.id === "check")).toMatchObject({ type: "flow.if", config: { condition: '(trigger.data.status = "draft") and (trigger.data.words > 100)' } });
    expect(document.nodes.find((n) => n.id === "notify")).toMatchObject({ type: "action.http", config: { method: "POST", body: { title: "{{ trigger.data.title }}", words: "Words: {{ trigger.data.words }}" } } });
    expect(document.nodes.find((n) => n.id === "log")).toMatchObject({ config: { changes: [{ value: "{{ steps.notify.status }}" }] } });
    const gate = document.nodes.find((n) => n.type === "flow.if" && n.id !== "check")!;
    expect(gate.config.condition).toBe("steps.notify.status = 200");
    expect(document.edges.map((e) => `${e.source}:${e.sourceHandle ?? ""}->${e.target}`)).toEqual(["trigger:->check", "check:true->notify", `notify:->${gate.id}`, `${gate.id}:true->log`]);
    expect(report.unsupported).toEqual([{ name: "Add table of contents", type: "add_toc", reason: expect.stringContaining("no Switchboard node") }]);
    const parsed = workflowDocumentSchema.safeParse(document);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  });

  it("is not mistaken for anything else", () => {
    expect(convertForeignWorkflow({ version: 1, name: "x", nodes: [{ id: "a", type: "trigger.manual" }], edges: [] })).toBeNull();
  });
});

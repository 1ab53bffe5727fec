import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";
import { chain, createWorkflow, graph, startManualRun, step, waitForRun } from "../support/workflows";

const ORDERS = [
  { id: "A1", status: "paid", country: "FR", total: 120 },
  { id: "A2", status: "open", country: "FR", total: 80 },
  { id: "A3", status: "paid", country: "DE", total: 30.5 },
  { id: "A4", status: "paid", country: "FR", total: 10 },
];

describe.each(DATABASES)("transform nodes on %s", (kind) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(kind);
  });

  afterAll(async () => {
    await server?.stop();
  });

  it("runs every transform node type in one workflow, each as a step with its output in history", async () => {
    const { id } = await createWorkflow(
      server,
      chain("All transforms", [
        { id: "start", type: "trigger.manual", config: {} },
        { id: "paid", type: "transform.filter", config: { items: "trigger.orders", condition: 'status = "paid"' } },
        {
          id: "totals",
          type: "transform.aggregate",
          config: { items: "input", groupBy: ["country"], calculations: [{ op: "count" }, { op: "sum", field: "total", as: "revenue" }] },
        },
        {
          id: "code",
          type: "transform.code",
          config: { code: 'console.log("groups:", input.length);\nconst top = [...input].sort((a, b) => b.revenue - a.revenue)[0];\nreturn { top: top.country, steps: Object.keys(steps).sort(), env: typeof process };' },
        },
        {
          id: "edit",
          type: "transform.set",
          config: {
            from: "trigger.customer",
            changes: [
              { op: "set", field: "topCountry", value: "{{ steps.code.result.top }}" },
              { op: "rename", field: "email", to: "contact.email" },
              { op: "remove", field: "internal" },
            ],
          },
        },
        { id: "check", type: "transform.validate", config: { data: "input", schema: { type: "object", required: ["contact"], properties: { contact: { type: "object", required: ["email"], properties: { email: { type: "string", format: "email" } } } } } } },
        { id: "masked", type: "transform.mask", config: { data: "input", rules: [{ path: "card.number", action: "partial", keepLast: 4 }, { path: "**.email", action: "redact" }] } },
        { id: "tocsv", type: "transform.csv", config: { direction: "json-to-csv", data: "steps.paid", columns: ["id", "total"] } },
        { id: "fromcsv", type: "transform.csv", config: { direction: "csv-to-json", data: "input", parseValues: true } },
        { id: "toxml", type: "transform.xml", config: { direction: "json-to-xml", data: '{ "orders": { "order": steps.paid.{ "@id": id, "total": total } } }', pretty: false, declaration: false } },
        { id: "fromxml", type: "transform.xml", config: { direction: "xml-to-json", data: "input", alwaysList: ["order"] } },
        { id: "date", type: "transform.datetime", config: { value: "{{ trigger.placedAt }}", shift: "+1 day", outputFormat: "yyyy-MM-dd HH:mm ZZ", timeZone: "Europe/Paris" } },
      ]),
    );
    const run = await waitForRun(
      server,
      await startManualRun(server, id, {
        orders: ORDERS,
        customer: { name: "Ada", email: "ada@example.com", internal: "x", card: { number: "4242424242424242" } },
        placedAt: "2024-03-30T10:00:00Z",
      }),
    );
    expect(run.error).toBeNull();
    expect(run.status).toBe("completed");
    expect(step(run, "paid").output).toEqual([ORDERS[0], ORDERS[2], ORDERS[3]]);
    expect(step(run, "totals").output).toEqual([
      { country: "FR", count: 2, revenue: 130 },
      { country: "DE", count: 1, revenue: 30.5 },
    ]);
    expect(step(run, "code").output).toEqual({ result: { top: "FR", steps: ["paid", "start", "totals"], env: "undefined" }, logs: [{ level: "log", message: "groups: 2" }] });
    const edited = { name: "Ada", card: { number: "4242424242424242" }, topCountry: "FR", contact: { email: "ada@example.com" } };
    expect(step(run, "edit").output).toEqual(edited);
    expect(step(run, "check").output).toEqual(edited);
    expect(step(run, "masked").output).toEqual({ ...edited, card: { number: "************4242" }, contact: { email: "[REDACTED]" } });
    expect(step(run, "tocsv").output).toBe("id,total\r\nA1,120\r\nA3,30.5\r\nA4,10");
    expect(step(run, "fromcsv").output).toEqual([
      { id: "A1", total: 120 },
      { id: "A3", total: 30.5 },
      { id: "A4", total: 10 },
    ]);
    expect(step(run, "toxml").output).toBe('<orders><order id="A1"><total>120</total></order><order id="A3"><total>30.5</total></order><order id="A4"><total>10</total></order></orders>');
    expect(step(run, "fromxml").output).toEqual({ orders: { order: [{ "@id": "A1", total: "120" }, { "@id": "A3", total: "30.5" }, { "@id": "A4", total: "10" }] } });
    // 30 March 2024 11:00 in Paris (UTC+1); a day later daylight saving time has begun (UTC+2).
    expect(step(run, "date").output).toBe("2024-03-31 11:00 +02:00");
  });

  it("sends invalid data along the invalid output with the errors, and valid data along valid", async () => {
    const schema = { type: "object", required: ["email", "age"], properties: { email: { type: "string", format: "email" }, age: { type: "integer", minimum: 18 } } };
    const { id } = await createWorkflow(
      server,
      graph(
        "Validate branches",
        [
          { id: "start", type: "trigger.manual" },
          { id: "check", type: "transform.validate", config: { data: "trigger", schema } },
          { id: "accepted", type: "transform.map", config: { expression: "input.email" } },
          { id: "rejected", type: "transform.map", config: { expression: "input.errors" } },
        ],
        ["start->check", "check:valid->accepted", "check:invalid->rejected"],
      ),
    );
    const bad = await waitForRun(server, await startManualRun(server, id, { email: "not-an-email", age: 12 }));
    expect(bad.status).toBe("completed");
    const errors = [
      { path: "email", message: 'must match format "email"' },
      { path: "age", message: "must be >= 18" },
    ];
    // PostgreSQL's jsonb reorders keys (of the schema too), so the errors come in either order.
    const checked = step(bad, "check").output as { errors: unknown[]; data: unknown };
    expect(checked.data).toEqual({ email: "not-an-email", age: 12 });
    expect(checked.errors).toHaveLength(2);
    expect(checked.errors).toEqual(expect.arrayContaining(errors));
    expect(step(bad, "rejected").output).toEqual(checked.errors);
    expect(bad.steps.find((s) => s.nodeId === "accepted")?.status ?? "skipped").toBe("skipped");

    const good = await waitForRun(server, await startManualRun(server, id, { email: "ada@example.com", age: 36 }));
    expect(step(good, "accepted").output).toBe("ada@example.com");
    expect(good.steps.find((s) => s.nodeId === "rejected")?.status ?? "skipped").toBe("skipped");
  });

  it("stops an endless loop at the code's time limit and fails the step without retrying it", async () => {
    const { id } = await createWorkflow(
      server,
      chain("Endless", [
        { id: "start", type: "trigger.manual", config: {} },
        { id: "spin", type: "transform.code", config: { code: "let n = 0;\nwhile (true) { n++; }", timeoutMs: 300 }, settings: { retry: { maxAttempts: 3, initialDelayMs: 100 } } },
      ]),
    );
    const run = await waitForRun(server, await startManualRun(server, id));
    expect(run.status).toBe("failed");
    expect(run.error).toMatchObject({ nodeId: "spin", message: "The code ran longer than its time limit of 300 ms" });
    expect(step(run, "spin")).toMatchObject({ status: "failed", attempts: 1 });
  });

  it("reports an error in the code with its line and column, and keeps what it logged", async () => {
    const { id } = await createWorkflow(
      server,
      chain("Broken code", [
        { id: "start", type: "trigger.manual", config: {} },
        { id: "broken", type: "transform.code", config: { code: 'console.log("before");\nconst order = trigger.order;\nreturn order.total;' } },
      ]),
    );
    const run = await waitForRun(server, await startManualRun(server, id, {}));
    expect(run.status).toBe("failed");
    const broken = step(run, "broken");
    expect(broken.attempts).toBe(1);
    expect(broken.error).toMatchObject({
      message: "TypeError at line 3, column 13: cannot read property 'total' of undefined",
      line: 3,
      column: 13,
      logs: [{ level: "log", message: "before" }],
    });
  });
});

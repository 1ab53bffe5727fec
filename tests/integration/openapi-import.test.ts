import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiSummary, ReimportReport } from "@/lib/openapi/model";
import { signUp } from "../support/auth";
import { DATABASES } from "../support/databases";
import { json, startLocalApi, type LocalApi, type RecordedRequest } from "../support/local-api";
import { startTestServer, type TestServer } from "../support/server";
import { chain, createWorkflow, startManualRun, step, waitForRun } from "../support/workflows";

const SHOP_KEY = "shop-key-0123456789";

/** A hand-written OpenAPI 3.1 document of a small shop API (YAML, $refs, allOf, two auth schemes). */
const shopDocument = (withCancel = true) => `
openapi: 3.1.0
info: { title: Shop API, version: "${withCancel ? "1.0" : "1.1"}" }
servers: [{ url: https://shop.example/v1 }]
security: [{ key: [] }]
components:
  securitySchemes:
    key: { type: apiKey, in: header, name: X-Shop-Key }
    token: { type: http, scheme: bearer }
  schemas:
    Line: { type: object, required: [sku, quantity], properties: { sku: { type: string }, quantity: { type: integer } } }
    Order:
      allOf:
        - { type: object, properties: { id: { type: string } } }
        - $ref: "#/components/schemas/NewOrder"
    NewOrder:
      type: object
      required: [email, lines]
      properties:
        email: { type: string, format: email }
        gift: { type: boolean }
        total: { type: number }
        lines: { type: array, items: { $ref: "#/components/schemas/Line" } }
paths:
  /orders:
    post:
      operationId: createOrder
      summary: Create an order
      tags: [Orders]
      parameters: [{ name: Idempotency-Key, in: header, schema: { type: string } }, { name: notify, in: query, schema: { type: boolean } }]
      requestBody: { required: true, content: { application/json: { schema: { $ref: "#/components/schemas/NewOrder" } } } }
      responses: { "201": { description: created, content: { application/json: { schema: { $ref: "#/components/schemas/Order" } } } } }
${
  withCancel
    ? `  /orders/{orderId}/cancel:
    post:
      operationId: cancelOrder
      summary: Cancel an order
      tags: [Orders]
      parameters: [{ name: orderId, in: path, required: true, schema: { type: string } }]
      responses: { "200": { description: cancelled } }`
    : ""
}
  /status:
    get:
      operationId: status
      summary: Service status
      security: []
      responses: { "200": { description: ok } }
`;

describe.each(DATABASES)("APIs imported from OpenAPI documents on %s", (kind) => {
  let server: TestServer;
  let api: LocalApi;
  let shop: ApiSummary;
  let connectionId: string;
  const received: RecordedRequest[] = [];

  beforeAll(async () => {
    api = await startLocalApi();
    api.setHandler("/shop/orders", (req, res) => {
      received.push(req);
      if (req.headers["x-shop-key"] !== SHOP_KEY) return json(res, 401, { message: "bad key" });
      json(res, 201, { id: "ord_1", ...(JSON.parse(req.body) as object) });
    });
    api.setHandler("/shop/status", (req, res) => {
      received.push(req);
      json(res, 200, { ok: true });
    });
    server = await startTestServer(kind);
    connectionId = (await server.api<{ id: string }>("/api/connections", { body: { name: "Shop key", type: "apiKey", config: { in: "header", name: "X-Shop-Key" }, secrets: { key: SHOP_KEY } } })).body.id;
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await api?.close();
  });

  it("imports a YAML document: the API, its auth and its operations", async () => {
    const created = await server.api<ApiSummary>("/api/apis", { body: { document: shopDocument(), name: "Shop", baseUrl: `${api.url}/shop` } });
    expect(created.status).toBe(201);
    shop = created.body;
    expect(shop).toMatchObject({ name: "Shop", title: "Shop API", version: "1.0", format: "OpenAPI 3.1.0", baseUrl: `${api.url}/shop`, servers: ["https://shop.example/v1"] });
    expect(shop.auth.map((a) => [a.scheme, a.type])).toEqual([
      ["key", "apiKey"],
      ["token", "bearer"],
    ]);
    expect(shop.operations.map((o) => o.key).sort()).toEqual(["cancelOrder", "createOrder", "status"]);
    const listed = await server.api<{ apis: ApiSummary[] }>("/api/apis");
    expect(listed.body.apis.map((a) => a.id)).toEqual([shop.id]);
    const detail = await server.api<{ operation: { body: { schema: { required: string[] } } } }>(`/api/apis/${shop.id}/operation?key=createOrder`);
    expect(detail.body.operation.body.schema.required).toEqual(["email", "lines"]);
  });

  it("refuses what cannot be imported with a 400 naming the field, and stores nothing", async () => {
    const notOpenApi = await server.api<{ error: string; issues: { path: string; message: string }[] }>("/api/apis", { body: { document: "title: not an API" } });
    expect(notOpenApi.status).toBe(400);
    expect(notOpenApi.body.issues[0]).toMatchObject({ path: "document", message: expect.stringContaining("not an OpenAPI 3.0/3.1 or Swagger 2.0 document") });
    const badUrl = await server.api<{ issues: { path: string }[] }>("/api/apis", { body: { document: shopDocument(), baseUrl: "ftp://shop" } });
    expect(badUrl.status).toBe(400);
    expect(badUrl.body.issues[0].path).toBe("baseUrl");
    const renamed = await server.api<{ issues: { path: string }[] }>(`/api/apis/${shop.id}`, { method: "PATCH", body: { name: "" } });
    expect(renamed.status).toBe(400);
    expect(renamed.body.issues[0].path).toBe("name");
    expect((await server.api<{ apis: ApiSummary[] }>("/api/apis")).body.apis).toHaveLength(1);
  });

  it("runs an imported operation end to end: auth from the connection, values from expressions, types from the schema", async () => {
    const workflow = await createWorkflow(
      server,
      chain("Order from the shop API", [
        { id: "start", type: "trigger.manual", config: {} },
        {
          id: "order",
          type: "api.operation",
          config: {
            api: shop.id,
            operation: "createOrder",
            connectionId,
            parameters: { "Idempotency-Key": "{{ trigger.ref }}", notify: "true" },
            body: { email: "{{ trigger.email }}", gift: "false", total: "{{ trigger.total }}", lines: '[{"sku": "A-1", "quantity": 2}]' },
          },
        },
      ]),
    );
    const run = await waitForRun(server, await startManualRun(server, workflow.id, { ref: "r-42", email: "ann@example.com", total: "12.5" }));
    expect(run.status).toBe("completed");
    const request = received.at(-1)!;
    expect(request).toMatchObject({ method: "POST", path: "/shop/orders" });
    expect(new URL(request.url, "http://x").searchParams.get("notify")).toBe("true");
    expect(request.headers).toMatchObject({ "x-shop-key": SHOP_KEY, "idempotency-key": "r-42", "content-type": expect.stringContaining("application/json") });
    expect(JSON.parse(request.body)).toEqual({ email: "ann@example.com", gift: false, total: 12.5, lines: [{ sku: "A-1", quantity: 2 }] });
    expect(step(run, "order")?.output).toMatchObject({ id: "ord_1", email: "ann@example.com" });
    expect(JSON.stringify(run)).not.toContain(SHOP_KEY);
  });

  it("fails without retrying when a required value or the connection is missing", async () => {
    const workflow = await createWorkflow(
      server,
      chain("Order without a key", [
        { id: "start", type: "trigger.manual", config: {} },
        { id: "order", type: "api.operation", config: { api: shop.id, operation: "createOrder", body: { email: "a@b.c" } } },
      ]),
    );
    const run = await waitForRun(server, await startManualRun(server, workflow.id));
    expect(run.status).toBe("failed");
    expect(step(run, "order")?.error?.message).toContain("“Create an order” needs authentication (key); choose a connection");

    const publicCall = await createWorkflow(
      server,
      chain("Status", [
        { id: "start", type: "trigger.manual", config: {} },
        { id: "status", type: "api.operation", config: { api: shop.id, operation: "status" } },
      ]),
    );
    expect((await waitForRun(server, await startManualRun(server, publicCall.id))).status).toBe("completed");
    expect(received.at(-1)?.headers["x-shop-key"]).toBeUndefined();
  });

  it("re-imports a new version: operations replaced, removed ones reported on the nodes that use them", async () => {
    const cancelling = await createWorkflow(
      server,
      chain("Cancel orders", [
        { id: "start", type: "trigger.manual", config: {} },
        { id: "cancel", type: "api.operation", config: { api: shop.id, operation: "cancelOrder", connectionId, parameters: { orderId: "ord_1" } } },
      ]),
    );
    const updated = await server.api<{ api: ApiSummary; report: ReimportReport }>(`/api/apis/${shop.id}`, { method: "PUT", body: { document: shopDocument(false) } });
    expect(updated.status).toBe(200);
    expect(updated.body.api).toMatchObject({ version: "1.1", baseUrl: `${api.url}/shop` });
    expect(updated.body.report).toEqual({ added: 0, changed: 0, removed: ["cancelOrder"], affected: [{ workflowId: cancelling.id, workflowName: "Cancel orders", nodeId: "cancel", operation: "cancelOrder" }] });
    const gone = await server.api(`/api/apis/${shop.id}/operation?key=cancelOrder`);
    expect(gone.status).toBe(404);
    const run = await waitForRun(server, await startManualRun(server, cancelling.id));
    expect(run.status).toBe("failed");
    expect(step(run, "cancel")?.error?.message).toMatch(/Shop no longer has the operation “cancelOrder” \(removed by the import of \d{4}-\d{2}-\d{2}\)/);
    expect(step(run, "cancel")?.attempts).toBe(1);
  });

  it("keeps each workspace's APIs to itself", async () => {
    const stranger = await signUp(server.url, { email: `apis-stranger-${kind}@example.com`, password: "stranger-password", origin: server.url });
    const listed = await server.api<{ apis: ApiSummary[] }>("/api/apis", { apiKey: null, headers: { cookie: stranger } });
    expect(listed.body.apis).toEqual([]);
    expect((await server.api(`/api/apis/${shop.id}`, { apiKey: null, headers: { cookie: stranger } })).status).toBe(404);
    expect((await server.api(`/api/apis/${shop.id}`, { method: "DELETE", apiKey: null, headers: { cookie: stranger, origin: server.url } })).status).toBe(404);
  });

  it("imports GitHub's document (@octokit/openapi, over a thousand operations) as a raw JSON body", async () => {
    const text = readFileSync(createRequire(import.meta.url).resolve("@octokit/openapi/generated/api.github.com.json"), "utf8");
    const response = await fetch(`${server.url}/api/apis?name=GitHub`, { method: "POST", headers: { ...server.authHeaders, "content-type": "application/json" }, body: text });
    expect(response.status).toBe(201);
    const github = (await response.json()) as ApiSummary;
    expect(github).toMatchObject({ name: "GitHub", baseUrl: "https://api.github.com" });
    expect(github.operations.length).toBeGreaterThan(1000);
    const create = await server.api<{ operation: { path: string; parameters: { name: string }[] } }>(`/api/apis/${github.id}/operation?key=${encodeURIComponent("issues/create")}`);
    expect(create.body.operation).toMatchObject({ path: "/repos/{owner}/{repo}/issues", parameters: [{ name: "owner" }, { name: "repo" }] });
    expect((await server.api(`/api/apis/${github.id}`, { method: "DELETE" })).status).toBe(204);
  }, 120_000);

  it("follows a list operation's pages with All pages: the cursor the answer names goes back in the query, up to the items asked for", async () => {
    const customers = Array.from({ length: 7 }, (_, i) => ({ id: `cus_${i + 1}` }));
    const pages: string[] = [];
    api.setHandler("/crm/customers", (req, res) => {
      const query = new URL(req.url, "http://x").searchParams;
      pages.push(query.toString());
      const start = Number(query.get("cursor") ?? 0);
      const end = start + Number(query.get("limit"));
      json(res, 200, { data: customers.slice(start, end), meta: { next_cursor: end < customers.length ? String(end) : null } });
    });
    const document = JSON.stringify({
      openapi: "3.0.3",
      info: { title: "CRM", version: "1" },
      paths: {
        "/customers": {
          get: {
            operationId: "listCustomers",
            security: [],
            parameters: [{ name: "limit", in: "query", schema: { type: "integer" } }, { name: "cursor", in: "query", schema: { type: "string" } }],
            responses: { "200": { description: "ok", content: { "application/json": { schema: { type: "object", properties: { data: { type: "array", items: { type: "object", properties: { id: { type: "string" } } } }, meta: { type: "object", properties: { next_cursor: { type: "string", nullable: true } } } } } } } } },
          },
        },
      },
    });
    const crm = (await server.api<ApiSummary>("/api/apis", { body: { document, baseUrl: `${api.url}/crm` } })).body;
    const listing = (allPages: boolean, maxItems?: number) =>
      createWorkflow(server, chain(`Customers ${allPages} ${maxItems}`, [
        { id: "start", type: "trigger.manual", config: {} },
        { id: "list", type: "api.operation", config: { api: crm.id, operation: "listCustomers", parameters: { limit: "3" }, allPages, ...(maxItems ? { maxItems } : {}) } },
      ]));

    const all = await waitForRun(server, await startManualRun(server, (await listing(true)).id));
    expect(all.status).toBe("completed");
    expect(step(all, "list")?.output).toEqual(customers);
    expect(pages).toEqual(["limit=3", "limit=3&cursor=3", "limit=3&cursor=6"]);

    pages.length = 0;
    const some = await waitForRun(server, await startManualRun(server, (await listing(true, 4)).id));
    expect(step(some, "list")?.output).toEqual(customers.slice(0, 4));
    expect(pages).toEqual(["limit=3", "limit=3&cursor=3"]);

    pages.length = 0;
    const one = await waitForRun(server, await startManualRun(server, (await listing(false)).id));
    expect(step(one, "list")?.output).toEqual({ data: customers.slice(0, 3), meta: { next_cursor: "3" } });
    expect(pages).toEqual(["limit=3"]);
    expect((await server.api(`/api/apis/${crm.id}`, { method: "DELETE" })).status).toBe(204);
  });
});

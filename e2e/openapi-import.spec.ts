import { expect, test } from "@playwright/test";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { saveScreenshot } from "./support/artifacts";
import { canvasNode } from "./support/canvas";
import { publishAndRun } from "./support/editor";

const KEY = "shop-e2e-key-0123456789";

/** A local shop API: creates orders for requests that carry the key, as its OpenAPI document below says. */
let api: http.Server;
let apiUrl: string;
const orders: { headers: http.IncomingHttpHeaders; body: unknown }[] = [];

test.beforeAll(async () => {
  api = http.createServer((request, response) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (body += chunk));
    request.on("end", () => {
      response.setHeader("content-type", "application/json");
      if (request.headers["x-shop-key"] !== KEY) return response.writeHead(401).end(JSON.stringify({ message: "bad key" }));
      if (request.method === "GET") return response.writeHead(200).end(JSON.stringify({ id: request.url?.split("/").pop(), status: "paid" }));
      orders.push({ headers: request.headers, body: JSON.parse(body) as unknown });
      response.writeHead(201).end(JSON.stringify({ id: "ord_1", ...(JSON.parse(body) as object) }));
    });
  });
  await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", resolve));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
});
test.afterAll(() => new Promise<void>((resolve) => api.close(() => resolve())));

const shopDocument = () => `openapi: 3.1.0
info: { title: Shop API, version: "1.0" }
servers: [{ url: "${apiUrl}/v1" }]
security: [{ key: [] }]
components:
  securitySchemes:
    key: { type: apiKey, in: header, name: X-Shop-Key }
  schemas:
    NewOrder:
      type: object
      required: [email]
      properties:
        email: { type: string, description: Who ordered }
        gift: { type: boolean }
        lines: { type: array, items: { type: object, properties: { sku: { type: string } } } }
paths:
  /orders:
    post:
      operationId: createOrder
      summary: Create an order
      tags: [Orders]
      requestBody: { required: true, content: { application/json: { schema: { $ref: "#/components/schemas/NewOrder" } } } }
      responses: { "201": { description: created, content: { application/json: { schema: { type: object, properties: { id: { type: string }, status: { type: string } } } } } } }
  /orders/{orderId}:
    get:
      operationId: getOrder
      summary: Get an order
      tags: [Orders]
      parameters: [{ name: orderId, in: path, required: true, schema: { type: string } }]
      responses: { "200": { description: ok } }
`;

test("an API is imported from its OpenAPI document, one of its operations is added from the palette, and the workflow runs it", async ({ page, request }) => {
  const apiName = `Shop ${Date.now()}`;
  await page.goto("/connections");
  await page.getByRole("button", { name: "Import API" }).click();
  const dialog = page.getByRole("dialog", { name: "Import an API" });
  await dialog.getByLabel("Name").fill(apiName);
  await dialog.getByLabel("Document", { exact: true }).fill("openapi: 4.0.0\npaths: {}");
  await dialog.getByRole("button", { name: "Import", exact: true }).click();
  await expect(dialog.getByRole("alert")).toContainText("not an OpenAPI 3.0/3.1 or Swagger 2.0 document (openapi 4.0.0)");
  await dialog.getByLabel("Document", { exact: true }).fill(shopDocument());
  await dialog.getByRole("button", { name: "Import", exact: true }).click();
  await expect(dialog).toHaveCount(0);
  const row = page.locator(`[data-api="${apiName}"]`);
  await expect(row).toContainText("2 operations · OpenAPI 3.1.0 · version 1.0");
  await expect(row).toContainText(`${apiUrl}/v1`);
  await saveScreenshot(page, "openapi-imported");

  const connection = await request.post("/api/connections", { data: { name: `Shop key ${Date.now()}`, type: "apiKey", config: { in: "header", name: "X-Shop-Key" }, secrets: { key: KEY } } });
  const connectionName = ((await connection.json()) as { name: string }).name;
  const created = await request.post("/api/workflows", { data: { version: 1, name: `Orders ${Date.now()}`, nodes: [{ id: "start", type: "trigger.manual", position: { x: 80, y: 160 }, config: {} }], edges: [] } });
  const { id } = (await created.json()) as { id: string };
  await page.goto(`/workflows/${id}`);

  // The API's operations are in the palette under its name, grouped by tag and found by search.
  await canvasNode(page, "start").click();
  const palette = page.getByRole("complementary", { name: "Nodes" });
  const section = palette.getByRole("region", { name: apiName });
  await section.locator("summary", { hasText: "Orders" }).click();
  await expect(section.getByRole("button", { name: /^Get an order/ })).toBeVisible();
  await palette.getByRole("searchbox", { name: "Search nodes" }).fill("create an order");
  await section.getByRole("button", { name: /^Create an order/ }).click();
  await expect(canvasNode(page, "create_order_1")).toContainText("Create an order");
  await expect(page.locator(".react-flow__edge")).toHaveCount(1);

  // The form comes from the operation: its connection (New connection filled from the document's security scheme) and its body's fields.
  const inspector = page.getByRole("complementary", { name: "Node settings" });
  await expect(inspector).toContainText("POST /orders");
  const newConnection = inspector.getByRole("link", { name: "New connection" });
  await expect(newConnection).toHaveAttribute("href", /\/connections\?new=api%3Aapi_/);
  const [tab] = await Promise.all([page.waitForEvent("popup"), newConnection.click()]);
  const connectionDialog = tab.getByRole("dialog", { name: "New connection" });
  await expect(connectionDialog.getByRole("radio", { name: "API key" })).toHaveAttribute("aria-checked", "true");
  await expect(connectionDialog.getByRole("textbox", { name: "Header or parameter name" })).toHaveValue("X-Shop-Key");
  await tab.close();

  await inspector.getByRole("combobox", { name: "Connection" }).click();
  await page.getByRole("option", { name: connectionName }).click();
  await expect(inspector.getByText("Required")).toBeVisible();
  await inspector.getByRole("textbox", { name: "email" }).fill("ann@example.com");
  await inspector.getByRole("textbox", { name: "lines" }).fill('[{"sku": "A-1"}]');
  await expect(inspector.getByText("Required")).toHaveCount(0);
  await saveScreenshot(page, "openapi-operation-node");

  // A second operation after it: its path parameter is offered the first one's output fields, read from the response schema before anything has run.
  await palette.getByRole("searchbox", { name: "Search nodes" }).fill("get an order");
  await section.getByRole("button", { name: /^Get an order/ }).click();
  await expect(canvasNode(page, "get_order_1")).toContainText("Get an order");
  await expect(page.locator(".react-flow__edge")).toHaveCount(2);
  await inspector.getByRole("combobox", { name: "Connection" }).click();
  await page.getByRole("option", { name: connectionName }).click();
  const orderId = inspector.getByRole("textbox", { name: "orderId" });
  await orderId.click();
  await orderId.pressSequentially("{{ steps.create_order_1.");
  const suggestions = inspector.getByRole("listbox", { name: "Data you can insert" });
  await expect(suggestions.getByRole("option")).toHaveText([/^id/, /^status/]);
  await suggestions.getByRole("option", { name: /^id/ }).click();
  await orderId.pressSequentially(" }}");
  await expect(orderId).toHaveValue("{{ steps.create_order_1.id }}");
  await saveScreenshot(page, "openapi-autocomplete");

  const runId = await publishAndRun(page, request);
  const run = (await (await request.get(`/api/runs/${runId}`)).json()) as { steps: { nodeId: string; output: unknown }[] };
  expect(run.steps.find((s) => s.nodeId === "get_order_1")?.output).toEqual({ id: "ord_1", status: "paid" });
  expect(orders).toEqual([{ headers: expect.objectContaining({ "x-shop-key": KEY }), body: { email: "ann@example.com", lines: [{ sku: "A-1" }] } }]);
});
